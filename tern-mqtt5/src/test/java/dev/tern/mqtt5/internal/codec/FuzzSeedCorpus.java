package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PingRespPacket;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PubCompPacket;
import dev.tern.mqtt5.packets.PubCompReasonCode;
import dev.tern.mqtt5.packets.PubRecPacket;
import dev.tern.mqtt5.packets.PubRecReasonCode;
import dev.tern.mqtt5.packets.PubRelPacket;
import dev.tern.mqtt5.packets.PubRelReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubAckReasonCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.CodecFixture.concat;
import static dev.tern.mqtt5.internal.codec.CodecFixture.encode;

/**
 * Writes the seed corpus of the Jazzer fuzz tests ({@link DecoderCoverageFuzzTest},
 * {@code ServerBytesFuzzTest}) from {@link DecoderSamples} and hand-made exchanges. Not a test: run it
 * when the samples change (the output replaces the seeds, crash reproducers are kept):
 * <pre>
 *   ./mvnw -q -o -pl tern-mqtt5 -am test-compile
 *   java -cp "tern-mqtt5/target/test-classes:tern-mqtt5/target/classes:$(cat cp.txt)" \
 *       dev.tern.mqtt5.internal.codec.FuzzSeedCorpus tern-mqtt5/src/test/resources
 * </pre>
 * with {@code cp.txt} from {@code ./mvnw -q -o -pl tern-mqtt5 dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class FuzzSeedCorpus {

    private FuzzSeedCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path resources = Paths.get(args[0]);
        Path decoder = resources.resolve("dev/tern/mqtt5/internal/codec/DecoderCoverageFuzzTestInputs");
        Path client = resources.resolve("dev/tern/mqtt5/internal/client/ServerBytesFuzzTestInputs/clientHandlesServerBytes");
        decoderSeeds(decoder.resolve("clientDecoder"), DecoderSamples.fromServer(false));
        decoderSeeds(decoder.resolve("serverDecoder"), DecoderSamples.fromClient(false));
        clientSeeds(client);
    }

    /**
     * Each sample whole with the first settings of its side; all of them in one stream, whole and in
     * chunks of 7; the stream with the small packet size and alias limits.
     */
    private static void decoderSeeds(Path dir, List<byte[]> samples) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < samples.size(); i++) {
            write(dir, String.format("seed-sample-%02d", i), concat(bytes(0x00), samples.get(i)));
        }
        byte[] stream = concat(samples.toArray(new byte[0][]));
        write(dir, "seed-all-whole", concat(bytes(0x00), stream));
        write(dir, "seed-all-chunks-of-7", concat(bytes(0x40), stream));
        write(dir, "seed-all-small-limits", concat(bytes(0x02), stream));
        // Lengths at their limits: a 5-byte Remaining Length, a 256 MiB claim, a 64 KiB string.
        write(dir, "seed-remaining-length-5-bytes", bytes(0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F));
        write(dir, "seed-remaining-length-max", bytes(0x00, 0x30, 0xFF, 0xFF, 0xFF, 0x7F, 0x00));
        write(dir, "seed-string-64k", bytes(0x00, 0x30, 0x05, 0xFF, 0xFF, 0x61, 0x62, 0x63));
    }

    /**
     * Control bytes (operations, connection) and what the server sends: acknowledgements of the client's
     * operations (identifiers 1 QoS 1 publish, 2 QoS 2 publish, 3 subscribe, 4 unsubscribe), messages
     * of every QoS, and the packets a client must refuse after CONNACK.
     */
    private static void clientSeeds(Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] all = bytes(0x1F, 0x00);
        byte[] acks = concat(
                encode(new IdentifiedPacket<>(1, PubAckPacket.of(PubAckReasonCode.SUCCESS))),
                encode(new IdentifiedPacket<>(2, PubRecPacket.of(PubRecReasonCode.SUCCESS))),
                encode(new IdentifiedPacket<>(2, PubCompPacket.of(PubCompReasonCode.SUCCESS))),
                encode(new IdentifiedPacket<>(3, SubAckPacket.builder().reasonCode(SubAckReasonCode.GRANTED_QOS_2)
                        .reasonCode(SubAckReasonCode.GRANTED_QOS_0).build())),
                encode(new IdentifiedPacket<>(4, UnsubAckPacket.of(UnsubAckReasonCode.SUCCESS,
                        UnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED))));
        write(dir, "seed-acks", concat(all, acks));
        write(dir, "seed-acks-two-reads", concat(bytes(0x1F, 0x80), acks));
        write(dir, "seed-acks-receive-maximum-1", concat(bytes(0x1F, 0x04), acks));
        write(dir, "seed-acks-failed", concat(all,
                encode(new IdentifiedPacket<>(1, PubAckPacket.builder().reasonCode(PubAckReasonCode.QUOTA_EXCEEDED)
                        .reasonString("full").build())),
                encode(new IdentifiedPacket<>(2, PubRecPacket.of(PubRecReasonCode.NOT_AUTHORIZED))),
                encode(new IdentifiedPacket<>(3, SubAckPacket.builder()
                        .reasonCode(SubAckReasonCode.NOT_AUTHORIZED).reasonCode(SubAckReasonCode.QUOTA_EXCEEDED)
                        .build())),
                encode(new IdentifiedPacket<>(4, UnsubAckPacket.of(UnsubAckReasonCode.UNSPECIFIED_ERROR,
                        UnsubAckReasonCode.TOPIC_FILTER_INVALID)))));
        write(dir, "seed-ack-wrong-type", concat(all,
                encode(new IdentifiedPacket<>(2, PubAckPacket.of(PubAckReasonCode.SUCCESS))),
                encode(new IdentifiedPacket<>(1, PubCompPacket.of(PubCompReasonCode.SUCCESS)))));
        write(dir, "seed-ack-unknown-id", concat(all,
                encode(new IdentifiedPacket<>(9, PubAckPacket.of(PubAckReasonCode.SUCCESS))),
                encode(new IdentifiedPacket<>(9, SubAckPacket.builder().reasonCode(SubAckReasonCode.GRANTED_QOS_1)
                        .build()))));
        write(dir, "seed-ack-twice", concat(all,
                encode(new IdentifiedPacket<>(1, PubAckPacket.of(PubAckReasonCode.SUCCESS))),
                encode(new IdentifiedPacket<>(1, PubAckPacket.of(PubAckReasonCode.SUCCESS)))));
        write(dir, "seed-suback-count-mismatch", concat(all,
                encode(new IdentifiedPacket<>(3, SubAckPacket.builder().reasonCode(SubAckReasonCode.GRANTED_QOS_1)
                        .build()))));

        byte[] qos2In = concat(
                encode(OutboundPublish.of(PublishPacket.builder().topic("a/x").payload("in").qos(QoS.EXACTLY_ONCE)
                        .build(), 7, false)),
                encode(new IdentifiedPacket<>(7, PubRelPacket.of(PubRelReasonCode.SUCCESS))));
        write(dir, "seed-inbound-qos2", concat(bytes(0x04, 0x00), qos2In));
        write(dir, "seed-inbound-qos2-twice", concat(bytes(0x04, 0x00), qos2In, qos2In));
        write(dir, "seed-pubrel-unknown", concat(bytes(0x00, 0x00),
                encode(new IdentifiedPacket<>(8, PubRelPacket.of(PubRelReasonCode.SUCCESS)))));
        byte[] qos1In = encode(OutboundPublish.of(PublishPacket.builder().topic("a/y").payload("in")
                .qos(QoS.AT_LEAST_ONCE).build(), 5, false));
        write(dir, "seed-inbound-qos1-beyond-receive-maximum", concat(bytes(0x00, 0x00), repeat(qos1In, 70)));
        PublishPacket aliased = PublishPacket.builder().topic("alias/topic").payload("1").build();
        write(dir, "seed-inbound-topic-alias", concat(bytes(0x00, 0x01),
                encode(OutboundPublish.of(aliased, 0, false, 3, true)),
                encode(OutboundPublish.of(aliased, 0, false, 3, false))));
        write(dir, "seed-inbound-too-large", concat(bytes(0x00, 0x02),
                encode(OutboundPublish.of(PublishPacket.builder().topic("big").payload(new byte[400]).build(),
                        0, false))));

        write(dir, "seed-pingresp", concat(all, encode(PingRespPacket.INSTANCE)));
        write(dir, "seed-disconnect", concat(all, encode(DisconnectPacket.of(DisconnectReasonCode.NORMAL_DISCONNECTION))));
        write(dir, "seed-disconnect-blames-message", concat(all,
                encode(DisconnectPacket.builder().reasonCode(DisconnectReasonCode.PAYLOAD_FORMAT_INVALID)
                        .reasonString("bad").serverReference("other").build())));
        write(dir, "seed-second-connack", concat(all, encode(ConnAckPacket.builder().build())));
        write(dir, "seed-auth-unasked", concat(all, encode(AuthPacket.builder().build())));
        write(dir, "seed-client-packet-from-server", concat(all, bytes(0xC0, 0x00)));

        List<byte[]> samples = DecoderSamples.fromServer(false);
        for (int i = 0; i < samples.size(); i++) {
            write(dir, String.format("seed-sample-%02d", i), concat(bytes(0x1F, 0x09), samples.get(i)));
        }
    }

    private static byte[] repeat(byte[] unit, int n) {
        byte[][] parts = new byte[n][];
        java.util.Arrays.fill(parts, unit);
        return concat(parts);
    }

    private static void write(Path dir, String name, byte[] content) throws IOException {
        Files.write(dir.resolve(name), content);
    }
}
