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

            @Override
            public PublishPacket withoutProperties(String topic, byte[] payload, QoS qos, boolean retain) {
                return new PublishPacket(topic, payload, qos, retain);
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

    /** What the decoder makes of a PUBLISH without properties: checked already, no builder in between. */
    private PublishPacket(String topic, byte[] payload, QoS qos, boolean retain) {
        this.topic = topic;
        this.payload = payload.length == 0 ? EMPTY : payload;
        this.qos = qos;
        this.retain = retain;
        payloadFormatIndicator = null;
        messageExpiryIntervalSeconds = null;
        contentType = null;
        responseTopic = null;
        correlationData = null;
        userProperties = java.util.Collections.emptyList();
        subscriptionIdentifiers = java.util.Collections.emptyList();
        topicAlias = null;
    }

    /**
     * {@return a new builder: QoS 0, no retain, empty payload, no properties} A topic must be set before
     * {@link Builder#build()}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this packet's values; changing it does not change this packet} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    /**
     * {@return the Topic Name (section 3.3.2.1): never empty, never a wildcard} On a received message it is
     * the full name even when the server sent only a topic alias.
     */
    public String topic() {
        return topic;
    }

    /**
     * {@return a read-only view of the payload} Each call returns a new view, positioned at 0 with the
     * payload's size as limit, so readers do not disturb each other; no bytes are copied.
     */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** {@return a copy of the payload; empty, never null, if there is none} */
    public byte[] payloadAsBytes() {
        return payload.clone();
    }

    /**
     * {@return the payload decoded as UTF-8} Malformed input is replaced with U+FFFD, not rejected, whatever
     * the {@link #payloadFormatIndicator()} says.
     */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** {@return the payload's size in bytes, without copying it} */
    public int payloadSize() {
        return payload.length;
    }

    /**
     * {@return the Quality of Service level, never null} On a received message it is the QoS of delivery to
     * this client: the lower of the publisher's and the subscription's.
     */
    public QoS qos() {
        return qos;
    }

    /**
     * {@return the RETAIN flag (section 3.3.1.3)} When publishing: whether the server should keep the message
     * for future subscribers of the topic (an empty retained payload deletes the retained message). On a
     * received message: whether it was retained (subject to the subscription's Retain As Published option).
     */
    public boolean retain() {
        return retain;
    }

    /**
     * {@return the Payload Format Indicator (section 3.3.2.3.2), or null if absent, which means the same as
     * {@link PayloadFormatIndicator#UNSPECIFIED_BYTES}}
     */
    public PayloadFormatIndicator payloadFormatIndicator() {
        return payloadFormatIndicator;
    }

    /**
     * {@return the Message Expiry Interval in seconds (section 3.3.2.3.3), or null if the message does not
     * expire} The server discards the message if it cannot deliver it within this time. On a received message
     * it is the time that was left when the server sent it.
     */
    public Long messageExpiryIntervalSeconds() {
        return messageExpiryIntervalSeconds;
    }

    /**
     * {@return the Content Type (section 3.3.2.3.9), or null} A string the application defines, typically a
     * MIME type; MQTT does not interpret it.
     */
    public String contentType() {
        return contentType;
    }

    /**
     * {@return the Response Topic (section 3.3.2.3.5), or null} Set on a request: the topic name the
     * responder should publish its response to.
     */
    public String responseTopic() {
        return responseTopic;
    }

    /**
     * {@return a copy of the Correlation Data (section 3.3.2.3.6), or null} Binary data a requester uses to
     * match a response to its request; the responder sends it back unchanged.
     */
    public byte[] correlationData() {
        return correlationData == null ? null : correlationData.clone();
    }

    /**
     * {@return the User Properties (section 3.3.2.3.7) in the order they were added or received; an immutable
     * list, empty if there are none} Names may repeat.
     */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /**
     * {@return the Subscription Identifiers of a received message (section 3.3.2.3.8): one for each of this
     * client's subscriptions that matched and had an identifier; an immutable list, empty if none} A client
     * never sends these: {@link dev.tern.mqtt5.Mqtt5Client#publish} fails a packet that has any.
     */
    public List<Integer> subscriptionIdentifiers() {
        return subscriptionIdentifiers;
    }

    /**
     * {@return the Topic Alias the application asks for, or null} Used only when the client's outbound topic
     * aliasing is {@code MANUAL}; ignored otherwise. Received messages never have one here: the client
     * resolves the server's aliases into {@link #topic()}.
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

    /**
     * Builds {@link PublishPacket}s. Not thread-safe. Each setter checks its argument and throws at once,
     * naming the field, so that a built packet is always valid.
     */
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
         * Sets the Topic Name (section 3.3.2.1). Required.
         *
         * @param topic a topic name: not empty and without the wildcards {@code +} and {@code #}
         * @return this builder
         * @throws NullPointerException if {@code topic} is null
         * @throws IllegalArgumentException if {@code topic} is empty, contains a wildcard, or is not a valid
         *     MQTT string (U+0000, an unpaired surrogate, or more than 65,535 bytes of UTF-8)
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

        /**
         * Sets the payload to {@code payload} itself, without copying it: for large payloads and streams of
         * messages, where the copy {@link #payload(byte[])} makes would cost as much as sending them. The
         * packet then shares the array: do not change it afterwards, not even after the publish completed
         * (a resend on reconnection reads it again), or the packet — and what is sent — changes with it.
         *
         * @param payload the bytes, kept as they are; may be empty
         * @return this builder
         * @throws NullPointerException if {@code payload} is null
         */
        public Builder payloadWithoutCopy(byte[] payload) {
            this.payload = Checks.notNull(payload, "payload").length == 0 ? EMPTY : payload;
            return this;
        }

        /**
         * Sets the payload to a copy of {@code payload}. The default is empty.
         *
         * @param payload the bytes; may be empty
         * @return this builder
         * @throws NullPointerException if {@code payload} is null
         */
        public Builder payload(byte[] payload) {
            this.payload = Checks.notNull(payload, "payload").length == 0 ? EMPTY : payload.clone();
            return this;
        }

        /**
         * Sets the payload to a copy of the buffer's remaining bytes. The buffer's position is not changed.
         * The default is empty.
         *
         * @param payload the buffer, heap or direct
         * @return this builder
         * @throws NullPointerException if {@code payload} is null
         */
        public Builder payload(ByteBuffer payload) {
            ByteBuffer source = Checks.notNull(payload, "payload").duplicate();
            byte[] copy = new byte[source.remaining()];
            source.get(copy);
            this.payload = copy.length == 0 ? EMPTY : copy;
            return this;
        }

        /**
         * Sets the payload to the string encoded as UTF-8. It does not set the Payload Format Indicator. The
         * default is empty.
         *
         * @param payload the text; may be empty
         * @return this builder
         * @throws NullPointerException if {@code payload} is null
         */
        public Builder payload(String payload) {
            byte[] bytes = Checks.notNull(payload, "payload").getBytes(StandardCharsets.UTF_8);
            this.payload = bytes.length == 0 ? EMPTY : bytes;
            return this;
        }

        /**
         * Sets the Quality of Service level. The default is {@link QoS#AT_MOST_ONCE}. A QoS above the
         * server's Maximum QoS fails the publish with {@code UNSUPPORTED_BY_SERVER}.
         *
         * @param qos the level
         * @return this builder
         * @throws NullPointerException if {@code qos} is null
         */
        public Builder qos(QoS qos) {
            this.qos = Checks.notNull(qos, "qos");
            return this;
        }

        /**
         * Sets the RETAIN flag: whether the server keeps this message as the topic's retained message and
         * sends it to future subscribers. A retained message with an empty payload deletes the topic's
         * retained message. If the server announced Retain Available 0, the publish fails with {@code
         * UNSUPPORTED_BY_SERVER}. The default is false.
         *
         * @param retain true to retain
         * @return this builder
         */
        public Builder retain(boolean retain) {
            this.retain = retain;
            return this;
        }

        /**
         * Sets the Payload Format Indicator (section 3.3.2.3.2). The client sends it as given and does not
         * check that a {@code UTF_8} payload is valid UTF-8. The default is none.
         *
         * @param indicator the indicator, or null to leave it out
         * @return this builder
         */
        public Builder payloadFormatIndicator(PayloadFormatIndicator indicator) {
            this.payloadFormatIndicator = indicator;
            return this;
        }

        /**
         * Sets the Message Expiry Interval (section 3.3.2.3.3): how long the server keeps the message for
         * subscribers it cannot deliver it to yet, and for how long a retained message stays. The default is
         * none: the message does not expire.
         *
         * @param seconds 0 to 4,294,967,295 seconds, or null for no expiry
         * @return this builder
         * @throws IllegalArgumentException if {@code seconds} is out of range
         */
        public Builder messageExpiryIntervalSeconds(Long seconds) {
            this.messageExpiryIntervalSeconds =
                    Checks.optionalRange(seconds, 0, Checks.MAX_UNSIGNED_INT, "messageExpiryIntervalSeconds");
            return this;
        }

        /**
         * Sets the Content Type (section 3.3.2.3.9), such as a MIME type. MQTT does not interpret it. The
         * default is none.
         *
         * @param contentType the content type, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code contentType} is not a valid MQTT string (U+0000, an
         *     unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder contentType(String contentType) {
            this.contentType = Checks.optionalString(contentType, "contentType");
            return this;
        }

        /**
         * Sets the Response Topic (section 3.3.2.3.5), which makes this message a request: the topic name the
         * responder should publish its response to. The default is none.
         *
         * @param responseTopic a topic name (not empty, no wildcards), or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code responseTopic} is empty, contains a wildcard, or is not
         *     a valid MQTT string (U+0000, an unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
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

        /**
         * Sets the Correlation Data (section 3.3.2.3.6) to a copy of {@code correlationData}: bytes the
         * requester uses to match the response to this request. The default is none.
         *
         * @param correlationData at most 65,535 bytes, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code correlationData} is longer than 65,535 bytes
         */
        public Builder correlationData(byte[] correlationData) {
            this.correlationData = Checks.optionalBinary(correlationData, "correlationData");
            return this;
        }

        /**
         * Appends a User Property (section 3.3.2.3.7). Order is kept and names may repeat; the server
         * forwards them to subscribers unchanged.
         *
         * @param name the property name
         * @param value the property value
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is null
         * @throws IllegalArgumentException if {@code name} or {@code value} is not a valid MQTT string
         *     (U+0000, an unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder userProperty(String name, String value) {
            return userProperty(UserProperty.of(name, value));
        }

        /**
         * Appends a User Property (section 3.3.2.3.7). Order is kept and names may repeat.
         *
         * @param property the property
         * @return this builder
         * @throws NullPointerException if {@code property} is null
         */
        public Builder userProperty(UserProperty property) {
            userProperties = Checks.append(userProperties, property, "userProperty");
            return this;
        }

        /**
         * Replaces all User Properties with a copy of {@code properties}, in iteration order. The default is
         * none.
         *
         * @param properties the properties; may be empty
         * @return this builder
         * @throws NullPointerException if {@code properties} or one of its elements is null
         */
        public Builder userProperties(Collection<UserProperty> properties) {
            List<UserProperty> copy = Checks.immutableList(properties, "userProperties");
            userProperties = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /**
         * Appends a Subscription Identifier (section 3.3.2.3.8). Only a server sends these, on the messages
         * it delivers; this setter exists for servers and test peers.
         * {@link dev.tern.mqtt5.Mqtt5Client#publish} fails a packet that has any with {@code
         * INVALID_OPERATION}.
         *
         * @param identifier 1 to 268,435,455
         * @return this builder
         * @throws IllegalArgumentException if {@code identifier} is out of range
         */
        public Builder subscriptionIdentifier(int identifier) {
            Checks.range(identifier, 1, Checks.MAX_VARIABLE_BYTE_INTEGER, "subscriptionIdentifier");
            subscriptionIdentifiers = Checks.append(subscriptionIdentifiers, identifier, "subscriptionIdentifier");
            return this;
        }

        /**
         * Replaces all Subscription Identifiers with a copy of {@code identifiers}. See
         * {@link #subscriptionIdentifier(int)}: a client must not send them.
         *
         * @param identifiers the identifiers, each 1 to 268,435,455; may be empty
         * @return this builder
         * @throws NullPointerException if {@code identifiers} or one of its elements is null
         * @throws IllegalArgumentException if an identifier is out of range
         */
        public Builder subscriptionIdentifiers(Collection<Integer> identifiers) {
            List<Integer> copy = Checks.immutableList(identifiers, "subscriptionIdentifiers");
            for (Integer id : copy) {
                Checks.range(id, 1, Checks.MAX_VARIABLE_BYTE_INTEGER, "subscriptionIdentifier");
            }
            subscriptionIdentifiers = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /**
         * Sets the Topic Alias (section 3.3.2.3.4) to use when the client's outbound topic aliasing is {@code
         * MANUAL}: the first publish with an alias on a connection sends the topic and the alias, later ones
         * with the same topic only the alias. An alias above the server's Topic Alias Maximum is not used,
         * and the topic goes out in full. Ignored in the other aliasing modes. The default is none.
         *
         * @param topicAlias 1 to 65,535, or null for none
         * @return this builder
         * @throws IllegalArgumentException if {@code topicAlias} is out of range
         */
        public Builder topicAlias(Integer topicAlias) {
            this.topicAlias = Checks.optionalRange(topicAlias, 1, Checks.MAX_UNSIGNED_SHORT, "topicAlias");
            return this;
        }

        /**
         * Builds the packet.
         *
         * @return a new immutable packet with this builder's values
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
