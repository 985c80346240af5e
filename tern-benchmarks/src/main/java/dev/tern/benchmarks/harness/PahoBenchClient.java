package dev.tern.benchmarks.harness;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Eclipse Paho's MQTT 5 client (org.eclipse.paho:org.eclipse.paho.mqttv5.client) through its
 * {@link MqttAsyncClient}, with {@link MemoryPersistence} (no disk on the publish path).
 *
 * <p>Threads: Paho's own, four non-daemon threads per connection ({@code MQTT Snd}, {@code MQTT Rec},
 * {@code MQTT Call} for messages and action listeners, {@code MQTT Ping}, each suffixed with the client
 * identifier), started by connect and ended by disconnect; Paho offers no shared event loop, so 1,000
 * connections are 4,000 threads. The payload array is handed to Paho as is
 * (no copy); a received message is the array Paho decoded, wrapped.
 *
 * <p>Flow control: this client's Receive Maximum is set to 65,535 so the server never waits on us. Paho has
 * no setting for its outgoing limit: it takes the server's Receive Maximum from the CONNACK, and when that
 * many QoS 1/2 publishes are in flight a further {@code publish} (any QoS) throws "Too many publishes in
 * progress" (reason code 32202) instead of queueing. This adapter reports that through {@code done} as an
 * error; a harness that keeps at most {@link #serverReceiveMaximum()} QoS 1 publishes outstanding never
 * sees it, because Paho frees the slot before it calls the action listener. QoS 0 completes when Paho's
 * sender has written the PUBLISH (the action listener's {@code onSuccess}).
 */
public final class PahoBenchClient implements BenchClient {

    /** Paho's "Too many publishes in progress" (MqttClientException.REASON_CODE_MAX_INFLIGHT). */
    static final int MAX_INFLIGHT = 32202;

    /** One listener for every publish: the completion travels as the token's user context. */
    private static final MqttActionListener PUBLISH_LISTENER = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            Completion done = (Completion) token.getUserContext();
            int[] reasonCodes = token.getReasonCodes();
            if (reasonCodes != null && reasonCodes.length > 0 && reasonCodes[0] >= 0x80) {
                done.completed(new IllegalStateException("PUBACK reason code 0x" + Integer.toHexString(reasonCodes[0])));
            } else {
                done.completed(null);
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
            ((Completion) token.getUserContext()).completed(error);
        }
    };

    private volatile MqttAsyncClient client;
    private volatile MessageHandler handler;
    private volatile int serverReceiveMaximum = 65_535;
    private volatile boolean closed;

    @Override
    public String name() {
        return "paho";
    }

    @Override
    public void connect(String host, int port, String clientId, Duration timeout) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient("tcp://" + host + ":" + port, clientId, new MemoryPersistence());
        client = c;
        c.setCallback(new Callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setKeepAliveInterval(60);
        options.setAutomaticReconnect(false);
        options.setReceiveMaximum(65_535);
        options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        // Paho leaves Nagle on; an expert user turns it off with a socket factory (the only way Paho offers),
        // else every round trip waits out the broker's delayed ACK (~40 ms on Linux).
        options.setSocketFactory(NoDelaySocketFactory.INSTANCE);
        try {
            IMqttToken token = c.connect(options);
            token.waitForCompletion(timeout.toMillis());
            if (!c.isConnected()) {
                throw new IllegalStateException("no CONNACK within " + timeout);
            }
            MqttProperties properties = token.getResponseProperties();
            Integer receiveMaximum = properties == null ? null : properties.getReceiveMaximum();
            serverReceiveMaximum = receiveMaximum == null ? 65_535 : receiveMaximum;
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
        // One handler per connection (the harness subscribes once), called from the global callback: Paho's
        // per-subscription listeners only add a topic match per message.
        this.handler = handler;
        IMqttToken token = client.subscribe(new MqttSubscription(topicFilter, qos));
        token.waitForCompletion(timeout.toMillis());
        int[] reasonCodes = token.getReasonCodes();
        if (reasonCodes == null || reasonCodes.length == 0 || reasonCodes[0] >= 0x80) {
            throw new IllegalStateException("SUBACK refused " + topicFilter + ": "
                    + (reasonCodes == null || reasonCodes.length == 0 ? "none" : "0x" + Integer.toHexString(reasonCodes[0])));
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, Completion done) {
        try {
            client.publish(topic, payload, qos, false, done, PUBLISH_LISTENER);
        } catch (MqttException e) {
            // 32202 when the server's Receive Maximum is exhausted; see the class comment.
            done.completed(e);
        } catch (RuntimeException e) {
            done.completed(e);
        }
    }

    @Override
    public void disconnect(Duration timeout) throws Exception {
        MqttAsyncClient c = client;
        if (c != null && c.isConnected()) {
            // Quiesce: let work already handed to Paho finish first, bounded by the timeout.
            c.disconnect(Math.min(timeout.toMillis(), 5_000)).waitForCompletion(timeout.toMillis());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1_000, false);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MessageHandler h = handler;
            if (h != null) {
                h.onMessage(ByteBuffer.wrap(message.getPayload()));
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    /** Plain sockets with TCP_NODELAY. */
    static final class NoDelaySocketFactory extends javax.net.SocketFactory {

        static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

        @Override
        public java.net.Socket createSocket() throws java.io.IOException {
            java.net.Socket socket = new java.net.Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port));
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort)
                throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port, localHost, localPort));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress localAddress,
                int localPort) throws java.io.IOException {
            return noDelay(new java.net.Socket(address, port, localAddress, localPort));
        }

        private static java.net.Socket noDelay(java.net.Socket socket) throws java.io.IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
