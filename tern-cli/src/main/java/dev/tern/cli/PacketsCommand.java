package dev.tern.cli;

import dev.tern.mqtt5.internal.codec.DecodeException;
import dev.tern.mqtt5.internal.codec.DecoderSettings;
import dev.tern.mqtt5.internal.codec.IdentifiedPacket;
import dev.tern.mqtt5.internal.codec.MqttPacketDecoder;
import dev.tern.mqtt5.internal.codec.MqttPacketEncoder;
import dev.tern.mqtt5.internal.codec.OutboundPublish;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubAckReasonCode;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Walks the user guide's flow — connect, subscribe, publish at QoS 1, unsubscribe, disconnect — at the
 * packet level: builds each packet, encodes it as Tern would put it on the wire, decodes it again as
 * the receiving side would, and prints both. No network is used.
 */
@Command(name = "packets",
        mixinStandardHelpOptions = true,
        description = {"Shows the user guide's flow as MQTT 5 packets on the wire (no network).",
            "",
            "Each packet is encoded, printed as hex, and decoded back by the receiving side."})
final class PacketsCommand implements Callable<Integer> {

    @Option(names = "--topic", defaultValue = "hello/world/qos1", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--message", defaultValue = "This is the payload of a QoS 1 publish",
            description = "Payload of the publish (default: \"${DEFAULT-VALUE}\").")
    String message;

    @Option(names = "--client-id", defaultValue = "tern-sample", description = "Client identifier.")
    String clientId;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MqttPacketDecoder server = new MqttPacketDecoder(DecoderSettings.server(
                DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, 0));
        MqttPacketDecoder client = new MqttPacketDecoder(DecoderSettings.client());
        List<Step> steps = List.of(
                new Step("client", ConnectPacket.builder().clientId(clientId).keepAliveIntervalSeconds(60)
                        .sessionExpiryIntervalSeconds(3600L).build(), server),
                new Step("server", ConnAckPacket.builder().receiveMaximum(100).topicAliasMaximum(10).build(), client),
                new Step("client", new IdentifiedPacket<>(1, SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)), server),
                new Step("server", new IdentifiedPacket<>(1, SubAckPacket.of(SubAckReasonCode.GRANTED_QOS_1)), client),
                new Step("client", OutboundPublish.of(PublishPacket.builder().topic(topic).payload(message)
                        .qos(QoS.AT_LEAST_ONCE).build(), 2, false), server),
                new Step("server", new IdentifiedPacket<>(2, PubAckPacket.of(PubAckReasonCode.SUCCESS)), client),
                new Step("client", new IdentifiedPacket<>(3, UnsubscribePacket.of(topic)), server),
                new Step("server", new IdentifiedPacket<>(3, UnsubAckPacket.of(UnsubAckReasonCode.SUCCESS)), client),
                new Step("client", DisconnectPacket.builder().reasonCode(DisconnectReasonCode.NORMAL_DISCONNECTION)
                        .sessionExpiryIntervalSeconds(3600L).build(), server));
        int bytes = 0;
        for (Step step : steps) {
            byte[] wire = encode(step.message);
            bytes += wire.length;
            Object decoded;
            try {
                decoded = decode(step.receiver, wire);
            } catch (DecodeException e) {
                spec.commandLine().getErr().println("tern: the " + step.sender + "'s packet did not decode: "
                        + e.getMessage());
                return 1;
            }
            out.printf("%s -> %s (%d bytes)%n  %s%n  decoded: %s%n", step.sender,
                    step.sender.equals("client") ? "server" : "client", wire.length, hex(wire), decoded);
        }
        out.printf("%d packets, %d bytes on the wire, each decoded back to what was sent.%n", steps.size(), bytes);
        out.flush();
        return 0;
    }

    private static byte[] encode(Object message) {
        ByteBuf buf = MqttPacketEncoder.encode(UnpooledByteBufAllocator.DEFAULT, message,
                DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static Object decode(MqttPacketDecoder decoder, byte[] wire) throws DecodeException {
        ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(wire);
        try {
            return decoder.decode(in);
        } finally {
            in.release();
        }
    }

    private static String hex(byte[] wire) {
        StringBuilder sb = new StringBuilder(wire.length * 3);
        for (int i = 0; i < wire.length; i++) {
            if (i > 0) {
                sb.append(i % 32 == 0 ? "\n  " : " ");
            }
            sb.append(String.format("%02x", wire[i]));
        }
        return sb.toString();
    }

    private static final class Step {
        final String sender;
        final Object message;
        final MqttPacketDecoder receiver;

        Step(String sender, Object message, MqttPacketDecoder receiver) {
            this.sender = sender;
            this.message = message;
            this.receiver = receiver;
        }
    }
}
