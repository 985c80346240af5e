package dev.tern.mqtt5.internal.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.LifecycleEvents;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.internal.codec.CodecFixture;
import dev.tern.mqtt5.internal.codec.DecodeException;
import dev.tern.mqtt5.internal.codec.DecoderSettings;
import dev.tern.mqtt5.internal.codec.MqttPacketDecoder;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.Subscription;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Coverage-guided fuzzing (Jazzer) of what the client does with whatever a server sends once connected:
 * the whole client — {@link ClientStateMachine}, {@link MqttConnectionHandler}, {@link Session}, the real
 * pipeline — runs on an {@link EmbeddedChannel} on the test thread, so one input costs microseconds and
 * behaves the same every time.
 *
 * <p>Input: byte 0 chooses the operations in flight before the server speaks (bit 0: a QoS 1 publish,
 * bit 1: a QoS 2 publish, bit 2: a subscription, bit 3: an unsubscription, bit 4: a QoS 0 publish; they
 * get packet identifiers 1, 2, ... in that order); byte 1 the connection (bit 0: the client allows 10
 * topic aliases, bit 1: the client's Maximum Packet Size is 300, bit 2: the server's Receive Maximum is 1,
 * bit 3: the server allows 5 topic aliases, bit 7: the bytes arrive in two reads); the rest is what the
 * server sends after its CONNACK. For every input:
 * <ul>
 *   <li>nothing reaches the end of the pipeline (Netty's exceptionCaught) and Tern logs no error (an
 *       internal error in a handler, a decoder failure, a throwing callback);
 *   <li>the client either keeps the connection, or ends it because the server sent DISCONNECT, or closes
 *       it for a protocol violation after sending a DISCONNECT with an error reason code (0x80 or
 *       above); it never sends a DISCONNECT with a success code on its own;
 *   <li>once the client is closed, every operation's future is complete: with a result, or with a
 *       {@link Mqtt5Exception}; the session holds no operation;
 *   <li>every buffer the client read is released once it is closed, and nothing leaks (the test JVM's
 *       leak detector is PARANOID and fails the class on a report).
 * </ul>
 */
class ServerBytesFuzzTest {

    private static final int CLIENT_MAXIMUM_PACKET_SIZE = 300;

    /** By bits 0 and 1 of the connection byte; made once, as they cost more than many an input. */
    private static final Mqtt5ClientOptions[] OPTIONS = new Mqtt5ClientOptions[4];
    /** By bits 2 and 3 of the connection byte. */
    private static final byte[][] CONNACKS = new byte[4][];

    static {
        for (int i = 0; i < 4; i++) {
            ConnectPacket.Builder connect = ConnectPacket.builder().clientId("fuzz").keepAliveIntervalSeconds(0)
                    .topicAliasMaximum((i & 1) != 0 ? 10 : 0);
            if ((i & 2) != 0) {
                connect.maximumPacketSize((long) CLIENT_MAXIMUM_PACKET_SIZE);
            }
            OPTIONS[i] = Mqtt5ClientOptions.builder("fuzz.invalid", 1883)
                    .connectOptions(connect.build())
                    .onPublishReceived(event -> { })
                    // Callbacks and completions on the test thread: what they see is decided before feed returns.
                    .callbackExecutor(Runnable::run)
                    .completionExecutor(Runnable::run)
                    .build();
            ConnAckPacket.Builder connAck = ConnAckPacket.builder();
            if ((i & 1) != 0) {
                connAck.receiveMaximum(1);
            }
            if ((i & 2) != 0) {
                connAck.topicAliasMaximum(5);
            }
            CONNACKS[i] = CodecFixture.encode(connAck.build());
        }
    }

    @FuzzTest
    void clientHandlesServerBytes(byte[] input) throws Exception {
        if (input.length < 2) {
            return;
        }
        ErrorLog.attach();
        new Run(input[0] & 0xFF, input[1] & 0xFF).feed(Arrays.copyOfRange(input, 2, input.length));
    }

    /** One client, one connection, one input. */
    private static final class Run implements LifecycleEvents {

