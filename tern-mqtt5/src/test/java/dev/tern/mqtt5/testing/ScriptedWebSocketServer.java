package dev.tern.mqtt5.testing;

import dev.tern.mqtt5.internal.codec.CodecFixture;
import dev.tern.mqtt5.internal.codec.DecodeException;
import dev.tern.mqtt5.internal.codec.DecoderSettings;
import dev.tern.mqtt5.internal.codec.MqttDecoder;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted MQTT 5 server behind a WebSocket endpoint on loopback (Netty: HTTP codec, aggregator,
 * {@link WebSocketServerProtocolHandler} with subprotocol {@code mqtt}). It records every upgrade request
 * it receives and every frame header the client sends (opcode, FIN, mask bit, as read off the wire), and
 * lets the test decide how the packets it sends are framed: one packet per frame, several packets in one
 * frame, or any byte stream cut across binary frames or continuation frames. It can refuse upgrades with
 * an HTTP status, send text, ping and close frames, and put a ping in the same write as the 101 answer.
 * Every buffer it receives or makes is released.
 */
public final class ScriptedWebSocketServer implements AutoCloseable {

    /** Netty's server frame decoder limit; large enough for any test packet. */
    private static final int MAX_FRAME_PAYLOAD = 16 * 1024 * 1024;

    /** The HTTP upgrade request as the server received it. */
    public static final class UpgradeRequest {
        private final String method;
        private final String uri;
        private final List<Map.Entry<String, String>> headers;

        UpgradeRequest(FullHttpRequest request) {
            method = request.method().name();
            uri = request.uri();
            headers = Collections.unmodifiableList(new ArrayList<>(request.headers().entries()));
        }

        public String method() {
            return method;
        }

        /** The request target as sent: path and query string. */
        public String uri() {
            return uri;
        }

        public String path() {
            return new QueryStringDecoder(uri).path();
        }

        /** The raw query string (without '?'), or null. */
        public String rawQuery() {
            int question = uri.indexOf('?');
            return question < 0 ? null : uri.substring(question + 1);
        }

        /** The decoded values of query parameter {@code name}, in order (empty if absent). */
        public List<String> queryParameter(String name) {
            return new QueryStringDecoder(uri).parameters().getOrDefault(name, List.of());
        }

        /** Every header in order, names as sent. */
        public List<Map.Entry<String, String>> headers() {
            return headers;
        }

