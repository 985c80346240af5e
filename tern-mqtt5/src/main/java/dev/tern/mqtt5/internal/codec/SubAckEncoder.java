package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.packets.MqttPacket;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.ReasonCode;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

import static dev.tern.mqtt5.internal.codec.Encoding.*;
import static dev.tern.mqtt5.internal.codec.Properties.REASON_STRING;

/** SUBACK and UNSUBACK, sections 3.9 and 3.11 (encoded by servers: the test peers). */
final class SubAckEncoder {

    private SubAckEncoder() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, IdentifiedPacket<?> identified, long maximumPacketSize)
            throws PacketTooLargeException {
        MqttPacket packet = identified.packet();
        List<? extends ReasonCode> codes;
        String reasonString;
        List<UserProperty> userProperties;
        if (packet instanceof SubAckPacket) {
            SubAckPacket p = (SubAckPacket) packet;
            codes = p.reasonCodes();
            reasonString = p.reasonString();
            userProperties = p.userProperties();
        } else {
            UnsubAckPacket p = (UnsubAckPacket) packet;
            codes = p.reasonCodes();
            reasonString = p.reasonString();
            userProperties = p.userProperties();
        }
        OmittableProperties omit = OmittableProperties.choose(packet.type(), 2L + codes.size(), 0,
                stringPropertySize(reasonString), userPropertiesSize(userProperties), maximumPacketSize);
        ByteBuf buf = allocate(alloc, packet.type(), 0, omit.remainingLength());
        buf.writeShort(identified.packetId());
        VariableByteInteger.write(buf, omit.propertyLength());
        if (omit.includeReasonString()) {
            writeStringProperty(buf, REASON_STRING, reasonString);
        }
        if (omit.includeUserProperties()) {
            writeUserProperties(buf, userProperties);
        }
        for (int i = 0, n = codes.size(); i < n; i++) {
            buf.writeByte(codes.get(i).code());
        }
        return buf;
    }
}
