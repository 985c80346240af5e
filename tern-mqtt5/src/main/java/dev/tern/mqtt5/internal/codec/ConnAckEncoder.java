package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import static dev.tern.mqtt5.internal.codec.Encoding.*;
import static dev.tern.mqtt5.internal.codec.Properties.*;

/**
 * CONNACK, MQTT 5.0 section 3.2 (encoded by servers: the test peers). Properties in the order of
 * section 3.2.2.3. Drops the Reason String, then the User Properties, if the packet would otherwise
 * exceed the client's Maximum Packet Size ([MQTT-3.2.2-19], [MQTT-3.2.2-20]).
 */
final class ConnAckEncoder {

    private ConnAckEncoder() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, ConnAckPacket p, long maximumPacketSize)
            throws PacketTooLargeException {
        byte[] authData = p.authenticationData();
        int base = (p.sessionExpiryIntervalSeconds() != null ? 5 : 0)
                + (p.receiveMaximum() != null ? 3 : 0)
                + (p.maximumQoS() != null ? 2 : 0)
                + (p.retainAvailable() != null ? 2 : 0)
                + (p.maximumPacketSize() != null ? 5 : 0)
                + stringPropertySize(p.assignedClientIdentifier())
                + (p.topicAliasMaximum() != null ? 3 : 0)
                + (p.wildcardSubscriptionsAvailable() != null ? 2 : 0)
                + (p.subscriptionIdentifiersAvailable() != null ? 2 : 0)
                + (p.sharedSubscriptionsAvailable() != null ? 2 : 0)
                + (p.serverKeepAliveSeconds() != null ? 3 : 0)
                + stringPropertySize(p.responseInformation())
                + stringPropertySize(p.serverReference())
                + stringPropertySize(p.authenticationMethod())
                + binaryPropertySize(authData);
        int reason = stringPropertySize(p.reasonString());
        int user = userPropertiesSize(p.userProperties());
        OmittableProperties omit = OmittableProperties.choose(PacketType.CONNACK, 2, base, reason, user,
                maximumPacketSize);

        ByteBuf buf = allocate(alloc, PacketType.CONNACK, 0, omit.remainingLength());
        buf.writeByte(p.sessionPresent() ? 1 : 0);
        buf.writeByte(p.reasonCode().code());
        VariableByteInteger.write(buf, omit.propertyLength());
        writeIntProperty(buf, SESSION_EXPIRY_INTERVAL, p.sessionExpiryIntervalSeconds());
        writeShortProperty(buf, RECEIVE_MAXIMUM, p.receiveMaximum());
        if (p.maximumQoS() != null) {
            buf.writeByte(MAXIMUM_QOS).writeByte(p.maximumQoS().code());
        }
        writeBooleanProperty(buf, RETAIN_AVAILABLE, p.retainAvailable());
        writeIntProperty(buf, MAXIMUM_PACKET_SIZE, p.maximumPacketSize());
        writeStringProperty(buf, ASSIGNED_CLIENT_IDENTIFIER, p.assignedClientIdentifier());
        writeShortProperty(buf, TOPIC_ALIAS_MAXIMUM, p.topicAliasMaximum());
        if (omit.includeReasonString()) {
            writeStringProperty(buf, REASON_STRING, p.reasonString());
        }
        if (omit.includeUserProperties()) {
            writeUserProperties(buf, p.userProperties());
        }
        writeBooleanProperty(buf, WILDCARD_SUBSCRIPTION_AVAILABLE, p.wildcardSubscriptionsAvailable());
        writeBooleanProperty(buf, SUBSCRIPTION_IDENTIFIER_AVAILABLE, p.subscriptionIdentifiersAvailable());
        writeBooleanProperty(buf, SHARED_SUBSCRIPTION_AVAILABLE, p.sharedSubscriptionsAvailable());
        writeShortProperty(buf, SERVER_KEEP_ALIVE, p.serverKeepAliveSeconds());
        writeStringProperty(buf, RESPONSE_INFORMATION, p.responseInformation());
        writeStringProperty(buf, SERVER_REFERENCE, p.serverReference());
        writeStringProperty(buf, AUTHENTICATION_METHOD, p.authenticationMethod());
        writeBinaryProperty(buf, AUTHENTICATION_DATA, authData);
        return buf;
    }
}