        /** The values of header {@code name} (case-insensitive), in order. */
        public List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> header : headers) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    values.add(header.getValue());
                }
            }
            return values;
        }

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        @Override
        public String toString() {
            return method + " " + uri + " " + headers;
        }
    }

    /** The header of one WebSocket frame the client sent, read off the wire. */
    public static final class FrameHeader {
        public final boolean fin;
        public final int opcode;
        public final boolean masked;
        public final long payloadLength;

        FrameHeader(boolean fin, int opcode, boolean masked, long payloadLength) {
            this.fin = fin;
            this.opcode = opcode;
            this.masked = masked;
            this.payloadLength = payloadLength;
        }

        public static final int CONTINUATION = 0x0;
        public static final int TEXT = 0x1;
        public static final int BINARY = 0x2;
        public static final int CLOSE = 0x8;
        public static final int PING = 0x9;
        public static final int PONG = 0xA;

        @Override
        public String toString() {
            return "Frame{opcode=" + opcode + (fin ? ", fin" : "") + (masked ? ", masked" : ", UNMASKED")
                    + ", " + payloadLength + " bytes}";
        }
    }

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final String path;
    private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();
    private final BlockingQueue<UpgradeRequest> upgrades = new LinkedBlockingQueue<>();
    private final List<Peer> all = new CopyOnWriteArrayList<>();
    private volatile HttpResponseStatus refusal;
    private volatile byte[] pingWithUpgrade;

    private ScriptedWebSocketServer(String path, String bindAddress) {
        this.path = path;
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("scripted-ws-server", true));
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .subprotocols("mqtt")
                .checkStartsWith(true) // "/mqtt?x=1" is "/mqtt" with a query
                .dropPongFrames(false) // the test observes pongs
                .handshakeTimeoutMillis(10_000)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                        .expectMaskedFrames(true)
                        .allowMaskMismatch(false)
                        .build())
                .build();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Peer peer = new Peer(ch);
                        all.add(peer);
                        ch.pipeline().addLast("wire", peer.wireRecorder());
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        ch.pipeline().addLast("aggregator", new HttpObjectAggregator(64 * 1024));
                        ch.pipeline().addLast("upgrade-recorder", peer.upgradeRecorder());
                        ch.pipeline().addLast("websocket", new WebSocketServerProtocolHandler(config));
                        ch.pipeline().addLast("frames", peer.frameHandler());
                        ch.pipeline().addLast("mqtt-decoder", new MqttDecoder(
                                DecoderSettings.server(DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, 10)));
                        ch.pipeline().addLast("peer", peer.packetHandler());
                    }
                });
        serverChannel = bootstrap.bind(bindAddress, 0).syncUninterruptibly().channel();
    }

    /** A server whose WebSocket endpoint is {@code /mqtt}. */
    public static ScriptedWebSocketServer start() {
        return start("/mqtt");
    }

    /** A server whose WebSocket endpoint is {@code path} (requests to other paths get 404). */
    public static ScriptedWebSocketServer start(String path) {
        return new ScriptedWebSocketServer(path, "127.0.0.1");
    }

    /** A server for {@code path} listening on {@code bindAddress} (a loopback address: 127.0.0.1 or ::1). */
    public static ScriptedWebSocketServer start(String path, String bindAddress) {
        return new ScriptedWebSocketServer(path, bindAddress);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public String path() {
        return path;
    }

    /** From now on, answers upgrade requests with {@code status} (and closes) instead of 101. */
    public void refuseUpgrades(int status) {
        refusal = HttpResponseStatus.valueOf(status);
    }

    /** From now on, upgrades again. */
    public void acceptUpgrades() {
        refusal = null;
    }

    /**
     * From now on, writes a ping frame with {@code payload} in the same buffer as the 101 answer, so that
     * the client reads the first frame together with the end of the HTTP response.
     */
    public void pingWithUpgrade(byte[] payload) {
        pingWithUpgrade = payload.clone();
    }

    /** The next upgrade request received (accepted or refused), waiting at most {@code timeout}. */
    public UpgradeRequest nextUpgrade(Duration timeout) {
        return poll(upgrades, timeout, "no WebSocket upgrade request");
    }

    public UpgradeRequest nextUpgrade() {
        return nextUpgrade(Duration.ofSeconds(10));
    }

    /** The next connection that completed the WebSocket upgrade, waiting at most {@code timeout}. */
    public Peer accept(Duration timeout) {
        return poll(accepted, timeout, "no client completed a WebSocket upgrade");
    }

    public Peer accept() {
        return accept(Duration.ofSeconds(10));
    }

    private static <T> T poll(BlockingQueue<T> queue, Duration timeout, String what) {
        try {
            T item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                throw new AssertionError(what + " within " + timeout);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        for (Peer peer : all) {
            peer.channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One client connection: its upgrade request, the frames it sent, the packets it sent. */
    public final class Peer {
        private final Channel channel;
        private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        private final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
        private final List<String> texts = new CopyOnWriteArrayList<>();
        private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile UpgradeRequest upgradeRequest;

        Peer(Channel channel) {
            this.channel = channel;
        }

        // ---- pipeline ----------------------------------------------------------------------------

        /** First in the pipeline: copies the raw inbound bytes; arms the ping that rides with the 101. */
        ChannelDuplexHandler wireRecorder() {
            return new ChannelDuplexHandler() {
                private boolean firstWrite = true;

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof ByteBuf) {
                        ByteBuf buf = (ByteBuf) msg;
                        byte[] copy = ByteBufUtil.getBytes(buf, buf.readerIndex(), buf.readableBytes());
                        synchronized (wire) {
                            wire.write(copy, 0, copy.length);
                        }
                    }
                    ctx.fireChannelRead(msg);
                }

                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                    byte[] ping = pingWithUpgrade;
                    if (firstWrite && msg instanceof ByteBuf && ((ByteBuf) msg).isReadable()) {
                        firstWrite = false;
                        if (ping != null && upgradeRequest != null && refusal == null) {
                            ByteBuf response = (ByteBuf) msg;
                            ByteBuf both = ctx.alloc().buffer(response.readableBytes() + 2 + ping.length);
                            both.writeBytes(response);
                            response.release();
                            both.writeByte(0x89).writeByte(ping.length).writeBytes(ping); // FIN, ping, unmasked
                            ctx.write(both, promise);
                            return;
                        }
                    }
                    ctx.write(msg, promise);
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                    closed.countDown();
                    ctx.fireChannelInactive();
                }
            };
        }

        /** Before the WebSocket handler: records the request, and refuses it if told to. */
        ChannelInboundHandlerAdapter upgradeRecorder() {
            return new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (!(msg instanceof FullHttpRequest)) {
                        ctx.fireChannelRead(msg);
                        return;
                    }
                    FullHttpRequest request = (FullHttpRequest) msg;
                    UpgradeRequest recorded = new UpgradeRequest(request);
                    upgradeRequest = recorded;
                    upgrades.add(recorded);
                    HttpResponseStatus status = refusal;
                    if (status == null) {
                        ctx.fireChannelRead(request);
                        return;
                    }
                    request.release();
                    respondAndClose(ctx, status);
                }

            };
        }

        /** After the WebSocket handler: frame payloads to the MQTT decoder; pongs and texts recorded. */
        ChannelInboundHandlerAdapter frameHandler() {
            return new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
                        WebSocketFrame frame = (WebSocketFrame) msg;
                        ByteBuf content = frame.content().retain();
                        frame.release();
                        ctx.fireChannelRead(content);
                    } else if (msg instanceof PongWebSocketFrame) {
                        PongWebSocketFrame pong = (PongWebSocketFrame) msg;
                        pongs.add(ByteBufUtil.getBytes(pong.content()));
                        pong.release();
                    } else if (msg instanceof TextWebSocketFrame) {
                        TextWebSocketFrame text = (TextWebSocketFrame) msg;
                        texts.add(text.text());
                        text.release();
                    } else if (msg instanceof FullHttpRequest) {
                        // not the WebSocket path
                        ((FullHttpRequest) msg).release();
                        respondAndClose(ctx, HttpResponseStatus.NOT_FOUND);
                    } else {
                        ReferenceCountUtil.release(msg);
                    }
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                        accepted.add(Peer.this);
                    }
                    ctx.fireUserEventTriggered(evt);
                }
            };
        }

        /** Last: decoded MQTT packets (and decode failures) queue up for the test. */
        ChannelInboundHandlerAdapter packetHandler() {
            return new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    received.add(msg);
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    if (cause instanceof DecodeException) {
                        received.add(cause);
                    } else {
                        received.add(cause);
                        ctx.close();
                    }
                }
            };
        }

        private void respondAndClose(ChannelHandlerContext ctx, HttpResponseStatus status) {
            ByteBuf body = Unpooled.copiedBuffer("scripted refusal: " + status, CharsetUtil.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            HttpUtil.setContentLength(response, body.readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        // ---- what the client sent ----------------------------------------------------------------

        /** The upgrade request of this connection. */
        public UpgradeRequest upgradeRequest() {
            return upgradeRequest;
        }

        /** The next MQTT packet (or decode failure) the client sent, within {@code timeout}. */
        public Object next(Duration timeout) {
            try {
                Object msg = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (msg == null) {
                    throw new AssertionError("the client sent no packet within " + timeout
                            + (closed.getCount() == 0 ? " (connection closed)" : ""));
                }
                return msg;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        public <T> T expect(Class<T> type) {
            Object msg = next(Duration.ofSeconds(10));
            if (!type.isInstance(msg)) {
                throw new AssertionError("expected " + type.getSimpleName() + " but the client sent " + msg);
            }
            return type.cast(msg);
        }

        /** Reads the CONNECT and accepts it with a plain CONNACK (one frame). */
        public ConnectPacket handshake() {
            ConnectPacket connect = expect(ConnectPacket.class);
            send(ConnAckPacket.builder().build());
            return connect;
        }

        /** The headers of every frame the client sent so far, parsed from the raw bytes after the request. */
        public List<FrameHeader> clientFrames() {
            byte[] bytes;
            synchronized (wire) {
                bytes = wire.toByteArray();
            }
            int at = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            List<FrameHeader> frames = new ArrayList<>();
            if (at < 0) {
                return frames;
            }
            at += 4;
            while (at + 2 <= bytes.length) {
                int b0 = bytes[at] & 0xFF;
                int b1 = bytes[at + 1] & 0xFF;
                int p = at + 2;
                long length = b1 & 0x7F;
                if (length == 126) {
                    if (p + 2 > bytes.length) {
                        break;
                    }
                    length = ((bytes[p] & 0xFF) << 8) | (bytes[p + 1] & 0xFF);
                    p += 2;
                } else if (length == 127) {
                    if (p + 8 > bytes.length) {
                        break;
                    }
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | (bytes[p + i] & 0xFF);
                    }
                    p += 8;
                }
                boolean masked = (b1 & 0x80) != 0;
                if (masked) {
                    p += 4;
                }
                if (p + length > bytes.length) {
                    break; // not all here yet
                }
                frames.add(new FrameHeader((b0 & 0x80) != 0, b0 & 0x0F, masked, length));
                at = (int) (p + length);
            }
            return frames;
        }

        private int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        /** The payload of the next pong the client sent, within {@code timeout}. */
        public byte[] awaitPong(Duration timeout) {
            return poll(pongs, timeout, "no pong from the client");
        }

        /** Text frames the client sent (it never should). */
        public List<String> texts() {
            return List.copyOf(texts);
        }

        // ---- what the server sends ---------------------------------------------------------------

        /** Sends {@code message} (an MQTT message Tern's encoder takes) in one binary frame. */
        public void send(Object message) {
            sendInOneFrame(message);
        }

        /** Sends all {@code messages} back to back in a single binary frame. */
        public void sendInOneFrame(Object... messages) {
            sendFrames(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(encode(messages))));
        }

        /**
         * Sends the bytes of {@code messages}, back to back, cut every {@code pieceSize} bytes into a
         * binary frame with FIN clear followed by continuation frames (FIN on the last): one fragmented
         * WebSocket message.
         */
        public void sendAcrossContinuationFrames(int pieceSize, Object... messages) {
            List<byte[]> pieces = cut(encode(messages), pieceSize);
            List<WebSocketFrame> frames = new ArrayList<>();
            for (int i = 0; i < pieces.size(); i++) {
                boolean fin = i == pieces.size() - 1;
                ByteBuf piece = Unpooled.wrappedBuffer(pieces.get(i));
                frames.add(i == 0 ? new BinaryWebSocketFrame(fin, 0, piece) : new ContinuationWebSocketFrame(fin, 0, piece));
            }
            sendFrames(frames.toArray(new WebSocketFrame[0]));
        }

        /** As above, but each piece is a complete binary frame of its own (FIN set on all). */
        public void sendAcrossBinaryFrames(int pieceSize, Object... messages) {
            List<WebSocketFrame> frames = new ArrayList<>();
            for (byte[] piece : cut(encode(messages), pieceSize)) {
                frames.add(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(piece)));
            }
            sendFrames(frames.toArray(new WebSocketFrame[0]));
        }

        /** Writes {@code frames} in order, flushes once, and waits until they are written. */
        public void sendFrames(WebSocketFrame... frames) {
            ChannelFuture last = null;
            for (WebSocketFrame frame : frames) {
                last = channel.write(frame);
            }
            channel.flush();
            if (last != null) {
                last.syncUninterruptibly();
            }
        }

        public void sendText(String text) {
            sendFrames(new TextWebSocketFrame(text));
        }

        public void sendPing(byte[] payload) {
            sendFrames(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload.clone())));
        }

        public void sendClose(int statusCode, String reason) {
            sendFrames(new CloseWebSocketFrame(statusCode, reason));
        }

        /** Closes the TCP connection (FIN) without a close frame. */
        public void close() {
            channel.close().syncUninterruptibly();
        }

        /** Whether the connection was closed (by either side) within {@code timeout}. */
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

    private static byte[] encode(Object... messages) {
        byte[][] parts = new byte[messages.length][];
        for (int i = 0; i < messages.length; i++) {
            parts[i] = CodecFixture.encode(messages[i]);
        }
        return CodecFixture.concat(parts);
    }

    private static List<byte[]> cut(byte[] bytes, int pieceSize) {
        if (pieceSize < 1) {
            throw new IllegalArgumentException("pieceSize " + pieceSize);
        }
        List<byte[]> pieces = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += pieceSize) {
            pieces.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + pieceSize)));
        }
        return pieces;
    }
}
