package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.ConnAckPacket;

/** A connection attempt succeeded: the server sent an affirmative CONNACK. */
public final class ConnectionSuccessEvent {

    private final ConnAckPacket connAck;
    private final NegotiatedSettings negotiatedSettings;

    public ConnectionSuccessEvent(ConnAckPacket connAck, NegotiatedSettings negotiatedSettings) {
        this.connAck = connAck;
        this.negotiatedSettings = negotiatedSettings;
    }

    /** The server's CONNACK. */
    public ConnAckPacket connAck() {
        return connAck;
    }

    /** The settings in force on this connection. */
    public NegotiatedSettings negotiatedSettings() {
        return negotiatedSettings;
    }

    @Override
    public String toString() {
        return "ConnectionSuccessEvent{" + connAck + ", " + negotiatedSettings + "}";
    }
}
