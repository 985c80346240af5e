package dev.tern.mqtt5.aws.testing;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Last in the pipeline: an error anywhere refuses the attempt (if still undecided) and closes the
 * connection; anything no handler took is released.
 */
final class ErrorSink extends ChannelInboundHandlerAdapter {

    private final GatewayAttempt attempt;

    ErrorSink(GatewayAttempt attempt) {
        this.attempt = attempt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        attempt.refuse("connection error: " + TlsGate.describe(cause));
        ctx.close();
    }
}
