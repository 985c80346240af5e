package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.packets.MqttPacket;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubCompPacket;
import dev.tern.mqtt5.packets.PubRecPacket;
import dev.tern.mqtt5.packets.PubRelPacket;
import dev.tern.mqtt5.packets.ReasonCode;
import dev.tern.mqtt5.packets.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

import static dev.tern.mqtt5.internal.codec.Encoding.*;
import static dev.tern.mqtt5.internal.codec.Properties.REASON_STRING;

/**
 * PUBACK, PUBREC, PUBREL and PUBCOMP, sections 3.4 to 3.7, in their shortest form: Remaining Length 2
 * for Success without properties, 3 for another reason code without properties.
 */
final class QosAckEncoder {

    private QosAckEncoder() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, IdentifiedPacket<?> identified, long maximumPacketSize)
            throws PacketTooLargeException {
        MqttPacket packet = identified.packet();
        ReasonCode reasonCode;
        String reasonString;
        List<UserProperty> userProperties;
        if (packet instanceof PubAckPacket) {
            PubAckPacket p = (PubAckPacket) packet;
            reasonCode = p.reasonCode();
            reasonString = p.reasonString();
            userProperties = p.userProperties();
        } else if (packet instanceof PubRecPacket) {
            PubRecPacket p = (PubRecPacket) packet;
            reasonCode = p.reasonCode();
            reasonString = p.reasonString();
            userProperties = p.userProperties();
        } else if (packet instanceof PubRelPacket) {
            PubRelPacket p = (PubRelPacket) packet;
            reasonCode = p.reasonCode();
            reasonString = p.reasonString();
            userProperties = p.userProperties();
        } else {
            PubCompPacket p = (PubCompPacket) packet;
            reasonCode = p.reasonCode();
            reasonString = p.reasonString();
            userProperties = p.userProperties();
        }
        PacketType type = packet.type();
        int flags = type == PacketType.PUBREL ? 0b0010 : 0;
        OmittableProperties omit = OmittableProperties.choose(type, 3, 0,
                stringPropertySize(reasonString), userPropertiesSize(userProperties), maximumPacketSize);
        if (omit.propertyLength() == 0) {
            boolean success = reasonCode.code() == 0;
            ByteBuf buf = allocate(alloc, type, flags, success ? 2 : 3);
            buf.writeShort(identified.packetId());
            if (!success) {
                buf.writeByte(reasonCode.code());
            }
            return buf;
        }
        ByteBuf buf = allocate(alloc, type, flags, omit.remainingLength());
        buf.writeShort(identified.packetId());
        buf.writeByte(reasonCode.code());
        VariableByteInteger.write(buf, omit.propertyLength());
        if (omit.includeReasonString()) {
            writeStringProperty(buf, REASON_STRING, reasonString);
        }
        if (omit.includeUserProperties()) {
            writeUserProperties(buf, userProperties);
        }
        return buf;
    }
}
