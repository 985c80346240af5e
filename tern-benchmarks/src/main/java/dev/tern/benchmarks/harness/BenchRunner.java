package dev.tern.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The comparative benchmark: starts Mosquitto and the {@link ZeroCostSink}, then for each round runs every
 * case for every client, interleaved (A B C D, A B C D, …), each in a fresh JVM ({@link BenchWorker}) with the
 * same flags, and writes {@code results.json} (every raw result) and {@code results.md} (median and min–max
 * over rounds) into the output folder, printing the table too.
 *
 * <pre>
 * BenchRunner [--quick | --full | --tiny] [--rounds N] [--clients tern,hivemq,paho,crt,raw]
 *             [--workloads throughput,latency,connect,idle] [--out target/bench]
 * </pre>
 */
public final class BenchRunner {

    /** The flags of every worker JVM. */
    static final List<String> JVM_FLAGS = List.of(
            "-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxDirectMemorySize=512m",
            "-Dio.netty.leakDetection.level=disabled");

    static final List<String> DEFAULT_CLIENTS = List.of("tern", "hivemq", "paho", "crt", "raw");
    static final List<String> WORKLOADS = List.of("throughput", "latency", "connect", "idle");
    static final String RAW = "raw";

    private final Mode mode;
    private final int rounds;
    private final List<String> clients;
    private final List<String> workloads;
    private final Path out;

    /** Counts and bounds of one mode. */
    static final class Mode {
        final String name;
        final int rounds;
        final int[] payloads;
        final int[] qos;
        final String warmupMessages;
        final String warmupSeconds;
        final String messagesSmall;
        final String messagesLarge;
        final String maxSeconds;
        final String latencyWarmup;
        final String latencyMessages;
        final String latencyMaxSeconds;
        final String connectWarmup;
        final String connects;
        final String idleConnections;
        final String idleSettleSeconds;
        final boolean idleEveryRound;
        final String[] targets;

        Mode(String name, int rounds, int[] payloads, int[] qos, String[] targets, String warmupMessages,
                String warmupSeconds, String messagesSmall, String messagesLarge, String maxSeconds,
                String latencyWarmup, String latencyMessages, String latencyMaxSeconds, String connectWarmup,
                String connects, String idleConnections, String idleSettleSeconds, boolean idleEveryRound) {
            this.name = name;
            this.rounds = rounds;
            this.payloads = payloads;
            this.qos = qos;
            this.targets = targets;
            this.warmupMessages = warmupMessages;
            this.warmupSeconds = warmupSeconds;
            this.messagesSmall = messagesSmall;
            this.messagesLarge = messagesLarge;
            this.maxSeconds = maxSeconds;
            this.latencyWarmup = latencyWarmup;
            this.latencyMessages = latencyMessages;
            this.latencyMaxSeconds = latencyMaxSeconds;
            this.connectWarmup = connectWarmup;
            this.connects = connects;
            this.idleConnections = idleConnections;
            this.idleSettleSeconds = idleSettleSeconds;
            this.idleEveryRound = idleEveryRound;
        }
    }

    static final Mode FULL = new Mode("full", 5, new int[] {64, 16_384}, new int[] {0, 1},
            new String[] {"sink", "mosquitto"}, "1000000", "1.5", "500000", "50000", "2",
            "2000", "20000", "10", "20", "200", "1000", "2", true);
    static final Mode QUICK = new Mode("quick", 3, new int[] {64}, new int[] {0, 1},
            new String[] {"sink", "mosquitto"}, "500000", "1", "200000", "20000", "1.5",
            "500", "3000", "2", "5", "20", "100", "1", false);
    static final Mode TINY = new Mode("tiny", 1, new int[] {64}, new int[] {0, 1},
            new String[] {"sink", "mosquitto"}, "500", "0.3", "2000", "500", "2",
            "50", "200", "2", "2", "5", "5", "0.2", true);

    BenchRunner(Mode mode, int rounds, List<String> clients, List<String> workloads, Path out) {
        this.mode = mode;
        this.rounds = rounds;
        this.clients = clients;
        this.workloads = workloads;
        this.out = out;
    }

