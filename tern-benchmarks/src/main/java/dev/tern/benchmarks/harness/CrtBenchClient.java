package dev.tern.benchmarks.harness;

import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.PublishResult;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.DisconnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The AWS Common Runtime's MQTT 5 client (software.amazon.awssdk.crt:aws-crt), the engine of the AWS IoT
 * Device SDK for Java v2: {@link Mqtt5Client} over plain TCP.
 *
 * <p>Threads: none of its own. No bootstrap, event loop group or socket options are given, so every client
 * uses the CRT's process-wide static default {@code ClientBootstrap} and its event loop group (one native
 * thread per core, created on first use and kept for the life of the process), as an SDK user would; a
 * thousand idle connections then cost what they cost with the other libraries' shared event loops. Native
 * threads attach to the JVM (as daemon threads, {@code AwsEventLoop N}) to deliver callbacks: lifecycle
 * events, messages and future completions all run on the event loop thread of the connection.
 *
 * <p>Flow control: the CRT holds QoS 1 publishes in flight to the server's Receive Maximum and queues the
 * rest itself; the client announces Receive Maximum 65,535. The payload array is passed as is; the JNI call
 * copies it to native memory (the library's design, unavoidable), and a received payload arrives as a
 * fresh Java array, which is wrapped. A PUBACK with a reason code of 0x80 or more is reported as an error.
 * QoS 0 completes when the CRT completes the future: once the PUBLISH is written to the socket.
 *
 * <p>The native library is the one bundled in the aws-crt jar (extracted to a temporary directory on first
 * use); {@link #close()} stops the client and releases its native handle.
 */
public final class CrtBenchClient implements BenchClient {

    private final CompletableFuture<Integer> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Mqtt5Client client;
    private volatile MessageHandler handler;
    private volatile int serverReceiveMaximum = 65_535;
    private volatile boolean closed;

    /** A native resource of its own: closed with the client. */
    private software.amazon.awssdk.crt.io.SocketOptions socketOptions;

    @Override
    public String name() {
        return "crt";
    }

    @Override
    public void connect(String host, int port, String clientId, Duration timeout) throws Exception {
        socketOptions = noDelaySocket();
        Mqtt5ClientOptions options = new Mqtt5ClientOptions.Mqtt5ClientOptionsBuilder(host, (long) port)
                .withConnectOptions(new ConnectPacket.ConnectPacketBuilder()
                        .withClientId(clientId)
                        .withKeepAliveIntervalSeconds(60L)
                        .withReceiveMaximum(65_535L)
                        .build())
                .withSessionBehavior(Mqtt5ClientOptions.ClientSessionBehavior.CLEAN)
                .withSocketOptions(socketOptions)
                .withConnackTimeoutMs(timeout.toMillis())
                .withLifecycleEvents(new Lifecycle())
                .withPublishEvents((c, publishReturn) -> {
                    MessageHandler h = handler;
                    if (h != null) {
                        h.onMessage(ByteBuffer.wrap(publishReturn.getPublishPacket().getPayload()));
                    }
                })
                .build();
        Mqtt5Client c = new Mqtt5Client(options);
        client = c;
        try {
            c.start();
            serverReceiveMaximum = connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    @Override
    public int serverReceiveMaximum() {
        return serverReceiveMaximum;
    }

    @Override
    public void subscribe(String topicFilter, int qos, MessageHandler handler, Duration timeout) throws Exception {
        this.handler = handler;
        SubAckPacket subAck = client.subscribe(new SubscribePacket.SubscribePacketBuilder(topicFilter, qos(qos)).build())
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (SubAckPacket.SubAckReasonCode code : subAck.getReasonCodes()) {
            if (code.getValue() >= 0x80) {
                throw new IllegalStateException("SUBACK refused " + topicFilter + ": " + code);
            }
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, Completion done) {
        client.publish(new PublishPacket.PublishPacketBuilder(topic, qos(qos), payload).build())
                .whenComplete((result, error) -> done.completed(error != null ? error : errorOf(result)));
    }

    private static Throwable errorOf(PublishResult result) {
        if (result != null && result.getType() == PublishResult.PublishResultType.PUBACK) {
            PubAckPacket.PubAckReasonCode code = result.getResultPubAck().getReasonCode();
            if (code.getValue() >= 0x80) {
                return new IllegalStateException("PUBACK reason code " + code);
            }
        }
        return null;
    }

    @Override
    public void disconnect(Duration timeout) throws Exception {
        Mqtt5Client c = client;
        if (c != null && !stopped.isDone()) {
            c.stop(new DisconnectPacket.DisconnectPacketBuilder()
                    .withReasonCode(DisconnectPacket.DisconnectReasonCode.NORMAL_DISCONNECTION)
                    .build());
            stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Mqtt5Client c = client;
        if (c == null) {
            return;
        }
        try {
            if (!stopped.isDone()) {
                c.stop();
                stopped.get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // releasing anyway
        } finally {
            c.close();
            socketOptions.close();
        }
    }

    /** TCP_NODELAY asked for explicitly (the bindings' default turned it on only in mid-2026 releases). */
    private static software.amazon.awssdk.crt.io.SocketOptions noDelaySocket() {
        software.amazon.awssdk.crt.io.SocketOptions socket = new software.amazon.awssdk.crt.io.SocketOptions();
        socket.tcpNoDelay = software.amazon.awssdk.crt.io.SocketOptions.TcpNoDelay.ON;
        return socket;
    }

    private static QOS qos(int qos) {
        switch (qos) {
            case 0:
                return QOS.AT_MOST_ONCE;
            case 1:
                return QOS.AT_LEAST_ONCE;
            case 2:
                return QOS.EXACTLY_ONCE;
            default:
                throw new IllegalArgumentException("QoS " + qos);
        }
    }

    private final class Lifecycle implements Mqtt5ClientOptions.LifecycleEvents {
        @Override
        public void onAttemptingConnect(Mqtt5Client c, OnAttemptingConnectReturn event) {
        }

        @Override
        public void onConnectionSuccess(Mqtt5Client c, OnConnectionSuccessReturn event) {
            connected.complete(event.getNegotiatedSettings().getReceiveMaximumFromServer());
        }

        @Override
        public void onConnectionFailure(Mqtt5Client c, OnConnectionFailureReturn event) {
            connected.completeExceptionally(new IllegalStateException("connection failed: "
                    + CRT.awsErrorName(event.getErrorCode())
                    + (event.getConnAckPacket() == null ? "" : ", CONNACK " + event.getConnAckPacket().getReasonCode())));
        }

        @Override
        public void onDisconnection(Mqtt5Client c, OnDisconnectionReturn event) {
        }

        @Override
        public void onStopped(Mqtt5Client c, OnStoppedReturn event) {
            stopped.complete(null);
        }
    }
}
