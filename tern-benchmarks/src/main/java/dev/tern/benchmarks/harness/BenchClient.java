package dev.tern.benchmarks.harness;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The neutral face every client under comparison shows the harness: one adapter per library, each doing
 * what a careful user of that library would do (its asynchronous API, no extra copies, no extra threads).
 *
 * <p>One instance is one MQTT 5 connection. The harness calls {@link #connect}, then {@link #subscribe} and
 * {@link #publish} from its own driver thread, and reads messages through the handler given to subscribe.
 * Completions and messages may arrive on any thread of the library's choosing; handlers must be cheap.
 */
public interface BenchClient extends AutoCloseable {

    /** Short stable name used in result files: {@code tern}, {@code hivemq}, {@code paho}, {@code crt}. */
    String name();

    /**
     * Opens a clean-start MQTT 5 connection (keep alive 60 s, no session expiry) and blocks until the CONNACK
     * arrived; throws if it failed or took longer than {@code timeout}.
     */
    void connect(String host, int port, String clientId, Duration timeout) throws Exception;

    /** The server's Receive Maximum from the CONNACK (65,535 when absent). Valid after connect. */
    int serverReceiveMaximum();

    /** Subscribes with the given QoS and blocks until the SUBACK; messages go to {@code handler}. */
    void subscribe(String topicFilter, int qos, MessageHandler handler, Duration timeout) throws Exception;

    /**
     * Publishes without blocking on the network (a library may block briefly for its own flow control).
     * {@code done} is called exactly once: QoS 0 when the library reports the message handed off (or at once
     * if it reports nothing), QoS 1 on PUBACK; with a non-null error if the publish failed.
     */
    void publish(String topic, byte[] payload, int qos, Completion done);

    /** Sends DISCONNECT and blocks until the connection is closed. */
    void disconnect(Duration timeout) throws Exception;

    /** Releases everything, connected or not (idempotent). */
    @Override
    void close();

    @FunctionalInterface
    interface MessageHandler {
        /** {@code payload} is valid only during the call. */
        void onMessage(ByteBuffer payload);
    }

    @FunctionalInterface
    interface Completion {
        void completed(Throwable errorOrNull);
    }
}
