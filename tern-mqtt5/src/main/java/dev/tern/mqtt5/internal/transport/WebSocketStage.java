package dev.tern.mqtt5.internal.transport;

import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.WebSocketUpgradeException;
import dev.tern.mqtt5.internal.codec.DecoderSettings;
import dev.tern.mqtt5.transport.WebSocketHandshakeRequest;
import dev.tern.mqtt5.transport.WebSocketHandshakeTransformer;
import dev.tern.mqtt5.transport.WebSocketOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * MQTT over WebSocket (MQTT 5.0 section 6): the HTTP upgrade with subprotocol {@code mqtt} — rewritten
 * by the application's {@link WebSocketHandshakeTransformer} first, on every attempt — then MQTT bytes
 * in binary frames. Inbound frame payloads go to the MQTT decoder as they come, so a packet split over
 * frames, or several packets in one frame, decode the same.
 */
public final class WebSocketStage implements TransportStage {

    private final WebSocketOptions options;
    private final String host;
    private final int port;
    private final boolean secure;
    private final Executor applicationExecutor;
    private final long timeoutMillis;

    public WebSocketStage(WebSocketOptions options, String host, int port, boolean secure,
            Executor applicationExecutor, long timeoutMillis) {
        this.options = options;
        this.host = host;
        this.port = port;
        this.secure = secure;
        this.applicationExecutor = applicationExecutor;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void install(Channel channel, boolean last) {
        channel.pipeline().addLast("ws-http", new HttpClientCodec());
        channel.pipeline().addLast("ws-aggregator", new HttpObjectAggregator(64 * 1024));
        channel.pipeline().addLast("ws", new Handler(last));
    }

    /** The request before the application's transformer: the configured path, query and headers. */
    WebSocketHandshakeRequest initialRequest() {
        String path = options.path();
        int question = path.indexOf('?');
        WebSocketHandshakeRequest.Builder builder = WebSocketHandshakeRequest.builder(host, port, secure)
                .path(question < 0 ? path : path.substring(0, question))
                .query(question < 0 ? null : path.substring(question + 1));
        for (Map.Entry<String, String> header : options.headers()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder.build();
    }

    private final class Handler extends ChannelDuplexHandler {
        private final boolean last;
        private WebSocketClientHandshaker handshaker;
        private boolean upgraded;
        private ScheduledFuture<?> timeout;

        Handler(boolean last) {
            this.last = last;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.fireChannelActive();
            timeout = ctx.executor().schedule(() -> fail(ctx, new WebSocketUpgradeException(null,
                    "no WebSocket upgrade within " + timeoutMillis + " ms from " + host + ":" + port, null)),
                    timeoutMillis, TimeUnit.MILLISECONDS);
            WebSocketHandshakeTransformer transformer = options.handshakeTransformer();
            WebSocketHandshakeRequest request = initialRequest();
            if (transformer == null) {
                upgrade(ctx, request);
                return;
            }
            applicationExecutor.execute(() -> {
                CompletableFuture<WebSocketHandshakeRequest> transformed;
                try {
                    transformed = transformer.transform(request);
                    if (transformed == null) {
                        transformed = CompletableFuture.failedFuture(
                                new NullPointerException("the transformer returned no future"));
                    }
                } catch (RuntimeException e) {
                    transformed = CompletableFuture.failedFuture(e);
                }
                transformed.whenComplete((result, error) -> ctx.executor().execute(() -> {
                    if (!ctx.channel().isActive()) {
                        return;
                    }
                    if (error != null || result == null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException
                                && error.getCause() != null ? error.getCause() : error;
                        fail(ctx, new Mqtt5Exception(ErrorKind.WEBSOCKET, "the WebSocket handshake transformer failed"
                                + (cause != null ? ": " + cause.getMessage() : " (returned null)"), cause));
                    } else {
                        upgrade(ctx, result);
                    }
                }));
            });
        }

        private void upgrade(ChannelHandlerContext ctx, WebSocketHandshakeRequest request) {
            if (request.validUntil() != null) {
                ctx.channel().attr(TransportStage.CREDENTIALS_VALID_UNTIL).set(request.validUntil());
            }
            URI uri;
            try {
                String authority = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
                uri = new URI((secure ? "wss://" : "ws://") + authority + ":" + port + request.uri());
            } catch (URISyntaxException e) {
                fail(ctx, new Mqtt5Exception(ErrorKind.WEBSOCKET, "the WebSocket request URI is invalid: "
                        + e.getReason(), null));
                return;
            }
            HttpHeaders headers = new DefaultHttpHeaders();
            for (Map.Entry<String, String> header : request.headers()) {
                headers.add(header.getKey(), header.getValue());
            }
            handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, "mqtt", false,
                    headers, (int) DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, true, false, 1_000L, false, false);
            handshaker.handshake(ctx.channel()).addListener(f -> {
                if (!f.isSuccess()) {
                    Throwable cause = f.cause();
                    for (Throwable t = cause; t != null; t = t.getCause()) {
                        if (t instanceof javax.net.ssl.SSLException) {
                            // The TLS layer below failed: that is the error to report, not the upgrade.
                            ctx.fireExceptionCaught(t);
                            ctx.close();
                            return;
                        }
                    }
                    fail(ctx, new Mqtt5Exception(ErrorKind.WEBSOCKET, "the WebSocket upgrade request could not be"
                            + " sent: " + cause, cause));
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!upgraded) {
                if (msg instanceof FullHttpResponse) {
                    FullHttpResponse response = (FullHttpResponse) msg;
                    try {
                        handshaker.finishHandshake(ctx.channel(), response);
                        upgraded = true;
                        if (timeout != null) {
                            timeout.cancel(false);
                        }
                        if (last) {
                            TransportStage.ready(ctx.channel());
                        }
                    } catch (WebSocketHandshakeException e) {
                        int status = response.status().code();
                        fail(ctx, new WebSocketUpgradeException(status, "the server refused the WebSocket upgrade"
                                + " to " + host + ":" + port + ": HTTP " + response.status()
                                + (status == 403 ? " (a bad signature or credentials, for AWS IoT)" : "")
                                + (status == 404 ? " (check the WebSocket path)" : ""), null));
                    } finally {
                        response.release();
                    }
                } else {
                    ReferenceCountUtil.release(msg);
                }
                return;
            }
            if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
                WebSocketFrame frame = (WebSocketFrame) msg;
                ByteBuf content = frame.content().retain();
                frame.release();
                ctx.fireChannelRead(content);
            } else if (msg instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(((PingWebSocketFrame) msg).content()));
            } else if (msg instanceof PongWebSocketFrame) {
                ((PongWebSocketFrame) msg).release();
            } else if (msg instanceof CloseWebSocketFrame) {
                // RFC 6455 section 5.5.1: answer a close frame with a close frame, then close.
                CloseWebSocketFrame close = (CloseWebSocketFrame) msg;
                int status = close.statusCode();
                close.release();
                ctx.writeAndFlush(status > 0 ? new CloseWebSocketFrame(status, null) : new CloseWebSocketFrame())
                        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            } else {
                // [MQTT-6.0.0-1]: MQTT travels in binary frames only
                ReferenceCountUtil.release(msg);
                fail(ctx, new Mqtt5Exception(ErrorKind.WEBSOCKET, "the server sent a non-binary WebSocket frame"
                        + " (MQTT must travel in binary frames)", null));
            }
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (upgraded && msg instanceof ByteBuf) {
                ctx.write(new BinaryWebSocketFrame((ByteBuf) msg), promise);
            } else {
                ctx.write(msg, promise);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (timeout != null) {
                timeout.cancel(false);
            }
            ctx.fireChannelInactive();
        }

        private void fail(ChannelHandlerContext ctx, Mqtt5Exception error) {
            if (timeout != null) {
                timeout.cancel(false);
            }
            ctx.fireExceptionCaught(error);
            ctx.close();
        }
    }
}
