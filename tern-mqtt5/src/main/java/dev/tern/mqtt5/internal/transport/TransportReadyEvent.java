package dev.tern.mqtt5.internal.transport;

/**
 * Fired through the pipeline by the last transport stage (TLS, WebSocket, proxy) once it can carry MQTT
 * bytes; the connection handler then sends CONNECT. On plain TCP there is no stage and the handler
 * starts when the channel becomes active.
 */
public final class TransportReadyEvent {

    public static final TransportReadyEvent INSTANCE = new TransportReadyEvent();

    private TransportReadyEvent() {
    }
}
