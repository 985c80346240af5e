package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.DisconnectReasonCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.CodecFixture.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@link MqttPacketDecoder#decode} returns null until a whole packet is buffered, consumes nothing
 * then, and any split of a stream decodes to the same packets as the stream in one piece (section 4.2:
 * TCP delivers bytes, not packets).
 */
class DecoderIncrementalityTest {

    private static final DecoderSettings CLIENT =
            DecoderSettings.client(DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, DecoderSamples.TOPIC_ALIAS_MAXIMUM, true);
    private static final DecoderSettings SERVER =
            DecoderSettings.server(DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, DecoderSamples.TOPIC_ALIAS_MAXIMUM);

    private static final List<byte[]> FROM_SERVER = DecoderSamples.fromServer(true);
    private static final List<byte[]> FROM_CLIENT = DecoderSamples.fromClient(true);
    private static final byte[] SERVER_STREAM = concat(FROM_SERVER.toArray(new byte[0][]));
    private static final byte[] CLIENT_STREAM = concat(FROM_CLIENT.toArray(new byte[0][]));

    /** The packets of the stream decoded from one buffer holding all of it. */
    private static List<Object> whole(byte[] stream, DecoderSettings settings) {
        List<Object> packets = CodecFixture.decodeAll(stream, settings);
        assertThat(packets).as("the sample stream decodes in one piece").isNotEmpty();
        return packets;
    }

    /**
     * Feeds {@code stream} in chunks of the given sizes (cycled) into one cumulation buffer, decoding
     * after each chunk until the decoder returns null; checks that null consumed nothing.
     */
    private static List<Object> chunked(byte[] stream, DecoderSettings settings, List<Integer> chunkSizes,
            boolean discardReadBytes) throws DecodeException {
        MqttPacketDecoder decoder = new MqttPacketDecoder(settings);
        ByteBuf cumulation = Unpooled.buffer(64);
        List<Object> out = new ArrayList<>();
        try {
            int at = 0;
            int chunk = 0;
            while (at < stream.length) {
                int size = Math.min(chunkSizes.get(chunk++ % chunkSizes.size()), stream.length - at);
                cumulation.writeBytes(stream, at, size);
                at += size;
                while (true) {
                    int before = cumulation.readerIndex();
                    int writerBefore = cumulation.writerIndex();
                    Object packet = decoder.decode(cumulation);
                    if (packet == null) {
                        assertThat(cumulation.readerIndex()).as("null must consume nothing").isEqualTo(before);
                        assertThat(cumulation.writerIndex()).isEqualTo(writerBefore);
                        break;
                    }
                    assertThat(cumulation.readerIndex()).as("a packet must consume bytes").isGreaterThan(before);
                    out.add(packet);
                }
                if (discardReadBytes) {
                    cumulation.discardReadBytes(); // moves the unread bytes to index 0, as a cumulator may
                }
            }
            assertThat(cumulation.isReadable()).as("bytes left after the whole stream").isFalse();
            return out;
        } finally {
            cumulation.release();
        }
    }

    @Test
    void feedingAStreamOneByteAtATimeYieldsTheSamePackets() throws DecodeException {
        assertThat(chunked(SERVER_STREAM, CLIENT, List.of(1), false)).isEqualTo(whole(SERVER_STREAM, CLIENT));
        assertThat(chunked(CLIENT_STREAM, SERVER, List.of(1), true)).isEqualTo(whole(CLIENT_STREAM, SERVER));
    }

