package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.DisconnectPacket;

/**
 * A connection that had succeeded is gone: closed by {@code stop()}, by the server, by the network, or
 * by the client after a protocol violation. Only ever follows a {@link ConnectionSuccessEvent}.
 */
public final class DisconnectionEvent {

    private final Mqtt5Exception error;
    private final DisconnectPacket disconnectPacket;

    /**
     * Creates an event. The client creates these; the constructor is public for tests of listeners.
     *
     * @param error why the connection ended
     * @param disconnectPacket the server's DISCONNECT, or null if it sent none
     */
    public DisconnectionEvent(Mqtt5Exception error, DisconnectPacket disconnectPacket) {
        this.error = error;
        this.disconnectPacket = disconnectPacket;
    }

    /**
     * {@return why the connection ended, never null} Its {@link Mqtt5Exception#kind()} is
     * {@link ErrorKind#CLIENT_STOPPED} after {@code stop()}, {@link ErrorKind#SERVER_DISCONNECT} after a
     * DISCONNECT from the server, {@link ErrorKind#CONNECTION_ROTATED} after a planned replacement, or the
     * kind of the network or protocol failure.
     */
    public Mqtt5Exception error() {
        return error;
    }

    /** {@return the server's DISCONNECT, or null if the server did not send one} */
    public DisconnectPacket disconnectPacket() {
        return disconnectPacket;
    }

    @Override
    public String toString() {
        return "DisconnectionEvent{" + error.kind() + ": " + error.getMessage()
                + (disconnectPacket != null ? ", " + disconnectPacket : "") + "}";
    }
}
