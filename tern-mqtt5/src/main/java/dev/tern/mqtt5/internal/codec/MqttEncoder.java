package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.PacketTooLargeException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * The pipeline's MQTT encoder: turns MQTT messages into one exactly sized buffer each (see
 * {@link MqttPacketEncoder}) and passes anything else through. A packet larger than the peer accepts
 * fails its write promise with {@link PacketTooLargeException} and is never sent.
 *
 * <p>One per connection: the peer's Maximum Packet Size is known only after the CONNACK.
 */
public final class MqttEncoder extends ChannelOutboundHandlerAdapter {

    /** Connection lifetime: the largest packet the peer accepts. */
    private long peerMaximumPacketSize = DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE;

    /** Sets the peer's Maximum Packet Size; call on the channel's event loop. */
    public void peerMaximumPacketSize(long maximumPacketSize) {
        this.peerMaximumPacketSize = maximumPacketSize;
    }

    public long peerMaximumPacketSize() {
        return peerMaximumPacketSize;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!MqttPacketEncoder.isEncodable(msg)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf buf;
        try {
            buf = MqttPacketEncoder.encode(ctx.alloc(), msg, peerMaximumPacketSize);
        } catch (PacketTooLargeException e) {
            promise.tryFailure(e);
            return;
        }
        ctx.write(buf, promise);
    }
}
