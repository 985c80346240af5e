package dev.tern.cli;

import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubscribePacket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load generator: N publishing clients at a target total rate and one subscriber measuring
 * end-to-end latency (the send time travels in the payload), with a progress line every second and a
 * summary at the end.
 */
@Command(name = "bench", sortOptions = false, usageHelpAutoWidth = true, abbreviateSynopsis = true,
        description = {"Measures throughput and latency under a bounded load.",
            "",
            "Publishes from N clients at a target rate for a fixed time; one more client subscribes and "
                    + "measures end-to-end latency. Prints progress every second (to stderr) and a summary. With no "
                    + "--host, --port or --endpoint it starts an embedded broker."},
        footer = {"", "Examples:",
            "  tern bench --clients 4 --rate 2000 --duration 10s",
            "  tern bench -h broker.local --qos 0 --size 1024 --rate 0 --duration 30s --json"})
final class BenchCommand implements Callable<Integer> {

    /** Sequence number and send time travel in the first 16 bytes of every payload. */
    private static final int HEADER = 16;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-c", "--clients"}, paramLabel = "N", defaultValue = "1", description = "Publishing clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = {"-r", "--rate"}, paramLabel = "PER_SECOND", defaultValue = "1000",
            description = "Target messages per second, all clients together; 0 for as fast as flow control allows "
                    + "(default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = {"-q", "--qos"}, paramLabel = "0|1|2", defaultValue = "1", description = "QoS of publishes and subscription (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = {"-s", "--size"}, paramLabel = "BYTES", defaultValue = "64", description = "Payload bytes, at least 16 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to publish (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", defaultValue = "tern/bench", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "1000",
            description = "Unacknowledged publishes per client before it holds back (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Option(names = "--csv", description = "Print one CSV row per second, then the summary row.")
    boolean csv;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final LatencyHistogram total = new LatencyHistogram();
    private volatile LatencyHistogram interval = new LatencyHistogram();
    private volatile String firstError;
    private long[][] seen;

    @Override
    public Integer call() throws InterruptedException {
        checkArguments();
        QoS q = Commands.qos(qos);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EmbeddedBroker broker = null;
        try {
            if (!connection.namesServer()) {
                broker = EmbeddedBroker.start(Tern.verbose());
                connection.host = broker.host();
                connection.port = broker.port();
                err.println("No broker named: started an embedded MQTT 5 broker (HiveMQ CE) on "
                        + broker.host() + ":" + broker.port() + ".");
            }
            return run(q, out, err);
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private void checkArguments() {
        if (clients < 1 || clients > 10_000) {
            throw CliException.usage("--clients must be from 1 to 10000");
        }
        if (rate < 0) {
            throw CliException.usage("--rate must be 0 (unlimited) or more");
        }
        if (size < HEADER || size > 256 * 1024 * 1024) {
            throw CliException.usage("--size must be from " + HEADER + " bytes to 256 MiB");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(24)) > 0) {
            throw CliException.usage("--duration must be positive and at most 24h");
        }
        if (maxInFlight < 1) {
            throw CliException.usage("--max-in-flight must be at least 1");
        }
        if (json && csv) {
            throw CliException.usage("--json or --csv, not both");
        }
    }

    private int run(QoS q, PrintWriter out, PrintWriter err) throws InterruptedException {
        String run = topic + "/" + UUID.randomUUID().toString().substring(0, 8);
        seen = new long[clients][];
        for (int i = 0; i < clients; i++) {
            seen[i] = new long[1024];
        }
        List<Mqtt5Client> all = new ArrayList<>();
        List<ConsoleEvents> events = new ArrayList<>();
        try {
            ConsoleEvents subscriberEvents = new ConsoleEvents(err, false);
            Mqtt5Client subscriber = connection.createClient("tern-bench-sub", subscriberEvents, this::onMessage);
            all.add(subscriber);
            events.add(subscriberEvents);
            subscriber.start();
            subscriberEvents.awaitConnected(connection.connectTimeout);
            Commands.await(subscriber.subscribe(SubscribePacket.of(run + "/#", q)), Duration.ofSeconds(10),
                    "subscribe");
            List<Mqtt5Client> publishers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                ConsoleEvents e = new ConsoleEvents(err, false);
                Mqtt5Client publisher = connection.createClient("tern-bench-pub" + i, e, ignored -> { });
                all.add(publisher);
                events.add(e);
                publishers.add(publisher);
                publisher.start();
            }
            for (ConsoleEvents e : events) {
                e.awaitConnected(connection.connectTimeout);
            }
            if (csv) {
                out.println("second,sent,acknowledged,received,errors,rate_per_s,p50_ms,p99_ms");
            }
            long started = System.nanoTime();
            publish(publishers, run, q, started, out, err);
            long publishedFor = System.nanoTime() - started;
            drain(q);
            Summary summary = new Summary(q, publishedFor);
            print(summary, out);
            for (Mqtt5Client client : all) {
                client.stop();
            }
            for (ConsoleEvents e : events) {
                e.awaitStopped(Duration.ofSeconds(5));
            }
            if (firstError != null) {
                err.println("tern bench: first error: " + firstError);
            }
            return summary.ok() ? ExitCode.OK : ExitCode.FAILED;
        } finally {
            all.forEach(Mqtt5Client::close);
        }
    }

    /** Paces the publishers against the clock; holds a client back when it has too much unacknowledged. */
    private void publish(List<Mqtt5Client> publishers, String run, QoS q, long started, PrintWriter out,
            PrintWriter err) throws InterruptedException {
        long end = started + duration.toNanos();
        long[] count = new long[publishers.size()];
        AtomicLong[] inFlight = new AtomicLong[publishers.size()];
        for (int i = 0; i < inFlight.length; i++) {
            inFlight[i] = new AtomicLong();
        }
        long nextReport = started + 1_000_000_000L;
        int second = 0;
        long lastReceived = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            boolean progressed = false;
            for (int i = 0; i < publishers.size(); i++) {
                long due = rate == 0 ? Long.MAX_VALUE
                        : (long) ((double) (now - started) / 1e9 * rate / publishers.size()) + 1;
                while (count[i] < due && inFlight[i].get() < maxInFlight) {
                    send(publishers.get(i), run, i, count[i]++, q, inFlight[i]);
                    progressed = true;
                    if (rate == 0 && count[i] % 64 == 0) {
                        break; // let the other clients have a turn
                    }
                }
            }
            if (now >= nextReport) {
                second++;
                long s = sent.get();
                long r = received.get();
                LatencyHistogram window = interval;
                interval = new LatencyHistogram();
                report(second, s, r, r - lastReceived, window, out, err);
                lastReceived = r;
                nextReport += 1_000_000_000L;
            }
            if (rate > 0 || !progressed) {
                // Caught up with the clock (or held back by flow control): leave the cores to the clients.
                java.util.concurrent.locks.LockSupport.parkNanos(rate > 0 ? 500_000 : 100_000);
            }
        }
    }

