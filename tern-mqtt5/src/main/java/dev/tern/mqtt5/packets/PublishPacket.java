package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.codec.PayloadAccess;
import dev.tern.mqtt5.internal.codec.Topics;
import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.internal.util.ToStringHelper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An application message: the PUBLISH packet, MQTT 5.0 section 3.3.
 *
 * <p>Immutable and thread-safe. The payload is copied when the packet is built, so later changes to
 * the caller's array or buffer do not affect it. The packet identifier, DUP flag and topic alias are
 * not part of it: the client assigns them per connection.
 *
 * <pre>{@code
 * PublishPacket publish = PublishPacket.builder()
 *         .topic("hello/world/qos1")
 *         .payload("This is the payload of a QoS 1 publish")
 *         .qos(QoS.AT_LEAST_ONCE)
 *         .build();
 * }</pre>
 */
public final class PublishPacket implements MqttPacket {

    private static final byte[] EMPTY = new byte[0];

    static {
        PayloadAccess.register(new PayloadAccess.Bridge() {
            @Override
            public Builder ownedPayload(Builder builder, byte[] payload) {
                builder.payload = payload;
                return builder;
            }

            @Override
            public byte[] payloadArray(PublishPacket packet) {
                return packet.payload;
            }

            @Override
            public byte[] correlationDataArray(PublishPacket packet) {
                return packet.correlationData;
            }
        });
    }

    private final String topic;
    private final byte[] payload;
    private final QoS qos;
    private final boolean retain;
    private final PayloadFormatIndicator payloadFormatIndicator;
    private final Long messageExpiryIntervalSeconds;
    private final String contentType;
    private final String responseTopic;
    private final byte[] correlationData;
    private final List<UserProperty> userProperties;
    private final List<Integer> subscriptionIdentifiers;
    private final Integer topicAlias;

