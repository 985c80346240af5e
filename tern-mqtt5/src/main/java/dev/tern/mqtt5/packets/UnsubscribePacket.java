package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.codec.Topics;
import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.internal.util.ToStringHelper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** The UNSUBSCRIBE packet, MQTT 5.0 section 3.10: one or more topic filters to remove. Immutable. */
public final class UnsubscribePacket implements MqttPacket {

    private final List<String> topicFilters;
    private final List<UserProperty> userProperties;

    private UnsubscribePacket(Builder b) {
        topicFilters = Checks.freeze(b.topicFilters);
        userProperties = Checks.freeze(b.userProperties);
    }

    /**
     * {@return a new builder with no topic filters and no properties} At least one topic filter must be added
     * before {@link Builder#build()}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates an UNSUBSCRIBE for the given topic filters, in order, with no properties.
     *
     * @param topicFilters the filters, exactly as they were subscribed (a shared subscription with its {@code
     *     $share/<group>/} prefix); at least one
     * @return the packet
     * @throws NullPointerException if {@code topicFilters} or one of its elements is null
     * @throws IllegalArgumentException if a filter is not a valid topic filter
     * @throws IllegalStateException if {@code topicFilters} is empty
     */
    public static UnsubscribePacket of(String... topicFilters) {
        return builder().topicFilters(Arrays.asList(Checks.notNull(topicFilters, "topicFilters"))).build();
    }

    /** {@return a builder holding this packet's values; changing it does not change this packet} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }

    /**
     * {@return the topic filters in order; immutable and never empty} The UNSUBACK has one reason code for
     * each, in the same order.
     */
    public List<String> topicFilters() {
        return topicFilters;
    }

    /**
     * {@return the User Properties (section 3.10.2.1.2) in order; an immutable list, empty if there are none}
     */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof UnsubscribePacket)) {
            return false;
        }
        UnsubscribePacket that = (UnsubscribePacket) o;
        return topicFilters.equals(that.topicFilters) && userProperties.equals(that.userProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topicFilters, userProperties);
    }

    @Override
    public String toString() {
        return new ToStringHelper("UnsubscribePacket")
                .add("topicFilters", topicFilters)
                .add("userProperties", userProperties)
                .toString();
    }

    /**
     * Builds {@link UnsubscribePacket}s. Not thread-safe. Each setter checks its argument and throws at once,
     * naming the field.
     */
    public static final class Builder {
        private List<String> topicFilters;
        private List<UserProperty> userProperties;

        private Builder() {
        }

        private Builder(UnsubscribePacket p) {
            topicFilters = new ArrayList<>(p.topicFilters);
            userProperties = p.userProperties.isEmpty() ? null : new ArrayList<>(p.userProperties);
        }

        /**
         * Appends a topic filter. The server compares it character by character with the filters of its
         * subscriptions, so it must be written exactly as it was subscribed.
         *
         * @param topicFilter the filter, possibly wildcard or shared
         * @return this builder
         * @throws NullPointerException if {@code topicFilter} is null
         * @throws IllegalArgumentException if {@code topicFilter} is not a valid topic filter or is not a
         *     valid MQTT string (U+0000, an unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder topicFilter(String topicFilter) {
            Checks.string(topicFilter, "topicFilter");
            String problem = Topics.topicFilterProblem(topicFilter);
            if (problem != null) {
                throw new IllegalArgumentException("topic filter '" + topicFilter + "': " + problem);
            }
            topicFilters = Checks.append(topicFilters, topicFilter, "topicFilter");
            return this;
        }

        /**
         * Replaces all topic filters with {@code topicFilters}, in iteration order, checking each as
         * {@link #topicFilter(String)} does.
         *
         * @param topicFilters the filters; must not be empty when {@link #build()} is called
         * @return this builder
         * @throws NullPointerException if {@code topicFilters} or one of its elements is null
         * @throws IllegalArgumentException if a filter is not a valid topic filter
         */
        public Builder topicFilters(Collection<String> topicFilters) {
            List<String> copy = Checks.immutableList(topicFilters, "topicFilters");
            this.topicFilters = null;
            for (String filter : copy) {
                topicFilter(filter);
            }
            return this;
        }

        /**
         * Appends a User Property (section 3.10.2.1.2). Order is kept and names may repeat.
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
         * Appends a User Property (section 3.10.2.1.2). Order is kept and names may repeat.
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
         * @throws IllegalStateException if there is no topic filter (a protocol error, [MQTT-3.10.3-2])
         */
        public UnsubscribePacket build() {
            if (topicFilters == null || topicFilters.isEmpty()) {
                throw new IllegalStateException("an UNSUBSCRIBE needs at least one topic filter");
            }
            return new UnsubscribePacket(this);
        }
    }
}
