package dev.tern.mqtt5.client;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.EnhancedAuthenticator;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.TopicAliasingOptions;
import dev.tern.mqtt5.internal.codec.IdentifiedPacket;
import dev.tern.mqtt5.internal.codec.InboundPublish;
import dev.tern.mqtt5.internal.codec.OutboundPublish;
import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.AuthReasonCode;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.ConnectReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.testing.PeerConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Topic aliases, enhanced authentication, inbound aliases. */
class ClientFeaturesTest {

    private ScriptedClientFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static PublishPacket publish(String topic) {
        return PublishPacket.builder().topic(topic).payload(topic).build();
    }

    @Test
    void lruAliasesSendTheTopicOnceAndThenOnlyTheAliasWithinTheServersMaximum() throws Exception {
        fixture = new ScriptedClientFixture(b -> b.topicAliasing(TopicAliasingOptions.lru(10)));
        PeerConnection peer = fixture.connect(ConnAckPacket.builder().topicAliasMaximum(2).build());
        for (String topic : new String[] {"t/a", "t/a", "t/b", "t/c", "t/a"}) {
            fixture.client.publish(publish(topic)).get(10, TimeUnit.SECONDS);
        }
        InboundPublish first = peer.expectPublish();
        InboundPublish second = peer.expectPublish();
        InboundPublish third = peer.expectPublish();
        InboundPublish fourth = peer.expectPublish();
        InboundPublish fifth = peer.expectPublish();
        // The scripted server's decoder resolves aliases, so every topic arrives whole; the aliases show what was sent.
        assertThat(first.packet().topic()).isEqualTo("t/a");
        assertThat(first.topicAlias()).isEqualTo(1);
        assertThat(second.topicAlias()).isEqualTo(1);
        assertThat(second.packet().topic()).isEqualTo("t/a");
        assertThat(third.topicAlias()).isEqualTo(2);
        assertThat(fourth.packet().topic()).isEqualTo("t/c");
        assertThat(fourth.topicAlias()).as("t/c evicts the least recently used, t/a").isEqualTo(1);
        assertThat(fifth.packet().topic()).isEqualTo("t/a");
        assertThat(fifth.topicAlias()).as("t/a comes back in t/b's alias").isEqualTo(2);
    }

    @Test
    void noAliasesAreUsedWhenTheServerAllowsNone() throws Exception {
        fixture = new ScriptedClientFixture(b -> b.topicAliasing(TopicAliasingOptions.lru(10)));
        PeerConnection peer = fixture.connect();
        fixture.client.publish(publish("n/a")).get(10, TimeUnit.SECONDS);
        assertThat(peer.expectPublish().topicAlias()).isZero();
    }

    @Test
    void manualAliasesUseTheAliasTheApplicationChose() throws Exception {
        fixture = new ScriptedClientFixture(b -> b.topicAliasing(TopicAliasingOptions.manual()));
        PeerConnection peer = fixture.connect(ConnAckPacket.builder().topicAliasMaximum(5).build());
        fixture.client.publish(publish("m/a").toBuilder().topicAlias(4).build()).get(10, TimeUnit.SECONDS);
        fixture.client.publish(publish("m/a").toBuilder().topicAlias(4).build()).get(10, TimeUnit.SECONDS);
        fixture.client.publish(publish("m/b").toBuilder().topicAlias(9).build()).get(10, TimeUnit.SECONDS);
        assertThat(peer.expectPublish().topicAlias()).isEqualTo(4);
        InboundPublish reused = peer.expectPublish();
        assertThat(reused.topicAlias()).isEqualTo(4);
        assertThat(reused.packet().topic()).isEqualTo("m/a");
        assertThat(peer.expectPublish().topicAlias()).as("9 is above the server's maximum: no alias").isZero();
    }

    @Test
    void inboundTopicAliasesAreResolved() {
        fixture = new ScriptedClientFixture(b -> b.connectOptions(ConnectPacket.builder().clientId("in-alias")
                .keepAliveIntervalSeconds(0).topicAliasMaximum(3).build()));
        PeerConnection peer = fixture.connect();
        PublishPacket message = publish("aliased/topic");
        peer.send(OutboundPublish.of(message, 0, false, 3, true));
        peer.send(OutboundPublish.of(message, 0, false, 3, false));
        assertThat(fixture.nextMessage().publishPacket().topic()).isEqualTo("aliased/topic");
        assertThat(fixture.nextMessage().publishPacket().topic()).isEqualTo("aliased/topic");
    }

    /** A toy challenge/response: the server sends a nonce, the client answers with it reversed. */
    private static final class ReversingAuthenticator implements EnhancedAuthenticator {
        final BlockingQueue<String> log = new LinkedBlockingQueue<>();

        @Override
        public String method() {
            return "TOY-REVERSE";
        }

