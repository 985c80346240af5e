package dev.tern.cli;

import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.packets.PayloadFormatIndicator;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Publishes messages, in the spirit of mosquitto_pub and mqtt-cli's {@code pub}. */
@Command(name = "pub", sortOptions = false, usageHelpAutoWidth = true, abbreviateSynopsis = true,
        description = {"Publishes a message (or several) and waits until each is acknowledged, then disconnects."},
        footer = {"", "Examples:",
            "  tern pub -t sensors/1/temp -m 21.5",
            "  tern pub -h broker.local -t cmd -m reboot -q 2 --user-property origin=cli --message-expiry 60",
            "  cat data.json | tern pub -t data -s --content-type application/json",
            "  tern pub --endpoint abc123-ats.iot.us-east-1.amazonaws.com --cert c.pem --key k.pem -t t -f "
                    + "payload.bin"})
final class PubCommand implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "Topic to publish to.")
    String topic;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Payload payload;

    static final class Payload {
        @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "The payload, as UTF-8 text.")
        String message;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The payload: this file's bytes.")
        Path file;

        @Option(names = {"-s", "--stdin"}, description = "The payload: all of standard input.")
        boolean stdin;

        @Option(names = {"-l", "--stdin-lines"}, description = "One message per line of standard input.")
        boolean lines;

        @Option(names = {"-e", "--empty"}, description = "An empty payload (e.g. to clear a retained message).")
        boolean empty;
    }

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "1", description = "Publish the message this many times (default: 1).")
    int count;

    @Option(names = {"-q", "--qos"}, paramLabel = "0|1|2", defaultValue = "0", description = "QoS: 0, 1 or 2 (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = {"-r", "--retain"}, description = "Ask the broker to retain the message.")
    boolean retain;

    @Option(names = "--user-property", paramLabel = "NAME=VALUE", description = "A user property; repeatable, order kept.")
    List<String> userProperties = new ArrayList<>();

    @Option(names = "--content-type", paramLabel = "TYPE", description = "Content type (MIME type) of the payload.")
    String contentType;

    @Option(names = "--response-topic", paramLabel = "TOPIC", description = "Response topic for request/response.")
    String responseTopic;

    @Option(names = "--correlation-data", paramLabel = "TEXT", description = "Correlation data (UTF-8) for request/response.")
    String correlationData;

    @Option(names = "--message-expiry", paramLabel = "SECONDS", description = "Message expiry interval in seconds.")
    Long messageExpiry;

    @Option(names = "--utf8", description = "Mark the payload as UTF-8 text (payload format indicator).")
    boolean utf8;

    @Option(names = {"-d", "--debug"}, description = "Print lifecycle events and every acknowledgement.")
    boolean debug;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for the acknowledgements (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (count < 1) {
            throw CliException.usage("--count must be at least 1");
        }
        QoS q = Commands.qos(qos);
        List<byte[]> payloads = payloads();
        List<PublishPacket> messages = new ArrayList<>();
        for (byte[] bytes : payloads) {
            PublishPacket packet;
            try {
                packet = packet(bytes, q);
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
            for (int i = 0; i < count; i++) {
                messages.add(packet);
            }
        }
        ConsoleEvents events = new ConsoleEvents(out, debug);
        try (Mqtt5Client client = connection.createClient("tern-pub", events, event -> { })) {
            client.start();
            events.awaitConnected(connection.connectTimeout);
            List<CompletableFuture<PublishResult>> results = new ArrayList<>();
            for (PublishPacket message : messages) {
                results.add(client.publish(message));
            }
            int refused = 0;
            for (int i = 0; i < results.size(); i++) {
                PublishResult result = Commands.await(results.get(i), timeout, "publish");
                if (debug) {
                    out.println("[publish] " + topic + " #" + (i + 1) + ": " + Commands.describe(result));
                }
                if (Commands.refused(result)) {
                    refused++;
                    spec.commandLine().getErr().println("tern pub: the broker refused message " + (i + 1) + ": "
                            + Commands.describe(result));
                }
            }
            out.flush();
            client.stop();
            events.awaitStopped(Duration.ofSeconds(5));
            return refused == 0 ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    private PublishPacket packet(byte[] bytes, QoS q) {
        PublishPacket.Builder builder = PublishPacket.builder().topic(topic).payload(bytes).qos(q).retain(retain)
                .contentType(contentType).responseTopic(responseTopic).messageExpiryIntervalSeconds(messageExpiry);
        if (correlationData != null) {
            builder.correlationData(correlationData.getBytes(StandardCharsets.UTF_8));
        }
        if (utf8) {
            builder.payloadFormatIndicator(PayloadFormatIndicator.UTF_8);
        }
        for (String property : userProperties) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("--user-property must be NAME=VALUE, was " + property);
            }
            builder.userProperty(property.substring(0, eq), property.substring(eq + 1));
        }
        return builder.build();
    }

    private List<byte[]> payloads() {
        List<byte[]> result = new ArrayList<>();
        if (payload == null) {
            throw CliException.usage("give the payload: -m TEXT, -f FILE, -s (stdin), -l (stdin lines) or -e (empty)");
        }
        try {
            if (payload.message != null) {
                result.add(payload.message.getBytes(StandardCharsets.UTF_8));
            } else if (payload.file != null) {
                if (!Files.isReadable(payload.file)) {
                    throw CliException.usage("--file: cannot read " + payload.file);
                }
                result.add(Files.readAllBytes(payload.file));
            } else if (payload.stdin) {
                result.add(stdin().readAllBytes());
            } else if (payload.lines) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(stdin(), StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    result.add(line.getBytes(StandardCharsets.UTF_8));
                }
            } else {
                result.add(new byte[0]);
            }
        } catch (IOException e) {
            throw CliException.usage("could not read the payload: " + e.getMessage());
        }
        return result;
    }

    private static InputStream stdin() {
        return System.in;
    }
}
