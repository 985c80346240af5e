package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static dev.tern.mqtt5.internal.codec.CodecFixture.decodeOne;
import static dev.tern.mqtt5.internal.codec.CodecFixture.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The encoder respects the receiver's Maximum Packet Size (MQTT 5.0 sections 3.1.2.11.4, 3.2.2.3.6). */
class EncoderLimitsTest {

    @Test
    void aPublishLargerThanThePeerAcceptsIsRefusedWithItsSize() {
        PublishPacket publish = PublishPacket.builder().topic("t").payload(new byte[100]).build();
        // 1 type + 1 length + 3 topic + 1 property length + 100 payload = 106 bytes
        assertThat(encode(OutboundPublish.of(publish, 0, false), 106)).hasSize(106);
        assertThatThrownBy(() -> MqttPacketEncoder.encode(PooledByteBufAllocator.DEFAULT,
                OutboundPublish.of(publish, 0, false), 105))
                .isInstanceOfSatisfying(PacketTooLargeException.class, e -> {
                    assertThat(e.packetType()).isEqualTo(PacketType.PUBLISH);
                    assertThat(e.packetSize()).isEqualTo(106);
                    assertThat(e.maximumPacketSize()).isEqualTo(105);
                });
    }

    @Test
    void theHandlerFailsTheWritePromiseAndSendsNothing() {
        MqttEncoder encoder = new MqttEncoder();
        encoder.peerMaximumPacketSize(10);
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        try {
            ChannelFuture write = channel.writeAndFlush(OutboundPublish.of(
                    PublishPacket.builder().topic("t").payload(new byte[20]).build(), 0, false));
            assertThat(write.cause()).isInstanceOf(PacketTooLargeException.class);
            assertThat((Object) channel.readOutbound()).isNull();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void anAckDropsItsReasonStringThenItsUserPropertiesToFit() {
        PubAckPacket full = PubAckPacket.builder().reasonCode(PubAckReasonCode.QUOTA_EXCEEDED)
                .reasonString("a rather long explanation").userProperty("k", "v").build();
        IdentifiedPacket<PubAckPacket> ack = new IdentifiedPacket<>(5, full);
        int fullSize = encode(ack).length;
        // without the reason string: 2 + 2 id + 1 code + 1 property length + 1+3+3 user property = 13
        byte[] withoutReason = encode(ack, fullSize - 1);
        assertThat(withoutReason).hasSize(13);
        @SuppressWarnings("unchecked")
        IdentifiedPacket<PubAckPacket> decoded = (IdentifiedPacket<PubAckPacket>) decodeOne(withoutReason);
        assertThat(decoded.packet().reasonString()).isNull();
        assertThat(decoded.packet().userProperties()).hasSize(1);
        byte[] bare = encode(ack, 12);
        assertThat(bare).hasSize(5); // type, length 3, id, code: the short form
        assertThat(((IdentifiedPacket<?>) decodeOne(bare)).packet())
                .isEqualTo(PubAckPacket.of(PubAckReasonCode.QUOTA_EXCEEDED));
    }

    @Test
    void aDisconnectKeepsWhatItMustAndDropsWhatItMay() {
        DisconnectPacket disconnect = DisconnectPacket.builder().reasonCode(DisconnectReasonCode.SERVER_MOVED)
                .serverReference("other.example").reasonString("moved").userProperty("k", "v").build();
        byte[] small = encode(disconnect, 20);
        DisconnectPacket decoded = (DisconnectPacket) decodeOne(small);
        assertThat(decoded.serverReference()).isEqualTo("other.example");
        assertThat(decoded.reasonString()).isNull();
        assertThat(decoded.userProperties()).isEmpty();
    }

    @Test
    void aSubAckWhoseCodesAloneDoNotFitIsRefused() {
        SubAckPacket subAck = SubAckPacket.of(SubAckReasonCode.GRANTED_QOS_0, SubAckReasonCode.GRANTED_QOS_1);
        assertThatThrownBy(() -> MqttPacketEncoder.encode(PooledByteBufAllocator.DEFAULT,
                new IdentifiedPacket<>(1, subAck), 6)).isInstanceOf(PacketTooLargeException.class);
    }

    @Test
    void eachPacketIsOneBufferOfExactlyItsSize() {
        PublishPacket publish = PublishPacket.builder().topic("sensors/temperature").payload(new byte[1000])
                .userProperty("unit", "C").build();
        ByteBuf buf = MqttPacketEncoder.encode(PooledByteBufAllocator.DEFAULT, OutboundPublish.of(publish, 1, false),
                DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE);
        try {
            assertThat(buf.readableBytes()).isEqualTo(buf.capacity());
            assertThat(buf.maxCapacity()).isEqualTo(buf.capacity());
            assertThat(buf.nioBufferCount()).isEqualTo(1);
        } finally {
            buf.release();
        }
    }
}