        private final int operations;
        private final int connection;
        private final EmbeddedChannel channel = new EmbeddedChannel();
        private final List<DisconnectionEvent> disconnections = new ArrayList<>();
        private final List<ConnectionFailureEvent> failures = new ArrayList<>();
        private final List<CompletableFuture<?>> futures = new ArrayList<>();
        private final Session session;
        private final ClientStateMachine machine;
        private final MqttPacketDecoder serverSide =
                new MqttPacketDecoder(DecoderSettings.server(DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE, 0));
        private final List<DisconnectPacket> sentDisconnects = new ArrayList<>();
        private final List<ByteBuf> reads = new ArrayList<>();

        Run(int operations, int connection) {
            this.operations = operations;
            this.connection = connection;
            Mqtt5ClientOptions options = OPTIONS[connection & 3];
            Executor direct = Runnable::run;
            EventLoop loop = channel.eventLoop();
            CallbackDispatcher dispatcher = new CallbackDispatcher(direct, this);
            Executor completions = new CompletionBatcher(loop, direct);
            session = new Session(options, loop, dispatcher, completions);
            machine = new ClientStateMachine(options, loop, session, dispatcher, List.of(), settings -> { },
                    initializer -> {
                        channel.pipeline().addLast(initializer);
                        channel.pipeline().fireChannelActive();
                        return channel.newSucceededFuture();
                    });
        }

        void feed(byte[] wire) throws Exception {
            try {
                machine.start();
                channel.runPendingTasks();
                inbound(CONNACKS[(connection >>> 2) & 3]);
                check(machine.connection() != null, () -> "the client did not take the CONNACK");
                submitOperations();
                channel.runPendingTasks();
                readSent();

                if ((connection & 0x80) != 0 && wire.length > 1) {
                    inbound(Arrays.copyOfRange(wire, 0, wire.length / 2));
                    inbound(Arrays.copyOfRange(wire, wire.length / 2, wire.length));
                } else {
                    inbound(wire);
                }
                channel.runPendingTasks();
                channel.checkException();
                readSent();
                checkConnection(wire);

                machine.close();
                channel.runPendingTasks();
                channel.checkException();
                checkOperationsComplete(wire);
                ErrorLog.check(wire);
                for (ByteBuf read : reads) {
                    check(read.refCnt() == 0, () -> "a read buffer was not released (" + read.refCnt() + " references"
                            + " left) for " + hex(wire));
                }
            } finally {
                ErrorLog.clear();
                channel.finishAndReleaseAll();
            }
        }

        private void submitOperations() {
            if ((operations & 1) != 0) {
                submit(new PublishOperation(session, Runnable::run, PublishPacket.builder().topic("a/1")
                        .payload("one").qos(QoS.AT_LEAST_ONCE).build()));
            }
            if ((operations & 2) != 0) {
                submit(new PublishOperation(session, Runnable::run, PublishPacket.builder().topic("a/2")
                        .payload("two").qos(QoS.EXACTLY_ONCE).build()));
            }
            if ((operations & 4) != 0) {
                submit(new SubscribeOperation(session, Runnable::run, SubscribePacket.builder()
                        .subscription(Subscription.of("a/#", QoS.EXACTLY_ONCE))
                        .subscription(Subscription.of("b", QoS.AT_MOST_ONCE)).build(), event -> { }, false));
            }
            if ((operations & 8) != 0) {
                submit(new UnsubscribeOperation(session, Runnable::run,
                        UnsubscribePacket.builder().topicFilter("a/#").topicFilter("c").build()));
            }
            if ((operations & 16) != 0) {
                submit(new PublishOperation(session, Runnable::run, PublishPacket.builder().topic("a/0")
                        .payload("zero").build()));
            }
        }

        private void submit(Operation<?> op) {
            futures.add(op);
            session.submit(op);
        }

        /**
         * A read of {@code bytes}, in a buffer of the channel's allocator: kept, so that the end of the input
         * can check that the client released it (the leak detector would only say so at the end of the run,
         * without the input).
         */
        private void inbound(byte[] bytes) {
            if (!channel.isActive()) {
                return;
            }
            ByteBuf buf = channel.alloc().buffer(bytes.length).writeBytes(bytes);
            reads.add(buf);
            channel.writeInbound(buf);
        }

