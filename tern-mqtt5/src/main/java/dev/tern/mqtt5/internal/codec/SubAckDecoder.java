package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.MqttPacket;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubAckReasonCode;

import java.util.ArrayList;
import java.util.List;

import static dev.tern.mqtt5.internal.codec.Properties.REASON_STRING;
import static dev.tern.mqtt5.internal.codec.Properties.USER_PROPERTY;

/**
 * SUBACK and UNSUBACK (sections 3.9 and 3.11): packet identifier, properties, then one reason code per
 * topic filter of the request — at least one.
 */
final class SubAckDecoder {

    private SubAckDecoder() {
    }

    static IdentifiedPacket<? extends MqttPacket> decode(PacketType type, PacketReader r,
            boolean problemInformationRequested) throws DecodeException {
        String packet = type.name();
        boolean suback = type == PacketType.SUBACK;
        int packetId = r.readPacketId(packet);
        SubAckPacket.Builder sub = suback ? SubAckPacket.builder() : null;
        UnsubAckPacket.Builder unsub = suback ? null : UnsubAckPacket.builder();
        int outer = r.enterProperties(packet);
        long seen = 0;
        boolean problemInformation = false;
        while (r.hasRemaining()) {
            int id = r.readPropertyId(packet);
            if (id == REASON_STRING) {
                seen = PacketReader.once(seen, id, packet);
                String reason = r.readString("Reason String");
                if (suback) {
                    sub.reasonString(reason);
                } else {
                    unsub.reasonString(reason);
                }
                problemInformation = true;
            } else if (id == USER_PROPERTY) {
                String name = r.readString("User Property name");
                String value = r.readString("User Property value");
                if (suback) {
                    sub.userProperty(name, value);
                } else {
                    unsub.userProperty(name, value);
                }
                problemInformation = true;
            } else {
                throw PacketReader.notAllowed(id, packet);
            }
        }
        r.restoreLimit(outer);
        if (problemInformation && !problemInformationRequested) {
            throw DecodeException.protocolError(packet + " carries a Reason String or User Properties although"
                    + " the client sent Request Problem Information 0 [MQTT-3.1.2-29]");
        }
        if (!r.hasRemaining()) {
            throw DecodeException.protocolError(packet + " must contain at least one reason code");
        }
        if (suback) {
            List<SubAckReasonCode> codes = new ArrayList<>(r.remaining());
            while (r.hasRemaining()) {
                int code = r.readUnsignedByte("SUBACK reason code");
                SubAckReasonCode reason = SubAckReasonCode.fromCode(code);
                if (reason == null) {
                    throw DecodeException.malformed("0x" + Integer.toHexString(code) + " is not a SUBACK reason code");
                }
                codes.add(reason);
            }
            return new IdentifiedPacket<>(packetId, sub.reasonCodes(codes).build());
        }
        List<UnsubAckReasonCode> codes = new ArrayList<>(r.remaining());
        while (r.hasRemaining()) {
            int code = r.readUnsignedByte("UNSUBACK reason code");
            UnsubAckReasonCode reason = UnsubAckReasonCode.fromCode(code);
            if (reason == null) {
                throw DecodeException.malformed("0x" + Integer.toHexString(code) + " is not an UNSUBACK reason code");
            }
            codes.add(reason);
        }
        return new IdentifiedPacket<>(packetId, unsub.reasonCodes(codes).build());
    }
}
