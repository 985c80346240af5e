package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.MqttPacket;
import dev.tern.mqtt5.packets.PingReqPacket;
import dev.tern.mqtt5.packets.PingRespPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static dev.tern.mqtt5.internal.codec.CodecFixture.decodeOne;
import static dev.tern.mqtt5.internal.codec.CodecFixture.encodeDirect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random packets of every type, with random properties, survive encode → decode unchanged; and any
 * split of an encoded stream decodes to the same packets.
 */
class CodecRoundTripProperties {

    private static final DecoderSettings CLIENT = DecoderSettings.client(
            DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, 100, true);
    private static final DecoderSettings SERVER = DecoderSettings.server(
            DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, 100);

    // ---- one packet at a time --------------------------------------------------------------------

    @Property(tries = 300)
    void connectRoundTrips(@ForAll("connects") ConnectPacket packet) {
        assertThat(decodeOne(encodeDirect(packet), SERVER)).isEqualTo(packet);
    }

    @Property(tries = 300)
    void connAckRoundTrips(@ForAll("connAcks") ConnAckPacket packet) {
        assertThat(decodeOne(encodeDirect(packet), CLIENT)).isEqualTo(packet);
    }

    @Property(tries = 300)
    void publishFromServerRoundTrips(@ForAll("serverPublishes") OutboundPublish publish) {
        InboundPublish decoded = (InboundPublish) decodeOne(encodeDirect(publish), CLIENT);
        assertSamePublish(decoded, publish);
    }

    @Property(tries = 300)
    void publishFromClientRoundTrips(@ForAll("clientPublishes") OutboundPublish publish) {
        InboundPublish decoded = (InboundPublish) decodeOne(encodeDirect(publish), SERVER);
        assertSamePublish(decoded, publish);
    }

    @Property(tries = 300)
    void qosAcknowledgementsRoundTripBothWays(@ForAll("qosAcks") IdentifiedPacket<?> ack) {
        byte[] wire = encodeDirect(ack);
        assertThat(decodeOne(wire, CLIENT)).isEqualTo(ack);
        assertThat(decodeOne(wire, SERVER)).isEqualTo(ack);
    }

    @Property(tries = 300)
    void subscribeAndUnsubscribeRoundTrip(@ForAll("clientRequests") IdentifiedPacket<?> request) {
        assertThat(decodeOne(encodeDirect(request), SERVER)).isEqualTo(request);
    }

    @Property(tries = 300)
    void subAckAndUnsubAckRoundTrip(@ForAll("serverAcks") IdentifiedPacket<?> ack) {
        assertThat(decodeOne(encodeDirect(ack), CLIENT)).isEqualTo(ack);
    }

    @Property(tries = 300)
    void disconnectRoundTripsInTheDirectionItMayBeSent(
            @ForAll("clientDisconnects") DisconnectPacket fromClient,
            @ForAll("serverDisconnects") DisconnectPacket fromServer) {
        assertThat(decodeOne(encodeDirect(fromClient), SERVER)).isEqualTo(fromClient);
        assertThat(decodeOne(encodeDirect(fromServer), CLIENT)).isEqualTo(fromServer);
    }

    @Property(tries = 200)
    void authRoundTripsInTheDirectionItMayBeSent(@ForAll("serverAuths") AuthPacket fromServer,
            @ForAll("clientAuths") AuthPacket fromClient) {
        assertThat(decodeOne(encodeDirect(fromServer), CLIENT)).isEqualTo(fromServer);
        assertThat(decodeOne(encodeDirect(fromClient), SERVER)).isEqualTo(fromClient);
    }

    // ---- streams and splits ----------------------------------------------------------------------

    /** Server → client streams, including topic aliases set up and then used with an empty topic. */
    @Property(tries = 200)
    void anySplitOfAServerStreamDecodesToTheSamePackets(
            @ForAll("serverStreams") List<Object> messages, @ForAll("splitSeeds") long seed) {
        assertAnySplitDecodes(messages, CLIENT, seed);
    }

    @Property(tries = 200)
    void anySplitOfAClientStreamDecodesToTheSamePackets(
            @ForAll("clientStreams") List<Object> messages, @ForAll("splitSeeds") long seed) {
        assertAnySplitDecodes(messages, SERVER, seed);
    }

