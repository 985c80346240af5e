package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;

import static dev.tern.mqtt5.internal.codec.Properties.*;

/**
 * DISCONNECT, MQTT 5.0 section 3.14. Remaining Length 0 means Normal Disconnection; 1 means a reason
 * code without properties. Checks the reason code against the table of who may send it.
 */
final class DisconnectDecoder {

    private static final String PACKET = "DISCONNECT";
    private static final DisconnectPacket NORMAL = DisconnectPacket.of(DisconnectReasonCode.NORMAL_DISCONNECTION);

    private DisconnectDecoder() {
    }

    static DisconnectPacket decode(PacketReader r, boolean fromServer) throws DecodeException {
        if (!r.hasRemaining()) {
            return NORMAL;
        }
        int code = r.readUnsignedByte("DISCONNECT reason code");
        DisconnectReasonCode reasonCode = DisconnectReasonCode.fromCode(code);
        if (reasonCode == null) {
            throw DecodeException.malformed("0x" + Integer.toHexString(code) + " is not a DISCONNECT reason code");
        }
        if (fromServer ? !sentByServer(reasonCode) : !sentByClient(reasonCode)) {
            throw DecodeException.protocolError("DISCONNECT reason code " + reasonCode + " may not be sent by a "
                    + (fromServer ? "server" : "client"));
        }
        DisconnectPacket.Builder b = DisconnectPacket.builder().reasonCode(reasonCode);
        if (r.hasRemaining()) {
            int outer = r.enterProperties(PACKET);
            long seen = 0;
            while (r.hasRemaining()) {
                int id = r.readPropertyId(PACKET);
                switch (id) {
                    case SESSION_EXPIRY_INTERVAL:
                        if (fromServer) {
                            throw DecodeException.protocolError(
                                    "a server must not send Session Expiry Interval in DISCONNECT [MQTT-3.14.2-2]");
                        }
                        seen = PacketReader.once(seen, id, PACKET);
                        b.sessionExpiryIntervalSeconds(r.readUnsignedInt("Session Expiry Interval"));
                        break;
                    case REASON_STRING:
                        seen = PacketReader.once(seen, id, PACKET);
                        b.reasonString(r.readString("Reason String"));
                        break;
                    case USER_PROPERTY:
                        b.userProperty(r.readString("User Property name"), r.readString("User Property value"));
                        break;
                    case SERVER_REFERENCE:
                        seen = PacketReader.once(seen, id, PACKET);
                        b.serverReference(r.readString("Server Reference"));
                        break;
                    default:
                        throw PacketReader.notAllowed(id, PACKET);
                }
            }
            r.restoreLimit(outer);
            if (r.hasRemaining()) {
                throw DecodeException.malformed("DISCONNECT has " + r.remaining() + " bytes after its properties");
            }
        }
        return b.build();
    }

    /** Table 3-10: the codes only a client sends. */
    static boolean sentByClient(DisconnectReasonCode code) {
        switch (code) {
            case NORMAL_DISCONNECTION:
            case DISCONNECT_WITH_WILL_MESSAGE:
            case UNSPECIFIED_ERROR:
            case MALFORMED_PACKET:
            case PROTOCOL_ERROR:
            case IMPLEMENTATION_SPECIFIC_ERROR:
            case TOPIC_NAME_INVALID:
            case RECEIVE_MAXIMUM_EXCEEDED:
            case TOPIC_ALIAS_INVALID:
            case PACKET_TOO_LARGE:
            case MESSAGE_RATE_TOO_HIGH:
            case QUOTA_EXCEEDED:
            case ADMINISTRATIVE_ACTION:
            case PAYLOAD_FORMAT_INVALID:
                return true;
            default:
                return false;
        }
    }

    /** Table 3-10: every code but Disconnect with Will Message may come from a server. */
    static boolean sentByServer(DisconnectReasonCode code) {
        return code != DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE;
    }
}
