package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.AuthReasonCode;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import org.junit.jupiter.api.Test;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.VectorSupport.CLIENT;
import static dev.tern.mqtt5.internal.codec.VectorSupport.SERVER;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertDecodes;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertRoundTrip;

/**
 * DISCONNECT (MQTT 5.0 section 3.14) and AUTH (section 3.15): a Reason Code, a Property Length and
 * properties, no payload. DISCONNECT: the Reason Code and Property Length can be left out for 0x00
 * Normal disconnection without properties (Remaining Length 0, 3.14.2.1), and if the Remaining Length
 * is less than 2 the Property Length is 0 (3.14.2.2.1). AUTH: both can be left out for 0x00 Success
 * without properties (Remaining Length 0, 3.15.2.1).
 */
class DisconnectAndAuthVectorsTest {

    private static final DisconnectPacket NORMAL = DisconnectPacket.of(DisconnectReasonCode.NORMAL_DISCONNECTION);

    // ---------------------------------------------------------------- DISCONNECT (3.14)

    @Test
    void aNormalDisconnectWithoutPropertiesHasRemainingLengthZero() {
        byte[] wire = bytes(
                0xE0, 0x00);         // DISCONNECT, remaining length 0 (reason code 0x00 implied)
        assertRoundTrip(NORMAL, wire, CLIENT, SERVER);
    }

    @Test
    void aDisconnectWithWillMessageFromTheClientIsJustTheReasonCode() {
        byte[] wire = bytes(
                0xE0, 0x01,          // DISCONNECT, remaining length 1
                0x04);               // reason code 0x04 Disconnect with Will Message
        assertRoundTrip(DisconnectPacket.of(DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE), wire, SERVER);
    }

    @Test
    void aSessionTakenOverDisconnectFromTheServerIsJustTheReasonCode() {
        byte[] wire = bytes(
                0xE0, 0x01,          // DISCONNECT, remaining length 1
                0x8E);               // reason code 0x8E Session taken over
        assertRoundTrip(DisconnectPacket.of(DisconnectReasonCode.SESSION_TAKEN_OVER), wire, CLIENT);
    }

    private static final DisconnectPacket FROM_CLIENT_WITH_PROPERTIES = DisconnectPacket.builder()
            .reasonCode(DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE)
            .sessionExpiryIntervalSeconds(4_294_967_295L)
            .reasonString("bye")
            .userProperty("k", "1")
            .userProperty("k", "2")
            .build();

    @Test
    void aClientDisconnectWithSessionExpiryReasonStringAndUserPropertiesRoundTrips() {
        byte[] wire = bytes(
                0xE0, 0x1B,          // DISCONNECT, remaining length 27
                0x04,                // reason code 0x04 Disconnect with Will Message
                0x19,                // property length 25
                0x11, 0xFF, 0xFF, 0xFF, 0xFF, // Session Expiry Interval 4,294,967,295 (never expires)
                0x1F, 0x00, 0x03, 'b', 'y', 'e', // Reason String "bye"
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '1', // User Property k=1
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '2'); // User Property k=2 (same name, order kept)
        assertRoundTrip(FROM_CLIENT_WITH_PROPERTIES, wire, SERVER);
    }

    @Test
    void aClientDisconnectWithItsPropertiesReorderedDecodesToTheSamePacket() {
        byte[] wire = bytes(
                0xE0, 0x1B,          // DISCONNECT, remaining length 27
                0x04,                // reason code 0x04 Disconnect with Will Message
                0x19,                // property length 25
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '1', // User Property k=1
                0x1F, 0x00, 0x03, 'b', 'y', 'e', // Reason String "bye"
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '2', // User Property k=2
                0x11, 0xFF, 0xFF, 0xFF, 0xFF); // Session Expiry Interval 4,294,967,295
        assertDecodes(wire, FROM_CLIENT_WITH_PROPERTIES, SERVER);
    }

    @Test
    void aServerMovedDisconnectCarriesReasonStringUserPropertyAndServerReference() {
        byte[] wire = bytes(
                0xE0, 0x18,          // DISCONNECT, remaining length 24
                0x9D,                // reason code 0x9D Server moved
                0x16,                // property length 22
                0x1F, 0x00, 0x05, 'm', 'o', 'v', 'e', 'd', // Reason String "moved"
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '1', // User Property k=1
                0x1C, 0x00, 0x04, 's', 'r', 'v', '2'); // Server Reference "srv2"
        assertRoundTrip(DisconnectPacket.builder()
                        .reasonCode(DisconnectReasonCode.SERVER_MOVED)
                        .reasonString("moved")
                        .userProperty("k", "1")
                        .serverReference("srv2")
                        .build(),
                wire, CLIENT);
    }

    @Test
    void aNormalDisconnectWithAReasonStringSendsTheReasonCodeByte() {
        byte[] wire = bytes(
                0xE0, 0x07,          // DISCONNECT, remaining length 7
                0x00,                // reason code 0x00 Normal disconnection
                0x05,                // property length 5
                0x1F, 0x00, 0x02, 'o', 'k'); // Reason String "ok"
        assertRoundTrip(DisconnectPacket.builder().reasonString("ok").build(), wire, CLIENT, SERVER);
    }

    @Test
    void aNormalDisconnectWithAnEmptyPropertyLengthDecodesToTheShortForm() {
        byte[] wire = bytes(
                0xE0, 0x02,          // DISCONNECT, remaining length 2
                0x00,                // reason code 0x00 Normal disconnection
                0x00);               // property length 0
        assertDecodes(wire, NORMAL, CLIENT, SERVER);
    }

