package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.Subscription;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

import static dev.tern.mqtt5.internal.codec.Encoding.*;
import static dev.tern.mqtt5.internal.codec.Properties.SUBSCRIPTION_IDENTIFIER;

/** SUBSCRIBE and UNSUBSCRIBE, MQTT 5.0 sections 3.8 and 3.10. */
final class SubscribeEncoder {

    private SubscribeEncoder() {
    }

    private static int subscribePropertyLength(SubscribePacket p) {
        Integer subscriptionId = p.subscriptionIdentifier();
        return (subscriptionId != null ? 1 + VariableByteInteger.size(subscriptionId) : 0)
                + userPropertiesSize(p.userProperties());
    }

    private static long subscribeRemainingLength(SubscribePacket p, int propertyLength) {
        List<Subscription> subscriptions = p.subscriptions();
        long payload = 0;
        for (int i = 0, n = subscriptions.size(); i < n; i++) {
            payload += stringSize(subscriptions.get(i).topicFilter()) + 1;
        }
        return 2L + VariableByteInteger.size(propertyLength) + propertyLength + payload;
    }

    static long subscribePacketSize(SubscribePacket p) {
        return Encoding.packetSize(subscribeRemainingLength(p, subscribePropertyLength(p)));
    }

    private static long unsubscribeRemainingLength(UnsubscribePacket p, int propertyLength) {
        List<String> filters = p.topicFilters();
        long payload = 0;
        for (int i = 0, n = filters.size(); i < n; i++) {
            payload += stringSize(filters.get(i));
        }
        return 2L + VariableByteInteger.size(propertyLength) + propertyLength + payload;
    }

    static long unsubscribePacketSize(UnsubscribePacket p) {
        return Encoding.packetSize(unsubscribeRemainingLength(p, userPropertiesSize(p.userProperties())));
    }

    static ByteBuf encodeSubscribe(ByteBufAllocator alloc, int packetId, SubscribePacket p, long maximumPacketSize)
            throws PacketTooLargeException {
        Integer subscriptionId = p.subscriptionIdentifier();
        int propertyLength = subscribePropertyLength(p);
        List<Subscription> subscriptions = p.subscriptions();
        long remaining = subscribeRemainingLength(p, propertyLength);
        if (!fits(remaining, maximumPacketSize)) {
            throw tooLarge(PacketType.SUBSCRIBE, remaining, maximumPacketSize);
        }
        ByteBuf buf = allocate(alloc, PacketType.SUBSCRIBE, 0b0010, (int) remaining);
        buf.writeShort(packetId);
        VariableByteInteger.write(buf, propertyLength);
        if (subscriptionId != null) {
            buf.writeByte(SUBSCRIPTION_IDENTIFIER);
            VariableByteInteger.write(buf, subscriptionId);
        }
        writeUserProperties(buf, p.userProperties());
        for (int i = 0, n = subscriptions.size(); i < n; i++) {
            Subscription s = subscriptions.get(i);
            writeString(buf, s.topicFilter());
            buf.writeByte(s.retainHandling().code() << 4
                    | (s.retainAsPublished() ? 0b1000 : 0)
                    | (s.noLocal() ? 0b100 : 0)
                    | s.qos().code());
        }
        return buf;
    }

    static ByteBuf encodeUnsubscribe(ByteBufAllocator alloc, int packetId, UnsubscribePacket p,
            long maximumPacketSize) throws PacketTooLargeException {
        int propertyLength = userPropertiesSize(p.userProperties());
        List<String> filters = p.topicFilters();
        long remaining = unsubscribeRemainingLength(p, propertyLength);
        if (!fits(remaining, maximumPacketSize)) {
            throw tooLarge(PacketType.UNSUBSCRIBE, remaining, maximumPacketSize);
        }
        ByteBuf buf = allocate(alloc, PacketType.UNSUBSCRIBE, 0b0010, (int) remaining);
        buf.writeShort(packetId);
        VariableByteInteger.write(buf, propertyLength);
        writeUserProperties(buf, p.userProperties());
        for (int i = 0, n = filters.size(); i < n; i++) {
            writeString(buf, filters.get(i));
        }
        return buf;
    }
}
