package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.NegotiatedSettings;
import dev.tern.mqtt5.internal.codec.DecoderSettings;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.QoS;

/** The settings in force after a CONNECT and its CONNACK, with the specification's defaults (3.1, 3.2). */
final class Negotiation {

    private Negotiation() {
    }

    static NegotiatedSettings settings(ConnectPacket connect, ConnAckPacket connAck) {
        return NegotiatedSettings.builder()
                .maximumQoS(connAck.maximumQoS() != null ? connAck.maximumQoS() : QoS.EXACTLY_ONCE)
                .sessionExpiryIntervalSeconds(connAck.sessionExpiryIntervalSeconds() != null
                        ? connAck.sessionExpiryIntervalSeconds()
                        : connect.sessionExpiryIntervalSeconds() != null ? connect.sessionExpiryIntervalSeconds() : 0L)
                .receiveMaximumFromServer(connAck.receiveMaximum() != null ? connAck.receiveMaximum() : 65_535)
                .receiveMaximumFromClient(connect.receiveMaximum() != null ? connect.receiveMaximum() : 65_535)
                .maximumPacketSizeToServer(connAck.maximumPacketSize() != null
                        ? Math.min(connAck.maximumPacketSize(), DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE)
                        : DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE)
                .maximumPacketSizeToClient(decoderMaximumPacketSize(connect))
                .topicAliasMaximumToServer(connAck.topicAliasMaximum() != null ? connAck.topicAliasMaximum() : 0)
                .topicAliasMaximumToClient(connect.topicAliasMaximum() != null ? connect.topicAliasMaximum() : 0)
                .serverKeepAliveSeconds(connAck.serverKeepAliveSeconds() != null
                        ? connAck.serverKeepAliveSeconds() : connect.keepAliveIntervalSeconds())
                .retainAvailable(connAck.retainAvailable() == null || connAck.retainAvailable())
                .wildcardSubscriptionsAvailable(connAck.wildcardSubscriptionsAvailable() == null
                        || connAck.wildcardSubscriptionsAvailable())
                .subscriptionIdentifiersAvailable(connAck.subscriptionIdentifiersAvailable() == null
                        || connAck.subscriptionIdentifiersAvailable())
                .sharedSubscriptionsAvailable(connAck.sharedSubscriptionsAvailable() == null
                        || connAck.sharedSubscriptionsAvailable())
                .clientId(connAck.assignedClientIdentifier() != null
                        ? connAck.assignedClientIdentifier() : connect.clientId())
                .rejoinedSession(connAck.sessionPresent())
                .build();
    }

    /** What the decoder enforces on this connection, from the client's CONNECT. */
    static DecoderSettings decoderSettings(ConnectPacket connect) {
        return DecoderSettings.client(decoderMaximumPacketSize(connect),
                connect.topicAliasMaximum() != null ? connect.topicAliasMaximum() : 0,
                connect.requestProblemInformation() == null || connect.requestProblemInformation());
    }

    private static long decoderMaximumPacketSize(ConnectPacket connect) {
        return connect.maximumPacketSize() != null
                ? Math.min(connect.maximumPacketSize(), DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE)
                : DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE;
    }
}
