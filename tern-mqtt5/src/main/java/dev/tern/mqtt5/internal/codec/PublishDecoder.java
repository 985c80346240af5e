package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PayloadFormatIndicator;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;

import static dev.tern.mqtt5.internal.codec.Properties.*;

/**
 * PUBLISH, MQTT 5.0 section 3.3. Resolves inbound topic aliases against the mapping of this connection
 * (section 3.3.2.3.4) and copies topic and payload out of the buffer.
 */
final class PublishDecoder {

    private static final String PACKET = "PUBLISH";

    /** Alias → topic for this connection; index 0 unused. Grows with the largest alias seen. */
    private String[] aliases;
    private final int topicAliasMaximum;
    private final boolean fromClient;

    PublishDecoder(int topicAliasMaximum, boolean fromClient) {
        this.topicAliasMaximum = topicAliasMaximum;
        this.fromClient = fromClient;
    }

    InboundPublish decode(int flags, PacketReader r) throws DecodeException {
        boolean dup = (flags & 0b1000) != 0;
        QoS qos = QoS.fromCode((flags >> 1) & 0b11);
        if (qos == null) {
            throw DecodeException.malformed("PUBLISH QoS bits are 3, which is not a QoS [MQTT-3.3.1-4]");
        }
        if (dup && qos == QoS.AT_MOST_ONCE) {
            throw DecodeException.protocolError("PUBLISH with QoS 0 must not have the DUP flag set [MQTT-3.3.1-2]");
        }
        boolean retain = (flags & 1) != 0;
        String topic = r.readTopicName("PUBLISH topic name");
        int packetId = qos == QoS.AT_MOST_ONCE ? 0 : r.readPacketId(PACKET);

        // Made when the first property needs it: most messages carry none, and go without (see the end).
        PublishPacket.Builder b = null;
        int topicAlias = 0;
        int outer = r.enterProperties(PACKET);
        long seen = 0;
        while (r.hasRemaining()) {
            int id = r.readPropertyId(PACKET);
            switch (id) {
                case PAYLOAD_FORMAT_INDICATOR: {
                    seen = PacketReader.once(seen, id, PACKET);
                    int value = r.readUnsignedByte("Payload Format Indicator");
                    PayloadFormatIndicator indicator = PayloadFormatIndicator.fromCode(value);
                    if (indicator == null) {
                        throw DecodeException.protocolError("Payload Format Indicator must be 0 or 1, was " + value);
                    }
                    (b = builder(b)).payloadFormatIndicator(indicator);
                    break;
                }
                case MESSAGE_EXPIRY_INTERVAL:
                    seen = PacketReader.once(seen, id, PACKET);
                    (b = builder(b)).messageExpiryIntervalSeconds(r.readUnsignedInt("Message Expiry Interval"));
                    break;
                case TOPIC_ALIAS:
                    seen = PacketReader.once(seen, id, PACKET);
                    topicAlias = r.readUnsignedShort("Topic Alias");
                    if (topicAlias == 0) {
                        throw new DecodeException(DisconnectReasonCode.TOPIC_ALIAS_INVALID,
                                "PUBLISH Topic Alias must not be 0 [MQTT-3.3.2-8]");
                    }
                    if (topicAlias > topicAliasMaximum) {
                        throw new DecodeException(DisconnectReasonCode.TOPIC_ALIAS_INVALID, "PUBLISH Topic Alias "
                                + topicAlias + " exceeds the Topic Alias Maximum " + topicAliasMaximum);
                    }
                    break;
                case RESPONSE_TOPIC:
                    seen = PacketReader.once(seen, id, PACKET);
                    String responseTopic = r.readTopicName("Response Topic");
                    if (responseTopic.isEmpty()) {
                        throw new DecodeException(DisconnectReasonCode.TOPIC_NAME_INVALID,
                                "Response Topic must not be empty");
                    }
                    (b = builder(b)).responseTopic(responseTopic);
                    break;
                case CORRELATION_DATA:
                    seen = PacketReader.once(seen, id, PACKET);
                    (b = builder(b)).correlationData(r.readBinary("Correlation Data"));
                    break;
                case USER_PROPERTY:
                    (b = builder(b)).userProperty(r.readString("User Property name"),
                            r.readString("User Property value"));
                    break;
                case SUBSCRIPTION_IDENTIFIER: {
                    if (fromClient) {
                        throw DecodeException.protocolError(
                                "a PUBLISH from a client must not contain a Subscription Identifier [MQTT-3.3.4-6]");
                    }
                    int value = r.readVariableByteInteger("Subscription Identifier");
                    if (value == 0) {
                        throw DecodeException.protocolError("Subscription Identifier must not be 0");
                    }
                    (b = builder(b)).subscriptionIdentifier(value);
                    break;
                }
                case CONTENT_TYPE:
                    seen = PacketReader.once(seen, id, PACKET);
                    (b = builder(b)).contentType(r.readString("Content Type"));
                    break;
                default:
                    throw PacketReader.notAllowed(id, PACKET);
            }
        }
        r.restoreLimit(outer);

        if (topicAlias != 0) {
            if (aliases == null || aliases.length <= topicAlias) {
                int length = Math.min(topicAliasMaximum + 1, Math.max(16, Integer.highestOneBit(topicAlias) << 1));
                aliases = aliases == null ? new String[length] : java.util.Arrays.copyOf(aliases, length);
            }
            if (topic.isEmpty()) {
                topic = aliases[topicAlias];
                if (topic == null) {
                    throw DecodeException.protocolError("PUBLISH uses Topic Alias " + topicAlias
                            + " with an empty topic, but the alias has no mapping yet");
                }
            } else {
                aliases[topicAlias] = topic;
            }
        } else if (topic.isEmpty()) {
            throw DecodeException.protocolError("PUBLISH has an empty topic name and no Topic Alias");
        }
        if (b == null) {
            return new InboundPublish(PayloadAccess.bridge().withoutProperties(topic, r.readRest(), qos, retain),
                    packetId, dup, topicAlias);
        }
        b.qos(qos).retain(retain).topic(topic);
        PayloadAccess.bridge().ownedPayload(b, r.readRest());
        return new InboundPublish(b.build(), packetId, dup, topicAlias);
    }

    private static PublishPacket.Builder builder(PublishPacket.Builder b) {
        return b != null ? b : PublishPacket.builder();
    }
}
