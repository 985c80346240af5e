package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.codec.Topics;
import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.internal.util.ToStringHelper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The Will Message of a CONNECT (MQTT 5.0 sections 3.1.2.5 and 3.1.3.2): published by the server when
 * the connection ends without a normal DISCONNECT, after the Will Delay Interval. Immutable; the
 * payload is copied when built.
 */
public final class WillMessage {

    private static final byte[] EMPTY = new byte[0];

    private final String topic;
    private final byte[] payload;
    private final QoS qos;
    private final boolean retain;
    private final Long delayIntervalSeconds;
    private final PayloadFormatIndicator payloadFormatIndicator;
    private final Long messageExpiryIntervalSeconds;
    private final String contentType;
    private final String responseTopic;
    private final byte[] correlationData;
    private final List<UserProperty> userProperties;

    private WillMessage(Builder b) {
        topic = b.topic;
        payload = b.payload;
        qos = b.qos;
        retain = b.retain;
        delayIntervalSeconds = b.delayIntervalSeconds;
        payloadFormatIndicator = b.payloadFormatIndicator;
        messageExpiryIntervalSeconds = b.messageExpiryIntervalSeconds;
        contentType = b.contentType;
        responseTopic = b.responseTopic;
        correlationData = b.correlationData;
        userProperties = Checks.freeze(b.userProperties);
    }

    /**
     * {@return a new builder: QoS 0, no retain, empty payload, no delay, no properties} A topic must be set
     * before {@link Builder#build()}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this will's values; changing it does not change this will} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the Will Topic (section 3.1.3.3), a topic name; never null} */
    public String topic() {
        return topic;
    }

    /** {@return a copy of the Will Payload (section 3.1.3.4); empty, never null, if there is none} */
    public byte[] payload() {
        return payload.clone();
    }

    /** {@return the Will Payload decoded as UTF-8; malformed input is replaced with U+FFFD} */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** {@return the Will QoS (section 3.1.2.6): the QoS the server publishes the will with; never null} */
    public QoS qos() {
        return qos;
    }

    /**
     * {@return the Will Retain flag (section 3.1.2.7): whether the server publishes the will as a retained
     * message}
     */
    public boolean retain() {
        return retain;
    }

    /**
     * {@return the Will Delay Interval in seconds (section 3.1.3.2.2), or null if absent, which means 0} The
     * server waits this long after the connection ends before publishing the will, and does not publish it if
     * the client reconnects to the session in time or the session ends first.
     */
    public Long delayIntervalSeconds() {
        return delayIntervalSeconds;
    }

    /**
     * {@return the will's Payload Format Indicator (section 3.1.3.2.3), or null if absent (unspecified
     * bytes)}
     */
    public PayloadFormatIndicator payloadFormatIndicator() {
        return payloadFormatIndicator;
    }

    /**
     * {@return the will's Message Expiry Interval in seconds (section 3.1.3.2.4), or null if absent: the
     * published will does not expire}
     */
    public Long messageExpiryIntervalSeconds() {
        return messageExpiryIntervalSeconds;
    }

    /** {@return the will's Content Type (section 3.1.3.2.5), or null} */
    public String contentType() {
        return contentType;
    }

    /** {@return the will's Response Topic (section 3.1.3.2.6), or null} */
    public String responseTopic() {
        return responseTopic;
    }

    /** {@return a copy of the will's Correlation Data (section 3.1.3.2.7), or null} */
    public byte[] correlationData() {
        return correlationData == null ? null : correlationData.clone();
    }