        /** Decodes what the client wrote, as its server would, keeping its DISCONNECTs. */
        private void readSent() {
            for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
                ByteBuf buf = (ByteBuf) out;
                try {
                    for (Object packet = serverSide.decode(buf); packet != null; packet = serverSide.decode(buf)) {
                        if (packet instanceof DisconnectPacket) {
                            sentDisconnects.add((DisconnectPacket) packet);
                        }
                    }
                    check(!buf.isReadable(), () -> "the client wrote a partial packet");
                } catch (DecodeException e) {
                    throw new AssertionError("the client sent what a server cannot decode: " + e.getMessage(), e);
                } finally {
                    buf.release();
                }
            }
        }

        private void checkConnection(byte[] wire) {
            for (DisconnectPacket sent : sentDisconnects) {
                check(sent.reasonCode().code() >= 0x80, () -> "the client sent DISCONNECT " + sent.reasonCode()
                        + " for " + hex(wire));
            }
            check(failures.isEmpty(), () -> "a connection failure after CONNACK: " + failures);
            if (channel.isActive()) {
                check(sentDisconnects.isEmpty(),
                        () -> "the client sent DISCONNECT but kept the connection: " + hex(wire));
                check(disconnections.isEmpty(),
                        () -> "a disconnection event on an open connection: " + disconnections);
                return;
            }
            check(disconnections.size() == 1,
                    () -> "closed with " + disconnections.size() + " disconnection events");
            Mqtt5Exception error = disconnections.get(0).error();
            if (error.kind() == ErrorKind.SERVER_DISCONNECT) {
                check(sentDisconnects.isEmpty(), () -> "the client answered the server's DISCONNECT: " + hex(wire));
            } else if (error.kind() == ErrorKind.PROTOCOL_VIOLATION) {
                check(sentDisconnects.size() == 1, () -> "closed for " + error.getMessage() + " after "
                        + sentDisconnects.size() + " DISCONNECTs: " + hex(wire));
            } else {
                throw new AssertionError("the connection ended with " + error.kind() + ": " + error.getMessage()
                        + "; input " + hex(wire), error);
            }
        }

        private void checkOperationsComplete(byte[] wire) throws InterruptedException {
            for (CompletableFuture<?> future : futures) {
                check(future.isDone(), () -> "an operation still pending after close: " + future + "; input " + hex(wire));
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof Mqtt5Exception)) {
                        throw new AssertionError("an operation failed with " + e.getCause() + "; input " + hex(wire),
                                e.getCause());
                    }
                }
            }
            check(session.statistics().incompleteOperationCount() == 0, () -> "the closed session still counts "
                    + session.statistics() + "; input " + hex(wire));
        }

        @Override
        public void onDisconnection(DisconnectionEvent event) {
            disconnections.add(event);
        }

        @Override
        public void onConnectionFailure(ConnectionFailureEvent event) {
            failures.add(event);
        }
    }

    /** Lazy: the message (with the input in hex) is only built for a failure, not for every input. */
    private static void check(boolean condition, java.util.function.Supplier<String> what) {
        if (!condition) {
            throw new AssertionError(what.get());
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length && i < 300; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xFF));
        }
        return sb.append(bytes.length > 300 ? " ..." : "").toString();
    }

    /**
     * Tern's errors and its warnings about code that threw: none may be logged, whatever the server sends.
     * Attached to the {@code dev.tern} logger again whenever logback was reconfigured.
     */
    private static final class ErrorLog extends AppenderBase<ILoggingEvent> {

        private static final String NAME = "TERN_FUZZ_ERRORS";
        private static final List<String> seen = new CopyOnWriteArrayList<>();

        static void attach() {
            if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
                throw new AssertionError("the fuzz test needs logback to see Tern's errors");
            }
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            Logger tern = context.getLogger("dev.tern");
            if (tern.getAppender(NAME) == null) {
                ErrorLog appender = new ErrorLog();
                appender.setName(NAME);
                appender.setContext(context);
                appender.start();
                tern.addAppender(appender);
            }
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR)
                    || event.getLevel() == Level.WARN && event.getFormattedMessage().contains("threw")) {
                seen.add(event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
                        + (event.getThrowableProxy() != null ? " (" + event.getThrowableProxy().getClassName() + ": "
                                + event.getThrowableProxy().getMessage() + ")" : ""));
            }
        }

        static void check(byte[] wire) {
            if (!seen.isEmpty()) {
                throw new AssertionError("Tern logged " + seen + " for " + hex(wire));
            }
        }

        static void clear() {
            seen.clear();
        }
    }
}
