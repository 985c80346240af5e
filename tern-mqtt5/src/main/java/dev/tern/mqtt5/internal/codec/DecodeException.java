package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.DisconnectReasonCode;

/**
 * A received byte stream broke a rule of MQTT 5.0. Carries the reason code of the DISCONNECT the
 * receiver must send before it closes the connection (section 4.13).
 *
 * <p>Checked on purpose, so that every decoder path declares it, and stackless, because a hostile peer
 * can make us create many of them and the message already says where the problem is.
 */
public final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DisconnectReasonCode reasonCode;
    private final boolean unexpected;

    public DecodeException(DisconnectReasonCode reasonCode, String message) {
        this(reasonCode, message, null, false);
    }

    private DecodeException(DisconnectReasonCode reasonCode, String message, Throwable cause, boolean unexpected) {
        super(message, cause, false, false);
        this.reasonCode = reasonCode;
        this.unexpected = unexpected;
    }

    /** Wraps a bug in the decoder itself, so that it still ends in a DISCONNECT and not in an escape. */
    static DecodeException unexpected(RuntimeException cause) {
        return new DecodeException(DisconnectReasonCode.MALFORMED_PACKET,
                "packet could not be decoded: " + cause, cause, true);
    }

    static DecodeException malformed(String message) {
        return new DecodeException(DisconnectReasonCode.MALFORMED_PACKET, message);
    }

    static DecodeException protocolError(String message) {
        return new DecodeException(DisconnectReasonCode.PROTOCOL_ERROR, message);
    }

    /** The reason code to send in the DISCONNECT. */
    public DisconnectReasonCode reasonCode() {
        return reasonCode;
    }

    /**
     * True if this wraps an unchecked exception thrown by the decoder's own code: a bug, never a
     * verdict on the input. Tests assert it never happens.
     */
    public boolean isUnexpected() {
        return unexpected;
    }
}
