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

    /**
     * {@return a new builder with no subscriptions and no properties} At least one subscription must be added
     * before {@link Builder#build()}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a SUBSCRIBE with one subscription with the default options (see {@link Subscription#of(String,
     * QoS)}) and no properties.
     *
     * @param topicFilter the topic filter, possibly wildcard or shared
     * @param qos the maximum QoS of messages sent for this subscription
     * @return the packet
     * @throws NullPointerException if {@code topicFilter} or {@code qos} is null
     * @throws IllegalArgumentException if {@code topicFilter} is not a valid topic filter
     */
    public static SubscribePacket of(String topicFilter, QoS qos) {
        return builder().subscription(topicFilter, qos).build();
    }

    /** {@return a builder holding this packet's values; changing it does not change this packet} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }

    /**
     * {@return the subscriptions in order; immutable and never empty} The SUBACK has one reason code for
     * each, in the same order.
     */
    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    /**
     * {@return the Subscription Identifier (section 3.8.2.1.2), or null for none} The server attaches it to
     * every message it sends because of these subscriptions, so the application can tell which subscription a
     * message arrived for.
     */
    public Integer subscriptionIdentifier() {
        return subscriptionIdentifier;
    }

    /**
     * {@return the User Properties (section 3.8.2.1.3) in order; an immutable list, empty if there are none}
     */
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

    /**
     * Builds {@link SubscribePacket}s. Not thread-safe. Each setter checks its argument and throws at once,
     * naming the field.
     */
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

        /**
         * Appends a subscription with the default options (see {@link Subscription#of(String, QoS)}).
         *
         * @param topicFilter the topic filter, possibly wildcard or shared
         * @param qos the maximum QoS of messages sent for this subscription
         * @return this builder
         * @throws NullPointerException if {@code topicFilter} or {@code qos} is null
         * @throws IllegalArgumentException if {@code topicFilter} is not a valid topic filter
         */
        public Builder subscription(String topicFilter, QoS qos) {
            return subscription(Subscription.of(topicFilter, qos));
        }

        /**
         * Appends a subscription.
         *
         * @param subscription the subscription
         * @return this builder
         * @throws NullPointerException if {@code subscription} is null
         */
        public Builder subscription(Subscription subscription) {
            subscriptions = Checks.append(subscriptions, subscription, "subscription");
            return this;
        }

        /**
         * Replaces all subscriptions with a copy of {@code subscriptions}, in iteration order.
         *
         * @param subscriptions the subscriptions; must not be empty when {@link #build()} is called
         * @return this builder
         * @throws NullPointerException if {@code subscriptions} or one of its elements is null
         */
        public Builder subscriptions(Collection<Subscription> subscriptions) {
            List<Subscription> copy = Checks.immutableList(subscriptions, "subscriptions");
            this.subscriptions = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /**
         * Sets the Subscription Identifier (section 3.8.2.1.2), which the server attaches to the messages it
         * sends for these subscriptions. If the server announced Subscription Identifiers Available 0, the
         * subscribe fails with {@code UNSUPPORTED_BY_SERVER}. The default is none.
         *
         * @param identifier 1 to 268,435,455, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code identifier} is out of range
         */
        public Builder subscriptionIdentifier(Integer identifier) {
            this.subscriptionIdentifier = Checks.optionalRange(
                    identifier, 1, Checks.MAX_VARIABLE_BYTE_INTEGER, "subscriptionIdentifier");
            return this;
        }

        /**
         * Appends a User Property (section 3.8.2.1.3). Order is kept and names may repeat.
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
         * Appends a User Property (section 3.8.2.1.3). Order is kept and names may repeat.
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
         * Builds the packet.
         *
         * @return a new immutable packet with this builder's values
         * @throws IllegalStateException if there is no subscription (a protocol error, [MQTT-3.8.3-2])
         */
        public SubscribePacket build() {
            if (subscriptions == null || subscriptions.isEmpty()) {
                throw new IllegalStateException("a SUBSCRIBE needs at least one subscription");
            }
            return new SubscribePacket(this);
        }
    }
}
