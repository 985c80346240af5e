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

    /** A subscription with default options: local messages included, retain flag cleared, retained sent. */
    public static Subscription of(String topicFilter, QoS qos) {
        return builder().topicFilter(topicFilter).qos(qos).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The topic filter, possibly a shared one ({@code $share/group/filter}). */
    public String topicFilter() {
        return topicFilter;
    }

    /** The maximum QoS at which the server should send matching messages. */
    public QoS qos() {
        return qos;
    }

    /** Whether messages this client publishes are not sent back to it. */
    public boolean noLocal() {
        return noLocal;
    }

    /** Whether forwarded messages keep the retain flag they were published with. */
    public boolean retainAsPublished() {
        return retainAsPublished;
    }

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

    /** Builds {@link Subscription}s. Not thread-safe. */
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
         * The topic filter: {@code +} for one whole level, {@code #} as the last level, or a shared
         * subscription {@code $share/<group>/<filter>}.
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

        public Builder qos(QoS qos) {
            this.qos = Checks.notNull(qos, "qos");
            return this;
        }

        /** Not allowed on a shared subscription. */
        public Builder noLocal(boolean noLocal) {
            this.noLocal = noLocal;
            return this;
        }

        public Builder retainAsPublished(boolean retainAsPublished) {
            this.retainAsPublished = retainAsPublished;
            return this;
        }

        public Builder retainHandling(RetainHandling retainHandling) {
            this.retainHandling = Checks.notNull(retainHandling, "retainHandling");
            return this;
        }

        /**
         * @throws IllegalStateException if no filter was set, or No Local is set on a shared subscription
         *     (a protocol error, [MQTT-3.8.3-4])
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
