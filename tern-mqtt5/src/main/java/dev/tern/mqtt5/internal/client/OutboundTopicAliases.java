package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.TopicAliasingOptions;
import dev.tern.mqtt5.packets.PublishPacket;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topic aliases of one connection, towards the server (MQTT 5.0 section 3.3.2.3.4). Aliases are
 * connection state: a new connection starts with none.
 */
@CallByThread("event loop")
final class OutboundTopicAliases {

    /** {@link #resolve} result: no alias; send the topic. */
    static final int NONE = 0;

    private final TopicAliasingOptions.OutboundBehavior behavior;
    private final int maximum;
    /** LRU: topic → alias, least recently used first. */
    private final LinkedHashMap<String, Integer> lru;
    /** MANUAL: alias → topic. */
    private final Map<Integer, String> manual;

    OutboundTopicAliases(TopicAliasingOptions options, int serverMaximum) {
        this.behavior = options.outboundBehavior();
        switch (behavior) {
            case LRU:
                maximum = Math.min(options.outboundCacheMaxSize(), serverMaximum);
                lru = new LinkedHashMap<>(16, 0.75f, true);
                manual = null;
                break;
            case MANUAL:
                maximum = serverMaximum;
                lru = null;
                manual = new HashMap<>();
                break;
            default:
                maximum = 0;
                lru = null;
                manual = null;
        }
    }

    /**
     * The alias for this publish: {@link #NONE}, a positive alias the server already knows (send it
     * without the topic), or a negative alias being set up now (send it with the topic).
     */
    int resolve(PublishPacket packet) {
        if (maximum == 0) {
            return NONE;
        }
        String topic = packet.topic();
        if (behavior == TopicAliasingOptions.OutboundBehavior.MANUAL) {
            Integer wanted = packet.topicAlias();
            if (wanted == null || wanted > maximum) {
                return NONE; // beyond the server's maximum: send the topic itself
            }
            if (topic.equals(manual.get(wanted))) {
                return wanted;
            }
            manual.put(wanted, topic);
            return -wanted;
        }
        Integer known = lru.get(topic);
        if (known != null) {
            return known;
        }
        int alias;
        if (lru.size() < maximum) {
            alias = lru.size() + 1;
        } else {
            Iterator<Map.Entry<String, Integer>> eldest = lru.entrySet().iterator();
            alias = eldest.next().getValue();
            eldest.remove();
        }
        lru.put(topic, alias);
        return -alias;
    }
}
