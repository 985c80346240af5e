package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.codec.Topics;
import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.internal.util.ToStringHelper;

import java.util.Objects;

/**
 * One topic filter of a SUBSCRIBE with its Subscription Options, MQTT 5.0 section 3.8.3.1. Immutable.
 */
public final class Subscription {

    private final String topicFilter;
    private final QoS qos;
    private final boolean noLocal;
    private final boolean retainAsPublished;
    private final RetainHandling retainHandling;

    private Subscription(Builder b) {
        topicFilter = b.topicFilter;
        qos = b.qos;
        noLocal = b.noLocal;
        retainAsPublished = b.retainAsPublished;
        retainHandling = b.retainHandling;
    }

    /**
     * Creates a subscription with the default options: No Local off, Retain As Published off, and retained
     * messages sent on subscribe.
     *
     * @param topicFilter a topic filter: {@code +} matches one whole level, {@code #} as the last level
     *     matches that level and all below it, and {@code $share/<group>/<filter>} makes a shared
     *     subscription
     * @param qos the maximum QoS of messages sent for this subscription
     * @return the subscription
     * @throws NullPointerException if {@code topicFilter} or {@code qos} is null
     * @throws IllegalArgumentException if {@code topicFilter} is not a valid topic filter
     */
    public static Subscription of(String topicFilter, QoS qos) {
        return builder().topicFilter(topicFilter).qos(qos).build();
    }

    /**
     * {@return a new builder: QoS 0, No Local off, Retain As Published off, retained messages sent on
     * subscribe} A topic filter must be set before {@link Builder#build()}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return a builder holding this subscription's values; changing it does not change this subscription}
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * {@return the Topic Filter (section 4.7), possibly a shared one ({@code $share/<group>/<filter>},
     * section 4.8.2); never null}
     */
    public String topicFilter() {
        return topicFilter;
    }

    /**
     * {@return the Maximum QoS option: the highest QoS at which the server sends matching messages; never
     * null} A message published at a higher QoS is delivered at this one.
     */
    public QoS qos() {
        return qos;
    }

    /**
     * {@return the No Local option: if true, the server does not send this client the messages it publishes
     * itself}
     */
    public boolean noLocal() {
        return noLocal;
    }

    /**
     * {@return the Retain As Published option: if true, forwarded messages keep the RETAIN flag they were
     * published with; if false, the server clears it (retained messages sent because of the subscribe keep it
     * either way)}
     */
    public boolean retainAsPublished() {
        return retainAsPublished;
    }

    /**
     * {@return the Retain Handling option: whether the server sends retained messages when the subscription
     * is made; never null}
     */
    public RetainHandling retainHandling() {
        return retainHandling;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Subscription)) {
            return false;
        }
        Subscription that = (Subscription) o;
        return noLocal == that.noLocal
                && retainAsPublished == that.retainAsPublished
                && topicFilter.equals(that.topicFilter)
                && qos == that.qos
                && retainHandling == that.retainHandling;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topicFilter, qos, noLocal, retainAsPublished, retainHandling);
    }

    @Override
    public String toString() {
        return new ToStringHelper("Subscription")
                .add("topicFilter", topicFilter)
                .add("qos", qos)
                .add("noLocal", noLocal)
                .add("retainAsPublished", retainAsPublished)
                .add("retainHandling", retainHandling)
                .toString();
    }

    /**
     * Builds {@link Subscription}s. Not thread-safe. Each setter checks its argument and throws at once,
     * naming the field.
     */
    public static final class Builder {
        private String topicFilter;
        private QoS qos = QoS.AT_MOST_ONCE;
        private boolean noLocal;
        private boolean retainAsPublished;
        private RetainHandling retainHandling = RetainHandling.SEND_ON_SUBSCRIBE;

        private Builder() {
        }

        private Builder(Subscription s) {
            topicFilter = s.topicFilter;
            qos = s.qos;
            noLocal = s.noLocal;
            retainAsPublished = s.retainAsPublished;
            retainHandling = s.retainHandling;
        }

        /**
         * Sets the Topic Filter (section 4.7). Required.
         *
         * @param topicFilter a topic filter: {@code +} matches one whole level, {@code #} as the last level
         *     matches that level and all below it, and {@code $share/<group>/<filter>} makes a shared
         *     subscription
         * @return this builder
         * @throws NullPointerException if {@code topicFilter} is null
         * @throws IllegalArgumentException if {@code topicFilter} is empty, misplaces a wildcard, is a shared
         *     subscription without a group or filter, or is not a valid MQTT string (U+0000, an unpaired
         *     surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder topicFilter(String topicFilter) {
            Checks.string(topicFilter, "topicFilter");
            String problem = Topics.topicFilterProblem(topicFilter);
            if (problem != null) {
                throw new IllegalArgumentException("topic filter '" + topicFilter + "': " + problem);
            }
            this.topicFilter = topicFilter;
            return this;
        }

        /**
         * Sets the Maximum QoS option: the highest QoS at which the server sends matching messages. The
         * default is {@link QoS#AT_MOST_ONCE}.
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
         * Sets the No Local option: true keeps the server from sending this client its own messages. Not
         * allowed on a shared subscription ([MQTT-3.8.3-4]). The default is false.
         *
         * @param noLocal true to leave out the client's own messages
         * @return this builder
         */
        public Builder noLocal(boolean noLocal) {
            this.noLocal = noLocal;
            return this;
        }

        /**
         * Sets the Retain As Published option: true makes forwarded messages keep the RETAIN flag they were
         * published with, which bridges need. The default is false: the server clears it.
         *
         * @param retainAsPublished true to keep the publisher's RETAIN flag
         * @return this builder
         */
        public Builder retainAsPublished(boolean retainAsPublished) {
            this.retainAsPublished = retainAsPublished;
            return this;
        }

        /**
         * Sets the Retain Handling option: whether the server sends retained messages when the subscription
         * is made. The default is {@link RetainHandling#SEND_ON_SUBSCRIBE}.
         *
         * @param retainHandling the option
         * @return this builder
         * @throws NullPointerException if {@code retainHandling} is null
         */
        public Builder retainHandling(RetainHandling retainHandling) {
            this.retainHandling = Checks.notNull(retainHandling, "retainHandling");
            return this;
        }

        /**
         * Builds the subscription.
         *
         * @return a new immutable subscription with this builder's values
         * @throws IllegalStateException if no topic filter was set, or No Local is set on a shared
         *     subscription (a protocol error, [MQTT-3.8.3-4])
         */
        public Subscription build() {
            if (topicFilter == null) {
                throw new IllegalStateException("topicFilter must be set");
            }
            if (noLocal && Topics.isShared(topicFilter)) {
                throw new IllegalStateException("noLocal must not be set on a shared subscription: " + topicFilter);
            }
            return new Subscription(this);
        }
    }
}
