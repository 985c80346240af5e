package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.ConnAckPacket;

/**
 * A connection attempt failed, anywhere between name resolution and CONNACK. The client will try again
 * after its backoff, until {@code stop()}.
 */
public final class ConnectionFailureEvent {

    private final Mqtt5Exception error;
    private final ConnAckPacket connAck;

    /**
     * Creates an event. The client creates these; the constructor is public for tests of listeners.
     *
     * @param error why the attempt failed
     * @param connAck the server's failing CONNACK, or null if none arrived
     */
    public ConnectionFailureEvent(Mqtt5Exception error, ConnAckPacket connAck) {
        this.error = error;
        this.connAck = connAck;
    }

    /**
     * {@return why the attempt failed, never null} Its {@link Mqtt5Exception#kind()} sorts the failure:
     * network, TLS, proxy, WebSocket, CONNACK refusal, timeout, or {@link ErrorKind#CLIENT_STOPPED} if {@code
     * stop()} interrupted the attempt.
     */
    public Mqtt5Exception error() {
        return error;
    }

    /**
     * {@return the server's failing CONNACK, or null if none arrived} Its reason string and server reference
     * may tell more than the error.
     */
    public ConnAckPacket connAck() {
        return connAck;
    }

    @Override
    public String toString() {
        return "ConnectionFailureEvent{" + error.kind() + ": " + error.getMessage()
                + (connAck != null ? ", " + connAck : "") + "}";
    }
}
