package dev.tern.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An MQTT 5 server that costs as little as a server can, so that a throughput run measures the client alone:
 * plain java.nio, one selector thread, one shared read buffer and one output buffer per connection, no
 * allocation per message. It answers CONNECT (CONNACK with a configurable Receive Maximum and Topic Alias
 * Maximum 0), SUBSCRIBE (granting the requested QoS), PUBLISH QoS 1 with PUBACK at once (all the PUBACKs of
 * one read go out in one write), PINGREQ; it discards QoS 0 messages and closes on DISCONNECT. It counts
 * the PUBLISH packets received.
 *
 * <p>A second port is the control channel: each line sent to it (any text, ending in {@code \n}) is answered
 * with the number of PUBLISH packets received so far, in decimal, and {@code \n}. Benchmark workers in
 * other JVMs use it to see when the sink has really received every QoS 0 message.
 *
 * <p>Runs in the runner's JVM (or its own, with {@link #main}), never in the JVM of the client measured.
 */
public final class ZeroCostSink implements AutoCloseable {

    public static final int DEFAULT_RECEIVE_MAXIMUM = 1024;

    private static final int READ_BUFFER = 64 * 1024;
    private static final int OUT_BUFFER = 2 * READ_BUFFER + FrameResponder.OUTPUT_HEADROOM;

    private final int receiveMaximum;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final ServerSocketChannel control;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private final AtomicLong publishes = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    private ZeroCostSink(int port, int controlPort, int receiveMaximum) throws IOException {
        this.receiveMaximum = receiveMaximum;
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT, "mqtt");
        control = ServerSocketChannel.open();
        control.bind(new InetSocketAddress("127.0.0.1", controlPort), 16);
        control.configureBlocking(false);
        control.register(selector, SelectionKey.OP_ACCEPT, "control");
        thread = new Thread(this::run, "zero-cost-sink");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a sink on free loopback ports with the default Receive Maximum. */
    public static ZeroCostSink start() {
        return start(0, 0, DEFAULT_RECEIVE_MAXIMUM);
    }

    /** Starts a sink; port 0 picks a free port. */
    public static ZeroCostSink start(int port, int controlPort, int receiveMaximum) {
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("receiveMaximum must be 1..65535: " + receiveMaximum);
        }
        try {
            return new ZeroCostSink(port, controlPort, receiveMaximum);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    public int controlPort() {
        return control.socket().getLocalPort();
    }

    /** {@return the number of PUBLISH packets received, on all connections, since the start} */
    public long publishesReceived() {
        return publishes.get();
    }

    /** {@return the number of MQTT connections accepted since the start} */
    public long connectionsAccepted() {
        return connections.get();
    }

    /** Asks a sink's control channel for its count. */
    public static long queryCount(String host, int controlPort) throws IOException {
        try (SinkControl c = new SinkControl(host, controlPort)) {
            return c.count();
        }
    }

    private static final class Connection {
        final FrameResponder responder;
        final ByteBuffer out = ByteBuffer.allocateDirect(OUT_BUFFER);
        boolean closeAfterFlush;

        Connection(int receiveMaximum) {
            responder = FrameResponder.server(receiveMaximum);
        }
    }

    private static final class Control {
        final ByteBuffer in = ByteBuffer.allocate(256);
        ByteBuffer out = ByteBuffer.allocate(0);
    }

    private void run() {
        try {
            while (running) {
                selector.select(500);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    try {
                        handle(key);
                    } catch (IOException | RuntimeException e) {
                        closeKey(key);
                    }
                }
            }
        } catch (IOException e) {
            // selector failed: stop
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeKey(key);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing
            }
            stopped.countDown();
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        Object attachment = key.attachment();
        if (key.isAcceptable()) {
            SocketChannel channel = ((ServerSocketChannel) key.channel()).accept();
            if (channel == null) {
                return;
            }
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if ("mqtt".equals(attachment)) {
                connections.incrementAndGet();
                channel.register(selector, SelectionKey.OP_READ, new Connection(receiveMaximum));
            } else {
                channel.register(selector, SelectionKey.OP_READ, new Control());
            }
            return;
        }
        if (attachment instanceof Connection) {
            handleConnection(key, (Connection) attachment);
        } else if (attachment instanceof Control) {
            handleControl(key, (Control) attachment);
        }
    }

    private void handleConnection(SelectionKey key, Connection c) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        if (key.isReadable() && c.out.remaining() >= READ_BUFFER + FrameResponder.OUTPUT_HEADROOM) {
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                closeKey(key);
                return;
            }
            readBuffer.flip();
            long before = c.responder.publishes;
            boolean open = c.responder.feed(readBuffer, c.out);
            long received = c.responder.publishes - before;
            if (received > 0) {
                publishes.addAndGet(received);
            }
            if (!open) {
                c.closeAfterFlush = true;
            }
        }
        flush(key, channel, c);
    }

    private void flush(SelectionKey key, SocketChannel channel, Connection c) throws IOException {
        if (c.out.position() > 0) {
            c.out.flip();
            channel.write(c.out);
            c.out.compact();
        }
        boolean pending = c.out.position() > 0;
        if (!pending && c.closeAfterFlush) {
            closeKey(key);
            return;
        }
        int ops = 0;
        if (!c.closeAfterFlush && c.out.remaining() >= READ_BUFFER + FrameResponder.OUTPUT_HEADROOM) {
            ops |= SelectionKey.OP_READ;
        }
        if (pending) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void handleControl(SelectionKey key, Control c) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        if (key.isReadable()) {
            int n = channel.read(c.in);
            if (n < 0) {
                closeKey(key);
                return;
            }
            c.in.flip();
            int lines = 0;
            while (c.in.hasRemaining()) {
                if (c.in.get() == '\n') {
                    lines++;
                }
            }
            c.in.clear();
            if (lines > 0) {
                byte[] answer = (publishes.get() + "\n").getBytes(StandardCharsets.US_ASCII);
                ByteBuffer out = ByteBuffer.allocate(c.out.remaining() + answer.length * lines);
                out.put(c.out);
                for (int i = 0; i < lines; i++) {
                    out.put(answer);
                }
                out.flip();
                c.out = out;
            }
        }
        if (c.out.hasRemaining()) {
            channel.write(c.out);
        }
        key.interestOps(SelectionKey.OP_READ | (c.out.hasRemaining() ? SelectionKey.OP_WRITE : 0));
    }

    private static void closeKey(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a sink on its own: {@code ZeroCostSink [port [controlPort [receiveMaximum]]]}. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int controlPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int receiveMaximum = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_RECEIVE_MAXIMUM;
        ZeroCostSink sink = start(port, controlPort, receiveMaximum);
        System.out.println("{\"port\":" + sink.port() + ",\"controlPort\":" + sink.controlPort() + "}");
        Thread.currentThread().join();
    }
}
