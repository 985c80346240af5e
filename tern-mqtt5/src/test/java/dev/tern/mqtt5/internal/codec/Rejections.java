package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.DisconnectReasonCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared settings and the one assertion of the decoder rejection tests: a byte sequence is refused
 * with exactly this reason code, by a checked (not unexpected) {@link DecodeException} whose message
 * names the problem.
 */
final class Rejections {

    static final long MAX = DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE;

    /** A client's decoder as the client starts out: no topic aliases, problem information requested. */
    static final DecoderSettings CLIENT = DecoderSettings.client();

    /** A client that announced Topic Alias Maximum 10. */
    static final DecoderSettings CLIENT_ALIASES_10 = DecoderSettings.client(MAX, 10, true);

    /** A client that sent Request Problem Information 0. */
    static final DecoderSettings CLIENT_NO_PROBLEM_INFO = DecoderSettings.client(MAX, 0, false);

    /** A server's decoder (what a client sends) that announced Topic Alias Maximum 10. */
    static final DecoderSettings SERVER = DecoderSettings.server(MAX, 10);

    private Rejections() {
    }

    /**
     * Asserts that {@code bytes} is refused with {@code code} and that the message mentions every one
     * of {@code mentions} (case-insensitive).
     */
    static DecodeException assertRejected(byte[] bytes, DecoderSettings settings, DisconnectReasonCode code,
            String... mentions) {
        DecodeException e = CodecFixture.decodeError(bytes, settings);
        assertThat(e.isUnexpected()).as("unexpected exception for %s", hex(bytes)).isFalse();
        assertThat(e.reasonCode())
                .as("reason code for %s (message: %s)", hex(bytes), e.getMessage())
                .isEqualTo(code);
        for (String mention : mentions) {
            assertThat(e.getMessage()).as("message for %s", hex(bytes)).containsIgnoringCase(mention);
        }
        return e;
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length && i < 64; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02X", bytes[i] & 0xFF));
        }
        if (bytes.length > 64) {
            sb.append(" ... (").append(bytes.length).append(" bytes)");
        }
        return sb.toString();
    }
}
