package dev.tern.mqtt5.internal.codec;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.tern.mqtt5.internal.codec.CodecFixture.decodeOne;
import static dev.tern.mqtt5.internal.codec.CodecFixture.decodeWithChannel;
import static dev.tern.mqtt5.internal.codec.CodecFixture.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions for the hand-written test vectors (the {@code *VectorsTest} classes). The expected bytes
 * always come from the test, written from the MQTT 5.0 specification; nothing here derives bytes from
 * the codec.
 */
final class VectorSupport {

    /** Decodes what a server sends. */
    static final DecoderSettings CLIENT = DecoderSettings.client();
    /** Decodes what a server sends, accepting inbound topic aliases up to 10. */
    static final DecoderSettings CLIENT_WITH_ALIASES =
            DecoderSettings.client(DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, 10, true);
    /** Decodes what a client sends, accepting inbound topic aliases up to 10. */
    static final DecoderSettings SERVER =
            DecoderSettings.server(DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, 10);

    private VectorSupport() {
    }

    /** The encoder writes exactly {@code expected} for {@code msg}; compared as hex for readable diffs. */
    static void assertEncodes(Object msg, byte[] expected) {
        byte[] actual = encode(msg);
        assertThat(hex(actual)).as("encoding of %s", msg).isEqualTo(hex(expected));
    }

    /** Vectors up to this size are also decoded one byte at a time. */
    private static final int SPLIT_DECODE_LIMIT = 65_536;

    /**
     * {@code wire} decodes to {@code expected} with every given decoder: through the Netty-free decoder,
     * through the Netty handler in one write, and (for all but huge vectors) through the handler one
     * byte per write, since any split of the stream must decode to the same packet.
     */
    static void assertDecodes(byte[] wire, Object expected, DecoderSettings... sides) {
        for (DecoderSettings side : sides) {
            Object decoded = decodeOne(wire, side);
            assertThat(decoded).as("decoded by a %s decoder", side.side()).isEqualTo(expected);
            List<Object> viaChannel = decodeWithChannel(wire, side);
            assertThat(viaChannel).as("decoded by a %s MqttDecoder handler", side.side())
                    .containsExactly(expected);
            if (wire.length <= SPLIT_DECODE_LIMIT) {
                assertThat(decodeOneByteAtATime(wire, side))
                        .as("decoded by a %s MqttDecoder handler fed one byte at a time", side.side())
                        .containsExactly(expected);
            }
        }
    }

    private static List<Object> decodeOneByteAtATime(byte[] wire, DecoderSettings side) {
        EmbeddedChannel channel = new EmbeddedChannel(new MqttDecoder(side));
        try {
            for (byte b : wire) {
                channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
                channel.checkException();
            }
            List<Object> out = new ArrayList<>();
            Object packet;
            while ((packet = channel.readInbound()) != null) {
                out.add(packet);
            }
            return out;
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** Both directions: {@code msg} encodes to {@code wire}, and {@code wire} decodes to {@code decoded}. */
    static void assertRoundTrip(Object msg, byte[] wire, Object decoded, DecoderSettings... sides) {
        assertEncodes(msg, wire);
        assertDecodes(wire, decoded, sides);
    }

    /** Both directions, for messages that decode to an equal object. */
    static void assertRoundTrip(Object msg, byte[] wire, DecoderSettings... sides) {
        assertRoundTrip(msg, wire, msg, sides);
    }

    /** {@code count} copies of one byte. */
    static byte[] repeat(int value, int count) {
        byte[] b = new byte[count];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** "10 0D 00 04 ..." */
    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(i % 16 == 0 ? '\n' : ' ');
            }
            sb.append(Character.toUpperCase(Character.forDigit((bytes[i] >> 4) & 0xF, 16)));
            sb.append(Character.toUpperCase(Character.forDigit(bytes[i] & 0xF, 16)));
        }
        return sb.toString();
    }
}