    /**
     * 300 random chunkings per side from a seeded generator (seed printed, and settable with
     * {@code -Dtern.chunking.seed=...} to replay a failure). Plain JUnit rather than a jqwik property so
     * that the class runs on one engine and Surefire counts its tests right.
     */
    @Test
    void anyChunkingOfAStreamYieldsTheSamePackets() throws DecodeException {
        long seed = Long.getLong("tern.chunking.seed", System.nanoTime());
        System.out.println("DecoderIncrementalityTest chunking seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        List<Object> fromServer = whole(SERVER_STREAM, CLIENT);
        List<Object> fromClient = whole(CLIENT_STREAM, SERVER);
        for (int round = 0; round < 600; round++) {
            boolean clientSide = round % 2 == 0;
            List<Integer> chunkSizes = new ArrayList<>();
            int count = 1 + random.nextInt(30);
            int maxChunk = random.nextBoolean() ? 8 : 700;
            for (int i = 0; i < count; i++) {
                chunkSizes.add(1 + random.nextInt(maxChunk));
            }
            boolean discard = random.nextBoolean();
            assertThat(chunked(clientSide ? SERVER_STREAM : CLIENT_STREAM, clientSide ? CLIENT : SERVER,
                    chunkSizes, discard))
                    .as("seed %d, round %d, chunk sizes %s, discardReadBytes %s", seed, round, chunkSizes, discard)
                    .isEqualTo(clientSide ? fromServer : fromClient);
        }
    }

    @Test
    void everyProperPrefixOfAPacketReturnsNullAndConsumesNothing() throws DecodeException {
        checkPrefixes(FROM_SERVER, CLIENT);
        checkPrefixes(FROM_CLIENT, SERVER);
    }

    private static void checkPrefixes(List<byte[]> samples, DecoderSettings settings) throws DecodeException {
        for (byte[] sample : samples) {
            int first = firstPacketLength(sample);
            for (int prefix = 0; prefix < first; prefix++) {
                // The prefix sits at a non-zero offset in a larger buffer: the decoder must use the
                // reader index, not assume 0.
                ByteBuf in = Unpooled.buffer(first + 8);
                try {
                    in.writeZero(3).skipBytes(3);
                    in.writeBytes(sample, 0, prefix);
                    MqttPacketDecoder decoder = new MqttPacketDecoder(settings);
                    assertThat(decoder.decode(in)).as("prefix %d of %d", prefix, first).isNull();
                    assertThat(in.readerIndex()).isEqualTo(3);
                    assertThat(in.writerIndex()).isEqualTo(3 + prefix);
                    // The rest arrives: now the packet decodes, consuming exactly its own bytes.
                    in.writeBytes(sample, prefix, first - prefix);
                    assertThat(decoder.decode(in)).as("completed prefix %d of %d", prefix, first).isNotNull();
                    assertThat(in.readerIndex()).isEqualTo(3 + first);
                } finally {
                    in.release();
                }
            }
        }
    }

    /** Header + Remaining Length of the first packet in {@code wire} (valid samples only). */
    private static int firstPacketLength(byte[] wire) {
        int value = 0;
        int i = 1;
        int shift = 0;
        while (true) {
            int b = wire[i++] & 0xFF;
            value |= (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                return i + value;
            }
        }
    }

    @Test
    void aPacketArrivingAfterAPartialOneIsNotDecodedEarly() throws DecodeException {
        // Two packets: a PUBACK and a PINGRESP. With one byte of the PUBACK missing, the decoder must
        // not skip ahead.
        byte[] stream = bytes(
                0x40, 0x02, 0x00, 0x01, // PUBACK, packet identifier 1
                0xD0, 0x00);            // PINGRESP
        MqttPacketDecoder decoder = new MqttPacketDecoder(CLIENT);
        ByteBuf in = Unpooled.buffer(8);
        try {
            in.writeBytes(stream, 0, 3);
            assertThat(decoder.decode(in)).isNull();
            in.writeBytes(stream, 3, 3);
            assertThat(decoder.decode(in)).isInstanceOf(IdentifiedPacket.class);
            assertThat(decoder.decode(in)).isNotNull();
            assertThat(in.isReadable()).isFalse();
            assertThat(decoder.decode(in)).as("an empty buffer").isNull();
        } finally {
            in.release();
        }
    }

    @Test
    void theFixedHeaderIsCheckedOnItsFirstByteBeforeTheLengthArrives() {
        expectOnFirstByte(bytes(0x41), CLIENT, DisconnectReasonCode.MALFORMED_PACKET); // PUBACK, flags 0001
        expectOnFirstByte(bytes(0x00), CLIENT, DisconnectReasonCode.MALFORMED_PACKET); // type 0
        expectOnFirstByte(bytes(0x10), CLIENT, DisconnectReasonCode.PROTOCOL_ERROR);   // CONNECT to a client
        expectOnFirstByte(bytes(0x20), SERVER, DisconnectReasonCode.PROTOCOL_ERROR);   // CONNACK to a server
    }

    private static void expectOnFirstByte(byte[] firstByte, DecoderSettings settings, DisconnectReasonCode code) {
        DecodeException e = CodecFixture.decodeError(firstByte, settings);
        assertThat(e.reasonCode()).isEqualTo(code);
    }

    @Test
    void aMalformedPacketFedOneByteAtATimeFailsWithTheSameReasonCodeAsWhole() {
        byte[][] invalid = {
            bytes(0x30, 0x06, 0x00, 0x03, 0x61, 0x00, 0x62, 0x00),       // U+0000 in the topic
            bytes(0x30, 0x07, 0x00, 0x01, 0x61, 0x03, 0x23, 0x00, 0x0B), // Topic Alias 11 > 10
            bytes(0x40, 0x05, 0x00, 0x01, 0x00, 0x00, 0xFF),             // PUBACK with a byte too many
            bytes(0x20, 0x03, 0x01, 0x80, 0x00),                         // Session Present with an error
            bytes(0x30, 0x80, 0x80, 0x80, 0x80, 0x01),                   // 5-byte Remaining Length
            bytes(0x30, 0x04, 0x00, 0x01, 0x2B, 0x00),                   // topic "+"
        };
        for (byte[] input : invalid) {
            DisconnectReasonCode whole = CodecFixture.decodeError(input, CLIENT).reasonCode();
            MqttPacketDecoder decoder = new MqttPacketDecoder(CLIENT);
            ByteBuf in = Unpooled.buffer(input.length);
            try {
                DisconnectReasonCode byByte = null;
                for (int i = 0; i < input.length && byByte == null; i++) {
                    in.writeByte(input[i]);
                    try {
                        if (decoder.decode(in) != null) {
                            fail("decoded a packet from the invalid input " + Rejections.hex(input));
                        }
                    } catch (DecodeException e) {
                        assertThat(e.isUnexpected()).isFalse();
                        byByte = e.reasonCode();
                    }
                }
                assertThat(byByte).as("byte by byte: %s", Rejections.hex(input)).isEqualTo(whole);
            } finally {
                in.release();
            }
        }
    }
}
