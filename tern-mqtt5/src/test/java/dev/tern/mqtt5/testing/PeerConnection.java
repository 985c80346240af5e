package dev.tern.mqtt5.testing;

import dev.tern.mqtt5.internal.codec.DecodeException;
import dev.tern.mqtt5.internal.codec.IdentifiedPacket;
import dev.tern.mqtt5.internal.codec.InboundPublish;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.MqttPacket;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client connection as the scripted server sees it. Received packets queue up in order for
 * {@link #next}/{@link #expect}; {@link #send} encodes with Tern's own encoder, {@link #sendRaw} writes
 * bytes as given (malformed packets, split packets).
 */
public final class PeerConnection {

    static final String ENCODER = "peer-encoder";
    static final String DECODER = "peer-decoder";

    /** What the decoder raised, queued like a packet. */
    public static final class DecodeFailure {
        public final DecodeException error;

        DecodeFailure(DecodeException error) {
            this.error = error;
        }

        @Override
        public String toString() {
            return "DecodeFailure{" + error.reasonCode() + ": " + error.getMessage() + "}";
        }
    }

    private final Channel channel;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile java.util.List<String> tlsServerNames;
    private volatile String applicationProtocol;
    private final CountDownLatch handshaken = new CountDownLatch(1);

    PeerConnection(Channel channel) {
        this.channel = channel;
    }

    /** Records SNI and ALPN once the TLS handshake is done. */
    void recordTls(io.netty.handler.ssl.SslHandler ssl) {
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                java.util.List<String> names = new java.util.ArrayList<>();
                javax.net.ssl.SSLSession session = ssl.engine().getSession();
                if (session instanceof javax.net.ssl.ExtendedSSLSession) {
                    for (javax.net.ssl.SNIServerName name
                            : ((javax.net.ssl.ExtendedSSLSession) session).getRequestedServerNames()) {
                        if (name instanceof javax.net.ssl.SNIHostName) {
                            names.add(((javax.net.ssl.SNIHostName) name).getAsciiName());
                        }
                    }
                }
                tlsServerNames = names;
                applicationProtocol = ssl.applicationProtocol();
            }
            handshaken.countDown();
        });
    }

    /** The SNI host names the client sent (after the handshake; empty if none). */
    public java.util.List<String> tlsServerNames() {
        awaitHandshake();
        return tlsServerNames;
    }

    /** The ALPN protocol negotiated, or null. */
    public String applicationProtocol() {
        awaitHandshake();
        return applicationProtocol;
    }

    private void awaitHandshake() {
        try {
            handshaken.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ChannelHandler handler() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                received.add(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                if (cause instanceof DecodeException) {
                    received.add(new DecodeFailure((DecodeException) cause));
                } else {
                    ctx.close();
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                closed.countDown();
            }
        };
    }

    /** The next thing the client sent, waiting at most {@code timeout}; fails if none comes. */
    public Object next(Duration timeout) {
        Object msg = poll(timeout);
        if (msg == null) {
            throw new AssertionError("the client sent nothing within " + timeout
                    + (closed.getCount() == 0 ? " (connection closed)" : ""));
        }
        return msg;
    }

    public Object next() {
        return next(Duration.ofSeconds(10));
    }

    /** The next thing the client sent, or null after {@code timeout}. */
    public Object poll(Duration timeout) {
        try {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next message, which must be of {@code type}. */
    public <T> T expect(Class<T> type) {
        return expect(type, Duration.ofSeconds(10));
    }

    public <T> T expect(Class<T> type, Duration timeout) {
        Object msg = next(timeout);
        if (!type.isInstance(msg)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but the client sent " + msg);
        }
        return type.cast(msg);
    }

    /** The next message, an identified packet (ack, SUBSCRIBE, UNSUBSCRIBE) of {@code type}. */
    @SuppressWarnings("unchecked")
    public <P extends MqttPacket> IdentifiedPacket<P> expectIdentified(Class<P> type) {
        IdentifiedPacket<?> identified = expect(IdentifiedPacket.class);
        if (!type.isInstance(identified.packet())) {
            throw new AssertionError("expected " + type.getSimpleName() + " but the client sent " + identified);
        }
        return (IdentifiedPacket<P>) identified;
    }

    public InboundPublish expectPublish() {
        return expect(InboundPublish.class);
    }

    /** Reads the CONNECT and answers with {@code connAck}. */
    public ConnectPacket handshake(ConnAckPacket connAck) {
        ConnectPacket connect = expect(ConnectPacket.class);
        send(connAck);
        return connect;
    }

    /** Reads the CONNECT and accepts it with a plain CONNACK. */
    public ConnectPacket handshake() {
        return handshake(ConnAckPacket.builder().build());
    }

    public void send(Object message) {
        channel.writeAndFlush(message).syncUninterruptibly();
    }

    public void sendRaw(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
    }

    /** Closes with FIN. */
    public void close() {
        channel.close().syncUninterruptibly();
    }

    /** Closes with RST (SO_LINGER 0): the client sees a reset, not an orderly close. */
    public void reset() {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close().syncUninterruptibly();
    }

    /** Whether the client closed the connection within {@code timeout}. */
    public boolean awaitClosed(Duration timeout) {
        try {
            return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isOpen() {
        return channel.isActive();
    }
}
