package dev.tern.mqtt5.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * The pipeline's MQTT decoder: cumulates bytes and emits decoded packets (see
 * {@link MqttPacketDecoder}). No {@link ByteBuf} is passed on: every packet is copied out.
 *
 * <p>On a protocol violation it stops decoding for good, discards what it has and what still comes,
 * and fires the {@link DecodeException} as {@code exceptionCaught}. The connection handler turns it
 * into a DISCONNECT with the exception's reason code and closes the channel; that is the one place
 * decode errors become DISCONNECTs.
 */
public final class MqttDecoder extends ByteToMessageDecoder {

    private final MqttPacketDecoder decoder;
    private boolean failed;

    public MqttDecoder(DecoderSettings settings) {
        this.decoder = new MqttPacketDecoder(settings);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            Object packet = decoder.decode(in);
            if (packet != null) {
                out.add(packet);
            }
        } catch (DecodeException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            ctx.fireExceptionCaught(e);
        }
    }
}
