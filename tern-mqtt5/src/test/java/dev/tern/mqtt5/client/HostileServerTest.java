package dev.tern.mqtt5.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.EnhancedAuthenticator;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.internal.codec.IdentifiedPacket;
import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PubCompPacket;
import dev.tern.mqtt5.packets.PubCompReasonCode;
import dev.tern.mqtt5.packets.PubRecPacket;
import dev.tern.mqtt5.packets.PubRecReasonCode;
import dev.tern.mqtt5.packets.PubRelPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import dev.tern.mqtt5.testing.PeerConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.CodecFixture.concat;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.MALFORMED_PACKET;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.PACKET_TOO_LARGE;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.PROTOCOL_ERROR;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.TOPIC_ALIAS_INVALID;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.TOPIC_NAME_INVALID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input table: every malformed packet and protocol error the MQTT 5.0 specification lets
 * a client detect in what a server sends. For each, the client must answer with DISCONNECT and the
 * reason code the specification gives, report it in the event, close, reconnect, deliver nothing from
 * the rejected packet and let no exception reach a thread of the application.
 *
 * <p>Where the specification names no code, section 4.13 applies with the definitions of section 1.2:
 * a packet that cannot be parsed by the rules of its format is a Malformed Packet (0x81); one that
 * parses but carries data the protocol forbids, or comes at the wrong time, is a Protocol Error
 * (0x82); a more specific code (0x90, 0x93, 0x94, 0x95) wins where one is defined for the case.
 */
class HostileServerTest {

    /** When the hostile bytes arrive: in place of the CONNACK, or once connected. */
    enum Stage {
        CONNACK,
        CONNECTED
    }

    /** What must be outstanding before the hostile bytes, and the packet identifier it uses. */
    @FunctionalInterface
    interface Setup {
        int run(Mqtt5Client client, PeerConnection peer);
    }

    /** A setup that needs a new connection: returns the connection the hostile bytes go to. */
    @FunctionalInterface
    interface Reconnecting {
        PeerConnection run(ScriptedClientFixture fixture, PeerConnection peer);
    }

    static final class Row {
        final String name;
        final String spec;
        final Stage stage;
        final Setup setup;
        final IntFunction<byte[]> hostile;
        final DisconnectReasonCode expected;
        final String names;
        UnaryOperator<ConnectPacket.Builder> connect = b -> b;
        UnaryOperator<Mqtt5ClientOptions.Builder> options = b -> b;
        ConnAckPacket connAck = ConnAckPacket.builder().build();
        Reconnecting before = (fixture, peer) -> peer;
        int legitimateMessages;

        Row(String name, String spec, Stage stage, Setup setup, IntFunction<byte[]> hostile,
                DisconnectReasonCode expected, String names) {
            this.name = name;
            this.spec = spec;
            this.stage = stage;
            this.setup = setup;
            this.hostile = hostile;
            this.expected = expected;
            this.names = names;
        }

        Row connect(UnaryOperator<ConnectPacket.Builder> customize) {
            this.connect = customize;
            return this;
        }

        /** With enhanced authentication: the client names {@link #AUTH_METHOD}, the server accepts it. */
        Row enhancedAuthentication() {
            this.options = b -> b.enhancedAuthenticator(new ToyAuthenticator());
            this.connAck = ConnAckPacket.builder().authenticationMethod(AUTH_METHOD).build();
            return this;
        }

        Row before(Reconnecting before) {
            this.before = before;
            return this;
        }