    private static void assertAnySplitDecodes(List<Object> messages, DecoderSettings settings, long seed) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Object message : messages) {
            byte[] wire = encodeDirect(message);
            stream.write(wire, 0, wire.length);
        }
        byte[] all = stream.toByteArray();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        MqttPacketDecoder decoder = new MqttPacketDecoder(settings);
        ByteBuf cumulation = Unpooled.buffer();
        List<Object> decoded = new ArrayList<>();
        try {
            int at = 0;
            while (at < all.length) {
                int chunk = 1 + random.nextInt(Math.min(64, all.length - at));
                cumulation.writeBytes(all, at, chunk);
                at += chunk;
                Object packet;
                while ((packet = decoder.decode(cumulation)) != null) {
                    decoded.add(packet);
                }
                cumulation.discardReadBytes();
            }
            assertThat(cumulation.isReadable()).isFalse();
        } catch (DecodeException e) {
            throw new AssertionError(e.reasonCode() + ": " + e.getMessage(), e);
        } finally {
            cumulation.release();
        }
        assertThat(decoded).hasSameSizeAs(messages);
        for (int i = 0; i < messages.size(); i++) {
            Object expected = messages.get(i);
            if (expected instanceof OutboundPublish) {
                assertSamePublish((InboundPublish) decoded.get(i), (OutboundPublish) expected);
            } else {
                assertThat(decoded.get(i)).isEqualTo(expected);
            }
        }
    }

    private static void assertSamePublish(InboundPublish decoded, OutboundPublish sent) {
        assertThat(decoded.packet()).isEqualTo(sent.packet());
        assertThat(decoded.packetId()).isEqualTo(sent.packetId());
        assertThat(decoded.dup()).isEqualTo(sent.dup());
        assertThat(decoded.topicAlias()).isEqualTo(sent.topicAlias());
    }

    // ---- providers -------------------------------------------------------------------------------

    @Provide
    Arbitrary<ConnectPacket> connects() {
        return PacketArbitraries.connects();
    }

    @Provide
    Arbitrary<ConnAckPacket> connAcks() {
        return PacketArbitraries.connAcks();
    }

    @Provide
    Arbitrary<OutboundPublish> serverPublishes() {
        return outbound(PacketArbitraries.publishes(true));
    }

    @Provide
    Arbitrary<OutboundPublish> clientPublishes() {
        return outbound(PacketArbitraries.publishes(false));
    }

    private static Arbitrary<OutboundPublish> outbound(Arbitrary<PublishPacket> packets) {
        return Combinators.combine(packets, PacketArbitraries.packetIds(), Arbitraries.of(false, true),
                Arbitraries.integers().between(0, 100))
                .as((p, id, dup, alias) -> OutboundPublish.of(p,
                        p.qos().code() == 0 ? 0 : id, dup && p.qos().code() > 0, alias, true));
    }

    @Provide
    Arbitrary<IdentifiedPacket<?>> qosAcks() {
        Arbitrary<? extends MqttPacket> packets = Arbitraries.oneOf(PacketArbitraries.pubAcks(),
                PacketArbitraries.pubRecs(), PacketArbitraries.pubRels(), PacketArbitraries.pubComps());
        return Combinators.combine(PacketArbitraries.packetIds(), packets).as(IdentifiedPacket::new);
    }

    @Provide
    Arbitrary<IdentifiedPacket<?>> clientRequests() {
        Arbitrary<? extends MqttPacket> packets = Arbitraries.oneOf(PacketArbitraries.subscribes(),
                PacketArbitraries.unsubscribes());
        return Combinators.combine(PacketArbitraries.packetIds(), packets).as(IdentifiedPacket::new);
    }

    @Provide
    Arbitrary<IdentifiedPacket<?>> serverAcks() {
        Arbitrary<? extends MqttPacket> packets = Arbitraries.oneOf(PacketArbitraries.subAcks(),
                PacketArbitraries.unsubAcks());
        return Combinators.combine(PacketArbitraries.packetIds(), packets).as(IdentifiedPacket::new);
    }

    @Provide
    Arbitrary<DisconnectPacket> clientDisconnects() {
        return PacketArbitraries.clientDisconnects();
    }

    @Provide
    Arbitrary<DisconnectPacket> serverDisconnects() {
        return PacketArbitraries.serverDisconnects();
    }

    @Provide
    Arbitrary<AuthPacket> serverAuths() {
        return PacketArbitraries.auths(true);
    }

    @Provide
    Arbitrary<AuthPacket> clientAuths() {
        return PacketArbitraries.auths(false);
    }

    @Provide
    Arbitrary<Long> splitSeeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<List<Object>> serverStreams() {
        Arbitrary<Object> one = Arbitraries.oneOf(serverPublishes().map(p -> (Object) p), qosAcks().map(a -> a),
                serverAcks().map(a -> a), connAcks().map(c -> c), serverDisconnects().map(d -> d),
                serverAuths().map(a -> a), Arbitraries.just(PingRespPacket.INSTANCE));
        return one.list().ofMinSize(1).ofMaxSize(12).map(CodecRoundTripProperties::withAliasReuse);
    }

    @Provide
    Arbitrary<List<Object>> clientStreams() {
        Arbitrary<Object> one = Arbitraries.oneOf(clientPublishes().map(p -> (Object) p), qosAcks().map(a -> a),
                clientRequests().map(a -> a), connects().map(c -> c), clientDisconnects().map(d -> d),
                clientAuths().map(a -> a), Arbitraries.just(PingReqPacket.INSTANCE));
        return one.list().ofMinSize(1).ofMaxSize(12).map(CodecRoundTripProperties::withAliasReuse);
    }

    /**
     * After a publish that sets up an alias, sends the next publish with the same topic as alias-only,
     * as a client or server that uses aliases would.
     */
    private static List<Object> withAliasReuse(List<Object> messages) {
        List<Object> result = new ArrayList<>(messages.size() + 2);
        for (Object message : messages) {
            result.add(message);
            if (message instanceof OutboundPublish && ((OutboundPublish) message).topicAlias() != 0) {
                OutboundPublish first = (OutboundPublish) message;
                result.add(OutboundPublish.of(first.packet(), first.packetId(), first.dup(), first.topicAlias(),
                        false));
            }
        }
        return result;
    }
}