    private void send(Mqtt5Client client, String run, int publisher, long sequence, QoS q, AtomicLong inFlight) {
        ByteBuffer payload = ByteBuffer.allocate(size);
        payload.putLong(sequence).putLong(System.nanoTime()).position(size).flip();
        inFlight.incrementAndGet();
        sent.incrementAndGet();
        client.publish(PublishPacket.builder().topic(run + "/" + publisher).payload(payload).qos(q).build())
                .whenComplete((PublishResult result, Throwable error) -> {
                    inFlight.decrementAndGet();
                    if (error != null || Commands.refused(result)) {
                        errors.incrementAndGet();
                        if (firstError == null) {
                            firstError = error != null ? error.getMessage() : Commands.describe(result);
                        }
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
    }

    /** On the subscriber's callback thread, one message at a time. */
    private void onMessage(PublishReceivedEvent event) {
        PublishPacket p = event.publishPacket();
        ByteBuffer payload = p.payload();
        if (payload.remaining() < HEADER) {
            return;
        }
        long sequence = payload.getLong(payload.position());
        long sentAt = payload.getLong(payload.position() + 8);
        long latency = System.nanoTime() - sentAt;
        int publisher;
        try {
            publisher = Integer.parseInt(p.topic().substring(p.topic().lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            return;
        }
        if (publisher < 0 || publisher >= seen.length) {
            return;
        }
        if (markSeen(publisher, sequence)) {
            duplicates.incrementAndGet();
            return;
        }
        received.incrementAndGet();
        total.record(latency);
        interval.record(latency);
    }

    /** Marks a sequence number as received; true if it had been already (a QoS 1 duplicate). */
    private boolean markSeen(int publisher, long sequence) {
        int word = (int) (sequence >>> 6);
        long[] bits = seen[publisher];
        if (word >= bits.length) {
            bits = java.util.Arrays.copyOf(bits, Math.max(word + 1, bits.length * 2));
            seen[publisher] = bits;
        }
        long mask = 1L << (sequence & 63);
        boolean was = (bits[word] & mask) != 0;
        bits[word] |= mask;
        return was;
    }

    /** Waits (bounded) for the last acknowledgements and messages. */
    private void drain(QoS q) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            boolean acked = acknowledged.get() + errors.get() >= sent.get();
            boolean arrived = q == QoS.AT_MOST_ONCE || received.get() >= acknowledged.get();
            if (acked && arrived) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private void report(int second, long s, long r, long perSecond, LatencyHistogram window, PrintWriter out,
            PrintWriter err) {
        if (csv) {
            out.println(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%.3f,%.3f", second, s, acknowledged.get(), r,
                    errors.get(), perSecond, millis(window.quantile(0.5)), millis(window.quantile(0.99))));
            out.flush();
        }
        err.println(String.format(Locale.ROOT, "%4ds  sent %d  received %d  %d msg/s  p50 %.2f ms  p99 %.2f ms  errors %d",
                second, s, r, perSecond, millis(window.quantile(0.5)), millis(window.quantile(0.99)), errors.get()));
        err.flush();
    }

    private void print(Summary s, PrintWriter out) {
        if (json) {
            out.println(String.format(Locale.ROOT, "{\"clients\":%d,\"qos\":%d,\"payloadBytes\":%d,\"targetRate\":%d,"
                    + "\"seconds\":%.3f,\"sent\":%d,\"acknowledged\":%d,\"received\":%d,\"lost\":%d,\"duplicates\":%d,"
                    + "\"errors\":%d,\"throughputPerSecond\":%.1f,\"latencyMs\":{\"p50\":%.3f,\"p90\":%.3f,"
                    + "\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f}}",
                    clients, qos, size, rate, s.seconds, s.sent, s.acknowledged, s.received, s.lost, s.duplicates,
                    s.errors, s.throughput, millis(total.quantile(0.5)), millis(total.quantile(0.9)),
                    millis(total.quantile(0.99)), millis(total.quantile(0.999)), millis(total.max())));
        } else if (csv) {
            out.println(String.format(Locale.ROOT, "total,%d,%d,%d,%d,%.1f,%.3f,%.3f", s.sent, s.acknowledged,
                    s.received, s.errors, s.throughput, millis(total.quantile(0.5)), millis(total.quantile(0.99))));
        } else {
            out.println(String.format(Locale.ROOT, "%d client(s), QoS %d, %d-byte payloads, target %s, %.1f s",
                    clients, qos, size, rate == 0 ? "unlimited" : rate + " msg/s", s.seconds));
            out.println(String.format(Locale.ROOT, "sent %d, acknowledged %d, received %d, lost %d, duplicates %d, "
                    + "errors %d", s.sent, s.acknowledged, s.received, s.lost, s.duplicates, s.errors));
            out.println(String.format(Locale.ROOT, "throughput %.1f msg/s received", s.throughput));
            out.println(String.format(Locale.ROOT, "latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f",
                    millis(total.quantile(0.5)), millis(total.quantile(0.9)), millis(total.quantile(0.99)),
                    millis(total.quantile(0.999)), millis(total.max())));
        }
        out.flush();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private final class Summary {
        final long sent;
        final long acknowledged;
        final long received;
        final long errors;
        final long duplicates;
        final long lost;
        final double seconds;
        final double throughput;
        final QoS q;

        Summary(QoS q, long publishedForNanos) {
            this.q = q;
            this.sent = BenchCommand.this.sent.get();
            this.acknowledged = BenchCommand.this.acknowledged.get();
            this.received = BenchCommand.this.received.get();
            this.errors = BenchCommand.this.errors.get();
            this.duplicates = BenchCommand.this.duplicates.get();
            this.lost = Math.max(0, acknowledged - received);
            this.seconds = publishedForNanos / 1e9;
            this.throughput = received / seconds;
        }

        /** No errors, and at QoS 1 and 2 nothing acknowledged went missing. */
        boolean ok() {
            return errors == 0 && (q == QoS.AT_MOST_ONCE || lost == 0);
        }
    }
}
