package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.internal.util.ToStringHelper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The SUBSCRIBE packet, MQTT 5.0 section 3.8: one or more subscriptions. Immutable.
 *
 * <pre>{@code
 * SubscribePacket subscribe = SubscribePacket.builder()
 *         .subscription("hello/world/qos1", QoS.AT_LEAST_ONCE)
 *         .build();
 * }</pre>
 */
public final class SubscribePacket implements MqttPacket {

    private final List<Subscription> subscriptions;
    private final Integer subscriptionIdentifier;
    private final List<UserProperty> userProperties;

    private SubscribePacket(Builder b) {
        subscriptions = Checks.freeze(b.subscriptions);
        subscriptionIdentifier = b.subscriptionIdentifier;
        userProperties = Checks.freeze(b.userProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A SUBSCRIBE with one subscription with default options. */
    public static SubscribePacket of(String topicFilter, QoS qos) {
        return builder().subscription(topicFilter, qos).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }

    /** The subscriptions, in order; never empty. The SUBACK answers them in the same order. */
    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** The Subscription Identifier the server attaches to matching messages, or null. */
    public Integer subscriptionIdentifier() {
        return subscriptionIdentifier;
    }

    public List<UserProperty> userProperties() {
        return userProperties;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SubscribePacket)) {
            return false;
        }
        SubscribePacket that = (SubscribePacket) o;
        return subscriptions.equals(that.subscriptions)
                && Objects.equals(subscriptionIdentifier, that.subscriptionIdentifier)
                && userProperties.equals(that.userProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subscriptions, subscriptionIdentifier, userProperties);
    }

    @Override
    public String toString() {
        return new ToStringHelper("SubscribePacket")
                .add("subscriptions", subscriptions)
                .add("subscriptionIdentifier", subscriptionIdentifier)
                .add("userProperties", userProperties)
                .toString();
    }

    /** Builds {@link SubscribePacket}s. Not thread-safe. */
    public static final class Builder {
        private List<Subscription> subscriptions;
        private Integer subscriptionIdentifier;
        private List<UserProperty> userProperties;

        private Builder() {
        }

        private Builder(SubscribePacket p) {
            subscriptions = new ArrayList<>(p.subscriptions);
            subscriptionIdentifier = p.subscriptionIdentifier;
            userProperties = p.userProperties.isEmpty() ? null : new ArrayList<>(p.userProperties);
        }

        /** Adds a subscription with default options. */
        public Builder subscription(String topicFilter, QoS qos) {
            return subscription(Subscription.of(topicFilter, qos));
        }

        /** Adds a subscription. */
        public Builder subscription(Subscription subscription) {
            subscriptions = Checks.append(subscriptions, subscription, "subscription");
            return this;
        }

        /** Replaces the subscriptions. */
        public Builder subscriptions(Collection<Subscription> subscriptions) {
            List<Subscription> copy = Checks.immutableList(subscriptions, "subscriptions");
            this.subscriptions = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /** 1 to 268,435,455; null to leave it out. */
        public Builder subscriptionIdentifier(Integer identifier) {
            this.subscriptionIdentifier = Checks.optionalRange(
                    identifier, 1, Checks.MAX_VARIABLE_BYTE_INTEGER, "subscriptionIdentifier");
            return this;
        }

        public Builder userProperty(String name, String value) {
            return userProperty(UserProperty.of(name, value));
        }

        public Builder userProperty(UserProperty property) {
            userProperties = Checks.append(userProperties, property, "userProperty");
            return this;
        }

        public Builder userProperties(Collection<UserProperty> properties) {
            List<UserProperty> copy = Checks.immutableList(properties, "userProperties");
            userProperties = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /** @throws IllegalStateException if there is no subscription (a protocol error, [MQTT-3.8.3-2]) */
        public SubscribePacket build() {
            if (subscriptions == null || subscriptions.isEmpty()) {
                throw new IllegalStateException("a SUBSCRIBE needs at least one subscription");
            }
            return new SubscribePacket(this);
        }
    }
}
