package dev.tern.mqtt5.internal.transport;

import io.netty.channel.Channel;

/**
 * One layer under MQTT: TLS (to a proxy or to the broker), a proxy tunnel, or WebSocket. Stages are
 * installed in order, head to tail; every layer buffers what is written through it until it is ready,
 * so all can be installed at once. The last stage signals {@link TransportReadyEvent} when it is done,
 * and MQTT starts; a stage that fails fires its error through the pipeline and the channel closes.
 */
public interface TransportStage {

    /**
     * Set on the channel by a stage whose credentials expire (a signed WebSocket upgrade): the client
     * rotates the connection before then.
     */
    io.netty.util.AttributeKey<java.time.Instant> CREDENTIALS_VALID_UNTIL =
            io.netty.util.AttributeKey.valueOf("tern.credentialsValidUntil");

    /**
     * Work to do before each connection attempt (reading key files): runs on the event loop, and throws
     * a {@code Mqtt5Exception} to fail the attempt.
     */
    default void prepare() {
    }

    /** Adds the stage's handlers to the end of the pipeline; {@code last} if MQTT starts after it. */
    void install(Channel channel, boolean last);

    /** Tells the connection handler that the transport is ready. */
    static void ready(Channel channel) {
        channel.pipeline().fireUserEventTriggered(TransportReadyEvent.INSTANCE);
    }
}
