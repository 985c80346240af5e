package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

import static dev.tern.mqtt5.internal.codec.Encoding.*;
import static dev.tern.mqtt5.internal.codec.Properties.*;

/**
 * PUBLISH, MQTT 5.0 section 3.3. Computes the exact size first, then writes into one buffer of
 * exactly that size; the payload is copied once, from the packet's array into that buffer.
 * Properties are written in the order of section 3.3.2.3.
 */
final class PublishEncoder {

    private PublishEncoder() {
    }

    /** The size on the wire with the topic name and no topic alias, as the packet size checks count it. */
    static long packetSize(PublishPacket p) {
        int propertyLength = propertyLength(p, 0);
        return Encoding.packetSize(remainingLength(p, Utf8.encodedLength(p.topic()), propertyLength));
    }

    /** The whole packet's size on the wire. */
    static long packetSize(OutboundPublish publish) {
        PublishPacket p = publish.packet();
        int topicLength = publish.sendTopic() ? Utf8.encodedLength(p.topic()) : 0;
        int propertyLength = propertyLength(p, publish.topicAlias());
        return Encoding.packetSize(remainingLength(p, topicLength, propertyLength));
    }

    private static long remainingLength(PublishPacket p, int topicLength, int propertyLength) {
        return 2L + topicLength + (p.qos() == QoS.AT_MOST_ONCE ? 0 : 2)
                + VariableByteInteger.size(propertyLength) + propertyLength
                + PayloadAccess.bridge().payloadArray(p).length;
    }

    static ByteBuf encode(ByteBufAllocator alloc, OutboundPublish publish, long maximumPacketSize)
            throws PacketTooLargeException {
        PublishPacket p = publish.packet();
        byte[] payload = PayloadAccess.bridge().payloadArray(p);
        int topicLength = publish.sendTopic() ? Utf8.encodedLength(p.topic()) : 0;
        int propertyLength = propertyLength(p, publish.topicAlias());
        long remaining = remainingLength(p, topicLength, propertyLength);
        if (!fits(remaining, maximumPacketSize)) {
            throw tooLarge(PacketType.PUBLISH, remaining, maximumPacketSize);
        }
        int flags = (publish.dup() ? 0b1000 : 0) | p.qos().code() << 1 | (p.retain() ? 1 : 0);
        ByteBuf buf = allocate(alloc, PacketType.PUBLISH, flags, (int) remaining);
        if (publish.sendTopic()) {
            writeString(buf, p.topic(), topicLength);
        } else {
            buf.writeShort(0);
        }
        if (p.qos() != QoS.AT_MOST_ONCE) {
            buf.writeShort(publish.packetId());
        }
        VariableByteInteger.write(buf, propertyLength);
        if (propertyLength > 0) {
            writeProperties(buf, p, publish.topicAlias());
        }
        buf.writeBytes(payload);
        return buf;
    }

    private static int propertyLength(PublishPacket p, int topicAlias) {
        int length = 0;
        if (p.payloadFormatIndicator() != null) {
            length += 2;
        }
        if (p.messageExpiryIntervalSeconds() != null) {
            length += 5;
        }
        if (topicAlias != 0) {
            length += 3;
        }
        length += stringPropertySize(p.responseTopic());
        length += binaryPropertySize(PayloadAccess.bridge().correlationDataArray(p));
        length += userPropertiesSize(p.userProperties());
        List<Integer> ids = p.subscriptionIdentifiers();
        for (int i = 0, n = ids.size(); i < n; i++) {
            length += 1 + VariableByteInteger.size(ids.get(i));
        }
        length += stringPropertySize(p.contentType());
        return length;
    }

    private static void writeProperties(ByteBuf buf, PublishPacket p, int topicAlias) {
        if (p.payloadFormatIndicator() != null) {
            buf.writeByte(PAYLOAD_FORMAT_INDICATOR);
            buf.writeByte(p.payloadFormatIndicator().code());
        }
        writeIntProperty(buf, MESSAGE_EXPIRY_INTERVAL, p.messageExpiryIntervalSeconds());
        if (topicAlias != 0) {
            buf.writeByte(TOPIC_ALIAS);
            buf.writeShort(topicAlias);
        }
        writeStringProperty(buf, RESPONSE_TOPIC, p.responseTopic());
        writeBinaryProperty(buf, CORRELATION_DATA, PayloadAccess.bridge().correlationDataArray(p));
        writeUserProperties(buf, p.userProperties());
        List<Integer> ids = p.subscriptionIdentifiers();
        for (int i = 0, n = ids.size(); i < n; i++) {
            buf.writeByte(SUBSCRIPTION_IDENTIFIER);
            VariableByteInteger.write(buf, ids.get(i));
        }
        writeStringProperty(buf, CONTENT_TYPE, p.contentType());
    }
}
