package dev.tern.mqtt5.aws.testing;

import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.TestPki;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for AWS IoT Core's front door: it checks what IoT checks when a device connects, in one
 * of four {@link Mode}s, and then relays the MQTT byte stream to the test JVM's real broker
 * ({@link HiveMqBroker}, plain MQTT on loopback), so that a client configured for IoT can be tested end to
 * end. TLS always, on a free 127.0.0.1 port, with a server certificate for {@code localhost} and
 * {@code 127.0.0.1} (and any {@link Builder#serverNames extra names}) from the gateway's own CA: trust
 * {@link #caFile()}.
 *
 * <ul>
 *   <li>{@link Mode#MTLS}: a client certificate issued by the gateway's device CA ({@link #issueDevice}) is
 *       required. ALPN {@code x-amzn-mqtt-ca} is negotiated when offered; with
 *       {@link Builder#requireAlpn requireAlpn("x-amzn-mqtt-ca")} it is required, as on port 443.</li>
 *   <li>{@link Mode#CUSTOM_AUTH}: MQTT on 443 with a custom authorizer. ALPN {@code mqtt} required, no client
 *       certificate; the CONNECT username/password are checked against the {@link CustomAuthorizer}
 *       (CONNACK 0x87 and close if refused), then the CONNECT goes to the broker unchanged.</li>
 *   <li>{@link Mode#WEBSOCKET_SIGV4}: a WebSocket upgrade on {@code /mqtt}, subprotocol {@code mqtt},
 *       presigned with SigV4 in the query string; verified against fixed {@link Builder#credentials test
 *       credentials}, region and an injectable {@link Builder#clock clock} (HTTP 403 with the reason if
 *       refused). Binary frames are unwrapped to the broker and the broker's bytes wrapped.</li>
 *   <li>{@link Mode#WEBSOCKET_CUSTOM_AUTH}: the upgrade without SigV4, then the CONNECT checked as in
 *       CUSTOM_AUTH.</li>
 * </ul>
 *
 * <p>Every connection is recorded as a {@link GatewayAttempt} (SNI, ALPN offered and negotiated, client
 * certificate, upgrade request, credential scope, CONNECT and its parsed username, verdict):
 * {@link #nextAttempt} waits for the next decided one, {@link #attempts()} lists them all.
 *
 * <pre>{@code
 * try (IotGateway gateway = IotGateway.builder(IotGateway.Mode.MTLS).requireAlpn("x-amzn-mqtt-ca")
 *         .serverNames("abc123-ats.iot.us-east-1.amazonaws.com").start()) {
 *     TestPki.Identity device = gateway.issueDevice("device-1");
 *     // connect to 127.0.0.1:gateway.port(), SNI the endpoint, trusting gateway.caFile(), presenting
 *     // gateway.certificateFile(device) and gateway.privateKeyFile(device) ...
 *     GatewayAttempt attempt = gateway.nextAttempt();
 *     assertThat(attempt.alpn()).isEqualTo("x-amzn-mqtt-ca");
 *     assertThat(attempt.sni()).isEqualTo("abc123-ats.iot.us-east-1.amazonaws.com");
 * }
 * }</pre>
 *
 * <p>The JDK sends no SNI for a host name without a dot ({@code localhost}) unless it is set explicitly;
 * Tern sets it, a plain {@code SSLSocket} does not.
 */
public final class IotGateway implements AutoCloseable {

    /** What the gateway stands in for. */
    public enum Mode {
        /** MQTT over TLS with an X.509 client certificate (port 8883, or 443 with ALPN x-amzn-mqtt-ca). */
        MTLS,
        /** MQTT over TLS with a custom authorizer (port 443, ALPN mqtt). */
        CUSTOM_AUTH,
        /** MQTT over a WebSocket upgrade presigned with SigV4 (port 443). */
        WEBSOCKET_SIGV4,
        /** MQTT over a WebSocket with a custom authorizer in the CONNECT (port 443). */
        WEBSOCKET_CUSTOM_AUTH
    }

    /** ALPN protocol of MQTT with a client certificate on port 443. */
    public static final String ALPN_MQTT_CA = "x-amzn-mqtt-ca";
    /** ALPN protocol of MQTT with a custom authorizer on port 443. */
    public static final String ALPN_MQTT = "mqtt";
    /** Where the gateway listens. */
    public static final String HOST = "127.0.0.1";

    private static final int MAX_UPGRADE_REQUEST = 64 * 1024;
    private static final int MAX_FRAME_PAYLOAD = 16 * 1024 * 1024;

    private final Mode mode;
    private final String requiredAlpn;
    private final CustomAuthorizer authorizer;
    private final SigV4UpgradeCheck.Credentials credentials;
    private final String region;
    private final Clock clock;
    private final int brokerPort;
    private final TestPki serverPki;
    private final TestPki devicePki;
    private final SslContext sslContext;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final AtomicInteger attemptCount = new AtomicInteger();
    private final List<GatewayAttempt> attempts = new CopyOnWriteArrayList<>();
    private final BlockingQueue<GatewayAttempt> decided = new LinkedBlockingQueue<>();

    private IotGateway(Builder b) {
        mode = b.mode;
        requiredAlpn = mode == Mode.MTLS ? b.requiredAlpn : mode == Mode.CUSTOM_AUTH ? ALPN_MQTT : null;
        authorizer = b.authorizer;
        credentials = b.accessKeyId == null ? null
                : new SigV4UpgradeCheck.Credentials(b.accessKeyId, b.secretAccessKey, b.sessionToken);
        region = b.region;
        clock = b.clock;
        brokerPort = b.brokerPort != null ? b.brokerPort : HiveMqBroker.get().port();
        serverPki = TestPki.create("iot-gateway-server-ca");
        devicePki = TestPki.create("iot-gateway-device-ca");
        sslContext = serverContext(serverPki.server(b.serverNames.toArray(new String[0])));
        group = new NioEventLoopGroup(2, new DefaultThreadFactory("iot-gateway-" + mode.name().toLowerCase(), true));
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline(ch);
                    }
                })
                .bind(HOST, 0).syncUninterruptibly().channel();
    }

    public static Builder builder(Mode mode) {
        return new Builder(mode);
    }

    // ---- where and how to connect ------------------------------------------------------------------------

    public Mode mode() {
        return mode;
    }

    /** The gateway's host: 127.0.0.1 (its certificate also names localhost). */
    public String host() {
        return HOST;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The region SigV4 signatures must be scoped to. */
    public String region() {
        return region;
    }

    /** The CA that issued the gateway's server certificate, as a PEM file: what clients trust. */
    public Path caFile() {
        return serverPki.caFile();
    }

    public X509Certificate caCertificate() {
        return serverPki.caCertificate();
    }

    // ---- devices (MTLS) ----------------------------------------------------------------------------------

    /** The CA whose certificates the gateway accepts in MTLS mode. */
    public TestPki devicePki() {
        return devicePki;
    }

    /** A device certificate (EC key, subject {@code CN=name}) from the device CA. */
    public TestPki.Identity issueDevice(String name) {
        return issueDevice(name, TestPki.KeyType.EC);
    }

    public TestPki.Identity issueDevice(String name, TestPki.KeyType keyType) {
        return devicePki.client(name, keyType);
    }

    /** The device's certificate as a PEM file. */
    public Path certificateFile(TestPki.Identity device) {
        return devicePki.certificateFile(device, fileName(device, "-cert.pem"));
    }

    /** The device's private key as an unencrypted PKCS#8 PEM file. */
    public Path privateKeyFile(TestPki.Identity device) {
        return devicePki.pkcs8File(device, fileName(device, "-key.pem"));
    }

    /** The device's key and certificate chain as a PKCS#12 file under {@code password} (alias "key"). */
    public Path pkcs12File(TestPki.Identity device, char[] password) {
        return devicePki.pkcs12File(device, fileName(device, ".p12"), password);
    }

    private static String fileName(TestPki.Identity device, String suffix) {
        String name = device.certificate.getSubjectX500Principal().getName().replaceAll("[^A-Za-z0-9._-]", "_");
        return name + "-" + device.certificate.getSerialNumber() + suffix;
    }

    // ---- what happened -------------------------------------------------------------------------------------

    /** The next attempt the gateway decided on (accepted or refused), waiting at most {@code timeout}. */
    public GatewayAttempt nextAttempt(Duration timeout) {
        try {
            GatewayAttempt attempt = decided.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (attempt == null) {
                throw new AssertionError("no connection attempt decided within " + timeout + "; attempts: " + attempts);
            }
            return attempt;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public GatewayAttempt nextAttempt() {
        return nextAttempt(Duration.ofSeconds(10));
    }

    /** Every connection so far, decided or not, in order of arrival. */
    public List<GatewayAttempt> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly(); // closes every connection
    }

    @Override
    public String toString() {
        return "IotGateway{" + mode + " on " + HOST + ":" + port() + "}";
    }

    // ---- the pipeline ---------------------------------------------------------------------------------------

    private void pipeline(SocketChannel ch) {
        GatewayAttempt attempt = new GatewayAttempt(attemptCount.incrementAndGet(), mode, ch.remoteAddress(),
                decided::add);
        attempts.add(attempt);
        ch.closeFuture().addListener(closed -> attempt.refuse("the connection closed before the gateway decided"));
        ChannelPipeline p = ch.pipeline();
        p.addLast("hello", new ClientHelloCheck(attempt, requiredAlpn, this::tlsHandler));
        p.addLast("tls-gate", new TlsGate(attempt, this::tlsEstablished));
        switch (mode) {
            case MTLS:
                p.addLast("connect", new ConnectCheck(attempt, null, null));
                break;
            case CUSTOM_AUTH:
                p.addLast("connect", new ConnectCheck(attempt, authorizer, this::relay));
                break;
            case WEBSOCKET_SIGV4:
            case WEBSOCKET_CUSTOM_AUTH:
                boolean sigV4 = mode == Mode.WEBSOCKET_SIGV4;
                p.addLast("http", new HttpServerCodec());
                p.addLast("aggregator", new HttpObjectAggregator(MAX_UPGRADE_REQUEST));
                p.addLast("upgrade", new UpgradeCheck(attempt, sigV4 ? credentials : null, region, clock));
                p.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath(UpgradeCheck.PATH)
                        .subprotocols("mqtt")
                        .checkStartsWith(true) // "/mqtt?X-Amz-..." is /mqtt with a query
                        .handshakeTimeoutMillis(10_000)
                        .decoderConfig(WebSocketDecoderConfig.newBuilder()
                                .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                                .expectMaskedFrames(true)
                                .build())
                        .build()));
                p.addLast("frames", new WebSocketFrames(attempt, this::upgraded));
                p.addLast("connect", new ConnectCheck(attempt, sigV4 ? null : authorizer, this::relay));
                break;
            default:
                throw new IllegalStateException(mode.name());
        }
        p.addLast("errors", new ErrorSink(attempt));
    }

    /** The TLS handler for one connection, negotiating the mode's ALPN protocol when the client offers it. */
    private SslHandler tlsHandler(ChannelHandlerContext ctx) {
        SslHandler handler = sslContext.newHandler(ctx.alloc());
        String protocol = mode == Mode.MTLS ? ALPN_MQTT_CA : mode == Mode.CUSTOM_AUTH ? ALPN_MQTT : "http/1.1";
        // "" = no ALPN; the ClientHello check has already refused a client that does not offer a required one
        handler.engine().setHandshakeApplicationProtocolSelector(
                (engine, offered) -> offered.contains(protocol) ? protocol : "");
        return handler;
    }

    private void tlsEstablished(ChannelPipeline pipeline, GatewayAttempt attempt) {
        if (mode == Mode.MTLS) { // the client certificate was verified in the handshake
            attempt.accept();
            relay(pipeline, attempt);
        }
    }

    private void upgraded(ChannelPipeline pipeline, GatewayAttempt attempt) {
        if (mode == Mode.WEBSOCKET_SIGV4) { // the signature was verified before the upgrade
            attempt.accept();
            relay(pipeline, attempt);
        }
    }

    private void relay(ChannelPipeline pipeline, GatewayAttempt attempt) {
        pipeline.addBefore("errors", "relay", new Relay(HOST, brokerPort));
    }

    private SslContext serverContext(TestPki.Identity server) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(server.privateKey, server.certificate)
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2");
            if (mode == Mode.MTLS) {
                builder.trustManager(devicePki.caCertificate()).clientAuth(ClientAuth.REQUIRE);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("could not create the gateway's TLS context", e);
        }
    }

    /** Configures and starts an {@link IotGateway}. */
    public static final class Builder {
        private final Mode mode;
        private String requiredAlpn;
        private CustomAuthorizer authorizer;
        private String accessKeyId;
        private String secretAccessKey;
        private String sessionToken;
        private String region = "us-east-1";
        private Clock clock = Clock.systemUTC();
        private final Set<String> serverNames = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        private Integer brokerPort;

        private Builder(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
        }

        /**
         * MTLS only: a ClientHello that does not offer {@code protocol} is refused with a TLS alert, as on
         * IoT's port 443 ({@code x-amzn-mqtt-ca}). Without it ALPN is optional, as on port 8883.
         */
        public Builder requireAlpn(String protocol) {
            if (mode != Mode.MTLS) {
                throw new IllegalStateException("requireAlpn is for MTLS; " + mode + " has its own ALPN rule");
            }
            this.requiredAlpn = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** CUSTOM_AUTH and WEBSOCKET_CUSTOM_AUTH: the authorizer the CONNECT must satisfy. */
        public Builder customAuthorizer(CustomAuthorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /** WEBSOCKET_SIGV4: long-term test credentials (no session token may be sent). */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            return credentials(accessKeyId, secretAccessKey, null);
        }

        /** WEBSOCKET_SIGV4: test credentials; with a session token, it must be sent as X-Amz-Security-Token. */
        public Builder credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            this.sessionToken = sessionToken;
            return this;
        }

        /** WEBSOCKET_SIGV4: the region of the endpoint (default us-east-1). */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** WEBSOCKET_SIGV4: the clock X-Amz-Date is compared with (at most 5 minutes apart). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** More DNS names or IP addresses for the server certificate (it always has localhost and 127.0.0.1). */
        public Builder serverNames(String... names) {
            serverNames.addAll(List.of(names));
            return this;
        }

        /** Relay to this plain-MQTT port on 127.0.0.1 instead of the shared HiveMQ broker. */
        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        public IotGateway start() {
            List<String> missing = new ArrayList<>();
            if ((mode == Mode.CUSTOM_AUTH || mode == Mode.WEBSOCKET_CUSTOM_AUTH) && authorizer == null) {
                missing.add("customAuthorizer");
            }
            if (mode == Mode.WEBSOCKET_SIGV4 && accessKeyId == null) {
                missing.add("credentials");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException(mode + " needs " + missing);
            }
            return new IotGateway(this);
        }
    }
}
