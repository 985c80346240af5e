package dev.tern.cli;

import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The user guide's sample: connect, subscribe, publish N messages, receive them back, unsubscribe, stop
 * with DISCONNECT — printing every lifecycle event and message as it happens. Without a broker named, it
 * brings its own (HiveMQ CE, embedded).
 */
@Command(name = "pubsub", sortOptions = false, usageHelpAutoWidth = true, abbreviateSynopsis = true,
        description = {"Runs the user guide's sample flow: connect, subscribe, publish, receive, stop.",
            "",
            "Connects, subscribes, publishes N messages, receives them back, unsubscribes and stops with "
                    + "DISCONNECT, printing each lifecycle event and message as it happens. With no --host, --port or "
                    + "--endpoint it starts an embedded MQTT 5 broker (HiveMQ CE) on a free loopback port."},
        footer = {"", "Examples:",
            "  tern pubsub",
            "  tern pubsub -h test.mosquitto.org -t tern/demo -n 3",
            "  tern pubsub --endpoint abc123-ats.iot.us-east-1.amazonaws.com --cert device.pem.crt --key "
                    + "private.pem.key",
            "  tern pubsub --endpoint abc123-ats.iot.us-east-1.amazonaws.com --signing-region us-east-1"})
final class PubSubCommand implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", defaultValue = "test/topic", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", defaultValue = "Hello World!",
            description = "Message; each gets its number appended (default: \"${DEFAULT-VALUE}\").")
    String message;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10", description = "How many messages (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = {"-q", "--qos"}, paramLabel = "0|1|2", defaultValue = "1", description = "QoS of the subscription and the publishes: 0, 1 or 2 (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for each acknowledgement and for the messages to come back (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (count < 0) {
            throw CliException.usage("--count must be 0 or more");
        }
        QoS q = Commands.qos(qos);
        EmbeddedBroker broker = null;
        try {
            if (!connection.namesServer()) {
                broker = EmbeddedBroker.start(Tern.verbose());
                connection.host = broker.host();
                connection.port = broker.port();
                out.println("No broker named: started an embedded MQTT 5 broker (HiveMQ CE) on "
                        + broker.host() + ":" + broker.port() + ".");
            }
            return run(out, q);
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private int run(PrintWriter out, QoS q) {
        ConsoleEvents events = new ConsoleEvents(out, true);
        CountDownLatch received = new CountDownLatch(count);
        try (Mqtt5Client client = connection.createClient("tern-pubsub", events, event -> {
            PublishPacket p = event.publishPacket();
            out.println("[received] " + p.topic() + " (QoS " + p.qos().code() + "): " + p.payloadAsString());
            out.flush();
            received.countDown();
        })) {
            out.println("Connecting to " + connection.describe());
            out.flush();
            client.start();
            events.awaitConnected(connection.connectTimeout);

            SubAckPacket subAck = Commands.await(client.subscribe(SubscribePacket.of(topic, q)), timeout, "subscribe");
            out.println("[subscribe] " + topic + " (QoS " + q.code() + "): " + subAck.reasonCodes().get(0));
            if (subAck.reasonCodes().get(0).isError()) {
                throw new CliException(ExitCode.FAILED, "the server refused the subscription to " + topic + ": "
                        + subAck.reasonCodes().get(0));
            }
            for (int i = 1; i <= count; i++) {
                PublishPacket publish = PublishPacket.builder().topic(topic).payload(message + " [" + i + "]").qos(q)
                        .build();
                PublishResult result = Commands.await(client.publish(publish), timeout, "publish");
                out.println("[publish] " + topic + " #" + i + ": " + Commands.describe(result));
                out.flush();
            }
            boolean all = received.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            out.println("Received " + (count - received.getCount()) + " of " + count + " messages.");

            UnsubAckPacket unsubAck = Commands.await(client.unsubscribe(UnsubscribePacket.of(topic)), timeout,
                    "unsubscribe");
            out.println("[unsubscribe] " + topic + ": " + unsubAck.reasonCodes().get(0));
            out.println("Stopping with DISCONNECT (normal disconnection).");
            out.flush();
            client.stop(DisconnectPacket.builder().reasonCode(DisconnectReasonCode.NORMAL_DISCONNECTION).build());
            events.awaitStopped(Duration.ofSeconds(5));
            if (!all) {
                throw new CliException(ExitCode.FAILED, (count - received.getCount()) + " of " + count
                        + " messages came back within " + timeout.toMillis() + " ms");
            }
            out.println("Done.");
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted");
        }
    }
}
