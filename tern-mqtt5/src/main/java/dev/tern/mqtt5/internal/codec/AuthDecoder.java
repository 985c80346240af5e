package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.AuthReasonCode;

import static dev.tern.mqtt5.internal.codec.Properties.*;

/**
 * AUTH, MQTT 5.0 section 3.15. Remaining Length 0 means Success without properties. Any other AUTH
 * must name its Authentication Method.
 */
final class AuthDecoder {

    private static final String PACKET = "AUTH";

    private AuthDecoder() {
    }

    static AuthPacket decode(PacketReader r, boolean problemInformationRequested, boolean fromServer)
            throws DecodeException {
        if (!r.hasRemaining()) {
            checkSender(AuthReasonCode.SUCCESS, fromServer);
            return AuthPacket.builder().build();
        }
        int code = r.readUnsignedByte("AUTH reason code");
        AuthReasonCode reasonCode = AuthReasonCode.fromCode(code);
        if (reasonCode == null) {
            throw DecodeException.malformed("0x" + Integer.toHexString(code) + " is not an AUTH reason code");
        }
        checkSender(reasonCode, fromServer);
        AuthPacket.Builder b = AuthPacket.builder().reasonCode(reasonCode);
        boolean problemInformation = false;
        boolean hasMethod = false;
        boolean hasOther = reasonCode != AuthReasonCode.SUCCESS;
        if (r.hasRemaining()) {
            int outer = r.enterProperties(PACKET);
            long seen = 0;
            while (r.hasRemaining()) {
                int id = r.readPropertyId(PACKET);
                switch (id) {
                    case AUTHENTICATION_METHOD:
                        seen = PacketReader.once(seen, id, PACKET);
                        b.authenticationMethod(r.readString("Authentication Method"));
                        hasMethod = true;
                        break;
                    case AUTHENTICATION_DATA:
                        seen = PacketReader.once(seen, id, PACKET);
                        b.authenticationData(r.readBinary("Authentication Data"));
                        hasOther = true;
                        break;
                    case REASON_STRING:
                        seen = PacketReader.once(seen, id, PACKET);
                        b.reasonString(r.readString("Reason String"));
                        hasOther = true;
                        problemInformation = true;
                        break;
                    case USER_PROPERTY:
                        b.userProperty(r.readString("User Property name"), r.readString("User Property value"));
                        hasOther = true;
                        problemInformation = true;
                        break;
                    default:
                        throw PacketReader.notAllowed(id, PACKET);
                }
            }
            r.restoreLimit(outer);
            if (r.hasRemaining()) {
                throw DecodeException.malformed("AUTH has " + r.remaining() + " bytes after its properties");
            }
        }
        if (problemInformation && !problemInformationRequested) {
            throw DecodeException.protocolError("AUTH carries a Reason String or User Properties although"
                    + " the client sent Request Problem Information 0 [MQTT-3.1.2-29]");
        }
        if (hasOther && !hasMethod) {
            throw DecodeException.protocolError("AUTH must contain an Authentication Method [MQTT-3.15.2-1]");
        }
        return b.build();
    }

    /** Table 3-13: Success comes only from a server, Re-authenticate only from a client. */
    private static void checkSender(AuthReasonCode code, boolean fromServer) throws DecodeException {
        if (fromServer && code == AuthReasonCode.REAUTHENTICATE) {
            throw DecodeException.protocolError("AUTH reason code REAUTHENTICATE may only be sent by a client");
        }
        if (!fromServer && code == AuthReasonCode.SUCCESS) {
            throw DecodeException.protocolError("AUTH reason code SUCCESS may only be sent by a server");
        }
    }
}
