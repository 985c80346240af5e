package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.internal.codec.Topics;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.Subscription;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import dev.tern.mqtt5.packets.UserProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The subscriptions the server granted, as the client remembers them: to route messages to
 * per-subscription callbacks, and to subscribe again when the server did not keep the session.
 */
@CallByThread("event loop")
final class SubscriptionRegistry {

    private static final class Entry {
        final Subscription subscription;
        final Integer subscriptionIdentifier;
        final List<UserProperty> userProperties;
        final Consumer<PublishReceivedEvent> callback;

        Entry(Subscription subscription, Integer subscriptionIdentifier, List<UserProperty> userProperties,
                Consumer<PublishReceivedEvent> callback) {
            this.subscription = subscription;
            this.subscriptionIdentifier = subscriptionIdentifier;
            this.userProperties = userProperties;
            this.callback = callback;
        }
    }

    private final Map<String, Entry> byFilter = new LinkedHashMap<>();
    private int callbacks;

    /** Records the subscriptions of {@code subscribe} that the SUBACK granted. */
    void granted(SubscribePacket subscribe, SubAckPacket subAck, Consumer<PublishReceivedEvent> callback) {
        List<Subscription> subscriptions = subscribe.subscriptions();
        List<SubAckReasonCode> codes = subAck.reasonCodes();
        for (int i = 0; i < subscriptions.size() && i < codes.size(); i++) {
            if (!codes.get(i).isError()) {
                Subscription s = subscriptions.get(i);
                Entry old = byFilter.put(s.topicFilter(), new Entry(s, subscribe.subscriptionIdentifier(),
                        subscribe.userProperties(), callback));
                callbacks += (callback != null ? 1 : 0) - (old != null && old.callback != null ? 1 : 0);
            }
        }
    }

    /** Forgets the filters the UNSUBACK answered without a failure. */
    void removed(UnsubscribePacket unsubscribe, UnsubAckPacket unsubAck) {
        List<String> filters = unsubscribe.topicFilters();
        for (int i = 0; i < filters.size() && i < unsubAck.reasonCodes().size(); i++) {
            if (!unsubAck.reasonCodes().get(i).isError()) {
                Entry old = byFilter.remove(filters.get(i));
                if (old != null && old.callback != null) {
                    callbacks--;
                }
            }
        }
    }

    /**
     * The per-subscription callbacks whose filters match {@code topic}, each once; empty if the message
     * belongs to the global callback.
     */
    List<Consumer<PublishReceivedEvent>> callbacksFor(String topic) {
        if (callbacks == 0) {
            return List.of();
        }
        List<Consumer<PublishReceivedEvent>> matched = new ArrayList<>(2);
        for (Entry entry : byFilter.values()) {
            if (entry.callback != null && !matched.contains(entry.callback)
                    && Topics.matches(entry.subscription.topicFilter(), topic)) {
                matched.add(entry.callback);
            }
        }
        return matched;
    }

    /** SUBSCRIBE packets restoring every remembered subscription, grouped as they were subscribed. */
    List<SubscribeOperationTemplate> restorePackets() {
        Map<Object, SubscribeOperationTemplate> groups = new LinkedHashMap<>();
        for (Entry entry : byFilter.values()) {
            // The callback by identity: two callbacks may share an identity hash code.
            Object key = java.util.Arrays.asList(entry.subscriptionIdentifier, entry.userProperties,
                    entry.callback == null ? null : new SameObject(entry.callback));
            SubscribeOperationTemplate group = groups.computeIfAbsent(key,
                    k -> new SubscribeOperationTemplate(entry.subscriptionIdentifier, entry.userProperties,
                            entry.callback));
            group.subscriptions.add(entry.subscription);
        }
        return new ArrayList<>(groups.values());
    }

    boolean isEmpty() {
        return byFilter.isEmpty();
    }

    /** Equal only to a wrapper of the same object. */
    private static final class SameObject {
        private final Object object;

        SameObject(Object object) {
            this.object = object;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SameObject && ((SameObject) o).object == object;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(object);
        }
    }

    /** One SUBSCRIBE to resend: the subscriptions that shared an identifier, properties and callback. */
    static final class SubscribeOperationTemplate {
        final Integer subscriptionIdentifier;
        final List<UserProperty> userProperties;
        final Consumer<PublishReceivedEvent> callback;
        final List<Subscription> subscriptions = new ArrayList<>();

        SubscribeOperationTemplate(Integer subscriptionIdentifier, List<UserProperty> userProperties,
                Consumer<PublishReceivedEvent> callback) {
            this.subscriptionIdentifier = subscriptionIdentifier;
            this.userProperties = userProperties;
            this.callback = callback;
        }

        SubscribePacket packet() {
            return SubscribePacket.builder().subscriptions(subscriptions)
                    .subscriptionIdentifier(subscriptionIdentifier).userProperties(userProperties).build();
        }
    }
}
