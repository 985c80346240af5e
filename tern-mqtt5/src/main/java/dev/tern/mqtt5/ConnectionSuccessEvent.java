package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.ConnAckPacket;

/** A connection attempt succeeded: the server sent an affirmative CONNACK. */
public final class ConnectionSuccessEvent {

    private final ConnAckPacket connAck;
    private final NegotiatedSettings negotiatedSettings;

    /**
     * Creates an event. The client creates these; the constructor is public for tests of listeners.
     *
     * @param connAck the server's CONNACK
     * @param negotiatedSettings the settings in force on the new connection
     */
    public ConnectionSuccessEvent(ConnAckPacket connAck, NegotiatedSettings negotiatedSettings) {
        this.connAck = connAck;
        this.negotiatedSettings = negotiatedSettings;
    }

    /** {@return the server's CONNACK, never null; its reason code is Success} */
    public ConnAckPacket connAck() {
        return connAck;
    }

    /**
     * {@return the settings in force on this connection, never null; also available from
     * {@link Mqtt5Client#negotiatedSettings()} while the connection lasts}
     */
    public NegotiatedSettings negotiatedSettings() {
        return negotiatedSettings;
    }

    @Override
    public String toString() {
        return "ConnectionSuccessEvent{" + connAck + ", " + negotiatedSettings + "}";
    }
}
