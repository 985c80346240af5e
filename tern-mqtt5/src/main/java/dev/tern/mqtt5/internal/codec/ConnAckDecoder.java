package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectReasonCode;
import dev.tern.mqtt5.packets.QoS;

import static dev.tern.mqtt5.internal.codec.Properties.*;

/** CONNACK, MQTT 5.0 section 3.2. */
final class ConnAckDecoder {

    private static final String PACKET = "CONNACK";

    private ConnAckDecoder() {
    }

    static ConnAckPacket decode(PacketReader r) throws DecodeException {
        if (r.remaining() == 2) {
            // An MQTT 3.1.1 CONNACK has no properties: say so instead of a bare "malformed".
            r.readUnsignedByte(PACKET);
            int code = r.readUnsignedByte(PACKET);
            throw DecodeException.malformed("CONNACK has no property length: the server answered as an MQTT 3.1.1"
                    + " server would (return code " + code + "); it may not support MQTT 5");
        }
        int flags = r.readUnsignedByte("CONNACK acknowledge flags");
        if ((flags & 0xFE) != 0) {
            throw DecodeException.malformed("CONNACK acknowledge flags bits 7-1 are reserved and must be 0, were 0x"
                    + Integer.toHexString(flags));
        }
        boolean sessionPresent = (flags & 1) != 0;
        int code = r.readUnsignedByte("CONNACK reason code");
        ConnectReasonCode reasonCode = ConnectReasonCode.fromCode(code);
        if (reasonCode == null) {
            throw DecodeException.malformed("0x" + Integer.toHexString(code) + " is not a CONNACK reason code");
        }
        if (sessionPresent && reasonCode.isError()) {
            throw DecodeException.protocolError("CONNACK with reason code " + reasonCode
                    + " must not have Session Present set [MQTT-3.2.2-6]");
        }
        ConnAckPacket.Builder b = ConnAckPacket.builder().sessionPresent(sessionPresent).reasonCode(reasonCode);
        int outer = r.enterProperties(PACKET);
        long seen = 0;
        boolean hasAuthData = false;
        boolean hasAuthMethod = false;
        while (r.hasRemaining()) {
            int id = r.readPropertyId(PACKET);
            switch (id) {
                case SESSION_EXPIRY_INTERVAL:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.sessionExpiryIntervalSeconds(r.readUnsignedInt("Session Expiry Interval"));
                    break;
                case RECEIVE_MAXIMUM: {
                    seen = PacketReader.once(seen, id, PACKET);
                    int value = r.readUnsignedShort("Receive Maximum");
                    if (value == 0) {
                        throw DecodeException.protocolError("CONNACK Receive Maximum must not be 0");
                    }
                    b.receiveMaximum(value);
                    break;
                }
                case MAXIMUM_QOS: {
                    seen = PacketReader.once(seen, id, PACKET);
                    int value = r.readUnsignedByte("Maximum QoS");
                    if (value > 1) {
                        throw DecodeException.protocolError("CONNACK Maximum QoS must be 0 or 1, was " + value);
                    }
                    b.maximumQoS(QoS.fromCode(value));
                    break;
                }
                case RETAIN_AVAILABLE:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.retainAvailable(r.readBooleanProperty("CONNACK Retain Available"));
                    break;
                case MAXIMUM_PACKET_SIZE: {
                    seen = PacketReader.once(seen, id, PACKET);
                    long value = r.readUnsignedInt("Maximum Packet Size");
                    if (value == 0) {
                        throw DecodeException.protocolError("CONNACK Maximum Packet Size must not be 0");
                    }
                    b.maximumPacketSize(value);
                    break;
                }
                case ASSIGNED_CLIENT_IDENTIFIER:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.assignedClientIdentifier(r.readString("Assigned Client Identifier"));
                    break;
                case TOPIC_ALIAS_MAXIMUM:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.topicAliasMaximum(r.readUnsignedShort("Topic Alias Maximum"));
                    break;
                case REASON_STRING:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.reasonString(r.readString("Reason String"));
                    break;
                case USER_PROPERTY:
                    b.userProperty(r.readString("User Property name"), r.readString("User Property value"));
                    break;
                case WILDCARD_SUBSCRIPTION_AVAILABLE:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.wildcardSubscriptionsAvailable(r.readBooleanProperty("Wildcard Subscription Available"));
                    break;
                case SUBSCRIPTION_IDENTIFIER_AVAILABLE:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.subscriptionIdentifiersAvailable(r.readBooleanProperty("Subscription Identifier Available"));
                    break;
                case SHARED_SUBSCRIPTION_AVAILABLE:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.sharedSubscriptionsAvailable(r.readBooleanProperty("Shared Subscription Available"));
                    break;
                case SERVER_KEEP_ALIVE:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.serverKeepAliveSeconds(r.readUnsignedShort("Server Keep Alive"));
                    break;
                case RESPONSE_INFORMATION:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.responseInformation(r.readString("Response Information"));
                    break;
                case SERVER_REFERENCE:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.serverReference(r.readString("Server Reference"));
                    break;
                case AUTHENTICATION_METHOD:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.authenticationMethod(r.readString("Authentication Method"));
                    hasAuthMethod = true;
                    break;
                case AUTHENTICATION_DATA:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.authenticationData(r.readBinary("Authentication Data"));
                    hasAuthData = true;
                    break;
                default:
                    throw PacketReader.notAllowed(id, PACKET);
            }
        }
        r.restoreLimit(outer);
        if (hasAuthData && !hasAuthMethod) {
            throw DecodeException.protocolError("CONNACK has Authentication Data without an Authentication Method");
        }
        if (r.hasRemaining()) {
            throw DecodeException.malformed("CONNACK has " + r.remaining() + " bytes after its properties");
        }
        return b.build();
    }
}
