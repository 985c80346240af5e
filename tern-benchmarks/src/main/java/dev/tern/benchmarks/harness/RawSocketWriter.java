package dev.tern.benchmarks.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The physical reference: MQTT over a blocking socket with everything pre-encoded, as fast as the socket
 * takes it. Not a client library — no session, no validation, no futures — and so the upper bound of what
 * any client could do on this machine. The harness reports it as the "raw socket" row of the throughput
 * workload.
 *
 * <p>One instance is one connection with a reader thread that counts what arrives (CONNACK, SUBACK,
 * PUBACK, PUBLISH) and answers incoming QoS 1 PUBLISH packets with PUBACK. As a publisher it writes
 * batches of pre-encoded PUBLISH frames; at QoS 1 it patches the packet identifier in place (cycling through
 * 1..65535, which is safe because both the sink and Mosquitto acknowledge in order) and keeps at most the
 * window unacknowledged. As a subscriber it counts messages and the time of the last one.
 */
final class RawSocketWriter implements AutoCloseable {

    private static final int BATCH_BYTES = 64 * 1024;
    private static final long DRAIN_NANOS = 15_000_000_000L;

    private final SocketChannel channel;
    private final FrameResponder responder = FrameResponder.client();
    private final Thread reader;
    private final Object writeLock = new Object();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong connAcks = new AtomicLong();
    private final AtomicLong subAcks = new AtomicLong();
    private volatile long lastReceiveNanos;
    private volatile int receiveMaximum = 65_535;
    private volatile Thread waiter;
    private volatile Throwable failure;
    private int nextPacketId;

    private RawSocketWriter(SocketChannel channel) {
        this.channel = channel;
        reader = new Thread(this::readLoop, "raw-socket-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static RawSocketWriter connect(String host, int port, String clientId, Duration timeout) throws Exception {
        SocketChannel channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(new InetSocketAddress(host, port));
        RawSocketWriter writer = new RawSocketWriter(channel);
        writer.write(ByteBuffer.wrap(Frames.connect(clientId, 60)));
        writer.await(writer.connAcks, 1, timeout, "CONNACK");
        return writer;
    }

    int serverReceiveMaximum() {
        return receiveMaximum;
    }

    void subscribe(String topic, int qos, Duration timeout) throws Exception {
        long before = subAcks.get();
        write(ByteBuffer.wrap(Frames.subscribe(1, topic, qos)));
        await(subAcks, before + 1, timeout, "SUBACK");
    }

    long received() {
        return received.get();
    }

    long lastReceiveNanos() {
        return lastReceiveNanos;
    }

    /**
     * Publishes up to {@code count} messages, sending none after {@code deadlineNanos}, and returns how many
     * completed: written at QoS 0; acknowledged at QoS 1, waiting (at most 15 s) for the PUBACKs of all sent.
     */
    long publish(String topic, byte[] payload, int qos, long count, int window, long deadlineNanos)
            throws IOException {
        int frameSize = Frames.publishSize(topic, payload.length, qos);
        int perBatch = Math.max(1, BATCH_BYTES / frameSize);
        ByteBuffer batch = ByteBuffer.allocateDirect(perBatch * frameSize);
        int[] pidOffsets = new int[perBatch];
        for (int i = 0; i < perBatch; i++) {
            pidOffsets[i] = Frames.putPublish(batch, topic, payload, qos, 0);
        }
        long ackBase = acks.get();
        long sent = 0;
        waiter = Thread.currentThread();
        try {
            while (System.nanoTime() - deadlineNanos < 0) {
                checkFailure();
                long acked = acks.get() - ackBase;
                if (qos == 0 ? sent >= count : acked >= count) {
                    break;
                }
                long room = qos == 0 ? Long.MAX_VALUE : window - (sent - acked);
                int n = (int) Math.min(Math.min(room, count - sent), perBatch);
                if (n <= 0) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                batch.clear();
                if (qos > 0) {
                    for (int i = 0; i < n; i++) {
                        nextPacketId = nextPacketId % 65_535 + 1;
                        batch.putShort(pidOffsets[i], (short) nextPacketId);
                    }
                }
                batch.limit(n * frameSize).position(0);
                write(batch);
                sent += n;
            }
            // At the deadline, what was sent is still acknowledged before returning: no PUBACK of this call
            // may count in the next one.
            long drainDeadline = System.nanoTime() + DRAIN_NANOS;
            while (qos > 0 && acks.get() - ackBase < sent && System.nanoTime() - drainDeadline < 0) {
                checkFailure();
                LockSupport.parkNanos(1_000_000);
            }
        } finally {
            waiter = null;
        }
        return qos == 0 ? sent : Math.min(sent, acks.get() - ackBase);
    }

    private void write(ByteBuffer buffer) throws IOException {
        synchronized (writeLock) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private void await(AtomicLong counter, long target, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counter.get() < target) {
            checkFailure();
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("no " + what + " within " + timeout);
            }
            Thread.sleep(1);
        }
    }

    private void checkFailure() throws IOException {
        Throwable f = failure;
        if (f != null) {
            throw new IOException("connection failed: " + f, f);
        }
    }

    private void readLoop() {
        ByteBuffer in = ByteBuffer.allocateDirect(BATCH_BYTES);
        ByteBuffer out = ByteBuffer.allocateDirect(BATCH_BYTES + FrameResponder.OUTPUT_HEADROOM);
        try {
            while (true) {
                in.clear();
                if (channel.read(in) < 0) {
                    failure = new IOException("closed by the server");
                    break;
                }
                in.flip();
                out.clear();
                long publishesBefore = responder.publishes;
                responder.feed(in, out);
                if (responder.publishes != publishesBefore) {
                    lastReceiveNanos = System.nanoTime();
                    received.set(responder.publishes);
                }
                if (responder.connAcks != connAcks.get()) {
                    receiveMaximum = responder.receiveMaximum;
                    connAcks.set(responder.connAcks);
                }
                subAcks.set(responder.subAcks);
                if (responder.pubAcks != acks.get()) {
                    acks.set(responder.pubAcks);
                    Thread w = waiter;
                    if (w != null) {
                        LockSupport.unpark(w);
                    }
                }
                if (out.position() > 0) {
                    out.flip();
                    write(out);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (channel.isOpen()) {
                failure = e;
            }
        } finally {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /** Sends DISCONNECT and closes. */
    void disconnect() {
        try {
            write(ByteBuffer.wrap(Frames.disconnect()));
        } catch (IOException ignored) {
            // closing anyway
        }
        close();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing
        }
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