    @Test
    void aNormalDisconnectWithOnlyTheReasonCodeDecodesToTheShortForm() {
        byte[] wire = bytes(
                0xE0, 0x01,          // DISCONNECT, remaining length 1
                0x00);               // reason code 0x00 Normal disconnection, no property length (3.14.2.2.1)
        assertDecodes(wire, NORMAL, CLIENT, SERVER);
    }

    // ---------------------------------------------------------------- AUTH (3.15)

    @Test
    void aSuccessAuthWithoutPropertiesHasRemainingLengthZero() {
        byte[] wire = bytes(
                0xF0, 0x00);         // AUTH, remaining length 0 (reason code 0x00 Success implied)
        assertRoundTrip(AuthPacket.builder().build(), wire, CLIENT); // Success: only a server sends it (Table 3-13)
    }

    @Test
    void aContinueAuthenticationCarriesMethodAndData() {
        byte[] wire = bytes(
                0xF0, 0x17,          // AUTH, remaining length 23
                0x18,                // reason code 0x18 Continue authentication
                0x15,                // property length 21
                0x15, 0x00, 0x0B, 'S', 'C', 'R', 'A', 'M', '-', 'S', 'H', 'A', '-', '1', // Authentication Method
                0x16, 0x00, 0x04, 0x01, 0x02, 0x03, 0x04); // Authentication Data 01 02 03 04
        assertRoundTrip(AuthPacket.builder()
                        .reasonCode(AuthReasonCode.CONTINUE_AUTHENTICATION)
                        .authenticationMethod("SCRAM-SHA-1")
                        .authenticationData(new byte[] {1, 2, 3, 4})
                        .build(),
                wire, CLIENT, SERVER);
    }

    private static final AuthPacket REAUTHENTICATE_WITH_EVERY_PROPERTY = AuthPacket.builder()
            .reasonCode(AuthReasonCode.REAUTHENTICATE)
            .authenticationMethod("M")
            .authenticationData(new byte[0])
            .reasonString("again")
            .userProperty("k", "1")
            .userProperty("k", "2")
            .build();

    @Test
    void aReauthenticateAuthWithEveryPropertyRoundTrips() {
        byte[] wire = bytes(
                0xF0, 0x1F,          // AUTH, remaining length 31
                0x19,                // reason code 0x19 Re-authenticate
                0x1D,                // property length 29
                0x15, 0x00, 0x01, 'M', // Authentication Method "M"
                0x16, 0x00, 0x00,    // Authentication Data, empty but present
                0x1F, 0x00, 0x05, 'a', 'g', 'a', 'i', 'n', // Reason String "again"
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '1', // User Property k=1
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '2'); // User Property k=2 (same name, order kept)
        assertRoundTrip(REAUTHENTICATE_WITH_EVERY_PROPERTY, wire, SERVER); // only a client sends it
    }

    @Test
    void aReauthenticateAuthWithItsPropertiesReorderedDecodesToTheSamePacket() {
        byte[] wire = bytes(
                0xF0, 0x1F,          // AUTH, remaining length 31
                0x19,                // reason code 0x19 Re-authenticate
                0x1D,                // property length 29
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '1', // User Property k=1
                0x1F, 0x00, 0x05, 'a', 'g', 'a', 'i', 'n', // Reason String "again"
                0x16, 0x00, 0x00,    // Authentication Data, empty
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '2', // User Property k=2
                0x15, 0x00, 0x01, 'M'); // Authentication Method "M" (last)
        assertDecodes(wire, REAUTHENTICATE_WITH_EVERY_PROPERTY, SERVER);
    }

    @Test
    void aSuccessAuthWithAMethodSendsTheReasonCodeByte() {
        byte[] wire = bytes(
                0xF0, 0x06,          // AUTH, remaining length 6
                0x00,                // reason code 0x00 Success
                0x04,                // property length 4
                0x15, 0x00, 0x01, 'M'); // Authentication Method "M"
        assertRoundTrip(AuthPacket.builder().authenticationMethod("M").build(), wire, CLIENT);
    }

    @Test
    void anAuthWithNonAsciiMethodAndReasonStringCarriesTheirUtf8Bytes() {
        byte[] wire = bytes(
                0xF0, 0x0F,          // AUTH, remaining length 15
                0x18,                // reason code 0x18 Continue authentication
                0x0D,                // property length 13
                0x15, 0x00, 0x03, 0xE2, 0x82, 0xAC, // Authentication Method "€"
                0x1F, 0x00, 0x04, 0xF0, 0x9F, 0x98, 0x80); // Reason String "😀" (U+1F600)
        assertRoundTrip(AuthPacket.builder()
                        .reasonCode(AuthReasonCode.CONTINUE_AUTHENTICATION)
                        .authenticationMethod("€")
                        .reasonString("\uD83D\uDE00")
                        .build(),
                wire, CLIENT, SERVER);
    }

    @Test
    void aSuccessAuthWithAnEmptyPropertyLengthDecodesToTheShortForm() {
        byte[] wire = bytes(
                0xF0, 0x02,          // AUTH, remaining length 2
                0x00,                // reason code 0x00 Success
                0x00);               // property length 0
        assertDecodes(wire, AuthPacket.builder().build(), CLIENT);
    }
}