    private PublishPacket(Builder b) {
        topic = b.topic;
        payload = b.payload;
        qos = b.qos;
        retain = b.retain;
        payloadFormatIndicator = b.payloadFormatIndicator;
        messageExpiryIntervalSeconds = b.messageExpiryIntervalSeconds;
        contentType = b.contentType;
        responseTopic = b.responseTopic;
        correlationData = b.correlationData;
        userProperties = Checks.freeze(b.userProperties);
        subscriptionIdentifiers = Checks.freeze(b.subscriptionIdentifiers);
        topicAlias = b.topicAlias;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this packet's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    /** The topic name; never empty. */
    public String topic() {
        return topic;
    }

    /** A read-only view of the payload (a new view on each call, positioned at 0). */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** A copy of the payload. */
    public byte[] payloadAsBytes() {
        return payload.clone();
    }

    /** The payload decoded as UTF-8 (malformed input is replaced, not rejected). */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The payload's size in bytes. */
    public int payloadSize() {
        return payload.length;
    }

    public QoS qos() {
        return qos;
    }

    /** Whether the server should retain this message for future subscribers (or, received: whether it was). */
    public boolean retain() {
        return retain;
    }

    /** The Payload Format Indicator, or null if absent (which means unspecified bytes). */
    public PayloadFormatIndicator payloadFormatIndicator() {
        return payloadFormatIndicator;
    }

    /** The Message Expiry Interval in seconds, or null if the message does not expire. */
    public Long messageExpiryIntervalSeconds() {
        return messageExpiryIntervalSeconds;
    }

    /** The Content Type, or null. */
    public String contentType() {
        return contentType;
    }

    /** The Response Topic of a request, or null. */
    public String responseTopic() {
        return responseTopic;
    }

    /** A copy of the Correlation Data, or null. */
    public byte[] correlationData() {
        return correlationData == null ? null : correlationData.clone();
    }

    /** User properties in the order they were added (or received); names may repeat. */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /**
     * On a received message, the identifiers of the subscriptions it matched (section 3.3.2.3.8); empty
     * when none were given. A client never sends these.
     */
    public List<Integer> subscriptionIdentifiers() {
        return subscriptionIdentifiers;
    }

    /**
     * The topic alias the application asks for, used only when the client's outbound topic aliasing is
     * {@code MANUAL}; null otherwise. Received messages have none here: the client resolves the server's
     * aliases into {@link #topic()}.
     */
    public Integer topicAlias() {
        return topicAlias;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PublishPacket)) {
            return false;
        }
        PublishPacket that = (PublishPacket) o;
        return retain == that.retain
                && topic.equals(that.topic)
                && Arrays.equals(payload, that.payload)
                && qos == that.qos
                && payloadFormatIndicator == that.payloadFormatIndicator
                && Objects.equals(messageExpiryIntervalSeconds, that.messageExpiryIntervalSeconds)
                && Objects.equals(contentType, that.contentType)
                && Objects.equals(responseTopic, that.responseTopic)
                && Arrays.equals(correlationData, that.correlationData)
                && userProperties.equals(that.userProperties)
                && subscriptionIdentifiers.equals(that.subscriptionIdentifiers)
                && Objects.equals(topicAlias, that.topicAlias);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(topic, qos, retain, payloadFormatIndicator, messageExpiryIntervalSeconds,
                contentType, responseTopic, userProperties, subscriptionIdentifiers, topicAlias);
        h = 31 * h + Arrays.hashCode(payload);
        return 31 * h + Arrays.hashCode(correlationData);
    }

    @Override
    public String toString() {
        return new ToStringHelper("PublishPacket")
                .add("topic", topic)
                .add("qos", qos)
                .add("retain", retain)
                .addSize("payload", payload)
                .add("payloadFormatIndicator", payloadFormatIndicator)
                .add("messageExpiryIntervalSeconds", messageExpiryIntervalSeconds)
                .add("contentType", contentType)
                .add("responseTopic", responseTopic)
                .addSize("correlationData", correlationData)
                .add("userProperties", userProperties)
                .add("subscriptionIdentifiers", subscriptionIdentifiers)
                .add("topicAlias", topicAlias)
                .toString();
    }

    /** Builds {@link PublishPacket}s. Not thread-safe. Each setter checks its argument. */
    public static final class Builder {
        private String topic;
        private byte[] payload = EMPTY;
        private QoS qos = QoS.AT_MOST_ONCE;
        private boolean retain;
        private PayloadFormatIndicator payloadFormatIndicator;
        private Long messageExpiryIntervalSeconds;
        private String contentType;
        private String responseTopic;
        private byte[] correlationData;
        private List<UserProperty> userProperties;
        private List<Integer> subscriptionIdentifiers;
        private Integer topicAlias;

        private Builder() {
        }

        private Builder(PublishPacket p) {
            topic = p.topic;
            payload = p.payload;
            qos = p.qos;
            retain = p.retain;
            payloadFormatIndicator = p.payloadFormatIndicator;
            messageExpiryIntervalSeconds = p.messageExpiryIntervalSeconds;
            contentType = p.contentType;
            responseTopic = p.responseTopic;
            correlationData = p.correlationData;
            userProperties = p.userProperties.isEmpty() ? null : new ArrayList<>(p.userProperties);
            subscriptionIdentifiers = p.subscriptionIdentifiers.isEmpty()
                    ? null : new ArrayList<>(p.subscriptionIdentifiers);
            topicAlias = p.topicAlias;
        }

        /**
         * The topic name: not empty, no wildcards ({@code +}, {@code #}), no U+0000, at most 65,535 bytes
         * of UTF-8.
         */
        public Builder topic(String topic) {
            Checks.string(topic, "topic");
            String problem = Topics.topicNameProblem(topic);
            if (problem != null) {
                throw new IllegalArgumentException("topic '" + topic + "' " + problem);
            }
            this.topic = topic;
            return this;
        }

        /** The payload: copied. */
        public Builder payload(byte[] payload) {
            this.payload = Checks.notNull(payload, "payload").length == 0 ? EMPTY : payload.clone();
            return this;
        }

        /** The payload: the buffer's remaining bytes, copied; the buffer's position is not changed. */
        public Builder payload(ByteBuffer payload) {
            ByteBuffer source = Checks.notNull(payload, "payload").duplicate();
            byte[] copy = new byte[source.remaining()];
            source.get(copy);
            this.payload = copy.length == 0 ? EMPTY : copy;
            return this;
        }

        /** The payload: the string encoded as UTF-8. */
        public Builder payload(String payload) {
            byte[] bytes = Checks.notNull(payload, "payload").getBytes(StandardCharsets.UTF_8);
            this.payload = bytes.length == 0 ? EMPTY : bytes;
            return this;
        }

        public Builder qos(QoS qos) {
            this.qos = Checks.notNull(qos, "qos");
            return this;
        }

        public Builder retain(boolean retain) {
            this.retain = retain;
            return this;
        }

        /** The Payload Format Indicator; null to leave it out. */
        public Builder payloadFormatIndicator(PayloadFormatIndicator indicator) {
            this.payloadFormatIndicator = indicator;
            return this;
        }

        /** Seconds until the server drops the message if undelivered, 0 to 4,294,967,295; null: never. */
        public Builder messageExpiryIntervalSeconds(Long seconds) {
            this.messageExpiryIntervalSeconds =
                    Checks.optionalRange(seconds, 0, Checks.MAX_UNSIGNED_INT, "messageExpiryIntervalSeconds");
            return this;
        }

        /** The Content Type (e.g. a MIME type); null to leave it out. */
        public Builder contentType(String contentType) {
            this.contentType = Checks.optionalString(contentType, "contentType");
            return this;
        }

        /** The topic a responder should publish its response to; a topic name, no wildcards. */
        public Builder responseTopic(String responseTopic) {
            if (responseTopic != null) {
                Checks.string(responseTopic, "responseTopic");
                String problem = Topics.topicNameProblem(responseTopic);
                if (problem != null) {
                    throw new IllegalArgumentException("responseTopic '" + responseTopic + "' " + problem);
                }
            }
            this.responseTopic = responseTopic;
            return this;
        }

        /** Correlation Data for request/response, at most 65,535 bytes, copied; null to leave it out. */
        public Builder correlationData(byte[] correlationData) {
            this.correlationData = Checks.optionalBinary(correlationData, "correlationData");
            return this;
        }

        /** Adds a user property after those already added. */
        public Builder userProperty(String name, String value) {
            return userProperty(UserProperty.of(name, value));
        }

        /** Adds a user property after those already added. */
        public Builder userProperty(UserProperty property) {
            userProperties = Checks.append(userProperties, property, "userProperty");
            return this;
        }

        /** Replaces the user properties. */
        public Builder userProperties(Collection<UserProperty> properties) {
            List<UserProperty> copy = Checks.immutableList(properties, "userProperties");
            userProperties = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /**
         * Adds a subscription identifier (1 to 268,435,455). Only a server sends these, on messages it
         * delivers; a client refuses to send a PUBLISH that has any.
         */
        public Builder subscriptionIdentifier(int identifier) {
            Checks.range(identifier, 1, Checks.MAX_VARIABLE_BYTE_INTEGER, "subscriptionIdentifier");
            subscriptionIdentifiers = Checks.append(subscriptionIdentifiers, identifier, "subscriptionIdentifier");
            return this;
        }

        /** Replaces the subscription identifiers. */
        public Builder subscriptionIdentifiers(Collection<Integer> identifiers) {
            List<Integer> copy = Checks.immutableList(identifiers, "subscriptionIdentifiers");
            for (Integer id : copy) {
                Checks.range(id, 1, Checks.MAX_VARIABLE_BYTE_INTEGER, "subscriptionIdentifier");
            }
            subscriptionIdentifiers = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /**
         * The topic alias to use with {@code MANUAL} outbound topic aliasing (1 to 65,535, within the
         * server's Topic Alias Maximum); null for none. Ignored in the other aliasing modes.
         */
        public Builder topicAlias(Integer topicAlias) {
            this.topicAlias = Checks.optionalRange(topicAlias, 1, Checks.MAX_UNSIGNED_SHORT, "topicAlias");
            return this;
        }

        /**
         * The packet.
         *
         * @throws IllegalStateException if no topic was set
         */
        public PublishPacket build() {
            if (topic == null) {
                throw new IllegalStateException("topic must be set");
            }
            return new PublishPacket(this);
        }
    }
}
