package dev.tern.mqtt5.testing;

import dev.tern.mqtt5.internal.codec.DecoderSettings;
import dev.tern.mqtt5.internal.codec.MqttDecoder;
import dev.tern.mqtt5.internal.codec.MqttEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted MQTT 5 server on loopback, for what real brokers will not do on demand: withheld or
 * delayed acknowledgements, malformed packets, protocol violations, resets mid-packet, DISCONNECT with
 * any reason code, AUTH exchanges. Each accepted connection is a {@link PeerConnection} the test drives
 * packet by packet (or byte by byte).
 */
public final class ScriptedServer implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final BlockingQueue<PeerConnection> accepted = new LinkedBlockingQueue<>();

    private ScriptedServer(DecoderSettings decoderSettings) {
        this(decoderSettings, null);
    }

    private ScriptedServer(DecoderSettings decoderSettings, io.netty.handler.ssl.SslContext tls) {
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("scripted-server", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        PeerConnection peer = new PeerConnection(ch);
                        if (tls != null) {
                            io.netty.handler.ssl.SslHandler ssl = tls.newHandler(ch.alloc());
                            ch.pipeline().addLast("tls", ssl);
                            peer.recordTls(ssl);
                        }
                        ch.pipeline().addLast(PeerConnection.ENCODER, new MqttEncoder());
                        ch.pipeline().addLast(PeerConnection.DECODER, new MqttDecoder(decoderSettings));
                        ch.pipeline().addLast(peer.handler());
                        accepted.add(peer);
                    }
                });
        serverChannel = bootstrap.bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    /** A server whose decoder accepts packets up to the protocol maximum and 10 topic aliases. */
    public static ScriptedServer start() {
        return new ScriptedServer(DecoderSettings.server(DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, 10));
    }

    public static ScriptedServer start(DecoderSettings decoderSettings) {
        return new ScriptedServer(decoderSettings);
    }

    /** A scripted server behind TLS with {@code serverContext} (certificate, client auth, ALPN as given). */
    public static ScriptedServer startTls(io.netty.handler.ssl.SslContext serverContext) {
        return new ScriptedServer(DecoderSettings.server(DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, 10),
                serverContext);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The next connection a client opens, waiting at most {@code timeout}. */
    public PeerConnection accept(Duration timeout) {
        try {
            PeerConnection peer = accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (peer == null) {
                throw new AssertionError("no client connected within " + timeout);
            }
            return peer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public PeerConnection accept() {
        return accept(Duration.ofSeconds(10));
    }

    /** Whether another connection arrives within {@code timeout} (without consuming it). */
    public boolean hasConnectionWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!accepted.isEmpty()) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !accepted.isEmpty();
    }

    /** Stops listening (existing connections stay open). */
    public void stopListening() {
        serverChannel.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        for (PeerConnection peer : accepted) {
            peer.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
