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

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The will topic name. */
    public String topic() {
        return topic;
    }

    /** A copy of the will payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload decoded as UTF-8. */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public QoS qos() {
        return qos;
    }

    public boolean retain() {
        return retain;
    }

    /** Seconds the server waits after the connection ends before publishing the will, or null (0). */
    public Long delayIntervalSeconds() {
        return delayIntervalSeconds;
    }

    public PayloadFormatIndicator payloadFormatIndicator() {
        return payloadFormatIndicator;
    }

    public Long messageExpiryIntervalSeconds() {
        return messageExpiryIntervalSeconds;
    }

    public String contentType() {
        return contentType;
    }

    public String responseTopic() {
        return responseTopic;
    }

    /** A copy of the correlation data, or null. */
    public byte[] correlationData() {
        return correlationData == null ? null : correlationData.clone();
    }

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

    /** Builds {@link WillMessage}s. Not thread-safe. */
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

        /** The will topic: a topic name (not empty, no wildcards). */
        public Builder topic(String topic) {
            Checks.string(topic, "will topic");
            String problem = Topics.topicNameProblem(topic);
            if (problem != null) {
                throw new IllegalArgumentException("will topic '" + topic + "' " + problem);
            }
            this.topic = topic;
            return this;
        }

        /** The will payload, at most 65,535 bytes (it is Binary Data on the wire); copied. */
        public Builder payload(byte[] payload) {
            byte[] copy = Checks.optionalBinary(Checks.notNull(payload, "will payload"), "will payload");
            this.payload = copy.length == 0 ? EMPTY : copy;
            return this;
        }

        /** The will payload as UTF-8. */
        public Builder payload(String payload) {
            return payload(Checks.notNull(payload, "will payload").getBytes(StandardCharsets.UTF_8));
        }

        public Builder qos(QoS qos) {
            this.qos = Checks.notNull(qos, "will qos");
            return this;
        }

        public Builder retain(boolean retain) {
            this.retain = retain;
            return this;
        }

        /** The Will Delay Interval in seconds, 0 to 4,294,967,295; null to leave it out. */
        public Builder delayIntervalSeconds(Long seconds) {
            this.delayIntervalSeconds =
                    Checks.optionalRange(seconds, 0, Checks.MAX_UNSIGNED_INT, "will delayIntervalSeconds");
            return this;
        }

        public Builder payloadFormatIndicator(PayloadFormatIndicator indicator) {
            this.payloadFormatIndicator = indicator;
            return this;
        }

        public Builder messageExpiryIntervalSeconds(Long seconds) {
            this.messageExpiryIntervalSeconds = Checks.optionalRange(
                    seconds, 0, Checks.MAX_UNSIGNED_INT, "will messageExpiryIntervalSeconds");
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = Checks.optionalString(contentType, "will contentType");
            return this;
        }

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

        public Builder correlationData(byte[] correlationData) {
            this.correlationData = Checks.optionalBinary(correlationData, "will correlationData");
            return this;
        }

        public Builder userProperty(String name, String value) {
            return userProperty(UserProperty.of(name, value));
        }

        public Builder userProperty(UserProperty property) {
            userProperties = Checks.append(userProperties, property, "will userProperty");
            return this;
        }

        public Builder userProperties(Collection<UserProperty> properties) {
            List<UserProperty> copy = Checks.immutableList(properties, "will userProperties");
            userProperties = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /** @throws IllegalStateException if no topic was set */
        public WillMessage build() {
            if (topic == null) {
                throw new IllegalStateException("will topic must be set");
            }
            return new WillMessage(this);
        }
    }
}
