package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.AuthReasonCode;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import static dev.tern.mqtt5.internal.codec.Encoding.*;
import static dev.tern.mqtt5.internal.codec.Properties.*;

/**
 * DISCONNECT and AUTH (sections 3.14 and 3.15): a reason code and properties, both left out when the
 * code is the success value and there are no properties.
 */
final class DisconnectEncoder {

    private DisconnectEncoder() {
    }

    static ByteBuf encodeDisconnect(ByteBufAllocator alloc, DisconnectPacket p, long maximumPacketSize)
            throws PacketTooLargeException {
        int base = (p.sessionExpiryIntervalSeconds() != null ? 5 : 0) + stringPropertySize(p.serverReference());
        OmittableProperties omit = OmittableProperties.choose(PacketType.DISCONNECT, 1, base,
                stringPropertySize(p.reasonString()), userPropertiesSize(p.userProperties()), maximumPacketSize);
        if (omit.propertyLength() == 0) {
            boolean normal = p.reasonCode() == DisconnectReasonCode.NORMAL_DISCONNECTION;
            ByteBuf buf = allocate(alloc, PacketType.DISCONNECT, 0, normal ? 0 : 1);
            if (!normal) {
                buf.writeByte(p.reasonCode().code());
            }
            return buf;
        }
        ByteBuf buf = allocate(alloc, PacketType.DISCONNECT, 0, omit.remainingLength());
        buf.writeByte(p.reasonCode().code());
        VariableByteInteger.write(buf, omit.propertyLength());
        writeIntProperty(buf, SESSION_EXPIRY_INTERVAL, p.sessionExpiryIntervalSeconds());
        if (omit.includeReasonString()) {
            writeStringProperty(buf, REASON_STRING, p.reasonString());
        }
        if (omit.includeUserProperties()) {
            writeUserProperties(buf, p.userProperties());
        }
        writeStringProperty(buf, SERVER_REFERENCE, p.serverReference());
        return buf;
    }

    static ByteBuf encodeAuth(ByteBufAllocator alloc, AuthPacket p, long maximumPacketSize)
            throws PacketTooLargeException {
        byte[] data = p.authenticationData();
        int base = stringPropertySize(p.authenticationMethod()) + binaryPropertySize(data);
        OmittableProperties omit = OmittableProperties.choose(PacketType.AUTH, 1, base,
                stringPropertySize(p.reasonString()), userPropertiesSize(p.userProperties()), maximumPacketSize);
        if (omit.propertyLength() == 0 && p.reasonCode() == AuthReasonCode.SUCCESS) {
            return allocate(alloc, PacketType.AUTH, 0, 0);
        }
        ByteBuf buf = allocate(alloc, PacketType.AUTH, 0, omit.remainingLength());
        buf.writeByte(p.reasonCode().code());
        VariableByteInteger.write(buf, omit.propertyLength());
        writeStringProperty(buf, AUTHENTICATION_METHOD, p.authenticationMethod());
        writeBinaryProperty(buf, AUTHENTICATION_DATA, data);
        if (omit.includeReasonString()) {
            writeStringProperty(buf, REASON_STRING, p.reasonString());
        }
        if (omit.includeUserProperties()) {
            writeUserProperties(buf, p.userProperties());
        }
        return buf;
    }
}
