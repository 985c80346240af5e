package dev.tern.mqtt5.aws.internal;

import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.internal.client.ConnectionFailures;
import dev.tern.mqtt5.internal.client.NativeTransport;
import dev.tern.mqtt5.internal.client.SharedEventLoopGroup;
import dev.tern.mqtt5.internal.transport.TransportReadyEvent;
import dev.tern.mqtt5.internal.transport.TransportStage;
import dev.tern.mqtt5.internal.transport.Transports;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import dev.tern.mqtt5.transport.TlsOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.resolver.NoopAddressResolverGroup;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The AWS SDK's HTTP client SPI on Tern's own transport, so that SDK calls made for an MQTT connection
 * (Cognito's GetCredentialsForIdentity) take the same route as the connection: the same HTTP proxy with
 * basic auth, TLS to the proxy, TLS (SNI, trust) to the service. One request per connection, closed after
 * the response: these calls are rare (one per credential refresh), so pooling would only hold sockets.
 *
 * <p>{@link ExecutableHttpRequest#call()} blocks its caller (the SDK's), never the event loop.
 */
public final class TernSdkHttpClient implements SdkHttpClient {

    /** Bodies of service answers are small; anything bigger is not the service. */
    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final HttpProxyOptions proxy;
    private final TlsOptions tls;
    private final Duration timeout;

    /**
     * @param proxy the HTTP proxy, or null
     * @param tls the TLS options for https (trust, engine); null for the defaults
     * @param timeout bounds the connection and, again, the wait for the response
     */
    public TernSdkHttpClient(HttpProxyOptions proxy, TlsOptions tls, Duration timeout) {
        this.proxy = proxy;
        this.tls = tls != null ? tls : TlsOptions.defaults();
        this.timeout = timeout;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new Exchange(request);
    }

    @Override
    public String clientName() {
        return "Tern";
    }

    /** Holds nothing between requests: each takes the shared event loop group for its duration. */
    @Override
    public void close() {
    }

    private final class Exchange implements ExecutableHttpRequest {

        private final HttpExecuteRequest request;
        private final CompletableFuture<FullResponse> response = new CompletableFuture<>();
        private volatile Channel channel;

        Exchange(HttpExecuteRequest request) {
            this.request = request;
        }

        @Override
        public HttpExecuteResponse call() throws IOException {
            SdkHttpRequest http = request.httpRequest();
            boolean https = "https".equalsIgnoreCase(http.protocol());
            Mqtt5ClientOptions route = Mqtt5ClientOptions.builder(http.host(), http.port())
                    .tlsOptions(https ? tls : null)
                    .httpProxyOptions(proxy)
                    .connectTimeout(timeout)
                    .build();
            List<TransportStage> stages = Transports.stages(route, Runnable::run);
            byte[] body = body();
            FullHttpRequest message = message(http, body);
            EventLoopGroup group = SharedEventLoopGroup.acquire();
            try {
                return exchange(http, route, stages, message, group);
            } finally {
                SharedEventLoopGroup.release();
            }
        }

        private HttpExecuteResponse exchange(SdkHttpRequest http, Mqtt5ClientOptions route,
                List<TransportStage> stages, FullHttpRequest message, EventLoopGroup group) throws IOException {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(NativeTransport.socketChannelFor(group))
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            for (int i = 0; i < stages.size(); i++) {
                                stages.get(i).install(ch, i == stages.size() - 1);
                            }
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES),
                                    new ExchangeHandler(message, !stages.isEmpty(), response));
                        }
                    });
            ChannelFuture connect;
            try {
                for (TransportStage stage : stages) {
                    stage.prepare();
                }
                if (proxy != null) {
                    bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);
                    connect = bootstrap.connect(InetSocketAddress.createUnresolved(http.host(), http.port()));
                } else {
                    connect = bootstrap.connect(http.host(), http.port());
                }
            } catch (RuntimeException e) {
                message.release();
                throw new IOException(e.getMessage(), e);
            }
            channel = connect.channel();
            connect.addListener(f -> {
                if (!f.isSuccess()) {
                    if (message.refCnt() > 0) {
                        message.release();
                    }
                    response.completeExceptionally(f.cause());
                }
            });
            try {
                FullResponse answer = response.get(2 * timeout.toMillis(), TimeUnit.MILLISECONDS);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(answer.status).statusText(answer.reason)
                                .headers(answer.headers).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body)))
                        .build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for " + http.host());
            } catch (TimeoutException e) {
                throw new IOException("no answer from " + http.host() + ":" + http.port() + " within "
                        + 2 * timeout.toMillis() + " ms");
            } catch (ExecutionException e) {
                throw new IOException(ConnectionFailures.classify(e.getCause(), route).getMessage(), e.getCause());
            } finally {
                channel.close().awaitUninterruptibly(timeout.toMillis());
            }
        }

        @Override
        public void abort() {
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
            response.completeExceptionally(new IOException("aborted"));
        }

        private byte[] body() throws IOException {
            if (request.contentStreamProvider().isEmpty()) {
                return new byte[0];
            }
            try (InputStream in = request.contentStreamProvider().get().newStream()) {
                return in.readAllBytes();
            }
        }
    }

    private static FullHttpRequest message(SdkHttpRequest http, byte[] body) {
        String path = http.encodedPath().isEmpty() ? "/" : http.encodedPath();
        String query = http.encodedQueryParameters().map(q -> "?" + q).orElse("");
        FullHttpRequest message = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(http.method().name()), path + query, Unpooled.wrappedBuffer(body));
        http.forEachHeader((name, values) -> values.forEach(v -> message.headers().add(name, v)));
        if (!message.headers().contains(HttpHeaderNames.HOST)) {
            boolean defaultPort = http.port() == ("https".equalsIgnoreCase(http.protocol()) ? 443 : 80);
            message.headers().set(HttpHeaderNames.HOST, defaultPort ? http.host() : http.host() + ":" + http.port());
        }
        message.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        message.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return message;
    }

    private static final class FullResponse {
        final int status;
        final String reason;
        final Map<String, List<String>> headers;
        final byte[] body;

        FullResponse(int status, String reason, Map<String, List<String>> headers, byte[] body) {
            this.status = status;
            this.reason = reason;
            this.headers = headers;
            this.body = body;
        }
    }

    /** Sends the request once the transport is ready, and completes with the one response. */
    private static final class ExchangeHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

        private final FullHttpRequest message;
        private final boolean waitForTransport;
        private final CompletableFuture<FullResponse> response;

        ExchangeHandler(FullHttpRequest message, boolean waitForTransport, CompletableFuture<FullResponse> response) {
            this.message = message;
            this.waitForTransport = waitForTransport;
            this.response = response;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (!waitForTransport) {
                ctx.writeAndFlush(message);
            }
            super.channelActive(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == TransportReadyEvent.INSTANCE) {
                ctx.writeAndFlush(message);
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Map.Entry<String, String> header : msg.headers()) {
                headers.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue());
            }
            response.complete(new FullResponse(msg.status().code(), msg.status().reasonPhrase(), headers,
                    ByteBufUtil.getBytes(msg.content())));
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            response.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (message.refCnt() > 0) {
                message.release();
            }
            response.completeExceptionally(new IOException("the connection closed before the response"));
            super.channelInactive(ctx);
        }
    }
}
