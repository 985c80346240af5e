package dev.tern.benchmarks;

import dev.tern.mqtt5.internal.codec.DecodeException;
import dev.tern.mqtt5.internal.codec.DecoderSettings;
import dev.tern.mqtt5.internal.codec.MqttPacketDecoder;
import dev.tern.mqtt5.internal.codec.MqttPacketEncoder;
import dev.tern.mqtt5.internal.codec.OutboundPublish;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The codec alone, for one QoS 1 PUBLISH: encoding into a pooled direct buffer (as the pipeline does)
 * and decoding from a direct buffer (as bytes arrive from a socket). Run with {@code -prof gc} for
 * bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=disabled", "-Xms1g", "-Xmx1g"})
public class PublishCodecBenchmark {

    @Param({"64", "1024", "65536"})
    int payloadSize;

    @Param({"false", "true"})
    boolean userProperties;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private OutboundPublish publish;
    private ByteBuf encoded;
    private MqttPacketDecoder decoder;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] payload = new byte[payloadSize];
        ThreadLocalRandom.current().nextBytes(payload);
        PublishPacket.Builder builder = PublishPacket.builder()
                .topic("devices/sensor-0042/telemetry")
                .payload(payload)
                .qos(QoS.AT_LEAST_ONCE);
        if (userProperties) {
            builder.userProperty("content-encoding", "cbor")
                    .userProperty("trace-id", "4bf92f3577b34da6a3ce929d0e0e4736")
                    .userProperty("site", "plant-7");
        }
        publish = OutboundPublish.of(builder.build(), 4711, false);
        encoded = MqttPacketEncoder.encode(alloc, publish, DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE);
        decoder = new MqttPacketDecoder(DecoderSettings.client());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoded.release();
    }

    /** Encodes and releases the buffer, as the socket write would. */
    @Benchmark
    public int encode() {
        ByteBuf buf = MqttPacketEncoder.encode(alloc, publish, DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE);
        int size = buf.readableBytes();
        buf.release();
        return size;
    }

    /** Decodes the packet from the direct buffer into an immutable {@code PublishPacket}. */
    @Benchmark
    public Object decode() throws DecodeException {
        encoded.readerIndex(0);
        return decoder.decode(encoded);
    }
}
