package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.ConnAckPacket;

/**
 * A connection attempt failed, anywhere between name resolution and CONNACK. The client will try again
 * after its backoff, until {@code stop()}.
 */
public final class ConnectionFailureEvent {

    private final Mqtt5Exception error;
    private final ConnAckPacket connAck;

    public ConnectionFailureEvent(Mqtt5Exception error, ConnAckPacket connAck) {
        this.error = error;
        this.connAck = connAck;
    }

    /** Why it failed; never null. */
    public Mqtt5Exception error() {
        return error;
    }

    /** The server's failing CONNACK, or null if none arrived. */
    public ConnAckPacket connAck() {
        return connAck;
    }

    @Override
    public String toString() {
        return "ConnectionFailureEvent{" + error.kind() + ": " + error.getMessage()
                + (connAck != null ? ", " + connAck : "") + "}";
    }
}
