package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.WillMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import static dev.tern.mqtt5.internal.codec.Encoding.*;
import static dev.tern.mqtt5.internal.codec.Properties.*;

/**
 * CONNECT, MQTT 5.0 section 3.1. Properties in the order of section 3.1.2.11, will properties in the
 * order of section 3.1.3.2.
 */
final class ConnectEncoder {

    /** "MQTT" with its length, the protocol version, the flags and the keep alive. */
    private static final int FIXED_VARIABLE_HEADER = 2 + 4 + 1 + 1 + 2;

    private ConnectEncoder() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, ConnectPacket p, long maximumPacketSize)
            throws PacketTooLargeException {
        byte[] password = p.password();
        byte[] authData = p.authenticationData();
        WillMessage will = p.will();
        byte[] willPayload = will == null ? null : will.payload();
        byte[] willCorrelation = will == null ? null : will.correlationData();

        int propertyLength = (p.sessionExpiryIntervalSeconds() != null ? 5 : 0)
                + (p.receiveMaximum() != null ? 3 : 0)
                + (p.maximumPacketSize() != null ? 5 : 0)
                + (p.topicAliasMaximum() != null ? 3 : 0)
                + (p.requestResponseInformation() != null ? 2 : 0)
                + (p.requestProblemInformation() != null ? 2 : 0)
                + userPropertiesSize(p.userProperties())
                + stringPropertySize(p.authenticationMethod())
                + binaryPropertySize(authData);
        int willPropertyLength = 0;
        long payloadLength = stringSize(p.clientId());
        if (will != null) {
            willPropertyLength = (will.delayIntervalSeconds() != null ? 5 : 0)
                    + (will.payloadFormatIndicator() != null ? 2 : 0)
                    + (will.messageExpiryIntervalSeconds() != null ? 5 : 0)
                    + stringPropertySize(will.contentType())
                    + stringPropertySize(will.responseTopic())
                    + binaryPropertySize(willCorrelation)
                    + userPropertiesSize(will.userProperties());
            payloadLength += VariableByteInteger.size(willPropertyLength) + willPropertyLength
                    + stringSize(will.topic()) + 2 + willPayload.length;
        }
        if (p.username() != null) {
            payloadLength += stringSize(p.username());
        }
        if (password != null) {
            payloadLength += 2 + password.length;
        }
        long remaining = FIXED_VARIABLE_HEADER + VariableByteInteger.size(propertyLength) + propertyLength
                + payloadLength;
        if (!fits(remaining, maximumPacketSize)) {
            throw tooLarge(PacketType.CONNECT, remaining, maximumPacketSize);
        }

        ByteBuf buf = allocate(alloc, PacketType.CONNECT, 0, (int) remaining);
        buf.writeShort(4).writeByte('M').writeByte('Q').writeByte('T').writeByte('T');
        buf.writeByte(5);
        int flags = (p.username() != null ? 0b1000_0000 : 0)
                | (password != null ? 0b0100_0000 : 0)
                | (p.cleanStart() ? 0b10 : 0);
        if (will != null) {
            flags |= 0b100 | will.qos().code() << 3 | (will.retain() ? 0b10_0000 : 0);
        }
        buf.writeByte(flags);
        buf.writeShort(p.keepAliveIntervalSeconds());

        VariableByteInteger.write(buf, propertyLength);
        writeIntProperty(buf, SESSION_EXPIRY_INTERVAL, p.sessionExpiryIntervalSeconds());
        writeShortProperty(buf, RECEIVE_MAXIMUM, p.receiveMaximum());
        writeIntProperty(buf, MAXIMUM_PACKET_SIZE, p.maximumPacketSize());
        writeShortProperty(buf, TOPIC_ALIAS_MAXIMUM, p.topicAliasMaximum());
        writeBooleanProperty(buf, REQUEST_RESPONSE_INFORMATION, p.requestResponseInformation());
        writeBooleanProperty(buf, REQUEST_PROBLEM_INFORMATION, p.requestProblemInformation());
        writeUserProperties(buf, p.userProperties());
        writeStringProperty(buf, AUTHENTICATION_METHOD, p.authenticationMethod());
        writeBinaryProperty(buf, AUTHENTICATION_DATA, authData);

        writeString(buf, p.clientId());
        if (will != null) {
            VariableByteInteger.write(buf, willPropertyLength);
            writeIntProperty(buf, WILL_DELAY_INTERVAL, will.delayIntervalSeconds());
            if (will.payloadFormatIndicator() != null) {
                buf.writeByte(PAYLOAD_FORMAT_INDICATOR).writeByte(will.payloadFormatIndicator().code());
            }
            writeIntProperty(buf, MESSAGE_EXPIRY_INTERVAL, will.messageExpiryIntervalSeconds());
            writeStringProperty(buf, CONTENT_TYPE, will.contentType());
            writeStringProperty(buf, RESPONSE_TOPIC, will.responseTopic());
            writeBinaryProperty(buf, CORRELATION_DATA, willCorrelation);
            writeUserProperties(buf, will.userProperties());
            writeString(buf, will.topic());
            writeBinary(buf, willPayload);
        }
        if (p.username() != null) {
            writeString(buf, p.username());
        }
        if (password != null) {
            writeBinary(buf, password);
        }
        return buf;
    }
}
