package dev.tern.benchmarks.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one (client, workload, parameters) and prints one JSON line on stdout: the result, or an object with
 * an {@code error} field. Meant to run in a JVM of its own, started by {@link BenchRunner}; everything else
 * the libraries print goes to stderr.
 *
 * <p>Arguments are {@code --name value} pairs: {@code --client} (an adapter name or {@code raw}),
 * {@code --workload} ({@code throughput}, {@code latency}, {@code connect}, {@code idle}), {@code --host},
 * {@code --port}, {@code --target} ({@code sink} or {@code mosquitto}), {@code --sink-control-port},
 * {@code --qos}, {@code --payload}, {@code --warmup-messages}, {@code --warmup-seconds}, {@code --messages},
 * {@code --max-seconds}, {@code --connects}, {@code --warmup-connects}, {@code --connections},
 * {@code --settle-seconds}, {@code --timeout-seconds}. See {@code docs/benchmarks.md}.
 */
public final class BenchWorker {

    static final String TOPIC = "bench/topic";
    static final int QOS0_MAX_OUTSTANDING = 10_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, String> args;
    private final Map<String, Object> result = new LinkedHashMap<>();

    BenchWorker(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) {
        PrintStream stdout = System.out;
        System.setOut(System.err); // only the result line goes to the real stdout
        Map<String, String> args = parseArgs(argv);
        long timeoutSeconds = Long.parseLong(args.getOrDefault("timeout-seconds", "300"));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(timeoutSeconds));
            } catch (InterruptedException e) {
                return;
            }
            Map<String, Object> error = header(args);
            error.put("error", "worker timed out after " + timeoutSeconds + " s");
            stdout.println(Json.write(error));
            stdout.flush();
            Runtime.getRuntime().halt(3);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Map<String, Object> out = new BenchWorker(args).run();
        stdout.println(Json.write(out));
        stdout.flush();
        // Libraries may leave non-daemon threads behind: the result is out, so end here.
        Runtime.getRuntime().halt(out.containsKey("error") ? 1 : 0);
    }

    static Map<String, String> parseArgs(String[] argv) {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(argv));
            }
            args.put(argv[i].substring(2), argv[++i]);
        }
        return args;
    }

    private static Map<String, Object> header(Map<String, String> args) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("client", args.get("client"));
        h.put("workload", args.get("workload"));
        String workload = args.getOrDefault("workload", "");
        if (workload.equals("throughput")) {
            h.put("target", args.getOrDefault("target", "sink"));
            h.put("qos", Integer.parseInt(args.getOrDefault("qos", "1")));
            h.put("payload", Integer.parseInt(args.getOrDefault("payload", "64")));
        }
        return h;
    }

    /** Runs the workload; never throws. */
    Map<String, Object> run() {
        result.putAll(header(args));
        try {
            switch (args.get("workload")) {
                case "throughput":
                    throughput();
                    break;
                case "latency":
                    latency();
                    break;
                case "connect":
                    connect();
                    break;
                case "idle":
                    idle();
                    break;
                default:
                    throw new IllegalArgumentException("unknown workload: " + args.get("workload"));
            }
        } catch (Throwable e) {
            result.put("error", e.toString());
        }
        return result;
    }

    private String str(String name, String dflt) {
        return args.getOrDefault(name, dflt);
    }

    private int integer(String name, int dflt) {
        return Integer.parseInt(args.getOrDefault(name, Integer.toString(dflt)));
    }

    private double seconds(String name, double dflt) {
        return Double.parseDouble(args.getOrDefault(name, Double.toString(dflt)));
    }

    private static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }

    private static String clientId(String role) {
        return "bench-" + role + "-" + ProcessHandle.current().pid();
    }

    // ---------------------------------------------------------------------------------------------------
    // throughput

    /** The publishing side of a throughput run. */
    private interface Driver extends AutoCloseable {
        /** Issues up to {@code n} messages before the deadline; returns how many were issued. */
        long issue(long n, long deadlineNanos) throws Exception;

        /** Waits until everything issued has completed; false at the deadline. */
        boolean awaitCompletions(long deadlineNanos) throws InterruptedException;

        long completedOk();

        long errors();

        long lastCompletionNanos();

        String firstError();

        int window();

        int serverReceiveMaximum();

        @Override
        void close();
    }

    /** The receiving side: a subscriber connection (Mosquitto) or the sink's counter. */
    private interface Receiver extends AutoCloseable {
        long received() throws IOException;

        long lastReceiveNanos();

        @Override
        void close();
    }

    private void throughput() throws Exception {
        String client = str("client", "tern");
        String target = str("target", "sink");
        String host = str("host", "127.0.0.1");
        int port = integer("port", 1883);
        int qos = integer("qos", 1);
        byte[] payload = new byte[integer("payload", 64)];
        Arrays.fill(payload, (byte) 'x');
        if (!target.equals("sink") && !target.equals("mosquitto")) {
            throw new IllegalArgumentException("unknown target: " + target);
        }
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("qos must be 0 or 1");
        }
        boolean raw = client.equals("raw");
        Receiver receiver = null;
        Driver driver = null;
        try {
            if (target.equals("mosquitto")) {
                receiver = raw ? rawSubscriber(host, port, qos) : librarySubscriber(client, host, port, qos);
            } else {
                receiver = sinkReceiver(host, integer("sink-control-port", 0));
            }
            driver = raw ? rawDriver(host, port, qos, payload) : libraryDriver(client, host, port, qos, payload);
            result.put("serverReceiveMaximum", driver.serverReceiveMaximum());
            result.put("window", driver.window());

            // warm-up
            long warmupStart = System.nanoTime();
            long warmBase = receiver.received();
            long warmIssued = driver.issue(integer("warmup-messages", 50_000),
                    warmupStart + nanos(seconds("warmup-seconds", 2)));
            long drain = System.nanoTime() + nanos(15);
            driver.awaitCompletions(drain);
            awaitReceived(receiver, warmBase + warmIssued, drain, qos);
            result.put("warmupMessages", warmIssued);

            // measured
            long messages = integer("messages", 100_000);
            double maxSeconds = seconds("max-seconds", 20);
            long completedBase = driver.completedOk();
            long errorsBase = driver.errors();
            long received0 = receiver.received();
            Map<Long, Long> alloc0 = allocatedBytes();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            long issued = driver.issue(messages, t0 + nanos(maxSeconds));
            long drainDeadline = System.nanoTime() + nanos(15);
            boolean allCompleted = driver.awaitCompletions(drainDeadline);
            long tEnd;
            long delivered;
            long cpu1;
            Map<Long, Long> alloc1;
            if (target.equals("sink") && qos == 1) {
                cpu1 = processCpuNanos();
                alloc1 = allocatedBytes();
                tEnd = driver.lastCompletionNanos();
                delivered = driver.completedOk() - completedBase;
            } else if (target.equals("sink")) {
                cpu1 = processCpuNanos();
                alloc1 = allocatedBytes();
                awaitReceived(receiver, received0 + issued, drainDeadline, qos);
                tEnd = receiver.lastReceiveNanos();
                delivered = receiver.received() - received0;
            } else {
                awaitReceived(receiver, received0 + issued, drainDeadline, qos);
                cpu1 = processCpuNanos();
                alloc1 = allocatedBytes();
                tEnd = receiver.lastReceiveNanos();
                delivered = receiver.received() - received0;
            }
            double elapsed = Math.max(1, tEnd - t0) / 1e9;
            long errors = driver.errors() - errorsBase;
            result.put("messages", issued);
            result.put("delivered", delivered);
            result.put("lost", Math.max(0, issued - delivered));
            result.put("deliveredRatio", issued == 0 ? 0.0 : (double) delivered / issued);
            result.put("errors", errors);
            if (driver.firstError() != null) {
                result.put("firstError", driver.firstError());
            }
            long counted = Math.min(delivered, issued); // a duplicate (QoS 1 allows them) is not throughput
            result.put("duplicates", Math.max(0, delivered - issued));
            result.put("seconds", elapsed);
            result.put("msgPerSec", counted / elapsed);
            result.put("mbPerSec", counted * (double) payload.length / elapsed / 1e6);
            result.put("cpuMicrosPerMsg", (cpu1 - cpu0) / 1e3 / Math.max(1, issued));
            result.put("allocBytesPerMsg", (double) allocatedDelta(alloc0, alloc1) / Math.max(1, issued));
            result.put("cpuIncludesSubscriber", target.equals("mosquitto"));
            result.put("truncated", issued < messages || !allCompleted);
            if (qos == 1 && issued - delivered > 0) {
                result.put("error", "lost " + (issued - delivered) + " QoS 1 messages");
            }
        } finally {
            if (driver != null) {
                driver.close();
            }
            if (receiver != null) {
                receiver.close();
            }
        }
    }

    /** Waits until the receiver counted {@code target}; QoS 0 also ends after 2 s without progress. */
    private static void awaitReceived(Receiver receiver, long target, long deadlineNanos, int qos)
            throws IOException, InterruptedException {
        long last = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() - deadlineNanos < 0) {
            long now = receiver.received();
            if (now >= target) {
                return;
            }
            if (now != last) {
                last = now;
                lastProgress = System.nanoTime();
            } else if (qos == 0 && System.nanoTime() - lastProgress > nanos(2)) {
                return;
            }
            Thread.sleep(1);
        }
    }

    private Driver libraryDriver(String name, String host, int port, int qos, byte[] payload) throws Exception {
        BenchClient client = BenchClients.create(name);
        try {
            client.connect(host, port, clientId("pub"), CONNECT_TIMEOUT);
        } catch (Exception e) {
            client.close();
            throw e;
        }
        int receiveMaximum = client.serverReceiveMaximum();
        int window = qos == 1 ? Math.min(receiveMaximum, 65_535) : QOS0_MAX_OUTSTANDING;
        Semaphore permits = new Semaphore(window);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long[] lastCompletion = new long[1];
        BenchClient.Completion done = error -> {
            if (error == null) {
                ok.incrementAndGet();
            } else {
                errors.incrementAndGet();
                firstError.compareAndSet(null, error.toString());
            }
            lastCompletion[0] = System.nanoTime(); // published by the semaphore release below
            permits.release();
        };
        return new Driver() {
            @Override
            public long issue(long n, long deadlineNanos) throws InterruptedException {
                long issued = 0;
                while (issued < n) {
                    if (!permits.tryAcquire()) {
                        long wait = deadlineNanos - System.nanoTime();
                        if (wait <= 0 || !permits.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                            break;
                        }
                    } else if ((issued & 1023) == 0 && System.nanoTime() - deadlineNanos > 0) {
                        permits.release();
                        break;
                    }
                    client.publish(TOPIC, payload, qos, done);
                    issued++;
                }
                return issued;
            }

            @Override
            public boolean awaitCompletions(long deadlineNanos) throws InterruptedException {
                long wait = Math.max(0, deadlineNanos - System.nanoTime());
                if (permits.tryAcquire(window, wait, TimeUnit.NANOSECONDS)) {
                    permits.release(window);
                    return true;
                }
                return false;
            }

            @Override
            public long completedOk() {
                return ok.get();
            }

            @Override
            public long errors() {
                return errors.get();
            }

            @Override
            public long lastCompletionNanos() {
                return lastCompletion[0];
            }

            @Override
            public String firstError() {
                return firstError.get();
            }

            @Override
            public int window() {
                return window;
            }

            @Override
            public int serverReceiveMaximum() {
                return receiveMaximum;
            }

            @Override
            public void close() {
                try {
                    client.disconnect(Duration.ofSeconds(5));
                } catch (Exception ignored) {
                    // closing anyway
                }
                client.close();
            }
        };
    }

    private Receiver librarySubscriber(String name, String host, int port, int qos) throws Exception {
        BenchClient client = BenchClients.create(name);
        AtomicLong received = new AtomicLong();
        long[] last = new long[1];
        try {
            client.connect(host, port, clientId("sub"), CONNECT_TIMEOUT);
            client.subscribe(TOPIC, qos, payload -> {
                last[0] = System.nanoTime(); // published by the increment below
                received.incrementAndGet();
            }, CONNECT_TIMEOUT);
        } catch (Exception e) {
            client.close();
            throw e;
        }
        return new Receiver() {
            @Override
            public long received() {
                return received.get();
            }

            @Override
            public long lastReceiveNanos() {
                received.get();
                return last[0];
            }

            @Override
            public void close() {
                try {
                    client.disconnect(Duration.ofSeconds(5));
                } catch (Exception ignored) {
                    // closing anyway
                }
                client.close();
            }
        };
    }

    private Driver rawDriver(String host, int port, int qos, byte[] payload) throws Exception {
        RawSocketWriter writer = RawSocketWriter.connect(host, port, clientId("rawpub"), CONNECT_TIMEOUT);
        int receiveMaximum = writer.serverReceiveMaximum();
        int window = qos == 1 ? Math.min(receiveMaximum, 65_535) : Integer.MAX_VALUE;
        long[] state = new long[2]; // completed, last completion
        return new Driver() {
            @Override
            public long issue(long n, long deadlineNanos) throws IOException {
                long done = writer.publish(TOPIC, payload, qos, n, window, deadlineNanos);
                state[0] += done;
                state[1] = System.nanoTime();
                return done;
            }

            @Override
            public boolean awaitCompletions(long deadlineNanos) {
                return true;
            }

            @Override
            public long completedOk() {
                return state[0];
            }

            @Override
            public long errors() {
                return 0;
            }

            @Override
            public long lastCompletionNanos() {
                return state[1];
            }

            @Override
            public String firstError() {
                return null;
            }

            @Override
            public int window() {
                return window;
            }

            @Override
            public int serverReceiveMaximum() {
                return receiveMaximum;
            }

            @Override
            public void close() {
                writer.disconnect();
            }
        };
    }

    private Receiver rawSubscriber(String host, int port, int qos) throws Exception {
        RawSocketWriter subscriber = RawSocketWriter.connect(host, port, clientId("rawsub"), CONNECT_TIMEOUT);
        try {
            subscriber.subscribe(TOPIC, qos, CONNECT_TIMEOUT);
        } catch (Exception e) {
            subscriber.close();
            throw e;
        }
        return new Receiver() {
            @Override
            public long received() {
                return subscriber.received();
            }

            @Override
            public long lastReceiveNanos() {
                return subscriber.lastReceiveNanos();
            }

            @Override
            public void close() {
                subscriber.disconnect();
            }
        };
    }

    /** The sink's counter, asked over its control channel; the end time is when the count was seen. */
    private static Receiver sinkReceiver(String host, int controlPort) throws IOException {
        SinkControl control = new SinkControl(host, controlPort);
        long[] last = new long[2]; // count, time it was first seen
        return new Receiver() {
            @Override
            public long received() throws IOException {
                long count = control.count();
                if (count != last[0]) {
                    last[0] = count;
                    last[1] = System.nanoTime();
                }
                return count;
            }

            @Override
            public long lastReceiveNanos() {
                return last[1];
            }

            @Override
            public void close() {
                try {
                    control.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        };
    }

    // ---------------------------------------------------------------------------------------------------
    // latency

    private void latency() throws Exception {
        String host = str("host", "127.0.0.1");
        int port = integer("port", 1883);
        int warmup = integer("warmup-messages", 2_000);
        int messages = integer("messages", 20_000);
        double maxSeconds = seconds("max-seconds", 30);
        byte[] payload = new byte[integer("payload", 64)];
        BenchClient client = BenchClients.create(str("client", "tern"));
        try {
            client.connect(host, port, clientId("lat"), CONNECT_TIMEOUT);
            Thread driver = Thread.currentThread();
            AtomicLong received = new AtomicLong();
            AtomicLong completed = new AtomicLong();
            AtomicReference<String> error = new AtomicReference<>();
            long[] receivedAt = new long[1];
            client.subscribe(TOPIC, 1, p -> {
                receivedAt[0] = System.nanoTime();
                received.incrementAndGet();
                LockSupport.unpark(driver);
            }, CONNECT_TIMEOUT);
            BenchClient.Completion done = e -> {
                if (e != null) {
                    error.compareAndSet(null, e.toString());
                }
                completed.incrementAndGet();
                LockSupport.unpark(driver);
            };
            long[] latencies = new long[messages];
            int measured = 0;
            long measureDeadline = Long.MAX_VALUE;
            for (int i = 0; i < warmup + messages; i++) {
                if (i == warmup) {
                    measureDeadline = System.nanoTime() + nanos(maxSeconds);
                } else if (i > warmup && System.nanoTime() - measureDeadline > 0) {
                    break;
                }
                long t0 = System.nanoTime();
                client.publish(TOPIC, payload, 1, done);
                long expected = i + 1L;
                long stuck = t0 + nanos(10);
                while (received.get() < expected || completed.get() < expected) {
                    if (System.nanoTime() - stuck > 0) {
                        throw new IllegalStateException("message " + i + " not received/acknowledged within 10 s");
                    }
                    LockSupport.parkNanos(1_000_000);
                }
                if (error.get() != null) {
                    throw new IllegalStateException("publish failed: " + error.get());
                }
                if (i >= warmup) {
                    latencies[measured++] = receivedAt[0] - t0;
                }
            }
            long[] sorted = Arrays.copyOf(latencies, measured);
            Arrays.sort(sorted);
            result.put("messages", measured);
            result.put("p50Micros", percentile(sorted, 0.50) / 1e3);
            result.put("p99Micros", percentile(sorted, 0.99) / 1e3);
            result.put("p999Micros", percentile(sorted, 0.999) / 1e3);
            result.put("maxMicros", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e3);
            result.put("truncated", measured < messages);
            try {
                client.disconnect(Duration.ofSeconds(5));
            } catch (Exception ignored) {
                // measured already
            }
        } finally {
            client.close();
        }
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    // ---------------------------------------------------------------------------------------------------
    // connect

    private void connect() throws Exception {
        String name = str("client", "tern");
        String host = str("host", "127.0.0.1");
        int port = integer("port", 1883);
        int warmup = integer("warmup-connects", 20);
        int connects = integer("connects", 200);
        long deadline = Long.MAX_VALUE;
        long[] times = new long[connects];
        int measured = 0;
        for (int i = 0; i < warmup + connects; i++) {
            if (i == warmup) {
                deadline = System.nanoTime() + nanos(seconds("max-seconds", 60));
            } else if (i > warmup && System.nanoTime() - deadline > 0) {
                break;
            }
            long t0 = System.nanoTime();
            BenchClient client = BenchClients.create(name);
            try {
                client.connect(host, port, clientId("conn") + "-" + i, CONNECT_TIMEOUT);
                long t1 = System.nanoTime();
                if (i >= warmup) {
                    times[measured++] = t1 - t0;
                }
                client.disconnect(Duration.ofSeconds(5));
            } finally {
                client.close();
            }
        }
        long[] sorted = Arrays.copyOf(times, measured);
        Arrays.sort(sorted);
        result.put("connects", measured);
        result.put("medianMillis", percentile(sorted, 0.5) / 1e6);
        result.put("p90Millis", percentile(sorted, 0.9) / 1e6);
        result.put("minMillis", sorted.length == 0 ? 0 : sorted[0] / 1e6);
        result.put("maxMillis", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        result.put("truncated", measured < connects);
    }

    // ---------------------------------------------------------------------------------------------------
    // idle

    private void idle() throws Exception {
        String name = str("client", "tern");
        String host = str("host", "127.0.0.1");
        int port = integer("port", 1883);
        int connections = integer("connections", 1_000);
        double settle = seconds("settle-seconds", 6);
        long deadline = System.nanoTime() + nanos(seconds("max-seconds", 120));
        List<BenchClient> clients = new ArrayList<>();
        try {
            Map<String, Long> base = memory();
            clients.add(connectOne(name, host, port, 0));
            Thread.sleep((long) (settle * 1000));
            Map<String, Long> one = memory();
            while (clients.size() < connections && System.nanoTime() - deadline < 0) {
                clients.add(connectOne(name, host, port, clients.size()));
            }
            long threadsPeak = ManagementFactory.getThreadMXBean().getThreadCount();
            Thread.sleep((long) (settle * 1000));
            Map<String, Long> many = memory();
            int n = clients.size();
            result.put("connections", n);
            result.put("settleSeconds", settle);
            for (String key : List.of("heap", "direct", "rss")) {
                result.put(key + "BytesPerConnAt1", one.get(key) - base.get(key));
                // Per connection beyond the first: what the first one costs includes the library's start-up
                // (thread pools, a pooled allocator's first chunks), which a thousandth would not pay again.
                result.put(key + "BytesPerConnAtN", n > 1 ? (double) (many.get(key) - one.get(key)) / (n - 1) : 0.0);
            }
            result.put("threadsBase", base.get("threads"));
            result.put("threadsAt1", one.get("threads"));
            result.put("threadsAtN", many.get("threads"));
            result.put("threadsPeakAtN", threadsPeak);
            result.put("threadsPerConnAtN", (double) (many.get("threads") - base.get("threads")) / n);
            result.put("rssBytesBase", base.get("rss"));
            result.put("truncated", n < connections);
        } finally {
            for (BenchClient c : clients) {
                try {
                    c.close();
                } catch (RuntimeException ignored) {
                    // best effort
                }
            }
        }
    }

    private static BenchClient connectOne(String name, String host, int port, int i) throws Exception {
        BenchClient client = BenchClients.create(name);
        try {
            client.connect(host, port, clientId("idle") + "-" + i, CONNECT_TIMEOUT);
            return client;
        } catch (Exception e) {
            client.close();
            throw new IllegalStateException("connection " + i + " failed: " + e, e);
        }
    }

    /** Heap used after full GCs, direct memory (JDK pools plus Netty's own counters), RSS, threads. */
    static Map<String, Long> memory() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Map<String, Long> m = new HashMap<>();
        m.put("heap", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct += pool.getMemoryUsed();
            }
        }
        direct += nettyDirect("io.netty.util.internal.PlatformDependent");
        direct += nettyDirect("com.hivemq.client.internal.shaded.io.netty.util.internal.PlatformDependent");
        m.put("direct", direct);
        m.put("rss", rssBytes());
        m.put("threads", (long) ManagementFactory.getThreadMXBean().getThreadCount());
        return m;
    }

    private static long nettyDirect(String className) {
        try {
            Object used = Class.forName(className).getMethod("usedDirectMemory").invoke(null);
            long value = ((Number) used).longValue();
            return Math.max(0, value);
        } catch (ReflectiveOperationException | LinkageError e) {
            return 0;
        }
    }

    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------
    // process counters

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Bytes allocated so far by each live thread. Threads that end between two calls are missed. */
    static Map<Long, Long> allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> m = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                m.put(ids[i], bytes[i]);
            }
        }
        return m;
    }

    static long allocatedDelta(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }
}
