package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.PublishPacket;

/**
 * Lets the codec hand a freshly decoded payload array to a {@link PublishPacket} and read it back when
 * encoding, without the defensive copies the public API makes. {@link PublishPacket} registers the
 * bridge when its class initialises (the JDK's "shared secrets" pattern), so the public API needs no
 * method for it.
 */
public final class PayloadAccess {

    /** Implemented inside {@code dev.tern.mqtt5.packets}. */
    public interface Bridge {
        /** Sets {@code payload} on the builder; the builder owns the array from now on. */
        PublishPacket.Builder ownedPayload(PublishPacket.Builder builder, byte[] payload);

        /** The packet's payload array itself: never modify it. */
        byte[] payloadArray(PublishPacket packet);

        /** The packet's correlation data array itself, or null: never modify it. */
        byte[] correlationDataArray(PublishPacket packet);

        /**
         * A packet with no properties from a topic and QoS the decoder has checked; the packet owns the
         * payload from now on.
         */
        PublishPacket withoutProperties(String topic, byte[] payload, dev.tern.mqtt5.packets.QoS qos, boolean retain);
    }

    private static volatile Bridge bridge;

    private PayloadAccess() {
    }

    /** Called once, by {@link PublishPacket}'s static initialiser. */
    public static void register(Bridge instance) {
        if (bridge != null) {
            throw new IllegalStateException("PayloadAccess bridge already registered");
        }
        bridge = instance;
    }

    static Bridge bridge() {
        Bridge b = bridge;
        if (b == null) {
            try {
                Class.forName(PublishPacket.class.getName(), true, PublishPacket.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            b = bridge;
        }
        return b;
    }
}
