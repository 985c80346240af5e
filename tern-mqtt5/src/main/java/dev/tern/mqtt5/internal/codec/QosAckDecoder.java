package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.MqttPacket;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PubCompPacket;
import dev.tern.mqtt5.packets.PubCompReasonCode;
import dev.tern.mqtt5.packets.PubRecPacket;
import dev.tern.mqtt5.packets.PubRecReasonCode;
import dev.tern.mqtt5.packets.PubRelPacket;
import dev.tern.mqtt5.packets.PubRelReasonCode;
import dev.tern.mqtt5.packets.UserProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.tern.mqtt5.internal.codec.Properties.REASON_STRING;
import static dev.tern.mqtt5.internal.codec.Properties.USER_PROPERTY;

/**
 * PUBACK, PUBREC, PUBREL and PUBCOMP (sections 3.4 to 3.7): a packet identifier, then optionally a
 * reason code, then optionally properties. Remaining Length 2 means Success with no properties; 3
 * means a reason code with no properties.
 */
final class QosAckDecoder {

    private static final PubAckPacket PUBACK_SUCCESS = PubAckPacket.of(PubAckReasonCode.SUCCESS);
    private static final PubRecPacket PUBREC_SUCCESS = PubRecPacket.of(PubRecReasonCode.SUCCESS);
    private static final PubRelPacket PUBREL_SUCCESS = PubRelPacket.of(PubRelReasonCode.SUCCESS);
    private static final PubCompPacket PUBCOMP_SUCCESS = PubCompPacket.of(PubCompReasonCode.SUCCESS);

    private QosAckDecoder() {
    }

    static IdentifiedPacket<? extends MqttPacket> decode(PacketType type, PacketReader r,
            boolean problemInformationRequested) throws DecodeException {
        String packet = type.name();
        int packetId = r.readPacketId(packet);
        if (!r.hasRemaining()) {
            return new IdentifiedPacket<>(packetId, success(type));
        }
        int code = r.readUnsignedByte(packet, " reason code");
        String reasonString = null;
        List<UserProperty> userProperties = Collections.emptyList();
        if (r.hasRemaining()) {
            int outer = r.enterProperties(packet);
            long seen = 0;
            while (r.hasRemaining()) {
                int id = r.readPropertyId(packet);
                if (id == REASON_STRING) {
                    seen = PacketReader.once(seen, id, packet);
                    reasonString = r.readString("Reason String");
                } else if (id == USER_PROPERTY) {
                    if (userProperties.isEmpty()) {
                        userProperties = new ArrayList<>(2);
                    }
                    userProperties.add(UserProperty.of(
                            r.readString("User Property name"), r.readString("User Property value")));
                } else {
                    throw PacketReader.notAllowed(id, packet);
                }
            }
            r.restoreLimit(outer);
            if (r.hasRemaining()) {
                throw DecodeException.malformed(packet + " has " + r.remaining() + " bytes after its properties");
            }
            if (!problemInformationRequested && (reasonString != null || !userProperties.isEmpty())) {
                throw DecodeException.protocolError(packet + " carries a Reason String or User Properties although"
                        + " the client sent Request Problem Information 0 [MQTT-3.1.2-29]");
            }
        }
        return new IdentifiedPacket<>(packetId, build(type, code, reasonString, userProperties));
    }

    private static MqttPacket success(PacketType type) {
        switch (type) {
            case PUBACK:
                return PUBACK_SUCCESS;
            case PUBREC:
                return PUBREC_SUCCESS;
            case PUBREL:
                return PUBREL_SUCCESS;
            default:
                return PUBCOMP_SUCCESS;
        }
    }

    private static MqttPacket build(PacketType type, int code, String reasonString, List<UserProperty> props)
            throws DecodeException {
        switch (type) {
            case PUBACK: {
                PubAckReasonCode reason = PubAckReasonCode.fromCode(code);
                check(reason, code, type);
                return PubAckPacket.builder().reasonCode(reason).reasonString(reasonString).userProperties(props).build();
            }
            case PUBREC: {
                PubRecReasonCode reason = PubRecReasonCode.fromCode(code);
                check(reason, code, type);
                return PubRecPacket.builder().reasonCode(reason).reasonString(reasonString).userProperties(props).build();
            }
            case PUBREL: {
                PubRelReasonCode reason = PubRelReasonCode.fromCode(code);
                check(reason, code, type);
                return PubRelPacket.builder().reasonCode(reason).reasonString(reasonString).userProperties(props).build();
            }
            default: {
                PubCompReasonCode reason = PubCompReasonCode.fromCode(code);
                check(reason, code, type);
                return PubCompPacket.builder().reasonCode(reason).reasonString(reasonString).userProperties(props)
                        .build();
            }
        }
    }

    private static void check(Object reason, int code, PacketType type) throws DecodeException {
        if (reason == null) {
            throw DecodeException.malformed("0x" + Integer.toHexString(code) + " is not a " + type + " reason code");
        }
    }
}
