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

    public static Builder builder() {
        return new Builder();
    }

    /** An UNSUBSCRIBE for the given filters, in order. */
    public static UnsubscribePacket of(String... topicFilters) {
        return builder().topicFilters(Arrays.asList(Checks.notNull(topicFilters, "topicFilters"))).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }

    /** The filters, in order; never empty. The UNSUBACK answers them in the same order. */
    public List<String> topicFilters() {
        return topicFilters;
    }

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

    /** Builds {@link UnsubscribePacket}s. Not thread-safe. */
    public static final class Builder {
        private List<String> topicFilters;
        private List<UserProperty> userProperties;

        private Builder() {
        }

        private Builder(UnsubscribePacket p) {
            topicFilters = new ArrayList<>(p.topicFilters);
            userProperties = p.userProperties.isEmpty() ? null : new ArrayList<>(p.userProperties);
        }

        /** Adds a topic filter. */
        public Builder topicFilter(String topicFilter) {
            Checks.string(topicFilter, "topicFilter");
            String problem = Topics.topicFilterProblem(topicFilter);
            if (problem != null) {
                throw new IllegalArgumentException("topic filter '" + topicFilter + "': " + problem);
            }
            topicFilters = Checks.append(topicFilters, topicFilter, "topicFilter");
            return this;
        }

        /** Replaces the topic filters. */
        public Builder topicFilters(Collection<String> topicFilters) {
            List<String> copy = Checks.immutableList(topicFilters, "topicFilters");
            this.topicFilters = null;
            for (String filter : copy) {
                topicFilter(filter);
            }
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

        /** @throws IllegalStateException if there is no filter (a protocol error, [MQTT-3.10.3-2]) */
        public UnsubscribePacket build() {
            if (topicFilters == null || topicFilters.isEmpty()) {
                throw new IllegalStateException("an UNSUBSCRIBE needs at least one topic filter");
            }
            return new UnsubscribePacket(this);
        }
    }
}