        Row legitimateMessages(int count) {
            this.legitimateMessages = count;
            return this;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    // The client every row runs against: it announces limits so that the rows about them have
    // something to exceed.
    private static final int TOPIC_ALIAS_MAXIMUM = 5;
    private static final int RECEIVE_MAXIMUM = 2;
    private static final long MAXIMUM_PACKET_SIZE = 512;

    private static final String AUTH_METHOD = "TOY";

    private static final Setup NOTHING = (client, peer) -> 0;

    /** Maps Topic Alias 1 on this connection, then makes the client reconnect. */
    private static final Reconnecting ALIAS_ON_THE_PREVIOUS_CONNECTION = (fixture, peer) -> {
        peer.sendRaw(packet(0x30, 0, 2, 'o', 'k', 3, 0x23, 0, 1));
        assertThat(fixture.nextMessage().publishPacket().topic()).isEqualTo("ok");
        peer.close();
        fixture.events.await(DisconnectionEvent.class);
        PeerConnection next = fixture.server.accept();
        next.handshake();
        fixture.events.await(ConnectionSuccessEvent.class);
        return next;
    };

    /** Answers every challenge; the rows check what the client does around it. */
    static final class ToyAuthenticator implements EnhancedAuthenticator {
        @Override
        public String method() {
            return AUTH_METHOD;
        }

        @Override
        public CompletableFuture<byte[]> onContinue(AuthPacket serverAuth) {
            return CompletableFuture.completedFuture(new byte[] {1});
        }
    }

    private static final Setup QOS1_PUBLISH = (client, peer) -> {
        client.publish(PublishPacket.builder().topic("out").qos(QoS.AT_LEAST_ONCE).build());
        return peer.expectPublish().packetId();
    };

    private static final Setup QOS2_PUBLISH = (client, peer) -> {
        client.publish(PublishPacket.builder().topic("out").qos(QoS.EXACTLY_ONCE).build());
        return peer.expectPublish().packetId();
    };

    /** A QoS 2 publish that got its PUBREC: the client has sent PUBREL and waits for PUBCOMP. */
    private static final Setup QOS2_AWAITING_PUBCOMP = (client, peer) -> {
        int id = QOS2_PUBLISH.run(client, peer);
        peer.send(new IdentifiedPacket<>(id, PubRecPacket.of(PubRecReasonCode.SUCCESS)));
        assertThat(peer.expectIdentified(PubRelPacket.class).packetId()).isEqualTo(id);
        return id;
    };

    private static final Setup SUBSCRIBE_ONE = (client, peer) -> {
        client.subscribe(SubscribePacket.of("in/#", QoS.AT_LEAST_ONCE));
        return peer.expectIdentified(SubscribePacket.class).packetId();
    };

    private static final Setup UNSUBSCRIBE_ONE = (client, peer) -> {
        client.unsubscribe(UnsubscribePacket.of("in/#"));
        return peer.expectIdentified(UnsubscribePacket.class).packetId();
    };

    static Stream<Row> rows() {
        return Stream.of(
                // ==== fixed header: packet type (2.1.2) ====================================================
                // Type 15, reserved in MQTT 3.1.1, is AUTH in MQTT 5: its rows are under AUTH.
                connected("packet type 0 (reserved)", "2.1.2 Table 2-1: 0 is Reserved, forbidden",
                        raw(0x00, 0x00), MALFORMED_PACKET, "type 0"),
                connected("CONNECT from the server", "2.1.2 Table 2-1: CONNECT flows client to server only",
                        packet(0x10), PROTOCOL_ERROR, "CONNECT"),
                connected("SUBSCRIBE from the server", "2.1.2 Table 2-1: SUBSCRIBE flows client to server only",
                        packet(0x82, 0, 1, 0, 0, 1, 'a', 0), PROTOCOL_ERROR, "SUBSCRIBE"),
                connected("UNSUBSCRIBE from the server", "2.1.2 Table 2-1: UNSUBSCRIBE flows client to server only",
                        packet(0xA2, 0, 1, 0, 0, 1, 'a'), PROTOCOL_ERROR, "UNSUBSCRIBE"),
                connected("PINGREQ from the server", "2.1.2 Table 2-1: PINGREQ flows client to server only",
                        packet(0xC0), PROTOCOL_ERROR, "PINGREQ"),

                // ==== fixed header: reserved flags, [MQTT-2.1.3-1] "invalid flags ... Malformed Packet" ======
                flags("CONNACK", packet(0x21, 0, 0, 0)),
                flags("PUBACK", packet(0x41, 0, 1)),
                flags("PUBREC", packet(0x52, 0, 1)),
                flags("PUBREL", packet(0x60, 0, 1)), // PUBREL must have 0010
                flags("PUBCOMP", packet(0x78, 0, 1)),
                flags("SUBACK", packet(0x91, 0, 1, 0, 0)),
                flags("UNSUBACK", packet(0xB4, 0, 1, 0, 0)),
                flags("PINGRESP", packet(0xD1)),
                flags("DISCONNECT", packet(0xE8)),
                flags("AUTH", packet(0xF1)),

                // ==== Remaining Length (1.5.5, 2.1.4) =====================================================
                connected("Remaining Length of 5 bytes", "1.5.5: at most 4 bytes",
                        raw(0x30, 0x80, 0x80, 0x80, 0x80, 0x01), MALFORMED_PACKET, "Remaining Length"),
                connected("Remaining Length not in its shortest form", "[MQTT-1.5.5-1] minimum number of bytes",
                        raw(0xD0, 0x80, 0x00), MALFORMED_PACKET, "Remaining Length"),
                connected("Remaining Length shorter than the packet's fields", "2.1.4, 3.4.2: PUBACK needs 2 bytes",
                        raw(0x40, 0x01, 0x00), MALFORMED_PACKET, "past the end"),
                connected("Remaining Length longer than PINGRESP (which has none)", "3.13.1: Remaining Length 0",
                        packet(0xD0, 0x00), MALFORMED_PACKET, "unexpected bytes"),
                connected("bytes after the properties of a PUBACK", "3.4.2: PUBACK ends with its properties",
                        packet(0x40, 0, 1, 0, 0, 0xFF), MALFORMED_PACKET, "after its properties"),

                // ==== UTF-8 strings (1.5.4) ===============================================================
                connected("topic name: invalid UTF-8", "[MQTT-1.5.4-1] well-formed UTF-8",
                        packet(0x30, 0, 2, 0xC3, 0x28, 0), MALFORMED_PACKET, "UTF-8"),
                connected("topic name: U+0000", "[MQTT-1.5.4-2] no U+0000",
                        packet(0x30, 0, 2, 'a', 0x00, 0), MALFORMED_PACKET, "UTF-8"),
                connected("topic name: a surrogate (U+D800)", "[MQTT-1.5.4-1] no U+D800..U+DFFF",
                        packet(0x30, 0, 3, 0xED, 0xA0, 0x80, 0), MALFORMED_PACKET, "UTF-8"),
                connected("topic name: over-long encoding", "[MQTT-1.5.4-1], RFC 3629: shortest form",
                        packet(0x30, 0, 2, 0xC0, 0xAF, 0), MALFORMED_PACKET, "UTF-8"),
                connected("topic name: beyond U+10FFFF", "[MQTT-1.5.4-1], RFC 3629",
                        packet(0x30, 0, 4, 0xF4, 0x90, 0x80, 0x80, 0), MALFORMED_PACKET, "UTF-8"),
                connected("topic name longer than the packet", "1.5.4: the length prefix counts the bytes",
                        packet(0x30, 0, 10, 't'), MALFORMED_PACKET, "past the end"),
                connected("User Property value: invalid UTF-8", "[MQTT-1.5.4-1] (1.5.7: pairs of UTF-8 strings)",
                        packet(0x30, 0, 1, 't', 8, 0x26, 0, 1, 'k', 0, 2, 0xC3, 0x28), MALFORMED_PACKET, "UTF-8"),
                connected("DISCONNECT Reason String: invalid UTF-8", "[MQTT-1.5.4-1]",
                        packet(0xE0, 0x80, 5, 0x1F, 0, 2, 0xC3, 0x28), MALFORMED_PACKET, "UTF-8"),

                // ==== properties (2.2.2) ==================================================================
                connected("unknown property identifier", "2.2.2.2: only the defined identifiers",
                        packet(0x30, 0, 1, 't', 1, 0x7F), MALFORMED_PACKET, "property identifier"),
                connected("property not allowed in PUBLISH (Session Expiry Interval)", "2.2.2.2: the properties each packet may carry",
                        packet(0x30, 0, 1, 't', 5, 0x11, 0, 0, 0, 0), MALFORMED_PACKET, "Session Expiry Interval"),
                connected("property not allowed in PUBACK (Topic Alias Maximum)", "2.2.2.2: the properties each packet may carry",
                        packet(0x40, 0, 1, 0, 3, 0x22, 0, 5), MALFORMED_PACKET, "Topic Alias Maximum"),
                connected("Property Length beyond the packet", "2.2.2.1",
                        packet(0x30, 0, 1, 't', 10), MALFORMED_PACKET, "property length"),
                connected("property value beyond the Property Length", "2.2.2.1",
                        packet(0x30, 0, 1, 't', 1, 0x02, 0, 0, 0, 60), MALFORMED_PACKET, "Message Expiry Interval"),
                connected("Property Length of 5 bytes", "1.5.5: at most 4 bytes",
                        packet(0x30, 0, 1, 't', 0x80, 0x80, 0x80, 0x80, 0x01), MALFORMED_PACKET, "property length"),
                connected("Payload Format Indicator twice", "3.3.2.3.2: Protocol Error to include it more than once",
                        packet(0x30, 0, 1, 't', 4, 0x01, 0, 0x01, 0), PROTOCOL_ERROR, "more than once"),
                connected("Message Expiry Interval twice", "3.3.2.3.3: Protocol Error to include it more than once",
                        packet(0x30, 0, 1, 't', 10, 0x02, 0, 0, 0, 1, 0x02, 0, 0, 0, 1), PROTOCOL_ERROR,
                        "more than once"),
                connected("Topic Alias twice", "3.3.2.3.4: Protocol Error to include it more than once",
                        packet(0x30, 0, 1, 't', 6, 0x23, 0, 1, 0x23, 0, 2), PROTOCOL_ERROR, "more than once"),
                connected("PUBACK Reason String twice", "3.4.2.2.2: Protocol Error to include it more than once",
                        packet(0x40, 0, 1, 0, 8, 0x1F, 0, 1, 'a', 0x1F, 0, 1, 'b'), PROTOCOL_ERROR, "more than once"),
                connected("DISCONNECT Reason String twice", "3.14.2.2.3: Protocol Error to include it more than once",
                        packet(0xE0, 0x80, 8, 0x1F, 0, 1, 'a', 0x1F, 0, 1, 'b'), PROTOCOL_ERROR, "more than once"),
                connected("Reason String after Request Problem Information 0", "[MQTT-3.1.2-29], 3.1.2.11.7",
                        packet(0x40, 0, 1, 0, 4, 0x1F, 0, 1, 'x'), PROTOCOL_ERROR, "Request Problem Information")
                        .connect(b -> b.requestProblemInformation(false)),

                // ==== PUBLISH (3.3) =======================================================================
                connected("PUBLISH QoS 3", "[MQTT-3.3.1-4]",
                        packet(0x36, 0, 1, 't', 0, 1, 0), MALFORMED_PACKET, "QoS"),
                connected("PUBLISH DUP 1 with QoS 0", "[MQTT-3.3.1-2]",
                        packet(0x38, 0, 1, 't', 0), PROTOCOL_ERROR, "DUP"),
                // 0x90 is "Topic Name invalid": the more specific code 4.13 prefers to 0x82.
                connected("topic name with '#'", "[MQTT-3.3.2-2], 4.7.1",
                        packet(0x30, 0, 3, 'a', '/', '#', 0), TOPIC_NAME_INVALID, "wildcard"),
                connected("topic name with '+'", "[MQTT-3.3.2-2], 4.7.1",
                        packet(0x30, 0, 3, '+', '/', 'a', 0), TOPIC_NAME_INVALID, "wildcard"),
                connected("Response Topic with a wildcard", "[MQTT-3.3.2-14]",
                        packet(0x30, 0, 1, 't', 4, 0x08, 0, 1, '+'), TOPIC_NAME_INVALID, "Response Topic"),
                connected("empty topic name without Topic Alias", "3.3.2.1: Protocol Error",
                        packet(0x30, 0, 0, 0), PROTOCOL_ERROR, "empty topic"),
                connected("Topic Alias 0", "[MQTT-3.3.2-8]",
                        packet(0x30, 0, 1, 't', 3, 0x23, 0, 0), TOPIC_ALIAS_INVALID, "Topic Alias"),
                connected("Topic Alias above the client's Topic Alias Maximum", "[MQTT-3.3.2-11], 3.14.2.1 (0x94)",
                        packet(0x30, 0, 1, 't', 3, 0x23, 0, TOPIC_ALIAS_MAXIMUM + 1), TOPIC_ALIAS_INVALID,
                        "Topic Alias Maximum"),
                connected("Topic Alias without mapping and an empty topic name", "3.3.2.3.4: no mapping to use (Protocol Error, 4.13)",
                        packet(0x30, 0, 0, 3, 0x23, 0, 1), PROTOCOL_ERROR, "Topic Alias"),
                connected("Topic Alias mapped on the previous connection only", "[MQTT-3.3.2-7]: per connection",
                        packet(0x30, 0, 0, 3, 0x23, 0, 1), PROTOCOL_ERROR, "Topic Alias")
                        .before(ALIAS_ON_THE_PREVIOUS_CONNECTION),
                connected("Topic Alias when the client allowed none", "[MQTT-3.3.2-11], 3.1.2.11.5: default 0",
                        packet(0x30, 0, 1, 't', 3, 0x23, 0, 1), TOPIC_ALIAS_INVALID, "Topic Alias Maximum")
                        .connect(b -> b.topicAliasMaximum(null)),
                connected("Response Topic empty", "3.3.2.3.5: a topic name, so not empty (4.7.3)",
                        packet(0x30, 0, 1, 't', 3, 0x08, 0, 0), TOPIC_NAME_INVALID, "Response Topic"),
                connected("QoS 1 PUBLISH with packet identifier 0", "[MQTT-2.2.1-3]",
                        packet(0x32, 0, 1, 't', 0, 0, 0), PROTOCOL_ERROR, "packet identifier"),
                connected("Subscription Identifier 0", "3.3.2.3.8: Protocol Error if 0",
                        packet(0x30, 0, 1, 't', 2, 0x0B, 0), PROTOCOL_ERROR, "Subscription Identifier"),
                connected("Subscription Identifier of 5 bytes", "1.5.5: at most 4 bytes",
                        packet(0x30, 0, 1, 't', 6, 0x0B, 0x80, 0x80, 0x80, 0x80, 0x01), MALFORMED_PACKET,
                        "Subscription Identifier"),
                connected("Payload Format Indicator 2", "3.3.2.3.2: 0 or 1",
                        packet(0x30, 0, 1, 't', 2, 0x01, 2), PROTOCOL_ERROR, "Payload Format Indicator"),
                connected("PUBLISH larger than the client's Maximum Packet Size", "[MQTT-3.1.2-24], 3.1.2.11.4 (0x95)",
                        oversizePublish(), PACKET_TOO_LARGE, "Maximum Packet Size"),
                // The header alone proves the size: the client must not wait for (or buffer) 256 MB.
                connected("header announcing 256 MB", "[MQTT-3.1.2-24], 3.1.2.11.4 (0x95)",
                        raw(0x30, 0xFF, 0xFF, 0xFF, 0x7F), PACKET_TOO_LARGE, "Maximum Packet Size"),
                connected("more QoS 2 PUBLISHes than the client's Receive Maximum", "[MQTT-3.3.4-9], 3.14.2.1 (0x93)",
                        id -> concat(qos2Publish(1, "ok"), qos2Publish(2, "ok"), qos2Publish(3, "evil")),
                        RECEIVE_MAXIMUM_EXCEEDED, "Receive Maximum").legitimateMessages(RECEIVE_MAXIMUM),
                // QoS 1 is counted on its own path; the QoS 2 messages before it keep the count up whatever
                // the timing of the acknowledgements.
                connected("a QoS 1 PUBLISH beyond the client's Receive Maximum", "[MQTT-3.3.4-9], 3.14.2.1 (0x93)",
                        id -> concat(qos2Publish(1, "ok"), qos2Publish(2, "ok"), qos1Publish(3, "evil")),
                        RECEIVE_MAXIMUM_EXCEEDED, "Receive Maximum").legitimateMessages(RECEIVE_MAXIMUM),

                // ==== acknowledgements (3.4 to 3.7, 3.9, 3.11) ============================================
                connected("PUBACK for an unknown packet identifier", "4.13.2: unexpected packet (Protocol Error)",
                        packet(0x40, 0x03, 0xE7), PROTOCOL_ERROR, "999"),
                connected("PUBREC for an unknown packet identifier", "4.13.2: unexpected packet (Protocol Error)",
                        packet(0x50, 0x03, 0xE7), PROTOCOL_ERROR, "999"),
                connected("PUBCOMP for an unknown packet identifier", "4.13.2: unexpected packet (Protocol Error)",
                        packet(0x70, 0x03, 0xE7), PROTOCOL_ERROR, "999"),
                connected("SUBACK for an unknown packet identifier", "4.13.2: unexpected packet (Protocol Error)",
                        packet(0x90, 0x03, 0xE7, 0, 0), PROTOCOL_ERROR, "999"),
                connected("UNSUBACK for an unknown packet identifier", "4.13.2: unexpected packet (Protocol Error)",
                        packet(0xB0, 0x03, 0xE7, 0, 0), PROTOCOL_ERROR, "999"),
                connected("PUBACK with packet identifier 0", "[MQTT-2.2.1-3]: identifiers are non-zero",
                        packet(0x40, 0, 0), PROTOCOL_ERROR, "packet identifier"),
                row("PUBREC for a QoS 1 publish", "4.3.2: QoS 1 is answered by PUBACK (out of order)",
                        Stage.CONNECTED, QOS1_PUBLISH, id -> packet(0x50, id >> 8, id), PROTOCOL_ERROR, "PUBREC"),
                row("PUBACK for a QoS 2 publish", "4.3.3: QoS 2 is answered by PUBREC (out of order)",
                        Stage.CONNECTED, QOS2_PUBLISH, id -> packet(0x40, id >> 8, id), PROTOCOL_ERROR, "PUBACK"),
                row("PUBCOMP before PUBREC", "4.3.3: PUBCOMP answers PUBREL (out of order)",
                        Stage.CONNECTED, QOS2_PUBLISH, id -> packet(0x70, id >> 8, id), PROTOCOL_ERROR, "PUBCOMP"),
                row("PUBACK reason code 0x05", "3.4.2.1: the PUBACK reason codes",
                        Stage.CONNECTED, QOS1_PUBLISH, id -> packet(0x40, id >> 8, id, 0x05), MALFORMED_PACKET,
                        "reason code"),
                row("PUBREC reason code 0x01", "3.5.2.1: the PUBREC reason codes",
                        Stage.CONNECTED, QOS2_PUBLISH, id -> packet(0x50, id >> 8, id, 0x01), MALFORMED_PACKET,
                        "reason code"),
                row("PUBCOMP reason code 0x05", "3.7.2.1: the PUBCOMP reason codes",
                        Stage.CONNECTED, QOS2_AWAITING_PUBCOMP, id -> packet(0x70, id >> 8, id, 0x05),
                        MALFORMED_PACKET, "reason code"),
                connected("PUBREL reason code 0x05", "3.6.2.1: the PUBREL reason codes",
                        packet(0x62, 0, 1, 0x05), MALFORMED_PACKET, "reason code"),
                row("SUBACK reason code 0x03", "3.9.3: the SUBACK reason codes",
                        Stage.CONNECTED, SUBSCRIBE_ONE, id -> packet(0x90, id >> 8, id, 0, 0x03), MALFORMED_PACKET,
                        "reason code"),
                row("UNSUBACK reason code 0x01", "3.11.3: the UNSUBACK reason codes",
                        Stage.CONNECTED, UNSUBSCRIBE_ONE, id -> packet(0xB0, id >> 8, id, 0, 0x01), MALFORMED_PACKET,
                        "reason code"),
                row("UNSUBACK answering a SUBSCRIBE", "3.11: UNSUBACK answers UNSUBSCRIBE (out of order)",
                        Stage.CONNECTED, SUBSCRIBE_ONE, id -> packet(0xB0, id >> 8, id, 0, 0), PROTOCOL_ERROR,
                        "UNSUBACK"),
                row("SUBACK answering a QoS 1 publish", "3.9: SUBACK answers SUBSCRIBE (out of order)",
                        Stage.CONNECTED, QOS1_PUBLISH, id -> packet(0x90, id >> 8, id, 0, 0), PROTOCOL_ERROR,
                        "SUBACK"),
                row("SUBACK with 2 reason codes for 1 topic filter", "[MQTT-3.8.4-6], [MQTT-3.9.3-1]",
                        Stage.CONNECTED, SUBSCRIBE_ONE, id -> packet(0x90, id >> 8, id, 0, 1, 1), PROTOCOL_ERROR,
                        "reason codes"),
                row("SUBACK without reason codes", "[MQTT-3.8.4-6]",
                        Stage.CONNECTED, SUBSCRIBE_ONE, id -> packet(0x90, id >> 8, id, 0), PROTOCOL_ERROR,
                        "reason code"),
                row("UNSUBACK with 2 reason codes for 1 topic filter", "[MQTT-3.10.4-5], [MQTT-3.11.3-1]",
                        Stage.CONNECTED, UNSUBSCRIBE_ONE, id -> packet(0xB0, id >> 8, id, 0, 0, 0), PROTOCOL_ERROR,
                        "reason codes"),

                // ==== CONNACK (3.2) =======================================================================
                connected("a second CONNACK", "[MQTT-3.2.0-2]",
                        packet(0x20, 0, 0, 0), PROTOCOL_ERROR, "CONNACK"),
                connAck("Session Present on a clean start", "[MQTT-3.2.2-2]",
                        packet(0x20, 1, 0, 0), PROTOCOL_ERROR, "Session Present"),
                connAck("Session Present with an error reason code", "[MQTT-3.2.2-6]",
                        packet(0x20, 1, 0x87, 0), PROTOCOL_ERROR, "Session Present"),
                connAck("CONNACK reserved flag bits set", "[MQTT-3.2.2-1]",
                        packet(0x20, 0x02, 0, 0), MALFORMED_PACKET, "reserved"),
                connAck("CONNACK reason code 0x05", "3.2.2.2: the CONNACK reason codes",
                        packet(0x20, 0, 0x05, 0), MALFORMED_PACKET, "reason code"),
                connAck("an MQTT 3.1.1 CONNACK (no properties)", "3.2.2.3.1: Property Length is required",
                        packet(0x20, 0, 0), MALFORMED_PACKET, "3.1.1"),
                connAck("CONNACK Receive Maximum 0", "3.2.2.3.3: Protocol Error if 0",
                        packet(0x20, 0, 0, 3, 0x21, 0, 0), PROTOCOL_ERROR, "Receive Maximum"),
                connAck("CONNACK Maximum QoS 2", "3.2.2.3.4: 0 or 1, else Protocol Error",
                        packet(0x20, 0, 0, 2, 0x24, 2), PROTOCOL_ERROR, "Maximum QoS"),
                connAck("CONNACK Retain Available 2", "3.2.2.3.5: 0 or 1, else Protocol Error",
                        packet(0x20, 0, 0, 2, 0x25, 2), PROTOCOL_ERROR, "Retain Available"),
                connAck("CONNACK Wildcard Subscription Available 2", "3.2.2.3.11: 0 or 1, else Protocol Error",
                        packet(0x20, 0, 0, 2, 0x28, 2), PROTOCOL_ERROR, "Wildcard Subscription Available"),
                connAck("CONNACK Subscription Identifiers Available 2", "3.2.2.3.12: 0 or 1, else Protocol Error",
                        packet(0x20, 0, 0, 2, 0x29, 2), PROTOCOL_ERROR, "Subscription Identifier Available"),
                connAck("CONNACK Shared Subscription Available 2", "3.2.2.3.13: 0 or 1, else Protocol Error",
                        packet(0x20, 0, 0, 2, 0x2A, 2), PROTOCOL_ERROR, "Shared Subscription Available"),
                connAck("CONNACK Assigned Client Identifier: invalid UTF-8", "[MQTT-1.5.4-1]",
                        packet(0x20, 0, 0, 5, 0x12, 0, 2, 0xC3, 0x28), MALFORMED_PACKET, "UTF-8"),
                connAck("CONNACK Maximum Packet Size 0", "3.2.2.3.6: Protocol Error if 0",
                        packet(0x20, 0, 0, 5, 0x27, 0, 0, 0, 0), PROTOCOL_ERROR, "Maximum Packet Size"),
                connAck("CONNACK Topic Alias Maximum twice", "3.2.2.3.8: Protocol Error to include it more than once",
                        packet(0x20, 0, 0, 6, 0x22, 0, 1, 0x22, 0, 2), PROTOCOL_ERROR, "more than once"),
                connAck("property not allowed in CONNACK (Topic Alias)", "2.2.2.2: the properties each packet may carry",
                        packet(0x20, 0, 0, 3, 0x23, 0, 1), MALFORMED_PACKET, "Topic Alias"),
                connAck("CONNACK larger than the client's Maximum Packet Size", "[MQTT-3.1.2-24], 3.1.2.11.4 (0x95)",
                        oversizeConnAck(), PACKET_TOO_LARGE, "Maximum Packet Size"),
                connAck("PUBLISH before CONNACK", "[MQTT-3.2.0-1]: CONNACK comes first",
                        packet(0x30, 0, 1, 't', 0), PROTOCOL_ERROR, "before CONNACK"),
                connAck("PINGRESP before CONNACK", "[MQTT-3.2.0-1]: CONNACK comes first",
                        packet(0xD0), PROTOCOL_ERROR, "before CONNACK"),
                connAck("AUTH before CONNACK without enhanced authentication", "[MQTT-4.12.0-6]",
                        packet(0xF0, 0x18, 5, 0x15, 0, 2, 'm', 'x'), PROTOCOL_ERROR, "AUTH"),
                connAck("DISCONNECT before CONNACK", "[MQTT-3.14.0-1]",
                        packet(0xE0, 0x87), PROTOCOL_ERROR, "before CONNACK"),
                connAck("CONNACK with an Authentication Method the client did not ask for", "[MQTT-4.12.0-6]",
                        packet(0x20, 0, 0, 6, 0x15, 0, 3, 'T', 'O', 'Y'), PROTOCOL_ERROR, "Authentication Method"),
                connAck("successful CONNACK without the client's Authentication Method", "[MQTT-4.12.0-5]",
                        packet(0x20, 0, 0, 0), PROTOCOL_ERROR, "Authentication Method")
                        .enhancedAuthentication(),
                connAck("successful CONNACK with another Authentication Method", "[MQTT-4.12.0-5]",
                        packet(0x20, 0, 0, 6, 0x15, 0, 3, 'O', 'T', 'H'), PROTOCOL_ERROR, "Authentication Method")
                        .enhancedAuthentication(),
                connAck("AUTH with another Authentication Method", "[MQTT-4.12.0-5]",
                        packet(0xF0, 0x18, 6, 0x15, 0, 3, 'O', 'T', 'H'), PROTOCOL_ERROR, "method")
                        .enhancedAuthentication(),

                // ==== AUTH (3.15, 4.12) ===================================================================
                connected("AUTH without enhanced authentication", "[MQTT-4.12.0-6]",
                        packet(0xF0, 0x18, 5, 0x15, 0, 2, 'm', 'x'), PROTOCOL_ERROR, "AUTH"),
                connected("AUTH Success without enhanced authentication", "[MQTT-4.12.0-6]",
                        packet(0xF0), PROTOCOL_ERROR, "AUTH"),
                connected("AUTH reason code 0x05", "3.15.2.1: the AUTH reason codes",
                        packet(0xF0, 0x05, 0), MALFORMED_PACKET, "reason code"),
                connected("AUTH Re-authenticate from the server", "3.15.2.1: sent by the client only",
                        packet(0xF0, 0x19, 5, 0x15, 0, 2, 'm', 'x'), PROTOCOL_ERROR, "REAUTHENTICATE"),
                connected("AUTH Continue without Authentication Method", "[MQTT-3.15.2-1]",
                        packet(0xF0, 0x18, 0), PROTOCOL_ERROR, "Authentication Method"),
                connected("AUTH Continue with no authentication in progress", "4.12.1: only the client starts one",
                        packet(0xF0, 0x18, 6, 0x15, 0, 3, 'T', 'O', 'Y'), PROTOCOL_ERROR, "in progress")
                        .enhancedAuthentication(),
                connected("AUTH Success with no re-authentication in progress", "4.12.1: only the client starts one",
                        packet(0xF0, 0x00, 6, 0x15, 0, 3, 'T', 'O', 'Y'), PROTOCOL_ERROR, "AUTH")
                        .enhancedAuthentication(),

                // ==== DISCONNECT (3.14) ===================================================================
                connected("DISCONNECT reason code 0x05", "3.14.2.1: the DISCONNECT reason codes",
                        packet(0xE0, 0x05), MALFORMED_PACKET, "reason code"),
                connected("DISCONNECT 0x04 (Disconnect with Will Message) from the server",
                        "3.14.2.1: sent by the client only",
                        packet(0xE0, 0x04), PROTOCOL_ERROR, "server"),
                connected("DISCONNECT with Session Expiry Interval from the server", "[MQTT-3.14.2-2]",
                        packet(0xE0, 0x00, 5, 0x11, 0, 0, 0, 1), PROTOCOL_ERROR, "Session Expiry Interval"),
                connected("DISCONNECT Property Length beyond the packet", "2.2.2.1",
                        packet(0xE0, 0x80, 9), MALFORMED_PACKET, "property length"),
                connected("property not allowed in DISCONNECT (Topic Alias)", "2.2.2.2: the properties each packet may carry",
                        packet(0xE0, 0x80, 3, 0x23, 0, 1), MALFORMED_PACKET, "Topic Alias"));
    }

    // ==== the test ==================================================================================

    private ScriptedClientFixture fixture;
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final List<ILoggingEvent> loggedProblems = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previousHandler;
    private AppenderBase<ILoggingEvent> appender;

    @BeforeEach
    void watchForEscapes() {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> uncaught.add(error));
        // The client catches what callbacks throw and logs it; an exception that escaped its own code
        // would surface there or at the tail of Netty's pipeline, both logged at WARN or above.
        appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.WARN)
                        && (event.getLoggerName().startsWith("dev.tern") || event.getLoggerName().startsWith("io.netty"))) {
                    loggedProblems.add(event);
                }
            }
        };
        appender.setContext(root().getLoggerContext());
        appender.start();
        // Tern's test logger does not pass events on to the root (see LogSecretScanner): watch both.
        root().addAppender(appender);
        tern().addAppender(appender);
    }

    @AfterEach
    void tearDown() {
        try {
            if (fixture != null) {
                fixture.close();
            }
        } finally {
            root().detachAppender(appender);
            tern().detachAppender(appender);
            Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static Logger tern() {
        return (Logger) LoggerFactory.getLogger("dev.tern");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theClientDisconnectsWithTheSpecifiedReasonAndReconnects(Row row) {
        fixture = new ScriptedClientFixture(b -> row.options.apply(b.connectOptions(row.connect.apply(
                ConnectPacket.builder().clientId("hostile").keepAliveIntervalSeconds(0)
                        .topicAliasMaximum(TOPIC_ALIAS_MAXIMUM).receiveMaximum(RECEIVE_MAXIMUM)
                        .maximumPacketSize(MAXIMUM_PACKET_SIZE)).build())));
        PeerConnection peer;
        if (row.stage == Stage.CONNACK) {
            fixture.client.start();
            peer = fixture.server.accept();
            peer.expect(ConnectPacket.class);
        } else {
            peer = row.before.run(fixture, fixture.connect(row.connAck));
        }
        int packetId = row.setup.run(fixture.client, peer);
        // A valid message right behind the hostile packet, in the same write: once the client has decided
        // to close, nothing that follows may reach the application.
        peer.sendRaw(concat(row.hostile.apply(packetId), packet(0x30, 0, 4, 'e', 'v', 'i', 'l', 0)));

        DisconnectPacket disconnect = nextDisconnect(peer, row);
        assertThat(disconnect.reasonCode()).as("DISCONNECT reason code").isEqualTo(row.expected);
        assertThat(disconnect.reasonString()).as("DISCONNECT reason string").isNotNull()
                .containsIgnoringCase(row.names);

        Mqtt5Exception error = row.stage == Stage.CONNACK
                ? fixture.events.await(ConnectionFailureEvent.class).error()
                : fixture.events.await(DisconnectionEvent.class).error();
        assertThat(error.kind()).isEqualTo(ErrorKind.PROTOCOL_VIOLATION);
        assertThat(error.reasonCode()).isEqualTo(row.expected);
        assertThat(peer.awaitClosed(Duration.ofSeconds(5))).as("the client closed the connection").isTrue();
        if (row.stage == Stage.CONNACK) {
            assertThat(fixture.events.names()).doesNotContain("ConnectionSuccess");
        }

        fixture.server.accept().handshake(row.connAck);
        fixture.events.await(ConnectionSuccessEvent.class);

        assertThat(fixture.received).extracting(e -> e.publishPacket().topic())
                .as("messages delivered").hasSize(row.legitimateMessages).allMatch("ok"::equals);
        assertThat(uncaught).as("exceptions that reached a thread's uncaught exception handler").isEmpty();
        assertThat(loggedProblems).extracting(HostileServerTest::describe).as("warnings and errors logged").isEmpty();
    }

    /**
     * The client's next packet, which must be DISCONNECT; acknowledgements of the legitimate messages a
     * row sends before its hostile one may come first.
     */
    private static DisconnectPacket nextDisconnect(PeerConnection peer, Row row) {
        while (true) {
            Object msg = peer.next();
            if (row.legitimateMessages > 0 && msg instanceof IdentifiedPacket
                    && ((IdentifiedPacket<?>) msg).packet() instanceof PubRecPacket) {
                continue;
            }
            assertThat(msg).as("the client's next packet").isInstanceOf(DisconnectPacket.class);
            return (DisconnectPacket) msg;
        }
    }

    /**
     * Not hostile, for contrast: a PUBREL for an identifier the client does not know is answered with
     * PUBCOMP 0x92 (3.7.2.1), as after a session resumption, and the connection stays up.
     */
    @Test
    void aPubRelForAnUnknownPacketIdentifierIsAnsweredWithPubCompPacketIdentifierNotFound() {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        peer.sendRaw(packet(0x62, 0x03, 0xE7));
        IdentifiedPacket<PubCompPacket> pubComp = peer.expectIdentified(PubCompPacket.class);
        assertThat(pubComp.packetId()).isEqualTo(999);
        assertThat(pubComp.packet().reasonCode()).isEqualTo(PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND);
        assertThat(peer.poll(Duration.ofMillis(200))).isNull();
        assertThat(peer.isOpen()).isTrue();
    }

    /**
     * Not a row, because the client owes no DISCONNECT to a server that has sent one: what the server
     * sends after its DISCONNECT ([MQTT-3.14.4-1]) is ignored, and the client reconnects.
     */
    @Test
    void nothingAServerSendsAfterItsDisconnectIsActedOn() {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        peer.sendRaw(concat(packet(0xE0, 0x8B), packet(0x30, 0, 4, 'e', 'v', 'i', 'l', 0), packet(0x40, 0x03, 0xE7)));
        DisconnectionEvent event = fixture.events.await(DisconnectionEvent.class);
        assertThat(event.error().kind()).isEqualTo(ErrorKind.SERVER_DISCONNECT);
        assertThat(event.error().reasonCode()).isEqualTo(DisconnectReasonCode.SERVER_SHUTTING_DOWN);
        assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(peer.poll(Duration.ZERO)).as("the client answers a DISCONNECT with nothing").isNull();
        fixture.server.accept().handshake();
        fixture.events.await(ConnectionSuccessEvent.class);
        assertThat(fixture.received).isEmpty();
        assertThat(uncaught).isEmpty();
        assertThat(loggedProblems).extracting(HostileServerTest::describe).isEmpty();
    }

    // ==== rows ======================================================================================

    private static Row row(String name, String spec, Stage stage, Setup setup, IntFunction<byte[]> hostile,
            DisconnectReasonCode expected, String names) {
        return new Row(name, spec, stage, setup, hostile, expected, names);
    }

    private static Row connected(String name, String spec, byte[] hostile, DisconnectReasonCode expected,
            String names) {
        return row(name, spec, Stage.CONNECTED, NOTHING, id -> hostile, expected, names);
    }

    private static Row connected(String name, String spec, IntFunction<byte[]> hostile,
            DisconnectReasonCode expected, String names) {
        return row(name, spec, Stage.CONNECTED, NOTHING, hostile, expected, names);
    }

    private static Row connAck(String name, String spec, byte[] hostile, DisconnectReasonCode expected,
            String names) {
        return row(name, spec, Stage.CONNACK, NOTHING, id -> hostile, expected, names);
    }

    private static Row flags(String type, byte[] hostile) {
        return connected(type + " with invalid fixed header flags", "[MQTT-2.1.3-1]", hostile, MALFORMED_PACKET,
                "flags");
    }

    // ==== bytes =====================================================================================

    private static byte[] raw(int... values) {
        return bytes(values);
    }

    /** A packet with first byte {@code header} and {@code body}, the Remaining Length computed. */
    private static byte[] packet(int header, int... body) {
        return packet(header, bytes(body));
    }

    private static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        int length = body.length;
        do {
            int b = length & 0x7F;
            length >>>= 7;
            out.write(length > 0 ? b | 0x80 : b);
        } while (length > 0);
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    private static byte[] qos2Publish(int packetId, String topic) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        return packet(0x34, concat(bytes(0, name.length), name, bytes(packetId >> 8, packetId, 0)));
    }

    private static byte[] qos1Publish(int packetId, String topic) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        return packet(0x32, concat(bytes(0, name.length), name, bytes(packetId >> 8, packetId, 0)));
    }

    private static byte[] oversizePublish() {
        byte[] payload = new byte[(int) MAXIMUM_PACKET_SIZE];
        return packet(0x30, concat(bytes(0, 1, 't', 0), payload));
    }

    /** A successful CONNACK padded with a User Property to just past the client's limit. */
    private static byte[] oversizeConnAck() {
        byte[] value = new byte[(int) MAXIMUM_PACKET_SIZE];
        java.util.Arrays.fill(value, (byte) 'v');
        byte[] property = concat(bytes(0x26, 0, 1, 'k', value.length >> 8, value.length), value);
        return packet(0x20, concat(bytes(0, 0, property.length & 0x7F | 0x80, property.length >> 7), property));
    }

    private static String describe(ILoggingEvent event) {
        return event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
                + (event.getThrowableProxy() != null ? " / " + event.getThrowableProxy().getClassName() + ": "
                        + event.getThrowableProxy().getMessage() : "");
    }
}
