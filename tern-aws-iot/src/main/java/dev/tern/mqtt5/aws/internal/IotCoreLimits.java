package dev.tern.mqtt5.aws.internal;

import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.Subscription;
import dev.tern.mqtt5.packets.UnsubscribePacket;

import java.nio.charset.StandardCharsets;

/**
 * What AWS IoT Core refuses, checked before a packet leaves the client, so that the caller gets an error
 * naming the limit instead of a disconnection (IoT Core answers most violations by closing the
 * connection). Numbers from the AWS IoT Core service quotas.
 */
public final class IotCoreLimits {

    public static final int MAX_PAYLOAD_BYTES = 128 * 1024;
    public static final int MAX_TOPIC_BYTES = 256;
    public static final int MAX_TOPIC_SLASHES = 7;
    public static final int MAX_SUBSCRIPTIONS_PER_SUBSCRIBE = 8;
    public static final int MAX_CLIENT_ID_BYTES = 128;
    public static final int MIN_KEEP_ALIVE_SECONDS = 30;
    public static final int MAX_KEEP_ALIVE_SECONDS = 1200;
    public static final int MAX_PUBLISHES_PER_SECOND = 100;
    public static final int MAX_PUBLISH_BYTES_PER_SECOND = 512 * 1024;

    private static final String BASIC_INGEST_PREFIX = "$aws/rules/";
    private static final String SHARED_PREFIX = "$share/";

    private IotCoreLimits() {
    }

    /** Checks the CONNECT the builder would send; a build-time error, hence IllegalArgumentException. */
    public static void checkConnect(ConnectPacket connect) {
        int idBytes = utf8Length(connect.clientId());
        if (idBytes > MAX_CLIENT_ID_BYTES) {
            throw new IllegalArgumentException("AWS IoT Core accepts client identifiers of at most "
                    + MAX_CLIENT_ID_BYTES + " bytes; this one has " + idBytes);
        }
        int keepAlive = connect.keepAliveIntervalSeconds();
        if (keepAlive < MIN_KEEP_ALIVE_SECONDS || keepAlive > MAX_KEEP_ALIVE_SECONDS) {
            throw new IllegalArgumentException("AWS IoT Core accepts keep alive intervals from "
                    + MIN_KEEP_ALIVE_SECONDS + " to " + MAX_KEEP_ALIVE_SECONDS + " seconds; was " + keepAlive);
        }
    }

    /** The error for a PUBLISH IoT Core would refuse, or null. */
    public static Mqtt5Exception checkPublish(PublishPacket publish) {
        if (publish.qos() == QoS.EXACTLY_ONCE) {
            return refused("AWS IoT Core does not support QoS 2; publish with QoS 0 or 1");
        }
        if (publish.payloadSize() > MAX_PAYLOAD_BYTES) {
            return refused("AWS IoT Core accepts payloads of at most " + MAX_PAYLOAD_BYTES + " bytes; this one has "
                    + publish.payloadSize());
        }
        return checkTopic(publish.topic(), BASIC_INGEST_PREFIX, "topic");
    }

    /** The error for a SUBSCRIBE IoT Core would refuse, or null. */
    public static Mqtt5Exception checkSubscribe(SubscribePacket subscribe) {
        int count = subscribe.subscriptions().size();
        if (count > MAX_SUBSCRIPTIONS_PER_SUBSCRIBE) {
            return refused("AWS IoT Core accepts at most " + MAX_SUBSCRIPTIONS_PER_SUBSCRIBE
                    + " topic filters per SUBSCRIBE; this one has " + count + " (split it into several)");
        }
        for (Subscription subscription : subscribe.subscriptions()) {
            if (subscription.qos() == QoS.EXACTLY_ONCE) {
                return refused("AWS IoT Core does not support QoS 2; subscribe to " + subscription.topicFilter()
                        + " with QoS 0 or 1");
            }
            Mqtt5Exception error = checkTopic(subscription.topicFilter(), SHARED_PREFIX, "topic filter");
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    /** The error for an UNSUBSCRIBE IoT Core would refuse, or null. */
    public static Mqtt5Exception checkUnsubscribe(UnsubscribePacket unsubscribe) {
        int count = unsubscribe.topicFilters().size();
        if (count > MAX_SUBSCRIPTIONS_PER_SUBSCRIBE) {
            return refused("AWS IoT Core accepts at most " + MAX_SUBSCRIPTIONS_PER_SUBSCRIBE
                    + " topic filters per UNSUBSCRIBE; this one has " + count + " (split it into several)");
        }
        for (String filter : unsubscribe.topicFilters()) {
            Mqtt5Exception error = checkTopic(filter, SHARED_PREFIX, "topic filter");
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    /**
     * Length and depth, not counting the prefix IoT Core itself does not count: {@code $aws/rules/<rule>/}
     * for Basic Ingest topics, {@code $share/<group>/} for shared subscriptions.
     */
    private static Mqtt5Exception checkTopic(String topic, String uncountedPrefix, String what) {
        String counted = withoutPrefix(topic, uncountedPrefix);
        int bytes = utf8Length(counted);
        if (bytes > MAX_TOPIC_BYTES) {
            return refused("AWS IoT Core accepts " + what + "s of at most " + MAX_TOPIC_BYTES + " bytes"
                    + (counted.length() != topic.length() ? " after " + uncountedPrefix + "…/" : "")
                    + "; this one has " + bytes);
        }
        int slashes = 0;
        for (int i = 0; i < counted.length(); i++) {
            if (counted.charAt(i) == '/') {
                slashes++;
            }
        }
        if (slashes > MAX_TOPIC_SLASHES) {
            return refused("AWS IoT Core accepts " + what + "s with at most " + MAX_TOPIC_SLASHES
                    + " slashes (8 levels); " + topic + " has " + slashes);
        }
        return null;
    }

    private static String withoutPrefix(String topic, String prefix) {
        if (topic.regionMatches(true, 0, prefix, 0, prefix.length())) {
            int end = topic.indexOf('/', prefix.length());
            if (end > prefix.length()) {
                return topic.substring(end + 1);
            }
        }
        return topic;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Mqtt5Exception refused(String message) {
        return new Mqtt5Exception(ErrorKind.UNSUPPORTED_BY_SERVER, message);
    }
}
