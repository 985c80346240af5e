package dev.tern.mqtt5.aws;

import dev.tern.mqtt5.AttemptingConnectEvent;
import dev.tern.mqtt5.ClientSessionBehavior;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.LifecycleEvents;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.OfflineQueueBehavior;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.ResubscribeEvent;
import dev.tern.mqtt5.StoppedEvent;
import dev.tern.mqtt5.TopicAliasingOptions;
import dev.tern.mqtt5.aws.internal.CustomAuthorizerUsername;
import dev.tern.mqtt5.aws.internal.IotCoreLimitedClient;
import dev.tern.mqtt5.aws.internal.IotCoreLimits;
import dev.tern.mqtt5.aws.internal.IotEndpoints;
import dev.tern.mqtt5.aws.internal.SigV4HandshakeSigner;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import dev.tern.mqtt5.transport.TlsOptions;
import dev.tern.mqtt5.transport.WebSocketOptions;
import io.netty.channel.EventLoopGroup;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Builds {@link Mqtt5Client}s for AWS IoT Core, one static factory per authentication method, configured
 * on the wire exactly as the AWS IoT Device SDKs configure it (ports, ALPN, custom-authorizer user
 * names, SigV4-presigned WebSocket upgrades) — without their known faults: a user name you set is kept,
 * the SDK metrics parameters can be turned off, the region is read from the endpoint when not given,
 * and every misconfiguration is an exception naming the argument, never a null.
 *
 * <pre>{@code
 * Mqtt5Client client = Mqtt5ClientBuilder.mtlsFromPath(certPath, keyPath, endpoint)
 *         .withCallbacks(callbacks)
 *         .withOnPublishReceived(this::onPublishReceived)
 *         .build();
 * }</pre>
 *
 * Defaults: MQTT over TLS on port 8883 for certificates (ALPN {@code x-amzn-mqtt-ca} offered, so
 * {@code withPort(443)} works); port 443 with ALPN {@code mqtt} for custom authorizers; WebSocket on
 * 443; the JDK's trusted certificates (which include the Amazon root CAs); keep alive 1,200 s; a client
 * identifier {@code gen<32 hex>} when none is given. Not thread-safe; {@link #build()} may be called
 * more than once.
 */
public final class Mqtt5ClientBuilder {

    /** The SDK name in the metrics parameters of the CONNECT user name. */
    public static final String SDK_NAME = "Tern";

    private enum Method {
        MTLS,
        DIRECT_CUSTOM_AUTHORIZER,
        WEBSOCKET_SIGV4,
        WEBSOCKET_CUSTOM_AUTHORIZER
    }

    private final Method method;
    private final String endpoint;
    private final TlsOptions.Builder tls;
    private final Mqtt5ClientOptions.Builder client;
    private int port;
    private ConnectPacket connectOptions = ConnectPacket.builder().keepAliveIntervalSeconds(1200).build();
    private String clientId;
    private String generatedClientId;
    private boolean sdkMetrics = true;
    private boolean iotCoreLimits;
    private boolean rotateBeforeCredentialsExpire;

    // custom authorizer
    private String authorizerName;
    private String authorizerSignature;
    private String tokenKeyName;
    private String tokenValue;
    private String authorizerUsername;
    private byte[] authorizerPassword;

    // SigV4
    private String region;
    private AwsCredentialsProvider credentialsProvider;
    private Clock clock = Clock.systemUTC();
    private HttpProxyOptions httpProxy;

    // callbacks
    private Mqtt5ClientCallbacks callbacks = new Mqtt5ClientCallbacks() {
    };
    private Consumer<PublishReceivedEvent> onPublishReceived;
    private Consumer<AttemptingConnectEvent> onAttemptingConnect;
    private Consumer<ConnectionSuccessEvent> onConnectionSuccess;
    private Consumer<ConnectionFailureEvent> onConnectionFailure;
    private Consumer<DisconnectionEvent> onDisconnection;
    private Consumer<StoppedEvent> onStopped;

    private Mqtt5ClientBuilder(Method method, String endpoint, int defaultPort) {
        this.method = method;
        this.endpoint = checkEndpoint(endpoint);
        this.port = defaultPort;
        this.tls = TlsOptions.builder();
        this.client = Mqtt5ClientOptions.builder(this.endpoint, defaultPort);
    }

    // ==== factories ==================================================================================

    /**
     * Direct MQTT with X.509 mutual TLS, certificate and private key read from PEM files (the key in
     * PKCS#8, PKCS#1 or SEC1 form).
     */
    public static Mqtt5ClientBuilder mtlsFromPath(String certPath, String keyPath, String endpoint) {
        return mtlsFromPath(path(certPath, "certPath"), path(keyPath, "keyPath"), endpoint);
    }

    /** As {@link #mtlsFromPath(String, String, String)}, with {@link Path}s. */
    public static Mqtt5ClientBuilder mtlsFromPath(Path certPath, Path keyPath, String endpoint) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.MTLS, endpoint, 8883);
        builder.tls.clientCertificate(notNull(certPath, "certPath"), notNull(keyPath, "keyPath"));
        return builder;
    }

    /** Direct MQTT with X.509 mutual TLS, certificate and private key given as PEM text. */
    public static Mqtt5ClientBuilder mtlsFromMemory(String certPem, String keyPem, String endpoint) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.MTLS, endpoint, 8883);
        builder.tls.clientCertificatePem(notEmpty(certPem, "certPem"), notEmpty(keyPem, "keyPem"));
        return builder;
    }

    /** Direct MQTT with X.509 mutual TLS from a PKCS#12 file — on every platform Java runs on. */
    public static Mqtt5ClientBuilder mtlsFromPkcs12(String pkcs12Path, String pkcs12Password, String endpoint) {
        return mtlsFromPkcs12(path(pkcs12Path, "pkcs12Path"), notNull(pkcs12Password, "pkcs12Password").toCharArray(),
                endpoint);
    }

    /** As {@link #mtlsFromPkcs12(String, String, String)}, with a {@link Path} and a char[] password. */
    public static Mqtt5ClientBuilder mtlsFromPkcs12(Path pkcs12Path, char[] pkcs12Password, String endpoint) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.MTLS, endpoint, 8883);
        builder.tls.pkcs12(notNull(pkcs12Path, "pkcs12Path"), notNull(pkcs12Password, "pkcs12Password"));
        return builder;
    }

    /**
     * Direct MQTT with X.509 mutual TLS, the key being entry {@code alias} of a loaded {@link KeyStore}:
     * JKS, PKCS#12, or PKCS#11 (a key held in hardware). {@code password} protects the entry; null for
     * stores that need none.
     */
    public static Mqtt5ClientBuilder mtlsFromKeyStore(KeyStore keyStore, String alias, char[] password,
            String endpoint) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.MTLS, endpoint, 8883);
        builder.tls.keyStore(notNull(keyStore, "keyStore"), notEmpty(alias, "alias"), password);
        return builder;
    }

    /**
     * Direct MQTT to port 443 through a custom authorizer that does not check signatures. The builder adds
     * the authorizer's name to the CONNECT user name; pass {@code username} without it.
     *
     * @param authorizerName the authorizer; null to use the endpoint's default authorizer
     * @param username the user name for the authorizer's Lambda, or null
     * @param password the password for the authorizer's Lambda (sent as raw bytes), or null
     */
    public static Mqtt5ClientBuilder directWithUnsignedCustomAuthorizer(String endpoint, String authorizerName,
            String username, byte[] password) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.DIRECT_CUSTOM_AUTHORIZER, endpoint, 443);
        builder.authorizer(authorizerName, username, password);
        return builder;
    }

    /** As above, with the password as UTF-8 text. */
    public static Mqtt5ClientBuilder directWithUnsignedCustomAuthorizer(String endpoint, String authorizerName,
            String username, String password) {
        return directWithUnsignedCustomAuthorizer(endpoint, authorizerName, username, utf8(password));
    }

    /**
     * Direct MQTT to port 443 through a custom authorizer with token signing. {@code authorizerName},
     * {@code tokenKeyName} and {@code tokenValue} go into the user name as given: URI-encode them yourself
     * if they need it. {@code authorizerSignature} (base64) is URI-encoded by the builder unless it already
     * contains '%'.
     */
    public static Mqtt5ClientBuilder directWithSignedCustomAuthorizer(String endpoint, String authorizerName,
            String authorizerSignature, String tokenKeyName, String tokenValue, String username, byte[] password) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.DIRECT_CUSTOM_AUTHORIZER, endpoint, 443);
        builder.authorizer(authorizerName, username, password);
        builder.signing(authorizerSignature, tokenKeyName, tokenValue);
        return builder;
    }

    /** As above, with the password as UTF-8 text. */
    public static Mqtt5ClientBuilder directWithSignedCustomAuthorizer(String endpoint, String authorizerName,
            String authorizerSignature, String tokenKeyName, String tokenValue, String username, String password) {
        return directWithSignedCustomAuthorizer(endpoint, authorizerName, authorizerSignature, tokenKeyName,
                tokenValue, username, utf8(password));
    }

    /**
     * MQTT over WebSocket on port 443, the upgrade presigned with SigV4 for the service
     * {@code iotdevicegateway} — with credentials fetched from {@code credentialsProvider} for every
     * connection attempt, so refreshed credentials are always used.
     *
     * @param region the signing region; null to read it from the endpoint
     *     ({@code <prefix>.iot.<region>.amazonaws.com})
     * @param credentialsProvider any AWS SDK for Java v2 provider: default chain, profile, environment, STS,
     *     {@link CognitoCredentialsProvider}, …
     * @throws IllegalArgumentException if no region is given and the endpoint does not name one
     */
    public static Mqtt5ClientBuilder websocketsWithDefaultAwsSigning(String endpoint, String region,
            AwsCredentialsProvider credentialsProvider) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.WEBSOCKET_SIGV4, endpoint, 443);
        builder.credentialsProvider = notNull(credentialsProvider, "credentialsProvider");
        builder.region = region != null ? notEmpty(region, "region") : IotEndpoints.regionOf(builder.endpoint);
        if (builder.region == null) {
            throw new IllegalArgumentException("region is null and cannot be read from the endpoint " + endpoint
                    + " (expected <prefix>.iot.<region>.amazonaws.com); pass the signing region, e.g. us-east-1");
        }
        return builder;
    }

    /** MQTT over WebSocket on port 443 through an unsigned custom authorizer (parameters in the user name). */
    public static Mqtt5ClientBuilder websocketsWithCustomAuthorizer(String endpoint, String authorizerName,
            String username, byte[] password) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.WEBSOCKET_CUSTOM_AUTHORIZER, endpoint, 443);
        builder.authorizer(authorizerName, username, password);
        return builder;
    }

    /** As above, with the password as UTF-8 text. */
    public static Mqtt5ClientBuilder websocketsWithCustomAuthorizer(String endpoint, String authorizerName,
            String username, String password) {
        return websocketsWithCustomAuthorizer(endpoint, authorizerName, username, utf8(password));
    }

    /** MQTT over WebSocket on port 443 through a signing custom authorizer (parameters in the user name). */
    public static Mqtt5ClientBuilder websocketsWithCustomAuthorizer(String endpoint, String authorizerName,
            String authorizerSignature, String tokenKeyName, String tokenValue, String username, byte[] password) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.WEBSOCKET_CUSTOM_AUTHORIZER, endpoint, 443);
        builder.authorizer(authorizerName, username, password);
        builder.signing(authorizerSignature, tokenKeyName, tokenValue);
        return builder;
    }

    /** As above, with the password as UTF-8 text. */
    public static Mqtt5ClientBuilder websocketsWithCustomAuthorizer(String endpoint, String authorizerName,
            String authorizerSignature, String tokenKeyName, String tokenValue, String username, String password) {
        return websocketsWithCustomAuthorizer(endpoint, authorizerName, authorizerSignature, tokenKeyName,
                tokenValue, username, utf8(password));
    }

    private void authorizer(String name, String username, byte[] password) {
        if (name != null && name.isEmpty()) {
            throw new IllegalArgumentException("authorizerName must not be empty (null uses the default authorizer)");
        }
        this.authorizerName = name;
        this.authorizerUsername = username;
        this.authorizerPassword = password == null ? null : password.clone();
        // Fails now, not at build(), if the user name cannot carry the authorizer parameters.
        CustomAuthorizerUsername.compose(username, name, null, null, null);
    }

    private void signing(String signature, String keyName, String value) {
        this.authorizerSignature = notEmpty(signature, "authorizerSignature");
        this.tokenKeyName = notEmpty(keyName, "tokenKeyName");
        this.tokenValue = notEmpty(value, "tokenValue");
    }

    // ==== with… =======================================================================================

    /** All six callbacks at once; individual {@code withOn…} calls override single ones. */
    public Mqtt5ClientBuilder withCallbacks(Mqtt5ClientCallbacks callbacks) {
        this.callbacks = notNull(callbacks, "callbacks");
        return this;
    }

    public Mqtt5ClientBuilder withOnPublishReceived(Consumer<PublishReceivedEvent> callback) {
        this.onPublishReceived = callback;
        return this;
    }

    public Mqtt5ClientBuilder withOnAttemptingConnect(Consumer<AttemptingConnectEvent> callback) {
        this.onAttemptingConnect = callback;
        return this;
    }

    public Mqtt5ClientBuilder withOnConnectionSuccess(Consumer<ConnectionSuccessEvent> callback) {
        this.onConnectionSuccess = callback;
        return this;
    }

    public Mqtt5ClientBuilder withOnConnectionFailure(Consumer<ConnectionFailureEvent> callback) {
        this.onConnectionFailure = callback;
        return this;
    }

    public Mqtt5ClientBuilder withOnDisconnection(Consumer<DisconnectionEvent> callback) {
        this.onDisconnection = callback;
        return this;
    }

    public Mqtt5ClientBuilder withOnStopped(Consumer<StoppedEvent> callback) {
        this.onStopped = callback;
        return this;
    }

    /** Connect through an HTTP proxy (also used for Cognito credential requests). */
    public Mqtt5ClientBuilder withHttpProxyOptions(HttpProxyOptions httpProxyOptions) {
        this.httpProxy = httpProxyOptions;
        return this;
    }

    /** The port: 8883 or 443 for certificates (ALPN makes 443 work), 443 for the other methods. */
    public Mqtt5ClientBuilder withPort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [1, 65535], was " + port);
        }
        this.port = port;
        return this;
    }

    /** The client identifier (at most 128 bytes for IoT Core); by default {@code gen<32 hex>}. */
    public Mqtt5ClientBuilder withClientId(String clientId) {
        this.clientId = notEmpty(clientId, "clientId");
        return this;
    }

    /** Trust the CA certificates in this PEM file instead of the system's (e.g. AmazonRootCA1.pem). */
    public Mqtt5ClientBuilder withCertificateAuthorityFromPath(String caPath) {
        tls.trustCertificates(path(caPath, "caPath"));
        return this;
    }

    /** As above, with a {@link Path}. */
    public Mqtt5ClientBuilder withCertificateAuthorityFromPath(Path caPath) {
        tls.trustCertificates(notNull(caPath, "caPath"));
        return this;
    }

    /** Trust the CA certificates in this PEM text instead of the system's. */
    public Mqtt5ClientBuilder withCertificateAuthority(String caPem) {
        tls.trustCertificatesPem(notEmpty(caPem, "caPem"));
        return this;
    }

    /**
     * The CONNECT options (client identifier, keep alive, session expiry, will, user properties, …). A user
     * name set here is kept; authorizer and metrics parameters are added to the copy that goes on the wire.
     */
    public Mqtt5ClientBuilder withConnectOptions(ConnectPacket connectOptions) {
        this.connectOptions = notNull(connectOptions, "connectOptions");
        return this;
    }

    public Mqtt5ClientBuilder withKeepAliveIntervalSeconds(int seconds) {
        this.connectOptions = connectOptions.toBuilder().keepAliveIntervalSeconds(seconds).build();
        return this;
    }

    public Mqtt5ClientBuilder withSessionExpiryIntervalSeconds(Long seconds) {
        this.connectOptions = connectOptions.toBuilder().sessionExpiryIntervalSeconds(seconds).build();
        return this;
    }

    public Mqtt5ClientBuilder withSessionBehavior(ClientSessionBehavior behavior) {
        client.sessionBehavior(behavior);
        return this;
    }

    public Mqtt5ClientBuilder withOfflineQueueBehavior(OfflineQueueBehavior behavior) {
        client.offlineQueueBehavior(behavior);
        return this;
    }

    public Mqtt5ClientBuilder withMaxQueuedOperations(int maxQueuedOperations) {
        client.maxQueuedOperations(maxQueuedOperations);
        return this;
    }

    public Mqtt5ClientBuilder withReconnectOptions(ReconnectOptions reconnectOptions) {
        client.reconnectOptions(reconnectOptions);
        return this;
    }

    public Mqtt5ClientBuilder withConnectTimeout(Duration timeout) {
        client.connectTimeout(timeout);
        return this;
    }

    public Mqtt5ClientBuilder withConnAckTimeout(Duration timeout) {
        client.connAckTimeout(timeout);
        return this;
    }

    public Mqtt5ClientBuilder withPingTimeout(Duration timeout) {
        client.pingTimeout(timeout);
        return this;
    }

    public Mqtt5ClientBuilder withAckTimeout(Duration timeout) {
        client.ackTimeout(timeout);
        return this;
    }

    public Mqtt5ClientBuilder withTopicAliasing(TopicAliasingOptions topicAliasing) {
        client.topicAliasing(topicAliasing);
        return this;
    }

    public Mqtt5ClientBuilder withResubscribeOnSessionLoss(boolean resubscribe) {
        client.resubscribeOnSessionLoss(resubscribe);
        return this;
    }

    public Mqtt5ClientBuilder withOnResubscribe(Consumer<ResubscribeEvent> callback) {
        client.onResubscribe(callback);
        return this;
    }

    public Mqtt5ClientBuilder withCallbackExecutor(Executor executor) {
        client.callbackExecutor(executor);
        return this;
    }

    public Mqtt5ClientBuilder withCompletionExecutor(Executor executor) {
        client.completionExecutor(executor);
        return this;
    }

    public Mqtt5ClientBuilder withEventLoopGroup(EventLoopGroup group) {
        client.eventLoopGroup(group);
        return this;
    }

    /** The TLS engine: AUTO (OpenSSL when netty-tcnative is present), JDK or OPENSSL. */
    public Mqtt5ClientBuilder withTlsEngine(TlsOptions.Engine engine) {
        tls.engine(engine);
        return this;
    }

    /**
     * Whether the CONNECT user name carries the SDK metrics parameters ({@code SDK=Tern&Version=…}) that
     * AWS IoT Core collects, as the AWS IoT Device SDKs do; on by default.
     */
    public Mqtt5ClientBuilder withSdkMetrics(boolean enabled) {
        this.sdkMetrics = enabled;
        return this;
    }

    /**
     * Checks on the client what AWS IoT Core would reject — payloads above 128 KiB, topics longer than 256
     * bytes or with more than 7 slashes, QoS 2, more than 8 filters per SUBSCRIBE or UNSUBSCRIBE — and fails
     * the operation with {@link dev.tern.mqtt5.ErrorKind#UNSUPPORTED_BY_SERVER} instead of being
     * disconnected; a client identifier above 128 bytes or a keep alive outside 30–1200 s fails
     * {@code build()}. Publishes are held back to IoT Core's per-connection rates (100 per second, 512 KiB
     * per second), in order, as the AWS IoT Device SDKs' flow control does. Off by default.
     */
    public Mqtt5ClientBuilder withIotCoreLimitsValidation(boolean enabled) {
        this.iotCoreLimits = enabled;
        return this;
    }

    /**
     * Replaces the connection with a fresh one once it has been up this long: DISCONNECT, then an immediate
     * reconnection (over SigV4 WebSocket, signed afresh) that rejoins the session under
     * {@code REJOIN_POST_SUCCESS} or {@code REJOIN_ALWAYS}; under the default {@code CLEAN} behaviour a new
     * session starts and the client subscribes again ({@code withResubscribeOnSessionLoss}). AWS IoT Core
     * ends WebSocket connections after 24 hours; {@code Duration.ofHours(23)} makes that a planned
     * reconnection at a time of the client's choosing. Off (null) by default.
     */
    public Mqtt5ClientBuilder withMaxConnectionAge(Duration maxAge) {
        client.maxConnectionAge(maxAge);
        return this;
    }

    /**
     * For {@link #websocketsWithDefaultAwsSigning}: replaces each connection shortly (a minute) before the
     * temporary credentials it was signed with expire, signing the new one with fresh credentials — for
     * deployments that want every connection to stand on current credentials. Credentials without an
     * expiry (long-term keys) are unaffected. Off by default.
     */
    public Mqtt5ClientBuilder withRotationBeforeCredentialsExpire(boolean enabled) {
        this.rotateBeforeCredentialsExpire = enabled;
        return this;
    }

    /** The clock used for SigV4 dates (tests). */
    Mqtt5ClientBuilder withClock(Clock clock) {
        this.clock = notNull(clock, "clock");
        return this;
    }

    // ==== build =======================================================================================

    /** The options of the client {@link #build()} would create. */
    public Mqtt5ClientOptions options() {
        ConnectPacket.Builder connect = connectOptions.toBuilder();
        String id = clientId != null ? clientId : connectOptions.clientId();
        if (id.isEmpty()) {
            // IoT-assigned identifiers cannot be reused to rejoin a session: choose one, as the SDKs do, and
            // keep it, so that every client this builder makes is the same device.
            if (generatedClientId == null) {
                generatedClientId = "gen" + UUID.randomUUID().toString().replace("-", "");
            }
            id = generatedClientId;
        }
        connect.clientId(id);
        String username = connectOptions.username();
        if (method == Method.DIRECT_CUSTOM_AUTHORIZER || method == Method.WEBSOCKET_CUSTOM_AUTHORIZER) {
            username = CustomAuthorizerUsername.compose(authorizerUsername != null ? authorizerUsername : username,
                    authorizerName, tokenKeyName, tokenValue, authorizerSignature);
            if (authorizerPassword != null) {
                connect.password(authorizerPassword);
            }
        }
        if (sdkMetrics) {
            username = CustomAuthorizerUsername.withMetrics(username, SDK_NAME, version());
        }
        connect.username(username);
        ConnectPacket wire = connect.build();
        if (iotCoreLimits) {
            IotCoreLimits.checkConnect(wire);
        }

        TlsOptions.Builder tlsOptions = tls.build().toBuilder();
        WebSocketOptions webSocket = null;
        switch (method) {
            case MTLS:
                tlsOptions.alpnProtocols("x-amzn-mqtt-ca");
                break;
            case DIRECT_CUSTOM_AUTHORIZER:
                tlsOptions.alpnProtocols("mqtt");
                break;
            case WEBSOCKET_SIGV4:
                webSocket = WebSocketOptions.builder().path("/mqtt")
                        .handshakeTransformer(new SigV4HandshakeSigner(region, credentialsProvider(), clock,
                                rotateBeforeCredentialsExpire)).build();
                break;
            default:
                webSocket = WebSocketOptions.builder().path("/mqtt").build();
        }
        return client.port(port)
                .connectOptions(wire)
                .tlsOptions(tlsOptions.build())
                .webSocketOptions(webSocket)
                .httpProxyOptions(httpProxy)
                .lifecycleEvents(lifecycleEvents())
                .onPublishReceived(publishCallback())
                .build();
    }

    /** The client, not started. */
    public Mqtt5Client build() {
        Mqtt5Client built = Mqtt5Client.create(options());
        return iotCoreLimits ? new IotCoreLimitedClient(built) : built;
    }

    private AwsCredentialsProvider credentialsProvider() {
        if (credentialsProvider instanceof CognitoCredentialsProvider && httpProxy != null) {
            return ((CognitoCredentialsProvider) credentialsProvider).withDefaultHttpProxy(httpProxy);
        }
        return credentialsProvider;
    }

    private Consumer<PublishReceivedEvent> publishCallback() {
        if (onPublishReceived != null) {
            return onPublishReceived;
        }
        Mqtt5ClientCallbacks c = callbacks;
        return c::onPublishReceived;
    }

    private LifecycleEvents lifecycleEvents() {
        Mqtt5ClientCallbacks c = callbacks;
        Consumer<AttemptingConnectEvent> attempting = onAttemptingConnect != null ? onAttemptingConnect
                : c::onAttemptingConnect;
        Consumer<ConnectionSuccessEvent> success = onConnectionSuccess != null ? onConnectionSuccess
                : c::onConnectionSuccess;
        Consumer<ConnectionFailureEvent> failure = onConnectionFailure != null ? onConnectionFailure
                : c::onConnectionFailure;
        Consumer<DisconnectionEvent> disconnection = onDisconnection != null ? onDisconnection : c::onDisconnection;
        Consumer<StoppedEvent> stopped = onStopped != null ? onStopped : c::onStopped;
        return new LifecycleEvents() {
            @Override
            public void onAttemptingConnect(AttemptingConnectEvent event) {
                attempting.accept(event);
            }

            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                success.accept(event);
            }

            @Override
            public void onConnectionFailure(ConnectionFailureEvent event) {
                failure.accept(event);
            }

            @Override
            public void onDisconnection(DisconnectionEvent event) {
                disconnection.accept(event);
            }

            @Override
            public void onStopped(StoppedEvent event) {
                stopped.accept(event);
            }
        };
    }

    /** Tern's version, for the SDK metrics parameters. */
    static String version() {
        String version = Mqtt5ClientBuilder.class.getPackage().getImplementationVersion();
        return version != null ? version : "0.1.0";
    }

    // ==== argument checks ==============================================================================

    private static String checkEndpoint(String endpoint) {
        notEmpty(endpoint, "endpoint");
        if (endpoint.contains("://") || endpoint.contains("/") || endpoint.contains(":")) {
            throw new IllegalArgumentException("endpoint must be a host name such as"
                    + " abc123-ats.iot.us-east-1.amazonaws.com, without scheme, port or path; was " + endpoint);
        }
        return endpoint;
    }

    private static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    private static String notEmpty(String value, String name) {
        notNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    private static Path path(String value, String name) {
        return Path.of(notEmpty(value, name));
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
