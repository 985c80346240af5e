package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.DisconnectPacket;

/**
 * A connection that had succeeded is gone: closed by {@code stop()}, by the server, by the network, or
 * by the client after a protocol violation. Only ever follows a {@link ConnectionSuccessEvent}.
 */
public final class DisconnectionEvent {

    private final Mqtt5Exception error;
    private final DisconnectPacket disconnectPacket;

    public DisconnectionEvent(Mqtt5Exception error, DisconnectPacket disconnectPacket) {
        this.error = error;
        this.disconnectPacket = disconnectPacket;
    }

    /** Why the connection ended; never null ({@link ErrorKind#CLIENT_STOPPED} after {@code stop()}). */
    public Mqtt5Exception error() {
        return error;
    }

    /** The server's DISCONNECT, or null if the server did not send one. */
    public DisconnectPacket disconnectPacket() {
        return disconnectPacket;
    }

    @Override
    public String toString() {
        return "DisconnectionEvent{" + error.kind() + ": " + error.getMessage()
                + (disconnectPacket != null ? ", " + disconnectPacket : "") + "}";
    }
}