        @Override
        public CompletableFuture<byte[]> initialData() {
            log.add("initial");
            return CompletableFuture.completedFuture("hello".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public CompletableFuture<byte[]> onContinue(AuthPacket serverAuth) {
            String nonce = new String(serverAuth.authenticationData(), StandardCharsets.UTF_8);
            log.add("continue:" + nonce);
            return CompletableFuture.completedFuture(
                    new StringBuilder(nonce).reverse().toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void onSuccess(byte[] serverData) {
            log.add("success");
        }

        @Override
        public void onFailure(dev.tern.mqtt5.Mqtt5Exception error) {
            log.add("failure:" + error.kind());
        }
    }

    @Test
    void enhancedAuthenticationRunsTheChallengeResponseBeforeConnAckAndOnReauthentication() throws Exception {
        ReversingAuthenticator authenticator = new ReversingAuthenticator();
        fixture = new ScriptedClientFixture(b -> b.enhancedAuthenticator(authenticator));
        fixture.client.start();
        PeerConnection peer = fixture.server.accept();
        ConnectPacket connect = peer.expect(ConnectPacket.class);
        assertThat(connect.authenticationMethod()).isEqualTo("TOY-REVERSE");
        assertThat(new String(connect.authenticationData(), StandardCharsets.UTF_8)).isEqualTo("hello");
        peer.send(AuthPacket.builder().reasonCode(AuthReasonCode.CONTINUE_AUTHENTICATION)
                .authenticationMethod("TOY-REVERSE").authenticationData("abc".getBytes(StandardCharsets.UTF_8)).build());
        AuthPacket answer = peer.expect(AuthPacket.class);
        assertThat(answer.reasonCode()).isEqualTo(AuthReasonCode.CONTINUE_AUTHENTICATION);
        assertThat(new String(answer.authenticationData(), StandardCharsets.UTF_8)).isEqualTo("cba");
        peer.send(ConnAckPacket.builder().authenticationMethod("TOY-REVERSE").build());
        fixture.events.await(ConnectionSuccessEvent.class);
        assertThat(authenticator.log.poll(5, TimeUnit.SECONDS)).isEqualTo("initial");
        assertThat(authenticator.log.poll(5, TimeUnit.SECONDS)).isEqualTo("continue:abc");
        assertThat(authenticator.log.poll(5, TimeUnit.SECONDS)).isEqualTo("success");

        CompletableFuture<AuthPacket> reauthenticated = fixture.client.reauthenticate();
        AuthPacket reauth = peer.expect(AuthPacket.class);
        assertThat(reauth.reasonCode()).isEqualTo(AuthReasonCode.REAUTHENTICATE);
        peer.send(AuthPacket.builder().reasonCode(AuthReasonCode.SUCCESS).authenticationMethod("TOY-REVERSE").build());
        assertThat(reauthenticated.get(10, TimeUnit.SECONDS).reasonCode()).isEqualTo(AuthReasonCode.SUCCESS);
    }

    @Test
    void aRefusedEnhancedAuthenticationIsAConnectionFailureAndTheAuthenticatorHearsOfIt() throws Exception {
        ReversingAuthenticator authenticator = new ReversingAuthenticator();
        fixture = new ScriptedClientFixture(b -> b.enhancedAuthenticator(authenticator));
        fixture.client.start();
        PeerConnection peer = fixture.server.accept();
        peer.expect(ConnectPacket.class);
        peer.send(ConnAckPacket.builder().reasonCode(ConnectReasonCode.BAD_AUTHENTICATION_METHOD).build());
        ConnectionFailureEvent failure = fixture.events.await(ConnectionFailureEvent.class);
        assertThat(failure.error().kind()).isEqualTo(ErrorKind.CONNACK_REFUSED);
        assertThat(authenticator.log.poll(5, TimeUnit.SECONDS)).isEqualTo("initial");
        assertThat(authenticator.log.poll(5, TimeUnit.SECONDS)).isEqualTo("failure:CONNACK_REFUSED");
    }

    @Test
    void anAuthFromAServerWhenNoneWasAskedForIsAProtocolError() {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        peer.send(AuthPacket.builder().reasonCode(AuthReasonCode.CONTINUE_AUTHENTICATION)
                .authenticationMethod("X").build());
        assertThat(peer.expect(dev.tern.mqtt5.packets.DisconnectPacket.class).reasonCode())
                .isEqualTo(dev.tern.mqtt5.packets.DisconnectReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void qosIsNotDowngradedSilentlyOnReceive() {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        peer.send(OutboundPublish.of(publish("q").toBuilder().qos(QoS.EXACTLY_ONCE).build(), 3, false));
        assertThat(fixture.nextMessage().publishPacket().qos()).isEqualTo(QoS.EXACTLY_ONCE);
        assertThat(peer.expectIdentified(dev.tern.mqtt5.packets.PubRecPacket.class).packetId()).isEqualTo(3);
    }
}
