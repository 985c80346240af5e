package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PubCompPacket;
import dev.tern.mqtt5.packets.PubRecPacket;
import dev.tern.mqtt5.packets.QoS;

/**
 * How a publish ended. QoS 0: written to the socket, no packet. QoS 1: the PUBACK. QoS 2: the PUBREC
 * and, unless the PUBREC reported an error, the PUBCOMP.
 *
 * <p>A reason code of 0x80 or above from the server does not fail the future: the packet is here, and
 * {@link #isSuccess()} tells. Futures fail only when no acknowledgement arrived (see {@link ErrorKind}).
 */
public final class PublishResult {

    private final QoS qos;
    private final PubAckPacket pubAck;
    private final PubRecPacket pubRec;
    private final PubCompPacket pubComp;

    private PublishResult(QoS qos, PubAckPacket pubAck, PubRecPacket pubRec, PubCompPacket pubComp) {
        this.qos = qos;
        this.pubAck = pubAck;
        this.pubRec = pubRec;
        this.pubComp = pubComp;
    }

    private static final PublishResult QOS0 = new PublishResult(QoS.AT_MOST_ONCE, null, null, null);
    private static final PubAckPacket PUBACK_SUCCESS = PubAckPacket.of(PubAckReasonCode.SUCCESS);
    private static final PublishResult QOS1_SUCCESS = new PublishResult(QoS.AT_LEAST_ONCE, PUBACK_SUCCESS, null, null);

    /** {@return the result of a QoS 0 publish, which has no acknowledgement; always a success} */
    public static PublishResult qos0() {
        return QOS0;
    }

    /**
     * Creates the result of a QoS 1 publish. The client creates these; the factory is public for tests.
     *
     * @param pubAck the server's PUBACK
     * @return the result
     */
    public static PublishResult qos1(PubAckPacket pubAck) {
        if (pubAck == PUBACK_SUCCESS) {
            return QOS1_SUCCESS; // nearly every QoS 1 publish: no allocation
        }
        return new PublishResult(QoS.AT_LEAST_ONCE, pubAck, null, null);
    }

    /**
     * Creates the result of a QoS 2 publish. The client creates these; the factory is public for tests.
     *
     * @param pubRec the server's PUBREC
     * @param pubComp the server's PUBCOMP, or null when the PUBREC failed or the session ended after it
     * @return the result
     */
    public static PublishResult qos2(PubRecPacket pubRec, PubCompPacket pubComp) {
        return new PublishResult(QoS.EXACTLY_ONCE, null, pubRec, pubComp);
    }

    /** {@return the QoS the message was published with, which tells which acknowledgements to expect} */
    public QoS qos() {
        return qos;
    }

    /** {@return the PUBACK of a QoS 1 publish; null for QoS 0 and 2} */
    public PubAckPacket pubAck() {
        return pubAck;
    }

    /** {@return the PUBREC of a QoS 2 publish; null for QoS 0 and 1} */
    public PubRecPacket pubRec() {
        return pubRec;
    }

    /**
     * {@return the PUBCOMP of a QoS 2 publish, or null} Also null when the PUBREC failed, and when the
     * session ended after a successful PUBREC (the server had already taken responsibility for the message).
     */
    public PubCompPacket pubComp() {
        return pubComp;
    }

    /**
     * Tells whether the server accepted the message.
     *
     * @return true if no acknowledgement carried a reason code of 0x80 or above; always true for QoS 0
     */
    public boolean isSuccess() {
        if (pubAck != null && pubAck.reasonCode().isError()) {
            return false;
        }
        if (pubRec != null && pubRec.reasonCode().isError()) {
            return false;
        }
        return pubComp == null || !pubComp.reasonCode().isError();
    }

    @Override
    public String toString() {
        return "PublishResult{qos=" + qos + (pubAck != null ? ", " + pubAck : "") + (pubRec != null ? ", " + pubRec : "")
                + (pubComp != null ? ", " + pubComp : "") + "}";
    }
}
