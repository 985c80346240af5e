package dev.tern.mqtt5.aws.testing;

import dev.tern.mqtt5.internal.codec.DecodeException;
import dev.tern.mqtt5.internal.codec.DecoderSettings;
import dev.tern.mqtt5.internal.codec.MqttPacketDecoder;
import dev.tern.mqtt5.internal.codec.MqttPacketEncoder;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.ConnectReasonCode;
import dev.tern.mqtt5.packets.MqttPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Reads the client's first MQTT packet with Tern's server-side decoder and records it. With a custom
 * authorizer it is the gate IoT's custom authentication is: a CONNECT whose username and password the
 * authorizer refuses is answered with CONNACK NOT_AUTHORIZED (0x87) and the connection closed; one it
 * accepts is let through ({@code accepted}: the gateway adds its relay). Without an authorizer it only
 * records. Either way the CONNECT goes on byte for byte, followed by whatever came after it, and this
 * handler leaves the pipeline.
 */
final class ConnectCheck extends ByteToMessageDecoder {

    private final GatewayAttempt attempt;
    private final CustomAuthorizer authorizer;
    private final BiConsumer<ChannelPipeline, GatewayAttempt> accepted;
    private final MqttPacketDecoder decoder =
            new MqttPacketDecoder(DecoderSettings.server(DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, 0));
    private boolean done;

    /**
     * @param authorizer the authorizer to check the CONNECT against, or null to only record it
     * @param accepted called when the authorizer accepts the CONNECT (not called without an authorizer)
     */
    ConnectCheck(GatewayAttempt attempt, CustomAuthorizer authorizer,
            BiConsumer<ChannelPipeline, GatewayAttempt> accepted) {
        this.attempt = attempt;
        this.authorizer = authorizer;
        this.accepted = accepted;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        Object packet;
        try {
            packet = decoder.decode(in);
        } catch (DecodeException e) {
            fail(ctx, in, "the first packet is not a valid MQTT 5 CONNECT: " + e.getMessage());
            return;
        }
        if (packet == null) {
            return; // not all here yet
        }
        if (!(packet instanceof ConnectPacket)) {
            in.readerIndex(start);
            fail(ctx, in, "the first packet is " + ((MqttPacket) packet).type() + ", not CONNECT");
            return;
        }
        ConnectPacket connect = (ConnectPacket) packet;
        ByteBuf raw = in.retainedSlice(start, in.readerIndex() - start);
        attempt.connect(connect, ByteBufUtil.getBytes(raw));
        if (authorizer != null) {
            String refusal = authorizer.refusal(connect.username(), connect.password());
            if (refusal != null) {
                raw.release();
                done = true;
                in.skipBytes(in.readableBytes());
                attempt.refuse(refusal);
                ConnAckPacket notAuthorized = ConnAckPacket.builder().reasonCode(ConnectReasonCode.NOT_AUTHORIZED).build();
                ctx.writeAndFlush(MqttPacketEncoder.encode(ctx.alloc(), notAuthorized,
                        DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            attempt.accept();
            accepted.accept(ctx.pipeline(), attempt);
        }
        done = true;
        out.add(raw);
        ctx.pipeline().remove(this); // what follows the CONNECT is passed on as it is
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        done = true;
        in.skipBytes(in.readableBytes());
        attempt.refuse(reason); // no effect if the attempt was accepted before the CONNECT (mTLS, SigV4)
        ctx.close();
    }
}
