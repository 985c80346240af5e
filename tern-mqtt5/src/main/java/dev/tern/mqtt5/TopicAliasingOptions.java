package dev.tern.mqtt5;

import dev.tern.mqtt5.internal.util.Checks;

/**
 * How the client uses topic aliases on the messages it sends (MQTT 5.0 section 3.3.2.3.4), which
 * replace a repeated topic name by a two-byte number. How many aliases the client accepts from the
 * server is the Topic Alias Maximum of its CONNECT options.
 */
public final class TopicAliasingOptions {

    /** How outbound topic aliases are chosen. */
    public enum OutboundBehavior {
        /** Never use topic aliases. The default. */
        DISABLED,
        /**
         * The application chooses: a {@code PublishPacket} with a topic alias uses it (the first use of an
         * alias on a connection sends the topic with it, later uses only the alias).
         */
        MANUAL,
        /** The client keeps the most recently used topics in its aliases, within the server's maximum. */
        LRU
    }

    private static final TopicAliasingOptions DISABLED = new TopicAliasingOptions(OutboundBehavior.DISABLED, 0);

    private final OutboundBehavior outboundBehavior;
    private final int outboundCacheMaxSize;

    private TopicAliasingOptions(OutboundBehavior outboundBehavior, int outboundCacheMaxSize) {
        this.outboundBehavior = outboundBehavior;
        this.outboundCacheMaxSize = outboundCacheMaxSize;
    }

    /** {@return options that use no outbound topic aliases; the default} */
    public static TopicAliasingOptions disabled() {
        return DISABLED;
    }

    /**
     * {@return options under which the application chooses aliases, with
     * {@link dev.tern.mqtt5.packets.PublishPacket.Builder#topicAlias(Integer)}}
     */
    public static TopicAliasingOptions manual() {
        return new TopicAliasingOptions(OutboundBehavior.MANUAL, 0);
    }

    /**
     * Creates options under which the client assigns aliases itself, to the most recently used topics. On
     * each connection it uses at most {@code cacheMaxSize} aliases, and never more than the server's Topic
     * Alias Maximum; when they are all in use, a new topic takes over the alias of the least recently used
     * one.
     *
     * @param cacheMaxSize the most aliases to use, 1 to 65,535
     * @return the options
     * @throws IllegalArgumentException if {@code cacheMaxSize} is out of range
     */
    public static TopicAliasingOptions lru(int cacheMaxSize) {
        return new TopicAliasingOptions(OutboundBehavior.LRU, Checks.range(cacheMaxSize, 1, 65_535, "cacheMaxSize"));
    }

    /** {@return how outbound topic aliases are chosen} */
    public OutboundBehavior outboundBehavior() {
        return outboundBehavior;
    }

    /**
     * {@return the most aliases the client uses under {@link OutboundBehavior#LRU}; 0 for the other
     * behaviours}
     */
    public int outboundCacheMaxSize() {
        return outboundCacheMaxSize;
    }

    @Override
    public String toString() {
        return "TopicAliasingOptions{" + outboundBehavior
                + (outboundBehavior == OutboundBehavior.LRU ? ", cacheMaxSize=" + outboundCacheMaxSize : "") + "}";
    }
}