    public static void main(String[] argv) throws Exception {
        Mode mode = QUICK;
        Integer rounds = null;
        List<String> clients = DEFAULT_CLIENTS;
        List<String> workloads = WORKLOADS;
        Path out = Path.of("target", "bench");
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--quick": mode = QUICK; break;
                case "--full": mode = FULL; break;
                case "--tiny": mode = TINY; break;
                case "--rounds": rounds = Integer.parseInt(value(argv, ++i)); break;
                case "--clients": clients = List.of(value(argv, ++i).split(",")); break;
                case "--workloads": workloads = List.of(value(argv, ++i).split(",")); break;
                case "--out": out = Path.of(value(argv, ++i)); break;
                case "-h": case "--help":
                    System.out.println("usage: bench [--quick | --full | --tiny] [--rounds N]"
                            + " [--clients tern,hivemq,paho,crt,raw] [--workloads throughput,latency,connect,idle]"
                            + " [--out DIR]");
                    return;
                default:
                    System.err.println("bench: unknown option " + argv[i] + " (try --help)");
                    System.exit(2);
            }
        }
        for (String w : workloads) {
            if (!WORKLOADS.contains(w)) {
                System.err.println("bench: unknown workload " + w + "; known: " + WORKLOADS);
                System.exit(2);
            }
        }
        int exit = new BenchRunner(mode, rounds == null ? mode.rounds : rounds, clients, workloads, out).run();
        System.exit(exit);
    }

    private static String value(String[] argv, int i) {
        if (i >= argv.length) {
            System.err.println("bench: " + argv[i - 1] + " needs a value");
            System.exit(2);
        }
        return argv[i];
    }

    /** One workload with its parameters; run once per client per round. */
    static final class Case {
        final String workload;
        final String label;
        final Map<String, String> params;
        final boolean withRaw;
        final boolean everyRound;
        final long timeoutSeconds;

        Case(String workload, String label, Map<String, String> params, boolean withRaw, boolean everyRound,
                long timeoutSeconds) {
            this.workload = workload;
            this.label = label;
            this.params = params;
            this.withRaw = withRaw;
            this.everyRound = everyRound;
            this.timeoutSeconds = timeoutSeconds;
        }
    }

    List<Case> cases(int mosquittoPort, int sinkPort, int sinkControlPort) {
        List<Case> cases = new ArrayList<>();
        if (workloads.contains("throughput")) {
            for (int payload : mode.payloads) {
                for (String target : mode.targets) {
                    for (int qos : mode.qos) {
                        Map<String, String> p = new LinkedHashMap<>();
                        p.put("workload", "throughput");
                        p.put("target", target);
                        p.put("host", "127.0.0.1");
                        p.put("port", Integer.toString(target.equals("sink") ? sinkPort : mosquittoPort));
                        p.put("sink-control-port", Integer.toString(sinkControlPort));
                        p.put("qos", Integer.toString(qos));
                        p.put("payload", Integer.toString(payload));
                        p.put("warmup-messages", mode.warmupMessages);
                        p.put("warmup-seconds", mode.warmupSeconds);
                        p.put("messages", payload > 1024 ? mode.messagesLarge : mode.messagesSmall);
                        p.put("max-seconds", mode.maxSeconds);
                        long timeout = (long) (Double.parseDouble(mode.warmupSeconds)
                                + Double.parseDouble(mode.maxSeconds)) + 60;
                        cases.add(new Case("throughput", "throughput QoS " + qos + " " + size(payload) + " → " + target,
                                p, true, true, timeout));
                    }
                }
            }
        }
        if (workloads.contains("latency")) {
            Map<String, String> p = base("latency", mosquittoPort);
            p.put("warmup-messages", mode.latencyWarmup);
            p.put("messages", mode.latencyMessages);
            p.put("max-seconds", mode.latencyMaxSeconds);
            p.put("payload", "64");
            cases.add(new Case("latency", "latency QoS 1 64 B round trip via mosquitto", p, false, true,
                    (long) Double.parseDouble(mode.latencyMaxSeconds) + 90));
        }
        if (workloads.contains("connect")) {
            Map<String, String> p = base("connect", mosquittoPort);
            p.put("warmup-connects", mode.connectWarmup);
            p.put("connects", mode.connects);
            p.put("max-seconds", "60");
            cases.add(new Case("connect", "connect to mosquitto (create + CONNECT → CONNACK)", p, false, true, 150));
        }
        if (workloads.contains("idle")) {
            Map<String, String> p = base("idle", mosquittoPort);
            p.put("connections", mode.idleConnections);
            p.put("settle-seconds", mode.idleSettleSeconds);
            p.put("max-seconds", "120");
            cases.add(new Case("idle", "idle connections to mosquitto", p, false, mode.idleEveryRound, 200));
        }
        return cases;
    }

    private static Map<String, String> base(String workload, int port) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("workload", workload);
        p.put("host", "127.0.0.1");
        p.put("port", Integer.toString(port));
        return p;
    }

    private static String size(int bytes) {
        return bytes >= 1024 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    /** Runs everything; returns the exit code (0, or 1 if some run failed). */
    int run() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(out.resolve("logs"));
        List<String> available = new ArrayList<>();
        for (String client : clients) {
            if (client.equals(RAW)) {
                available.add(client);
                continue;
            }
            try {
                BenchClients.create(client).close();
                available.add(client);
            } catch (Throwable e) {
                System.err.println("bench: skipping client " + client + ": not available (" + e + ")");
            }
        }
        Map<String, Object> machine = machine();
        List<Map<String, Object>> results = new ArrayList<>();
        int failures = 0;
        try (MosquittoProcess mosquitto = MosquittoProcess.start(); ZeroCostSink sink = ZeroCostSink.start()) {
            machine.put("mosquitto", mosquittoVersion(mosquitto.binary()));
            List<Case> cases = cases(mosquitto.port(), sink.port(), sink.controlPort());
            System.err.printf(Locale.ROOT, "bench: %s mode, %d rounds, clients %s, %d cases; mosquitto on %d, sink on %d%n",
                    mode.name, rounds, available, cases.size(), mosquitto.port(), sink.port());
            for (int round = 1; round <= rounds; round++) {
                for (Case c : cases) {
                    if (!c.everyRound && round > 1) {
                        continue;
                    }
                    for (String client : available) {
                        if (client.equals(RAW) && !c.withRaw) {
                            continue;
                        }
                        if (!mosquitto.isAlive()) {
                            throw new IllegalStateException("mosquitto died: " + mosquitto.log());
                        }
                        Map<String, Object> r = runWorker(c, client, round);
                        r.put("round", round);
                        r.put("case", c.label);
                        results.add(r);
                        if (r.containsKey("error")) {
                            failures++;
                        }
                        System.err.println("bench: [" + round + "/" + rounds + "] " + c.label + " — " + clientLabel(client)
                                + ": " + summary(r));
                    }
                }
            }
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        machine.put("wallSeconds", Math.round(wallSeconds));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("machine", machine);
        all.put("mode", mode.name);
        all.put("rounds", rounds);
        all.put("jvmFlags", JVM_FLAGS);
        all.put("mosquittoConfig", MosquittoProcess.CONFIG);
        all.put("results", results);
        Files.writeString(out.resolve("results.json"), Json.write(all) + "\n", StandardCharsets.UTF_8);
        String markdown = markdown(machine, results, available);
        Files.writeString(out.resolve("results.md"), markdown, StandardCharsets.UTF_8);
        System.out.print(markdown);
        System.err.printf(Locale.ROOT, "bench: done in %.0f s; %s and %s%n", wallSeconds,
                out.resolve("results.json"), out.resolve("results.md"));
        return failures == 0 ? 0 : 1;
    }

    static String clientLabel(String client) {
        return client.equals(RAW) ? "raw socket" : client;
    }

    private static String summary(Map<String, Object> r) {
        if (r.containsKey("error")) {
            return "ERROR " + r.get("error");
        }
        switch (String.valueOf(r.get("workload"))) {
            case "throughput":
                return String.format(Locale.ROOT, "%.0f msg/s, %.2f µs CPU/msg, %.0f B/msg, lost %.0f",
                        num(r, "msgPerSec"), num(r, "cpuMicrosPerMsg"), num(r, "allocBytesPerMsg"), num(r, "lost"));
            case "latency":
                return String.format(Locale.ROOT, "p50 %.0f µs, p99 %.0f µs", num(r, "p50Micros"), num(r, "p99Micros"));
            case "connect":
                return String.format(Locale.ROOT, "median %.2f ms", num(r, "medianMillis"));
            default:
                return String.format(Locale.ROOT, "heap %.0f B/conn, %.0f threads at %.0f connections",
                        num(r, "heapBytesPerConnAtN"), num(r, "threadsAtN"), num(r, "connections"));
        }
    }

    private static double num(Map<String, Object> r, String key) {
        Object v = r.get(key);
        return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
    }

    private Map<String, Object> runWorker(Case c, String client, int round) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchWorker.class.getName());
        command.add("--client");
        command.add(client);
        for (Map.Entry<String, String> e : c.params.entrySet()) {
            command.add("--" + e.getKey());
            command.add(e.getValue());
        }
        command.add("--timeout-seconds");
        command.add(Long.toString(c.timeoutSeconds));
        String logName = String.format(Locale.ROOT, "%d-%s-%s.log", round,
                c.label.replaceAll("[^A-Za-z0-9]+", "_"), client);
        Path log = out.resolve("logs").resolve(logName);
        Map<String, Object> result;
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(log.toFile())
                    .start();
            CompletableFuture<String> stdout = readAll(process.getInputStream());
            if (!process.waitFor(c.timeoutSeconds + 30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                result = errorResult(c, client, "worker did not end within " + (c.timeoutSeconds + 30) + " s");
            } else {
                String line = lastJsonLine(stdout.get(10, TimeUnit.SECONDS));
                if (line == null) {
                    result = errorResult(c, client, "worker printed no result (exit " + process.exitValue()
                            + "); see " + log);
                } else {
                    result = Json.parseObject(line);
                }
            }
        } catch (Exception e) {
            result = errorResult(c, client, "could not run worker: " + e);
        }
        return result;
    }

    private static CompletableFuture<String> readAll(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.complete("");
            }
        }, "bench-worker-stdout");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static String lastJsonLine(String stdout) {
        String found = null;
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{")) {
                found = line.trim();
            }
        }
        return found;
    }

    private static Map<String, Object> errorResult(Case c, String client, String error) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("client", client);
        r.put("workload", c.workload);
        r.put("error", error);
        return r;
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    // ---------------------------------------------------------------------------------------------------
    // machine

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memory", memTotal());
        m.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return m;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return "?";
    }

    private static String mosquittoVersion(String binary) {
        try {
            Process p = new ProcessBuilder(binary, "-h").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            return text.lines().findFirst().orElse("mosquitto").trim();
        } catch (IOException | InterruptedException e) {
            return "mosquitto";
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // table

    static String markdown(Map<String, Object> machine, List<Map<String, Object>> results, List<String> clients) {
        StringBuilder md = new StringBuilder();
        md.append("## Results\n\n");
        md.append("Machine: ").append(machine.get("cpu")).append(", ").append(machine.get("cores")).append(" cores, ")
                .append(machine.get("memory")).append(", ").append(machine.get("kernel")).append(", ")
                .append(machine.get("jdk")).append(", ").append(machine.get("mosquitto")).append(", ")
                .append(machine.get("date")).append(".\n");
        md.append("Worker JVM flags: `").append(String.join(" ", JVM_FLAGS)).append("`. ")
                .append("Each cell: median over rounds (min–max).\n\n");
        Map<String, List<Map<String, Object>>> byCase = results.stream()
                .collect(Collectors.groupingBy(r -> String.valueOf(r.get("case")), LinkedHashMap::new, Collectors.toList()));
        List<String[]> throughputColumns = List.of(
                new String[] {"msg/s", "msgPerSec", "0"}, new String[] {"MB/s", "mbPerSec", "1"},
                new String[] {"CPU µs/msg", "cpuMicrosPerMsg", "2"}, new String[] {"alloc B/msg", "allocBytesPerMsg", "0"},
                new String[] {"lost", "lost", "0"}, new String[] {"delivered", "deliveredRatio", "3"});
        List<String[]> latencyColumns = List.of(new String[] {"p50 µs", "p50Micros", "0"},
                new String[] {"p99 µs", "p99Micros", "0"}, new String[] {"p99.9 µs", "p999Micros", "0"},
                new String[] {"max µs", "maxMicros", "0"});
        List<String[]> connectColumns = List.of(new String[] {"median ms", "medianMillis", "2"},
                new String[] {"p90 ms", "p90Millis", "2"});
        List<String[]> idleColumns = List.of(new String[] {"conns", "connections", "0"},
                new String[] {"heap B @1st conn", "heapBytesPerConnAt1", "0"},
                new String[] {"heap B/conn beyond 1st", "heapBytesPerConnAtN", "0"},
                new String[] {"direct B @1st conn", "directBytesPerConnAt1", "0"},
                new String[] {"direct B/conn beyond 1st", "directBytesPerConnAtN", "0"},
                new String[] {"RSS B @1st conn", "rssBytesPerConnAt1", "0"},
                new String[] {"RSS B/conn beyond 1st", "rssBytesPerConnAtN", "0"},
                new String[] {"threads @1", "threadsAt1", "0"}, new String[] {"threads @N", "threadsAtN", "0"},
                new String[] {"threads peak @N", "threadsPeakAtN", "0"});
        Map<String, List<String[]>> columns = Map.of("throughput", throughputColumns, "latency", latencyColumns,
                "connect", connectColumns, "idle", idleColumns);
        for (Map.Entry<String, List<Map<String, Object>>> e : byCase.entrySet()) {
            String workload = String.valueOf(e.getValue().get(0).get("workload"));
            List<String[]> cols = columns.getOrDefault(workload, List.of());
            md.append("### ").append(e.getKey()).append("\n\n| client |");
            for (String[] col : cols) {
                md.append(' ').append(col[0]).append(" |");
            }
            md.append(" runs |\n| --- |");
            for (int i = 0; i < cols.size(); i++) {
                md.append(" ---: |");
            }
            md.append(" ---: |\n");
            Map<String, List<Map<String, Object>>> byClient = e.getValue().stream()
                    .collect(Collectors.groupingBy(r -> String.valueOf(r.get("client"))));
            List<String> order = new ArrayList<>(clients);
            order.removeIf(c -> !byClient.containsKey(c));
            for (String client : order) {
                List<Map<String, Object>> runs = byClient.get(client);
                List<Map<String, Object>> ok = runs.stream().filter(r -> !r.containsKey("error")).collect(Collectors.toList());
                md.append("| ").append(clientLabel(client)).append(" |");
                for (String[] col : cols) {
                    md.append(' ').append(cell(ok, col[1], Integer.parseInt(col[2]))).append(" |");
                }
                md.append(' ').append(ok.size()).append('/').append(runs.size());
                runs.stream().filter(r -> r.containsKey("error")).findFirst()
                        .ifPresent(r -> md.append(" (error: ").append(String.valueOf(r.get("error")).replace('|', '/')).append(')'));
                md.append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String cell(List<Map<String, Object>> runs, String key, int decimals) {
        double[] values = runs.stream().map(r -> r.get(key)).filter(v -> v instanceof Number)
                .mapToDouble(v -> ((Number) v).doubleValue()).sorted().toArray();
        if (values.length == 0) {
            return "–";
        }
        Function<Double, String> f = v -> String.format(Locale.ROOT, "%,." + decimals + "f", v);
        double median = values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        if (values.length == 1) {
            return f.apply(median);
        }
        return f.apply(median) + " (" + f.apply(values[0]) + "–" + f.apply(values[values.length - 1]) + ")";
    }
}
