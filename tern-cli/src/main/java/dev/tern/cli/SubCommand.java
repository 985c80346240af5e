package dev.tern.cli;

import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.RetainHandling;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Subscribes and prints messages, in the spirit of mosquitto_sub and mqtt-cli's {@code sub}. */
@Command(name = "sub", sortOptions = false, usageHelpAutoWidth = true, abbreviateSynopsis = true,
        description = {"Subscribes and prints messages as they arrive.",
            "",
            "Runs until Ctrl-C, --count messages or the --wait time."},
        footer = {"", "Examples:",
            "  tern sub -t 'sensors/#' -v",
            "  tern sub -h broker.local -t cmd -t 'status/+' -q 1 --json",
            "  tern sub -t replies -C 1 -W 30s     (one message, or give up after 30 s)"})
final class SubCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "FILTER",
            description = "Topic filter to subscribe to; repeatable.")
    List<String> topics = new ArrayList<>();

    @Option(names = {"-q", "--qos"}, paramLabel = "0|1|2", defaultValue = "0", description = "Maximum QoS: 0, 1 or 2 (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = {"-C", "--count"}, paramLabel = "N", description = "Exit after N messages.")
    Integer count;

    @Option(names = {"-W", "--wait"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Exit after this long (e.g. 30s); with --count, fail if fewer arrived.")
    Duration wait;

    @Option(names = {"-v", "--topic-prefix"}, description = "Print the topic before each payload.")
    boolean withTopic;

    @Option(names = "--properties", description = "Print the topic, payload and the message's properties.")
    boolean properties;

    @Option(names = "--json", description = "Print each message as one JSON object per line.")
    boolean json;

    @Option(names = "--no-local", description = "Do not receive this client's own publishes.")
    boolean noLocal;

    @Option(names = "--retain-as-published", description = "Keep the retain flag as the publisher set it.")
    boolean retainAsPublished;

    @Option(names = "--retain-handling", paramLabel = "0|1|2", defaultValue = "0",
            description = "Retained messages on subscribe: 0 send, 1 send if new subscription, 2 do not send.")
    int retainHandling;

    @Option(names = {"-d", "--debug"}, description = "Print lifecycle events and the SUBACK.")
    boolean debug;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for the SUBACK (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        QoS q = Commands.qos(qos);
        if (retainHandling < 0 || retainHandling > 2) {
            throw CliException.usage("--retain-handling must be 0, 1 or 2");
        }
        if (count != null && count < 1) {
            throw CliException.usage("--count must be at least 1");
        }
        MessageFormat format = json ? MessageFormat.JSON : properties ? MessageFormat.PROPERTIES
                : withTopic ? MessageFormat.TOPIC : MessageFormat.PAYLOAD;
        SubscribePacket.Builder subscribe = SubscribePacket.builder();
        try {
            for (String topic : topics) {
                subscribe.subscription(Subscription.builder().topicFilter(topic).qos(q).noLocal(noLocal)
                        .retainAsPublished(retainAsPublished)
                        .retainHandling(RetainHandling.values()[retainHandling]).build());
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        CountDownLatch done = new CountDownLatch(count != null ? count : 1);
        AtomicInteger printed = new AtomicInteger();
        ConsoleEvents events = new ConsoleEvents(out, debug);
        Mqtt5Client client = connection.createClient("tern-sub", events, event -> {
            if (count != null && printed.get() >= count) {
                return;
            }
            out.println(format.format(event.publishPacket()));
            out.flush();
            printed.incrementAndGet();
            if (count != null) {
                done.countDown();
            }
        });
        Thread hook = new Thread(() -> {
            client.stop();
            events.awaitStopped(Duration.ofSeconds(2));
        }, "tern-sub-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            client.start();
            events.awaitConnected(connection.connectTimeout);
            SubAckPacket subAck = Commands.await(client.subscribe(subscribe.build()), timeout, "subscribe");
            List<SubAckReasonCode> codes = subAck.reasonCodes();
            for (int i = 0; i < codes.size(); i++) {
                if (debug) {
                    out.println("[subscribe] " + topics.get(i) + ": " + codes.get(i));
                }
                if (codes.get(i).isError()) {
                    throw new CliException(ExitCode.FAILED, "the server refused the subscription to "
                            + topics.get(i) + ": " + codes.get(i));
                }
            }
            out.flush();
            boolean complete = wait != null ? done.await(wait.toMillis(), TimeUnit.MILLISECONDS) : awaitForever(done);
            client.stop();
            events.awaitStopped(Duration.ofSeconds(5));
            if (count != null && !complete) {
                throw new CliException(ExitCode.FAILED, printed.get() + " of " + count + " messages within "
                        + wait.toMillis() + " ms");
            }
            return ExitCode.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is stopping the client
            }
            client.close();
        }
    }

    private static boolean awaitForever(CountDownLatch done) throws InterruptedException {
        done.await();
        return true;
    }
}
