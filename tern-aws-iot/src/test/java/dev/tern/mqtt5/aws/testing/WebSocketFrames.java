package dev.tern.mqtt5.aws.testing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

import java.util.function.BiConsumer;

/**
 * After Netty's WebSocket handler: the MQTT byte stream in and out of binary frames. Inbound, the payload of
 * every binary and continuation frame goes on as bytes (MQTT packets may span frames, and frames may hold
 * several packets); a text frame is a protocol error and closes the connection. Outbound, every buffer
 * becomes one binary frame. Tells the gateway when the upgrade is complete ({@code upgraded}).
 */
final class WebSocketFrames extends ChannelDuplexHandler {

    private final GatewayAttempt attempt;
    private final BiConsumer<ChannelPipeline, GatewayAttempt> upgraded;

    WebSocketFrames(GatewayAttempt attempt, BiConsumer<ChannelPipeline, GatewayAttempt> upgraded) {
        this.attempt = attempt;
        this.upgraded = upgraded;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            ByteBuf payload = frame.content().retain();
            frame.release();
            ctx.fireChannelRead(payload);
        } else if (msg instanceof TextWebSocketFrame) {
            ReferenceCountUtil.release(msg);
            attempt.refuse("the client sent a text frame; MQTT travels in binary frames");
            ctx.close();
        } else {
            ReferenceCountUtil.release(msg); // pong, or anything Netty's handler passed on
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf ? new BinaryWebSocketFrame((ByteBuf) msg) : msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            upgraded.accept(ctx.pipeline(), attempt);
        }
        ctx.fireUserEventTriggered(evt);
    }
}
