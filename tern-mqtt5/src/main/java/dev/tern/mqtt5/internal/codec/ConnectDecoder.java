package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PayloadFormatIndicator;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.WillMessage;

import static dev.tern.mqtt5.internal.codec.Properties.*;

/** CONNECT, MQTT 5.0 section 3.1 (decoded by servers: the test peers). */
final class ConnectDecoder {

    private static final String PACKET = "CONNECT";

    private ConnectDecoder() {
    }

    static ConnectPacket decode(PacketReader r) throws DecodeException {
        String protocolName = r.readString("CONNECT protocol name");
        if (!"MQTT".equals(protocolName)) {
            throw DecodeException.malformed("CONNECT protocol name must be MQTT, was " + protocolName);
        }
        int version = r.readUnsignedByte("CONNECT protocol version");
        if (version != 5) {
            throw DecodeException.protocolError("unsupported protocol version " + version + "; only 5 is supported");
        }
        int flags = r.readUnsignedByte("CONNECT flags");
        if ((flags & 1) != 0) {
            throw DecodeException.malformed("CONNECT flags bit 0 is reserved and must be 0 [MQTT-3.1.2-3]");
        }
        boolean willFlag = (flags & 0b100) != 0;
        int willQos = (flags >> 3) & 0b11;
        boolean willRetain = (flags & 0b10_0000) != 0;
        if (!willFlag && (willQos != 0 || willRetain)) {
            throw DecodeException.malformed("CONNECT has Will QoS or Will Retain set without the Will Flag");
        }
        if (willQos == 3) {
            throw DecodeException.malformed("CONNECT Will QoS must not be 3 [MQTT-3.1.2-12]");
        }
        boolean hasUsername = (flags & 0b1000_0000) != 0;
        boolean hasPassword = (flags & 0b0100_0000) != 0;
        ConnectPacket.Builder b = ConnectPacket.builder()
                .cleanStart((flags & 0b10) != 0)
                .keepAliveIntervalSeconds(r.readUnsignedShort("CONNECT keep alive"));

        int outer = r.enterProperties(PACKET);
        long seen = 0;
        boolean hasAuthMethod = false;
        boolean hasAuthData = false;
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
                        throw DecodeException.protocolError("CONNECT Receive Maximum must not be 0");
                    }
                    b.receiveMaximum(value);
                    break;
                }
                case MAXIMUM_PACKET_SIZE: {
                    seen = PacketReader.once(seen, id, PACKET);
                    long value = r.readUnsignedInt("Maximum Packet Size");
                    if (value == 0) {
                        throw DecodeException.protocolError("CONNECT Maximum Packet Size must not be 0");
                    }
                    b.maximumPacketSize(value);
                    break;
                }
                case TOPIC_ALIAS_MAXIMUM:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.topicAliasMaximum(r.readUnsignedShort("Topic Alias Maximum"));
                    break;
                case REQUEST_RESPONSE_INFORMATION:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.requestResponseInformation(r.readBooleanProperty("Request Response Information"));
                    break;
                case REQUEST_PROBLEM_INFORMATION:
                    seen = PacketReader.once(seen, id, PACKET);
                    b.requestProblemInformation(r.readBooleanProperty("Request Problem Information"));
                    break;
                case USER_PROPERTY:
                    b.userProperty(r.readString("User Property name"), r.readString("User Property value"));
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
            throw DecodeException.protocolError("CONNECT has Authentication Data without an Authentication Method");
        }

        b.clientId(r.readString("CONNECT client identifier"));
        if (willFlag) {
            b.will(decodeWill(r, QoS.fromCode(willQos), willRetain));
        }
        if (hasUsername) {
            b.username(r.readString("CONNECT user name"));
        }
        if (hasPassword) {
            b.password(r.readBinary("CONNECT password"));
        }
        if (r.hasRemaining()) {
            throw DecodeException.malformed("CONNECT has " + r.remaining() + " bytes after its payload");
        }
        return b.build();
    }

    private static WillMessage decodeWill(PacketReader r, QoS qos, boolean retain) throws DecodeException {
        String packet = "CONNECT will";
        WillMessage.Builder w = WillMessage.builder().qos(qos).retain(retain);
        int outer = r.enterProperties(packet);
        long seen = 0;
        while (r.hasRemaining()) {
            int id = r.readPropertyId(packet);
            switch (id) {
                case WILL_DELAY_INTERVAL:
                    seen = PacketReader.once(seen, id, packet);
                    w.delayIntervalSeconds(r.readUnsignedInt("Will Delay Interval"));
                    break;
                case PAYLOAD_FORMAT_INDICATOR: {
                    seen = PacketReader.once(seen, id, packet);
                    int value = r.readUnsignedByte("Payload Format Indicator");
                    PayloadFormatIndicator indicator = PayloadFormatIndicator.fromCode(value);
                    if (indicator == null) {
                        throw DecodeException.protocolError("Payload Format Indicator must be 0 or 1, was " + value);
                    }
                    w.payloadFormatIndicator(indicator);
                    break;
                }
                case MESSAGE_EXPIRY_INTERVAL:
                    seen = PacketReader.once(seen, id, packet);
                    w.messageExpiryIntervalSeconds(r.readUnsignedInt("Message Expiry Interval"));
                    break;
                case CONTENT_TYPE:
                    seen = PacketReader.once(seen, id, packet);
                    w.contentType(r.readString("Content Type"));
                    break;
                case RESPONSE_TOPIC: {
                    seen = PacketReader.once(seen, id, packet);
                    String topic = r.readTopicName("Response Topic");
                    if (topic.isEmpty()) {
                        throw new DecodeException(DisconnectReasonCode.TOPIC_NAME_INVALID,
                                "Response Topic must not be empty");
                    }
                    w.responseTopic(topic);
                    break;
                }
                case CORRELATION_DATA:
                    seen = PacketReader.once(seen, id, packet);
                    w.correlationData(r.readBinary("Correlation Data"));
                    break;
                case USER_PROPERTY:
                    w.userProperty(r.readString("User Property name"), r.readString("User Property value"));
                    break;
                default:
                    throw PacketReader.notAllowed(id, packet);
            }
        }
        r.restoreLimit(outer);
        String topic = r.readTopicName("CONNECT will topic");
        if (topic.isEmpty()) {
            throw new DecodeException(DisconnectReasonCode.TOPIC_NAME_INVALID, "CONNECT will topic must not be empty");
        }
        return w.topic(topic).payload(r.readBinary("CONNECT will payload")).build();
    }
}
