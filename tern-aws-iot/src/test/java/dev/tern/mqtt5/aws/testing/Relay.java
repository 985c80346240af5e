package dev.tern.mqtt5.aws.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * Last before the error sink, added once every check passed: connects to the broker (plain MQTT on
 * loopback) and relays the byte stream both ways. What the client sends before the broker connection is
 * up waits here. The broker's bytes are written at the tail of the client's pipeline, so in WebSocket modes
 * {@link WebSocketFrames} puts them in binary frames. Either side closing closes the other, after what was
 * already written has gone out.
 */
final class Relay extends ChannelInboundHandlerAdapter {

    private final String brokerHost;
    private final int brokerPort;
    private final List<Object> pending = new ArrayList<>();
    private Channel broker;
    private boolean clientClosed;

    Relay(String brokerHost, int brokerPort) {
        this.brokerHost = brokerHost;
        this.brokerPort = brokerPort;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new BrokerSide(client))
                .connect(brokerHost, brokerPort)
                .addListener((ChannelFuture connected) -> {
                    if (!connected.isSuccess()) {
                        releasePending();
                        client.close();
                        return;
                    }
                    broker = connected.channel();
                    if (clientClosed) {
                        broker.close();
                        return;
                    }
                    for (Object msg : pending) {
                        broker.write(msg);
                    }
                    pending.clear();
                    broker.flush();
                });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
        } else if (broker != null) {
            broker.writeAndFlush(msg);
        } else {
            pending.add(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        clientClosed = true;
        releasePending();
        if (broker != null) {
            broker.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePending();
    }

    private void releasePending() {
        for (Object msg : pending) {
            ReferenceCountUtil.release(msg);
        }
        pending.clear();
    }

    /** The broker connection's handler: everything the broker sends goes to the client. */
    private static final class BrokerSide extends ChannelInboundHandlerAdapter {
        private final Channel client;
        private ChannelFuture lastWrite;

        BrokerSide(Channel client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            lastWrite = client.writeAndFlush(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (lastWrite == null) {
                client.close();
            } else {
                lastWrite.addListener(written -> client.close());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