    /**
     * {@return the will's User Properties (section 3.1.3.2.8) in order; an immutable list, empty if there are
     * none}
     */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WillMessage)) {
            return false;
        }
        WillMessage that = (WillMessage) o;
        return retain == that.retain
                && topic.equals(that.topic)
                && Arrays.equals(payload, that.payload)
                && qos == that.qos
                && Objects.equals(delayIntervalSeconds, that.delayIntervalSeconds)
                && payloadFormatIndicator == that.payloadFormatIndicator
                && Objects.equals(messageExpiryIntervalSeconds, that.messageExpiryIntervalSeconds)
                && Objects.equals(contentType, that.contentType)
                && Objects.equals(responseTopic, that.responseTopic)
                && Arrays.equals(correlationData, that.correlationData)
                && userProperties.equals(that.userProperties);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(topic, qos, retain, delayIntervalSeconds, payloadFormatIndicator,
                messageExpiryIntervalSeconds, contentType, responseTopic, userProperties);
        h = 31 * h + Arrays.hashCode(payload);
        return 31 * h + Arrays.hashCode(correlationData);
    }

    @Override
    public String toString() {
        return new ToStringHelper("WillMessage")
                .add("topic", topic)
                .add("qos", qos)
                .add("retain", retain)
                .addSize("payload", payload)
                .add("delayIntervalSeconds", delayIntervalSeconds)
                .add("payloadFormatIndicator", payloadFormatIndicator)
                .add("messageExpiryIntervalSeconds", messageExpiryIntervalSeconds)
                .add("contentType", contentType)
                .add("responseTopic", responseTopic)
                .addSize("correlationData", correlationData)
                .add("userProperties", userProperties)
                .toString();
    }

    /**
     * Builds {@link WillMessage}s. Not thread-safe. Each setter checks its argument and throws at once,
     * naming the field.
     */
    public static final class Builder {
        private String topic;
        private byte[] payload = EMPTY;
        private QoS qos = QoS.AT_MOST_ONCE;
        private boolean retain;
        private Long delayIntervalSeconds;
        private PayloadFormatIndicator payloadFormatIndicator;
        private Long messageExpiryIntervalSeconds;
        private String contentType;
        private String responseTopic;
        private byte[] correlationData;
        private List<UserProperty> userProperties;

        private Builder() {
        }

        private Builder(WillMessage w) {
            topic = w.topic;
            payload = w.payload;
            qos = w.qos;
            retain = w.retain;
            delayIntervalSeconds = w.delayIntervalSeconds;
            payloadFormatIndicator = w.payloadFormatIndicator;
            messageExpiryIntervalSeconds = w.messageExpiryIntervalSeconds;
            contentType = w.contentType;
            responseTopic = w.responseTopic;
            correlationData = w.correlationData;
            userProperties = w.userProperties.isEmpty() ? null : new ArrayList<>(w.userProperties);
        }

        /**
         * Sets the Will Topic (section 3.1.3.3). Required.
         *
         * @param topic a topic name: not empty and without the wildcards {@code +} and {@code #}
         * @return this builder
         * @throws NullPointerException if {@code topic} is null
         * @throws IllegalArgumentException if {@code topic} is empty, contains a wildcard, or is not a valid
         *     MQTT string (U+0000, an unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder topic(String topic) {
            Checks.string(topic, "will topic");
            String problem = Topics.topicNameProblem(topic);
            if (problem != null) {
                throw new IllegalArgumentException("will topic '" + topic + "' " + problem);
            }
            this.topic = topic;
            return this;
        }

        /**
         * Sets the Will Payload (section 3.1.3.4) to a copy of {@code payload}. Unlike a PUBLISH payload it
         * is Binary Data on the wire, so it is limited to 65,535 bytes. The default is empty.
         *
         * @param payload at most 65,535 bytes; may be empty
         * @return this builder
         * @throws NullPointerException if {@code payload} is null
         * @throws IllegalArgumentException if {@code payload} is longer than 65,535 bytes
         */
        public Builder payload(byte[] payload) {
            byte[] copy = Checks.optionalBinary(Checks.notNull(payload, "will payload"), "will payload");
            this.payload = copy.length == 0 ? EMPTY : copy;
            return this;
        }

        /**
         * Sets the Will Payload to the string encoded as UTF-8. It does not set the Payload Format Indicator.
         * The default is empty.
         *
         * @param payload the text; may be empty
         * @return this builder
         * @throws NullPointerException if {@code payload} is null
         * @throws IllegalArgumentException if the encoded payload is longer than 65,535 bytes
         */
        public Builder payload(String payload) {
            return payload(Checks.notNull(payload, "will payload").getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Sets the Will QoS (section 3.1.2.6). If it is above the server's Maximum QoS the server refuses the
         * CONNECT with QoS Not Supported. The default is {@link QoS#AT_MOST_ONCE}.
         *
         * @param qos the level
         * @return this builder
         * @throws NullPointerException if {@code qos} is null
         */
        public Builder qos(QoS qos) {
            this.qos = Checks.notNull(qos, "will qos");
            return this;
        }

        /**
         * Sets the Will Retain flag (section 3.1.2.7): whether the server publishes the will as a retained
         * message. If the server does not support retain it refuses the CONNECT with Retain Not Supported.
         * The default is false.
         *
         * @param retain true to retain the will
         * @return this builder
         */
        public Builder retain(boolean retain) {
            this.retain = retain;
            return this;
        }

        /**
         * Sets the Will Delay Interval (section 3.1.3.2.2): how long the server waits after the connection
         * ends before it publishes the will. If the client reconnects to the session within that time, the
         * will is not published. The default is none, which means 0: publish at once.
         *
         * @param seconds 0 to 4,294,967,295, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code seconds} is out of range
         */
        public Builder delayIntervalSeconds(Long seconds) {
            this.delayIntervalSeconds =
                    Checks.optionalRange(seconds, 0, Checks.MAX_UNSIGNED_INT, "will delayIntervalSeconds");
            return this;
        }

        /**
         * Sets the will's Payload Format Indicator (section 3.1.3.2.3). The default is none.
         *
         * @param indicator the indicator, or null to leave it out
         * @return this builder
         */
        public Builder payloadFormatIndicator(PayloadFormatIndicator indicator) {
            this.payloadFormatIndicator = indicator;
            return this;
        }

        /**
         * Sets the will's Message Expiry Interval (section 3.1.3.2.4), which becomes the published message's.
         * The default is none: the message does not expire.
         *
         * @param seconds 0 to 4,294,967,295, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code seconds} is out of range
         */
        public Builder messageExpiryIntervalSeconds(Long seconds) {
            this.messageExpiryIntervalSeconds = Checks.optionalRange(
                    seconds, 0, Checks.MAX_UNSIGNED_INT, "will messageExpiryIntervalSeconds");
            return this;
        }

        /**
         * Sets the will's Content Type (section 3.1.3.2.5), such as a MIME type. The default is none.
         *
         * @param contentType the content type, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code contentType} is not a valid MQTT string (U+0000, an
         *     unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder contentType(String contentType) {
            this.contentType = Checks.optionalString(contentType, "will contentType");
            return this;
        }

        /**
         * Sets the will's Response Topic (section 3.1.3.2.6), which makes the will a request. The default is
         * none.
         *
         * @param responseTopic a topic name (not empty, no wildcards), or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code responseTopic} is empty, contains a wildcard, or is not
         *     a valid MQTT string (U+0000, an unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder responseTopic(String responseTopic) {
            if (responseTopic != null) {
                Checks.string(responseTopic, "will responseTopic");
                String problem = Topics.topicNameProblem(responseTopic);
                if (problem != null) {
                    throw new IllegalArgumentException("will responseTopic '" + responseTopic + "' " + problem);
                }
            }
            this.responseTopic = responseTopic;
            return this;
        }

        /**
         * Sets the will's Correlation Data (section 3.1.3.2.7) to a copy of {@code correlationData}. The
         * default is none.
         *
         * @param correlationData at most 65,535 bytes, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code correlationData} is longer than 65,535 bytes
         */
        public Builder correlationData(byte[] correlationData) {
            this.correlationData = Checks.optionalBinary(correlationData, "will correlationData");
            return this;
        }

        /**
         * Appends a User Property (section 3.1.3.2.8). Order is kept and names may repeat.
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
         * Appends a User Property (section 3.1.3.2.8). Order is kept and names may repeat.
         *
         * @param property the property
         * @return this builder
         * @throws NullPointerException if {@code property} is null
         */
        public Builder userProperty(UserProperty property) {
            userProperties = Checks.append(userProperties, property, "will userProperty");
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
            List<UserProperty> copy = Checks.immutableList(properties, "will userProperties");
            userProperties = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /**
         * Builds the will.
         *
         * @return a new immutable will with this builder's values
         * @throws IllegalStateException if no topic was set
         */
        public WillMessage build() {
            if (topic == null) {
                throw new IllegalStateException("will topic must be set");
            }
            return new WillMessage(this);
        }
    }
}
