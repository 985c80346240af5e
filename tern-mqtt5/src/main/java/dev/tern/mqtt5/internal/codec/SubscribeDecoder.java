package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.RetainHandling;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.Subscription;
import dev.tern.mqtt5.packets.UnsubscribePacket;

import static dev.tern.mqtt5.internal.codec.Properties.SUBSCRIPTION_IDENTIFIER;
import static dev.tern.mqtt5.internal.codec.Properties.USER_PROPERTY;

/** SUBSCRIBE and UNSUBSCRIBE, MQTT 5.0 sections 3.8 and 3.10 (decoded by servers: the test peers). */
final class SubscribeDecoder {

    private SubscribeDecoder() {
    }

    static IdentifiedPacket<SubscribePacket> decodeSubscribe(PacketReader r) throws DecodeException {
        String packet = "SUBSCRIBE";
        int packetId = r.readPacketId(packet);
        SubscribePacket.Builder b = SubscribePacket.builder();
        int outer = r.enterProperties(packet);
        long seen = 0;
        while (r.hasRemaining()) {
            int id = r.readPropertyId(packet);
            if (id == SUBSCRIPTION_IDENTIFIER) {
                seen = PacketReader.once(seen, id, packet);
                int value = r.readVariableByteInteger("Subscription Identifier");
                if (value == 0) {
                    throw DecodeException.protocolError("Subscription Identifier must not be 0");
                }
                b.subscriptionIdentifier(value);
            } else if (id == USER_PROPERTY) {
                b.userProperty(r.readString("User Property name"), r.readString("User Property value"));
            } else {
                throw PacketReader.notAllowed(id, packet);
            }
        }
        r.restoreLimit(outer);
        if (!r.hasRemaining()) {
            throw DecodeException.protocolError("SUBSCRIBE must contain at least one topic filter [MQTT-3.8.3-2]");
        }
        while (r.hasRemaining()) {
            String filter = topicFilter(r, "SUBSCRIBE topic filter");
            int options = r.readUnsignedByte("SUBSCRIBE subscription options");
            if ((options & 0b1100_0000) != 0) {
                throw DecodeException.malformed("SUBSCRIBE subscription options bits 7-6 are reserved and must be 0");
            }
            QoS qos = QoS.fromCode(options & 0b11);
            if (qos == null) {
                throw DecodeException.protocolError("SUBSCRIBE subscription options Maximum QoS must not be 3 (3.8.3.1)");
            }
            RetainHandling retainHandling = RetainHandling.fromCode((options >> 4) & 0b11);
            if (retainHandling == null) {
                throw DecodeException.protocolError("SUBSCRIBE Retain Handling must not be 3");
            }
            boolean noLocal = (options & 0b100) != 0;
            if (noLocal && Topics.isShared(filter)) {
                throw DecodeException.protocolError("No Local must not be set on a shared subscription [MQTT-3.8.3-4]");
            }
            b.subscription(Subscription.builder()
                    .topicFilter(filter)
                    .qos(qos)
                    .noLocal(noLocal)
                    .retainAsPublished((options & 0b1000) != 0)
                    .retainHandling(retainHandling)
                    .build());
        }
        return new IdentifiedPacket<>(packetId, b.build());
    }

    static IdentifiedPacket<UnsubscribePacket> decodeUnsubscribe(PacketReader r) throws DecodeException {
        String packet = "UNSUBSCRIBE";
        int packetId = r.readPacketId(packet);
        UnsubscribePacket.Builder b = UnsubscribePacket.builder();
        int outer = r.enterProperties(packet);
        while (r.hasRemaining()) {
            int id = r.readPropertyId(packet);
            if (id == USER_PROPERTY) {
                b.userProperty(r.readString("User Property name"), r.readString("User Property value"));
            } else {
                throw PacketReader.notAllowed(id, packet);
            }
        }
        r.restoreLimit(outer);
        if (!r.hasRemaining()) {
            throw DecodeException.protocolError("UNSUBSCRIBE must contain at least one topic filter [MQTT-3.10.3-2]");
        }
        while (r.hasRemaining()) {
            b.topicFilter(topicFilter(r, "UNSUBSCRIBE topic filter"));
        }
        return new IdentifiedPacket<>(packetId, b.build());
    }

    private static String topicFilter(PacketReader r, String what) throws DecodeException {
        String filter = r.readString(what);
        String problem = Topics.topicFilterProblem(filter);
        if (problem != null) {
            throw new DecodeException(DisconnectReasonCode.TOPIC_FILTER_INVALID, what + " '" + filter + "' " + problem);
        }
        return filter;
    }
}
