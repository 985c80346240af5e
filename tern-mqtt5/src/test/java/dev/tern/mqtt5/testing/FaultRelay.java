package dev.tern.mqtt5.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback that injects faults between a client and a server, controllable while it runs.
 *
 * <p>Each relayed connection has, per direction, a reader thread (socket to queue) and a writer thread
 * (queue to socket), so a delay applies to each chunk from the moment it was read without limiting
 * throughput. Faults:
 * <ul>
 *   <li>{@link #latency}: each chunk is written no earlier than this long after it was read, per direction;</li>
 *   <li>{@link #bandwidth}: each direction of each connection is paced to at most this many bytes/s;</li>
 *   <li>{@link #reset()}: every relayed connection is closed with RST on both sides;</li>
 *   <li>{@link #blackhole}: half-open; bytes from either side are read and dropped, an end of stream is not
 *   passed on, connections stay open;</li>
 *   <li>{@link #splitWrites}: every chunk is forwarded one byte per write (TCP_NODELAY is on);</li>
 *   <li>{@link #refuse}: new connections are accepted and closed at once, as a down server;</li>
 *   <li>{@link #stallUpstream}: the relay stops reading what the client sends (a server that stops
 *   reading): the client's socket buffers fill and TCP pushes back; nothing is lost, it flows on when
 *   released.</li>
 * </ul>
 * Threads ({@code fault-relay-<port>-…}) are daemons and bounded: one acceptor plus four per connection, at most
 * {@link #MAX_CONNECTIONS} connections (more are refused). {@link #close()} ends them all.
 */
public final class FaultRelay implements AutoCloseable {

    /** Most connections relayed at once; further ones are closed at once. */
    public static final int MAX_CONNECTIONS = 16;

    private static final int CHUNK = 16 * 1024;
    private static final byte[] EOF = new byte[0];

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile long latencyUpNanos;
    private volatile long latencyDownNanos;
    private volatile long bytesPerSecond;
    private volatile boolean blackhole;
    private volatile boolean splitWrites;
    private volatile boolean refuse;
    private volatile boolean stallUpstream;
    private final Object stallLock = new Object();

    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final AtomicLong bytesDropped = new AtomicLong();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicInteger connectionSeq = new AtomicInteger();

    private FaultRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "fault-relay-" + server.getLocalPort() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A relay on an ephemeral loopback port to {@code 127.0.0.1:targetPort}. */
    public static FaultRelay to(int targetPort) {
        try {
            return new FaultRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the port clients connect to} */
    public int port() {
        return server.getLocalPort();
    }

    // ---- controls ---------------------------------------------------------------------------------------

    /** Delays client-to-server chunks by {@code upMillis} and server-to-client chunks by {@code downMillis}. */
    public FaultRelay latency(long upMillis, long downMillis) {
        latencyUpNanos = TimeUnit.MILLISECONDS.toNanos(upMillis);
        latencyDownNanos = TimeUnit.MILLISECONDS.toNanos(downMillis);
        return this;
    }

    /** Paces each direction of each connection to {@code bytesPerSecond}; 0 for no limit. */
    public FaultRelay bandwidth(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond must not be negative");
        }
        this.bytesPerSecond = bytesPerSecond;
        return this;
    }

    /** Drops every byte either way (and withholds end of stream) while on; connections stay open. */
    public FaultRelay blackhole(boolean on) {
        blackhole = on;
        return this;
    }

    /** Forwards every chunk one byte per write while on. */
    public FaultRelay splitWrites(boolean on) {
        splitWrites = on;
        return this;
    }

    /** Stops reading from the client while on (TCP back-pressure on the client); reading resumes when off. */
    public FaultRelay stallUpstream(boolean on) {
        synchronized (stallLock) {
            stallUpstream = on;
            stallLock.notifyAll();
        }
        return this;
    }

    /** Accepts and at once closes new connections while on. */
    public FaultRelay refuse(boolean on) {
        refuse = on;
        return this;
    }

    /** Closes every relayed connection with RST (SO_LINGER 0) on both sides; returns how many. */
    public int reset() {
        int n = 0;
        for (Connection c : connections) {
            if (c.close(true)) {
                n++;
            }
        }
        resets.addAndGet(n);
        return n;
    }

    // ---- counters ---------------------------------------------------------------------------------------

    /** {@return bytes handed to the server's socket} */
    public long bytesUp() {
        return bytesUp.get();
    }

    /** {@return bytes handed to the client's socket} */
    public long bytesDown() {
        return bytesDown.get();
    }

    /** {@return bytes read and dropped by the black hole} */
    public long bytesDropped() {
        return bytesDropped.get();
    }

    /** {@return connections accepted and relayed} */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** {@return connections accepted and closed at once (refusing, too many, or server unreachable)} */
    public int connectionsRefused() {
        return refused.get();
    }

    /** {@return connections closed by {@link #reset()}} */
    public int connectionsReset() {
        return resets.get();
    }

    /** {@return connections relayed now} */
    public int activeConnections() {
        return connections.size();
    }

    @Override
    public String toString() {
        return "FaultRelay{port=" + port() + ", accepted=" + accepted + ", refused=" + refused + ", reset=" + resets
                + ", active=" + connections.size() + ", up=" + bytesUp + ", down=" + bytesDown + ", dropped="
                + bytesDropped + "}";
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        List<Thread> threads = new ArrayList<>();
        threads.add(acceptor);
        for (Connection c : connections) {
            c.close(true);
            threads.addAll(Arrays.asList(c.threads));
        }
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- relaying ---------------------------------------------------------------------------------------

    private void acceptLoop() {
        while (!closed.get()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                continue;
            }
            if (refuse || connections.size() >= MAX_CONNECTIONS) {
                refused.incrementAndGet();
                closeQuietly(client, false);
                continue;
            }
            Socket upstream = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(target, 2_000);
            } catch (IOException e) {
                refused.incrementAndGet();
                closeQuietly(client, false);
                closeQuietly(upstream, false);
                continue;
            }
            accepted.incrementAndGet();
            Connection c = new Connection(client, upstream, port() + "-" + connectionSeq.incrementAndGet());
            connections.add(c);
            if (closed.get()) {
                c.close(true);
            }
            c.start();
        }
    }

    private static void closeQuietly(Socket socket, boolean rst) {
        try {
            if (rst && !socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (SocketException ignored) {
            // already gone
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private final class Connection {
        final Socket client;
        final Socket upstream;
        final Thread[] threads;
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicInteger directionsEnded = new AtomicInteger();

        Connection(Socket client, Socket upstream, String id) {
            this.client = client;
            this.upstream = upstream;
            BlockingQueue<Chunk> up = new ArrayBlockingQueue<>(64);
            BlockingQueue<Chunk> down = new ArrayBlockingQueue<>(64);
            threads = new Thread[] {
                thread(() -> read(client, up, true), "fault-relay-" + id + "-read-up"),
                thread(() -> write(up, upstream, true), "fault-relay-" + id + "-write-up"),
                thread(() -> read(upstream, down, false), "fault-relay-" + id + "-read-down"),
                thread(() -> write(down, client, false), "fault-relay-" + id + "-write-down"),
            };
        }

        private Thread thread(Runnable r, String name) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }

        void start() {
            for (Thread t : threads) {
                t.start();
            }
        }

        /** Closes both sockets (with RST if asked) and stops the threads; false if already closed. */
        boolean close(boolean rst) {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            connections.remove(this);
            closeQuietly(client, rst);
            closeQuietly(upstream, rst);
            for (Thread t : threads) {
                if (t != Thread.currentThread()) {
                    t.interrupt();
                }
            }
            return true;
        }

        private void directionEnded() {
            if (directionsEnded.incrementAndGet() == 2) {
                close(false);
            }
        }

        private void read(Socket from, BlockingQueue<Chunk> queue, boolean up) {
            byte[] buffer = new byte[CHUNK];
            try {
                InputStream in = from.getInputStream();
                while (!done.get()) {
                    if (up && stallUpstream) {
                        synchronized (stallLock) {
                            while (stallUpstream && !done.get()) {
                                stallLock.wait(); // released by stallUpstream(false); close() interrupts
                            }
                        }
                    }
                    int n = in.read(buffer);
                    if (n < 0) {
                        if (blackhole) {
                            // a black hole passes nothing on, not even the end of the stream
                            directionEnded();
                            return;
                        }
                        put(queue, new Chunk(EOF, System.nanoTime()));
                        return;
                    }
                    if (blackhole) {
                        bytesDropped.addAndGet(n);
                        continue;
                    }
                    put(queue, new Chunk(Arrays.copyOf(buffer, n), System.nanoTime()));
                }
            } catch (IOException | InterruptedException e) {
                close(true);
            }
        }

        private void put(BlockingQueue<Chunk> queue, Chunk chunk) throws InterruptedException {
            while (!done.get()) {
                if (queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }

        private void write(BlockingQueue<Chunk> queue, Socket to, boolean up) {
            long paceNanos = System.nanoTime();
            try {
                OutputStream out = to.getOutputStream();
                while (!done.get()) {
                    Chunk chunk = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (chunk == null) {
                        continue;
                    }
                    long due = chunk.readNanos + (up ? latencyUpNanos : latencyDownNanos);
                    sleepUntil(due);
                    if (chunk.bytes == EOF) {
                        if (!blackhole) {
                            to.shutdownOutput();
                        }
                        directionEnded();
                        return;
                    }
                    if (blackhole) {
                        bytesDropped.addAndGet(chunk.bytes.length);
                        continue;
                    }
                    byte[] bytes = chunk.bytes;
                    int step = splitWrites ? 1 : bytes.length;
                    long rate = bytesPerSecond;
                    if (rate > 0) {
                        step = (int) Math.max(1, Math.min(step, rate / 20));
                    }
                    for (int off = 0; off < bytes.length; off += step) {
                        int len = Math.min(step, bytes.length - off);
                        rate = bytesPerSecond;
                        if (rate > 0) {
                            paceNanos = Math.max(paceNanos, System.nanoTime()) + len * 1_000_000_000L / rate;
                            sleepUntil(paceNanos);
                        }
                        // counted before the write, so that a peer that has read the bytes sees them counted
                        (up ? bytesUp : bytesDown).addAndGet(len);
                        out.write(bytes, off, len);
                        out.flush();
                    }
                }
            } catch (IOException | InterruptedException e) {
                close(true);
            }
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private record Chunk(byte[] bytes, long readNanos) {
    }
}
