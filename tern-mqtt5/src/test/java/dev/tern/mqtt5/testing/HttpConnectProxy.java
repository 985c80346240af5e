package dev.tern.mqtt5.testing;

import dev.tern.testing.LoggedSecrets;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * An HTTP CONNECT proxy in the test JVM (Netty), on a free loopback port, that tunnels to loopback
 * targets only. Optionally it asks for basic authentication (407 with {@code Proxy-Authenticate} when the
 * credentials are missing or wrong), speaks TLS itself (an HTTPS proxy, with a certificate for
 * {@code localhost} and {@code 127.0.0.1} from a {@link TestPki}), or refuses every tunnel with a
 * scripted status (403, 502, …). It records each CONNECT it saw.
 */
public final class HttpConnectProxy implements AutoCloseable {

    /** The realm of the {@code Proxy-Authenticate} challenge. */
    public static final String REALM = "tern-test-proxy";

    /** A CONNECT request as the proxy saw it. */
    public static final class ConnectRequest {
        /** The request target, {@code host:port}, as the client sent it. */
        public final String target;
        /** Whether the request carried a {@code Proxy-Authorization} header. */
        public final boolean hadCredentials;
        /** Whether the credentials (if any were required) were the right ones. */
        public final boolean authorized;

        ConnectRequest(String target, boolean hadCredentials, boolean authorized) {
            this.target = target;
            this.hadCredentials = hadCredentials;
            this.authorized = authorized;
        }

        @Override
        public String toString() {
            return "CONNECT " + target + (hadCredentials ? " with credentials" : "")
                    + (authorized ? "" : " (unauthorized)");
        }
    }

    /** Configures a proxy before it starts. */
    public static final class Builder {
        private String expectedAuthorization;
        private TestPki pki;
        private final java.util.Map<String, Integer> routes = new java.util.HashMap<>();

        private Builder() {
        }

        /** Require basic authentication with these credentials. */
        public Builder basicAuth(String username, String password) {
            LoggedSecrets.register(password);
            expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** Speak TLS to clients, with a server certificate for localhost and 127.0.0.1 issued by {@code pki}. */
        public Builder tls(TestPki pki) {
            this.pki = pki;
            return this;
        }

        /**
         * Tunnels CONNECTs to {@code host:port} to the loopback port {@code loopbackPort} instead, like a
         * hosts-file entry: a client can then use a real service name (its SNI, Host header and default
         * port) while the test serves it locally.
         */
        public Builder route(String host, int port, int loopbackPort) {
            routes.put(host + ":" + port, loopbackPort);
            return this;
        }

        public HttpConnectProxy start() {
            return new HttpConnectProxy(this);
        }
    }

    private final String expectedAuthorization;
    private final java.util.Map<String, Integer> routes;
    private final SslContext sslContext;
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("http-connect-proxy", true));
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<ConnectRequest> requests = new CopyOnWriteArrayList<>();
    private final Channel server;
    private volatile HttpResponseStatus refusal;
    private volatile boolean silent;

    private HttpConnectProxy(Builder b) {
        expectedAuthorization = b.expectedAuthorization;
        routes = java.util.Map.copyOf(b.routes);
        try {
            if (b.pki != null) {
                TestPki.Identity identity = b.pki.server("localhost", "127.0.0.1");
                sslContext = SslContextBuilder.forServer(identity.privateKey, identity.certificate)
                        .sslProvider(SslProvider.JDK).build();
            } else {
                sslContext = null;
            }
        } catch (SSLException e) {
            throw new IllegalStateException("could not make the proxy's TLS context", e);
        }
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        if (sslContext != null) {
                            ch.pipeline().addLast("tls", sslContext.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        ch.pipeline().addLast("aggregator", new HttpObjectAggregator(8192));
                        ch.pipeline().addLast("connect", new ConnectHandler());
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0)
                .syncUninterruptibly()
                .channel();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A plain proxy without authentication. */
    public static HttpConnectProxy start() {
        return builder().start();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** From now on, answer every CONNECT with {@code status} instead of opening the tunnel. */
    public void refuseWith(int status) {
        refusal = HttpResponseStatus.valueOf(status);
    }

    /** From now on, record CONNECT requests and never answer them (a proxy that hangs). */
    public void neverAnswer() {
        silent = true;
    }

    /** From now on, open tunnels again. */
    public void tunnel() {
        refusal = null;
        silent = false;
    }

    /** The CONNECT requests seen so far, oldest first. */
    public List<ConnectRequest> requests() {
        return List.copyOf(requests);
    }

    /** The targets of the CONNECT requests seen so far. */
    public List<String> targets() {
        return requests.stream().map(r -> r.target).collect(java.util.stream.Collectors.toList());
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private final class ConnectHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (!HttpMethod.CONNECT.equals(request.method())) {
                answer(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "only CONNECT is supported");
                return;
            }
            String target = request.uri();
            String authorization = request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION);
            boolean authorized = expectedAuthorization == null || expectedAuthorization.equals(authorization);
            requests.add(new ConnectRequest(target, authorization != null, authorized));
            if (!authorized) {
                FullHttpResponse response = response(HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED,
                        "proxy authentication required");
                response.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (silent) {
                return; // the client gives up and closes
            }
            HttpResponseStatus refused = refusal;
            if (refused != null) {
                answer(ctx, refused, "refused by the test");
                return;
            }
            Integer routed = routes.get(target);
            if (routed != null) {
                open(ctx, new InetSocketAddress(InetAddress.getLoopbackAddress(), routed));
                return;
            }
            int colon = target.lastIndexOf(':');
            InetAddress address;
            int port;
            try {
                port = Integer.parseInt(target.substring(colon + 1));
                address = InetAddress.getByName(target.substring(0, colon).replace("[", "").replace("]", ""));
            } catch (RuntimeException | UnknownHostException e) {
                answer(ctx, HttpResponseStatus.BAD_REQUEST, "bad target " + target);
                return;
            }
            if (!address.isLoopbackAddress()) {
                answer(ctx, HttpResponseStatus.FORBIDDEN, "this test proxy tunnels to loopback only");
                return;
            }
            open(ctx, new InetSocketAddress(address, port));
        }

        private void open(ChannelHandlerContext ctx, InetSocketAddress target) {
            Channel inbound = ctx.channel();
            inbound.config().setAutoRead(false);
            new Bootstrap()
                    .group(inbound.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                    .handler(new Relay(inbound))
                    .connect(target)
                    .addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            answer(ctx, HttpResponseStatus.BAD_GATEWAY, "cannot reach " + target);
                            return;
                        }
                        Channel outbound = f.channel();
                        channels.add(outbound);
                        if (!inbound.isActive()) {
                            outbound.close();
                            return;
                        }
                        // Encoded right here by the HTTP codec, which is removed next: then raw bytes both ways.
                        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                new HttpResponseStatus(200, "Connection established")));
                        ChannelPipeline pipeline = ctx.pipeline();
                        pipeline.remove("aggregator");
                        pipeline.remove(this);
                        pipeline.addLast("relay", new Relay(outbound));
                        pipeline.remove("http");
                        inbound.config().setAutoRead(true);
                    });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // e.g. a client that rejected the proxy's certificate
        }
    }

    private static FullHttpResponse response(HttpResponseStatus status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private static void answer(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        ctx.writeAndFlush(response(status, text)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Copies what one side reads to the other; closes the other side when this one closes. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        Relay(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (peer.isActive()) {
                peer.writeAndFlush(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (peer.isActive()) {
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
