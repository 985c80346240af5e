package dev.tern.mqtt5.internal.transport;

import io.netty.channel.Channel;

/**
 * One layer under MQTT (HTTP proxy tunnel, TLS, WebSocket). {@link #install} adds the stage's handlers
 * to a new channel's pipeline; the stage that completes last fires
 * {@code TransportReadyEvent} so that MQTT starts, and any stage that fails closes the channel with
 * a typed cause.
 */
public interface TransportStage {

    void install(Channel channel);
}
