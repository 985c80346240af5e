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

    /** The SDK name in the metrics parameters of the CONNECT user name: {@value}. */
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
     * Starts a client for direct MQTT with X.509 mutual TLS, the certificate and private key read from PEM
     * files when a connection is made (the key in PKCS#8, PKCS#1 or SEC1 form, unencrypted). Port 8883; ALPN
     * {@code x-amzn-mqtt-ca} is offered, so {@link #withPort(int) withPort(443)} works too.
     *
     * @param certPath the device certificate, followed by any intermediate certificates
     * @param keyPath its private key
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @return a new builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a path is empty or the endpoint is empty or has a scheme, port or
     *     path
     */
    public static Mqtt5ClientBuilder mtlsFromPath(String certPath, String keyPath, String endpoint) {
        return mtlsFromPath(path(certPath, "certPath"), path(keyPath, "keyPath"), endpoint);
    }

    /**
     * As {@link #mtlsFromPath(String, String, String)}, with {@link Path}s.
     *
     * @param certPath the device certificate, followed by any intermediate certificates
     * @param keyPath its private key
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @return a new builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the endpoint is empty or has a scheme, port or path
     */
    public static Mqtt5ClientBuilder mtlsFromPath(Path certPath, Path keyPath, String endpoint) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.MTLS, endpoint, 8883);
        builder.tls.clientCertificate(notNull(certPath, "certPath"), notNull(keyPath, "keyPath"));
        return builder;
    }

    /**
     * Starts a client for direct MQTT with X.509 mutual TLS, the certificate and private key given as PEM
     * text. Port 8883 with ALPN, as {@link #mtlsFromPath(String, String, String)}.
     *
     * @param certPem the device certificate, followed by any intermediate certificates
     * @param keyPem its private key, unencrypted
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @return a new builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an argument is empty or the endpoint is empty or has a scheme, port
     *     or path
     */
    public static Mqtt5ClientBuilder mtlsFromMemory(String certPem, String keyPem, String endpoint) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.MTLS, endpoint, 8883);
        builder.tls.clientCertificatePem(notEmpty(certPem, "certPem"), notEmpty(keyPem, "keyPem"));
        return builder;
    }

    /**
     * Starts a client for direct MQTT with X.509 mutual TLS from a PKCS#12 file ({@code .p12}, {@code .pfx}),
     * read when a connection is made; this works on every platform Java runs on. Port 8883 with ALPN, as
     * {@link #mtlsFromPath(String, String, String)}.
     *
     * @param pkcs12Path the file holding the key and certificate chain
     * @param pkcs12Password the file's password
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @return a new builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the path is empty or the endpoint is empty or has a scheme, port or
     *     path
     */
    public static Mqtt5ClientBuilder mtlsFromPkcs12(String pkcs12Path, String pkcs12Password, String endpoint) {
        return mtlsFromPkcs12(path(pkcs12Path, "pkcs12Path"), notNull(pkcs12Password, "pkcs12Password").toCharArray(),
                endpoint);
    }

    /**
     * As {@link #mtlsFromPkcs12(String, String, String)}, with a {@link Path} and a password that the builder
     * copies.
     *
     * @param pkcs12Path the file holding the key and certificate chain
     * @param pkcs12Password the file's password
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @return a new builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the endpoint is empty or has a scheme, port or path
     */
    public static Mqtt5ClientBuilder mtlsFromPkcs12(Path pkcs12Path, char[] pkcs12Password, String endpoint) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.MTLS, endpoint, 8883);
        builder.tls.pkcs12(notNull(pkcs12Path, "pkcs12Path"), notNull(pkcs12Password, "pkcs12Password"));
        return builder;
    }

    /**
     * Starts a client for direct MQTT with X.509 mutual TLS, the key being an entry of a loaded
     * {@link KeyStore}: JKS, PKCS#12, or PKCS#11 (a key held in hardware). Port 8883 with ALPN, as
     * {@link #mtlsFromPath(String, String, String)}. With the default TLS engine the JDK's TLS is used.
     *
     * @param keyStore the store; not copied
     * @param alias the alias of the key entry
     * @param password the entry's password, copied; null for stores that need none
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @return a new builder
     * @throws NullPointerException if {@code keyStore}, {@code alias} or {@code endpoint} is null
     * @throws IllegalArgumentException if {@code alias} is empty or the endpoint is empty or has a scheme,
     *     port or path
     */
    public static Mqtt5ClientBuilder mtlsFromKeyStore(KeyStore keyStore, String alias, char[] password,
            String endpoint) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.MTLS, endpoint, 8883);
        builder.tls.keyStore(notNull(keyStore, "keyStore"), notEmpty(alias, "alias"), password);
        return builder;
    }

    /**
     * Starts a client for direct MQTT to port 443, with ALPN {@code mqtt}, through a custom authorizer that
     * does not check token signatures. The builder composes the CONNECT user name as IoT Core's custom
     * authentication reads it: {@code username?x-amz-customauthorizer-name=<authorizerName>}.
     *
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @param authorizerName the authorizer; null for the endpoint's default authorizer
     * @param username the user name for the authorizer's Lambda, without authorizer parameters; it may carry
     *     query parameters of its own after one {@code ?}; null for none
     * @param password the password for the authorizer's Lambda, sent as raw bytes; null for none
     * @return a new builder
     * @throws NullPointerException if {@code endpoint} is null
     * @throws IllegalArgumentException if the endpoint is empty or has a scheme, port or path, {@code
     *     authorizerName} is empty, or {@code username} has more than one {@code ?} or already carries an
     *     authorizer parameter
     */
    public static Mqtt5ClientBuilder directWithUnsignedCustomAuthorizer(String endpoint, String authorizerName,
            String username, byte[] password) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.DIRECT_CUSTOM_AUTHORIZER, endpoint, 443);
        builder.authorizer(authorizerName, username, password);
        return builder;
    }

    /**
     * As {@link #directWithUnsignedCustomAuthorizer(String, String, String, byte[])}, with the password as
     * text sent in UTF-8.
     *
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @param authorizerName the authorizer; null for the endpoint's default authorizer
     * @param username the user name for the authorizer's Lambda, without authorizer parameters; it may carry
     *     query parameters of its own after one {@code ?}; null for none
     * @param password the password for the authorizer's Lambda; null for none
     * @return a new builder
     * @throws NullPointerException if {@code endpoint} is null
     * @throws IllegalArgumentException if the endpoint is empty or has a scheme, port or path, {@code
     *     authorizerName} is empty, or {@code username} has more than one {@code ?} or already carries an
     *     authorizer parameter
     */
    public static Mqtt5ClientBuilder directWithUnsignedCustomAuthorizer(String endpoint, String authorizerName,
            String username, String password) {
        return directWithUnsignedCustomAuthorizer(endpoint, authorizerName, username, utf8(password));
    }

    /**
     * Starts a client for direct MQTT to port 443, with ALPN {@code mqtt}, through a custom authorizer with
     * token signing. The builder composes the CONNECT user name as IoT Core's custom authentication reads it:
     * {@code username?x-amz-customauthorizer-name=<authorizerName>}, followed by {@code
     * &<tokenKeyName>=<tokenValue>&x-amz-customauthorizer-signature=<signature>}.
     *
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @param authorizerName the authorizer, as given (URI-encode it yourself if needed); null for the
     *     endpoint's default authorizer
     * @param authorizerSignature the token signature, base64; URI-encoded by the builder unless it already
     *     contains {@code %}
     * @param tokenKeyName the name of the token parameter the authorizer reads, as given
     * @param tokenValue the token, as given
     * @param username the user name for the authorizer's Lambda, without authorizer parameters; it may carry
     *     query parameters of its own after one {@code ?}; null for none
     * @param password the password for the authorizer's Lambda, sent as raw bytes; null for none
     * @return a new builder
     * @throws NullPointerException if {@code endpoint}, {@code authorizerSignature}, {@code tokenKeyName} or
     *     {@code tokenValue} is null
     * @throws IllegalArgumentException if the endpoint is empty or has a scheme, port or path, an authorizer
     *     argument is empty, or {@code username} has more than one {@code ?} or already carries an authorizer
     *     parameter
     */
    public static Mqtt5ClientBuilder directWithSignedCustomAuthorizer(String endpoint, String authorizerName,
            String authorizerSignature, String tokenKeyName, String tokenValue, String username, byte[] password) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.DIRECT_CUSTOM_AUTHORIZER, endpoint, 443);
        builder.authorizer(authorizerName, username, password);
        builder.signing(authorizerSignature, tokenKeyName, tokenValue);
        return builder;
    }

    /**
     * As {@link #directWithSignedCustomAuthorizer(String, String, String, String, String, String, byte[])},
     * with the password as text sent in UTF-8.
     *
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @param authorizerName the authorizer, as given (URI-encode it yourself if needed); null for the
     *     endpoint's default authorizer
     * @param authorizerSignature the token signature, base64; URI-encoded by the builder unless it already
     *     contains {@code %}
     * @param tokenKeyName the name of the token parameter the authorizer reads, as given
     * @param tokenValue the token, as given
     * @param username the user name for the authorizer's Lambda, without authorizer parameters; it may carry
     *     query parameters of its own after one {@code ?}; null for none
     * @param password the password for the authorizer's Lambda; null for none
     * @return a new builder
     * @throws NullPointerException if {@code endpoint}, {@code authorizerSignature}, {@code tokenKeyName} or
     *     {@code tokenValue} is null
     * @throws IllegalArgumentException if the endpoint is empty or has a scheme, port or path, an authorizer
     *     argument is empty, or {@code username} has more than one {@code ?} or already carries an authorizer
     *     parameter
     */
    public static Mqtt5ClientBuilder directWithSignedCustomAuthorizer(String endpoint, String authorizerName,
            String authorizerSignature, String tokenKeyName, String tokenValue, String username, String password) {
        return directWithSignedCustomAuthorizer(endpoint, authorizerName, authorizerSignature, tokenKeyName,
                tokenValue, username, utf8(password));
    }

    /**
     * Starts a client for MQTT over WebSocket (over TLS) on port 443, the upgrade request presigned with
     * SigV4 for the service {@code iotdevicegateway}. Credentials come from {@code credentialsProvider} on
     * every connection attempt, so refreshed credentials are always used. The provider is called on a small
     * pool of daemon threads of Tern's own, so it may block (STS, instance metadata, Cognito) without holding
     * up callbacks or the network thread.
     *
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @param region the signing region; null to read it from the endpoint ({@code
     *     <prefix>.iot.<region>.amazonaws.com})
     * @param credentialsProvider any AWS SDK for Java v2 provider: default chain, profile, environment, STS,
     *     {@link CognitoCredentialsProvider}, …
     * @return a new builder
     * @throws NullPointerException if {@code endpoint} or {@code credentialsProvider} is null
     * @throws IllegalArgumentException if the endpoint is empty or has a scheme, port or path, {@code region}
     *     is empty, or no region is given and the endpoint does not name one
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

    /**
     * Starts a client for MQTT over WebSocket (over TLS) on port 443 through a custom authorizer that does
     * not check token signatures; the authorizer parameters travel in the CONNECT user name, as for
     * {@link #directWithUnsignedCustomAuthorizer(String, String, String, byte[])}.
     *
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @param authorizerName the authorizer; null for the endpoint's default authorizer
     * @param username the user name for the authorizer's Lambda, without authorizer parameters; it may carry
     *     query parameters of its own after one {@code ?}; null for none
     * @param password the password for the authorizer's Lambda, sent as raw bytes; null for none
     * @return a new builder
     * @throws NullPointerException if {@code endpoint} is null
     * @throws IllegalArgumentException if the endpoint is empty or has a scheme, port or path, {@code
     *     authorizerName} is empty, or {@code username} has more than one {@code ?} or already carries an
     *     authorizer parameter
     */
    public static Mqtt5ClientBuilder websocketsWithCustomAuthorizer(String endpoint, String authorizerName,
            String username, byte[] password) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.WEBSOCKET_CUSTOM_AUTHORIZER, endpoint, 443);
        builder.authorizer(authorizerName, username, password);
        return builder;
    }

    /**
     * As {@link #websocketsWithCustomAuthorizer(String, String, String, byte[])}, with the password as UTF-8
     * text.
     *
     * @param endpoint the account's IoT Core data endpoint (a host name)
     * @param authorizerName the authorizer, as given; null for the endpoint's default authorizer
     * @param username the user name for the authorizer's Lambda, or null
     * @param password the password for the authorizer's Lambda, or null
     * @return a new builder
     */
    public static Mqtt5ClientBuilder websocketsWithCustomAuthorizer(String endpoint, String authorizerName,
            String username, String password) {
        return websocketsWithCustomAuthorizer(endpoint, authorizerName, username, utf8(password));
    }

    /**
     * Starts a client for MQTT over WebSocket (over TLS) on port 443 through a custom authorizer with token
     * signing; the authorizer parameters travel in the CONNECT user name, as for
     * {@link #directWithSignedCustomAuthorizer(String, String, String, String, String, String, byte[])}.
     *
     * @param endpoint the account's IoT Core data endpoint, a host name such as {@code
     *     abc123-ats.iot.us-east-1.amazonaws.com}, without scheme, port or path
     * @param authorizerName the authorizer, as given (URI-encode it yourself if needed); null for the
     *     endpoint's default authorizer
     * @param authorizerSignature the token signature, base64; URI-encoded by the builder unless it already
     *     contains {@code %}
     * @param tokenKeyName the name of the token parameter the authorizer reads, as given
     * @param tokenValue the token, as given
     * @param username the user name for the authorizer's Lambda, without authorizer parameters; it may carry
     *     query parameters of its own after one {@code ?}; null for none
     * @param password the password for the authorizer's Lambda, sent as raw bytes; null for none
     * @return a new builder
     * @throws NullPointerException if {@code endpoint}, {@code authorizerSignature}, {@code tokenKeyName} or
     *     {@code tokenValue} is null
     * @throws IllegalArgumentException if the endpoint is empty or has a scheme, port or path, an authorizer
     *     argument is empty, or {@code username} has more than one {@code ?} or already carries an authorizer
     *     parameter
     */
    public static Mqtt5ClientBuilder websocketsWithCustomAuthorizer(String endpoint, String authorizerName,
            String authorizerSignature, String tokenKeyName, String tokenValue, String username, byte[] password) {
        Mqtt5ClientBuilder builder = new Mqtt5ClientBuilder(Method.WEBSOCKET_CUSTOM_AUTHORIZER, endpoint, 443);
        builder.authorizer(authorizerName, username, password);
        builder.signing(authorizerSignature, tokenKeyName, tokenValue);
        return builder;
    }

    /**
     * As {@link #websocketsWithCustomAuthorizer(String, String, String, String, String, String, byte[])}, with
     * the password as UTF-8 text.
     *
     * @param endpoint the account's IoT Core data endpoint (a host name)
     * @param authorizerName the authorizer, as given; null for the endpoint's default authorizer
     * @param authorizerSignature the token signature, base64
     * @param tokenKeyName the name of the token parameter the authorizer reads
     * @param tokenValue the token
     * @param username the user name for the authorizer's Lambda, or null
     * @param password the password for the authorizer's Lambda, or null
     * @return a new builder
     */
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

    /**
     * Sets all six callbacks at once. A {@code withOn…} call overrides the matching one, whichever is called
     * first. The default ignores every event and drops received messages after acknowledging them.
     *
     * @param callbacks the callbacks
     * @return this builder
     * @throws NullPointerException if {@code callbacks} is null
     */
    public Mqtt5ClientBuilder withCallbacks(Mqtt5ClientCallbacks callbacks) {
        this.callbacks = notNull(callbacks, "callbacks");
        return this;
    }

    /**
     * Sets the callback for received messages that no per-subscription callback takes, overriding
     * {@link Mqtt5ClientCallbacks#onPublishReceived}. See
     * {@link Mqtt5ClientOptions.Builder#onPublishReceived(Consumer)}.
     *
     * @param callback the callback, or null to use the one of {@link #withCallbacks}
     * @return this builder
     */
    public Mqtt5ClientBuilder withOnPublishReceived(Consumer<PublishReceivedEvent> callback) {
        this.onPublishReceived = callback;
        return this;
    }

    /**
     * Sets the callback for the start of each connection attempt, overriding
     * {@link Mqtt5ClientCallbacks#onAttemptingConnect}.
     *
     * @param callback the callback, or null to use the one of {@link #withCallbacks}
     * @return this builder
     */
    public Mqtt5ClientBuilder withOnAttemptingConnect(Consumer<AttemptingConnectEvent> callback) {
        this.onAttemptingConnect = callback;
        return this;
    }

    /**
     * Sets the callback for successful connections, overriding
     * {@link Mqtt5ClientCallbacks#onConnectionSuccess}.
     *
     * @param callback the callback, or null to use the one of {@link #withCallbacks}
     * @return this builder
     */
    public Mqtt5ClientBuilder withOnConnectionSuccess(Consumer<ConnectionSuccessEvent> callback) {
        this.onConnectionSuccess = callback;
        return this;
    }

    /**
     * Sets the callback for failed connection attempts, overriding
     * {@link Mqtt5ClientCallbacks#onConnectionFailure}.
     *
     * @param callback the callback, or null to use the one of {@link #withCallbacks}
     * @return this builder
     */
    public Mqtt5ClientBuilder withOnConnectionFailure(Consumer<ConnectionFailureEvent> callback) {
        this.onConnectionFailure = callback;
        return this;
    }

    /**
     * Sets the callback for ended connections, overriding {@link Mqtt5ClientCallbacks#onDisconnection}.
     *
     * @param callback the callback, or null to use the one of {@link #withCallbacks}
     * @return this builder
     */
    public Mqtt5ClientBuilder withOnDisconnection(Consumer<DisconnectionEvent> callback) {
        this.onDisconnection = callback;
        return this;
    }

    /**
     * Sets the callback for the end of {@code stop()}, overriding {@link Mqtt5ClientCallbacks#onStopped}.
     *
     * @param callback the callback, or null to use the one of {@link #withCallbacks}
     * @return this builder
     */
    public Mqtt5ClientBuilder withOnStopped(Consumer<StoppedEvent> callback) {
        this.onStopped = callback;
        return this;
    }

    /**
     * Connects through an HTTP proxy, whatever the authentication method. A
     * {@link CognitoCredentialsProvider} without a proxy of its own reaches Cognito through it too. The
     * default is none.
     *
     * @param httpProxyOptions the proxy, or null for none
     * @return this builder
     */
    public Mqtt5ClientBuilder withHttpProxyOptions(HttpProxyOptions httpProxyOptions) {
        this.httpProxy = httpProxyOptions;
        return this;
    }

    /**
     * Sets the port. The default is 8883 for certificates and 443 for the other methods; certificates work on
     * 443 too, thanks to ALPN.
     *
     * @param port 1 to 65,535
     * @return this builder
     * @throws IllegalArgumentException if {@code port} is out of range
     */
    public Mqtt5ClientBuilder withPort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [1, 65535], was " + port);
        }
        this.port = port;
        return this;
    }

    /**
     * Sets the client identifier; IoT Core policies can match it with the {@code iot:ClientId} variable. It
     * takes precedence over one in {@link #withConnectOptions}. IoT Core accepts at most 128 bytes. The
     * default is {@code gen} and 32 hex digits, chosen once per builder so that every client it builds is the
     * same device and can rejoin its session.
     *
     * @param clientId the identifier
     * @return this builder
     * @throws NullPointerException if {@code clientId} is null
     * @throws IllegalArgumentException if {@code clientId} is empty
     */
    public Mqtt5ClientBuilder withClientId(String clientId) {
        this.clientId = notEmpty(clientId, "clientId");
        return this;
    }

    /**
     * Trusts only the CA certificates in a PEM file, such as {@code AmazonRootCA1.pem}, instead of the JDK's
     * trusted certificates (which already include the Amazon root CAs).
     *
     * @param caPath the PEM file
     * @return this builder
     * @throws NullPointerException if {@code caPath} is null
     * @throws IllegalArgumentException if {@code caPath} is empty
     */
    public Mqtt5ClientBuilder withCertificateAuthorityFromPath(String caPath) {
        tls.trustCertificates(path(caPath, "caPath"));
        return this;
    }

    /**
     * As {@link #withCertificateAuthorityFromPath(String)}, with a {@link Path}.
     *
     * @param caPath the PEM file
     * @return this builder
     * @throws NullPointerException if {@code caPath} is null
     */
    public Mqtt5ClientBuilder withCertificateAuthorityFromPath(Path caPath) {
        tls.trustCertificates(notNull(caPath, "caPath"));
        return this;
    }

    /**
     * Trusts only the CA certificates in PEM text, instead of the JDK's trusted certificates.
     *
     * @param caPem one or more {@code CERTIFICATE} blocks
     * @return this builder
     * @throws NullPointerException if {@code caPem} is null
     * @throws IllegalArgumentException if {@code caPem} is empty
     */
    public Mqtt5ClientBuilder withCertificateAuthority(String caPem) {
        tls.trustCertificatesPem(notEmpty(caPem, "caPem"));
        return this;
    }

    /**
     * Sets the CONNECT options: client identifier, keep alive, session expiry, will, user properties, … A
     * user name set here is kept: the authorizer and metrics parameters are added to the copy that goes on
     * the wire. Replaces the earlier {@code withKeepAliveIntervalSeconds} and {@code
     * withSessionExpiryIntervalSeconds}. The default has keep alive 1,200 s and nothing else.
     *
     * @param connectOptions the CONNECT options
     * @return this builder
     * @throws NullPointerException if {@code connectOptions} is null
     */
    public Mqtt5ClientBuilder withConnectOptions(ConnectPacket connectOptions) {
        this.connectOptions = notNull(connectOptions, "connectOptions");
        return this;
    }

    /**
     * Sets the CONNECT's keep alive. IoT Core accepts 30 to 1,200 seconds; the default is 1,200.
     *
     * @param seconds 0 to 65,535
     * @return this builder
     * @throws IllegalArgumentException if {@code seconds} is out of range
     */
    public Mqtt5ClientBuilder withKeepAliveIntervalSeconds(int seconds) {
        this.connectOptions = connectOptions.toBuilder().keepAliveIntervalSeconds(seconds).build();
        return this;
    }

    /**
     * Sets the CONNECT's Session Expiry Interval: how long IoT Core keeps the session after the connection
     * ends. The default is none: the session ends with the connection.
     *
     * @param seconds 0 to 4,294,967,295, or null to leave it out
     * @return this builder
     * @throws IllegalArgumentException if {@code seconds} is out of range
     */
    public Mqtt5ClientBuilder withSessionExpiryIntervalSeconds(Long seconds) {
        this.connectOptions = connectOptions.toBuilder().sessionExpiryIntervalSeconds(seconds).build();
        return this;
    }

    /**
     * Sets whether the client asks to resume its session when it connects. See
     * {@link Mqtt5ClientOptions.Builder#sessionBehavior(ClientSessionBehavior)}.
     *
     * @param behavior the behaviour; the default is {@link ClientSessionBehavior#CLEAN}
     * @return this builder
     * @throws NullPointerException if {@code behavior} is null
     */
    public Mqtt5ClientBuilder withSessionBehavior(ClientSessionBehavior behavior) {
        client.sessionBehavior(behavior);
        return this;
    }

    /**
     * Sets which operations wait, and which fail, while the client is not connected. See
     * {@link Mqtt5ClientOptions.Builder#offlineQueueBehavior(OfflineQueueBehavior)}.
     *
     * @param behavior the behaviour; the default is
     *     {@link OfflineQueueBehavior#FAIL_NON_QOS1_PUBLISH_ON_DISCONNECT}
     * @return this builder
     * @throws NullPointerException if {@code behavior} is null
     */
    public Mqtt5ClientBuilder withOfflineQueueBehavior(OfflineQueueBehavior behavior) {
        client.offlineQueueBehavior(behavior);
        return this;
    }

    /**
     * Sets the most operations that may wait to be sent. See
     * {@link Mqtt5ClientOptions.Builder#maxQueuedOperations(int)}.
     *
     * @param maxQueuedOperations at least 1; the default is 100,000
     * @return this builder
     * @throws IllegalArgumentException if {@code maxQueuedOperations} is below 1
     */
    public Mqtt5ClientBuilder withMaxQueuedOperations(int maxQueuedOperations) {
        client.maxQueuedOperations(maxQueuedOperations);
        return this;
    }

    /**
     * Sets the backoff between connection attempts. See
     * {@link Mqtt5ClientOptions.Builder#reconnectOptions(ReconnectOptions)}.
     *
     * @param reconnectOptions the backoff; the default is {@link ReconnectOptions#defaults()}
     * @return this builder
     * @throws NullPointerException if {@code reconnectOptions} is null
     */
    public Mqtt5ClientBuilder withReconnectOptions(ReconnectOptions reconnectOptions) {
        client.reconnectOptions(reconnectOptions);
        return this;
    }

    /**
     * Sets how long the TCP connection, proxy tunnel and WebSocket upgrade may each take. See
     * {@link Mqtt5ClientOptions.Builder#connectTimeout(Duration)}.
     *
     * @param timeout a positive duration; the default is 10 seconds
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Mqtt5ClientBuilder withConnectTimeout(Duration timeout) {
        client.connectTimeout(timeout);
        return this;
    }

    /**
     * Sets how long the client waits for the CONNACK. See
     * {@link Mqtt5ClientOptions.Builder#connAckTimeout(Duration)}.
     *
     * @param timeout a positive duration; the default is 20 seconds
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Mqtt5ClientBuilder withConnAckTimeout(Duration timeout) {
        client.connAckTimeout(timeout);
        return this;
    }

    /**
     * Sets how long the client waits for a PINGRESP. See
     * {@link Mqtt5ClientOptions.Builder#pingTimeout(Duration)}.
     *
     * @param timeout a positive duration; the default is 30 seconds
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Mqtt5ClientBuilder withPingTimeout(Duration timeout) {
        client.pingTimeout(timeout);
        return this;
    }

    /**
     * Sets how long a sent operation may wait for its acknowledgement. See
     * {@link Mqtt5ClientOptions.Builder#ackTimeout(Duration)}.
     *
     * @param timeout a positive duration, or null (the default) for no limit
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Mqtt5ClientBuilder withAckTimeout(Duration timeout) {
        client.ackTimeout(timeout);
        return this;
    }

    /**
     * Sets how the client uses topic aliases on the messages it sends, within the Topic Alias Maximum IoT
     * Core announces in its CONNACK. See
     * {@link Mqtt5ClientOptions.Builder#topicAliasing(TopicAliasingOptions)}.
     *
     * @param topicAliasing the aliasing options; the default is {@link TopicAliasingOptions#disabled()}
     * @return this builder
     * @throws NullPointerException if {@code topicAliasing} is null
     */
    public Mqtt5ClientBuilder withTopicAliasing(TopicAliasingOptions topicAliasing) {
        client.topicAliasing(topicAliasing);
        return this;
    }

    /**
     * Sets whether the client subscribes again when a connection does not resume the session. See
     * {@link Mqtt5ClientOptions.Builder#resubscribeOnSessionLoss(boolean)}.
     *
     * @param resubscribe true (the default) to restore subscriptions
     * @return this builder
     */
    public Mqtt5ClientBuilder withResubscribeOnSessionLoss(boolean resubscribe) {
        client.resubscribeOnSessionLoss(resubscribe);
        return this;
    }

    /**
     * Sets the callback for the outcome of each SUBSCRIBE that restores subscriptions. See
     * {@link Mqtt5ClientOptions.Builder#onResubscribe(Consumer)}.
     *
     * @param callback the callback, or null (the default) for none
     * @return this builder
     */
    public Mqtt5ClientBuilder withOnResubscribe(Consumer<ResubscribeEvent> callback) {
        client.onResubscribe(callback);
        return this;
    }

    /**
     * Sets the executor of callbacks. See {@link Mqtt5ClientOptions.Builder#callbackExecutor(Executor)}.
     *
     * @param executor the executor, or null (the default) for a thread of the client's own
     * @return this builder
     */
    public Mqtt5ClientBuilder withCallbackExecutor(Executor executor) {
        client.callbackExecutor(executor);
        return this;
    }

    /**
     * Sets the executor of the stages chained to operation futures. See
     * {@link Mqtt5ClientOptions.Builder#completionExecutor(Executor)}.
     *
     * @param executor the executor, or null (the default) for the common fork-join pool
     * @return this builder
     */
    public Mqtt5ClientBuilder withCompletionExecutor(Executor executor) {
        client.completionExecutor(executor);
        return this;
    }

    /**
     * Sets the Netty event loop group to connect on. See
     * {@link Mqtt5ClientOptions.Builder#eventLoopGroup(EventLoopGroup)}.
     *
     * @param group a {@code NioEventLoopGroup} the caller shuts down, or null (the default) for Tern's shared
     *     one
     * @return this builder
     */
    public Mqtt5ClientBuilder withEventLoopGroup(EventLoopGroup group) {
        client.eventLoopGroup(group);
        return this;
    }

    /**
     * Sets the TLS implementation. The default is {@link TlsOptions.Engine#AUTO}: OpenSSL when netty-tcnative
     * is on the classpath (and the key is not in a {@link KeyStore}), else the JDK's.
     *
     * @param engine the engine
     * @return this builder
     * @throws NullPointerException if {@code engine} is null
     */
    public Mqtt5ClientBuilder withTlsEngine(TlsOptions.Engine engine) {
        tls.engine(engine);
        return this;
    }

    /**
     * Sets whether the CONNECT user name carries the SDK metrics parameters ({@code
     * SDK=}{@value #SDK_NAME}{@code &Version=…}) that AWS IoT Core collects, as the AWS IoT Device SDKs do.
     * The default is true.
     *
     * @param enabled false to leave the parameters out
     * @return this builder
     */
    public Mqtt5ClientBuilder withSdkMetrics(boolean enabled) {
        this.sdkMetrics = enabled;
        return this;
    }

    /**
     * Checks on the client what AWS IoT Core would reject, and fails the operation with
     * {@link dev.tern.mqtt5.ErrorKind#UNSUPPORTED_BY_SERVER} instead of being disconnected: payloads above
     * 128 KiB, topics longer than 256 bytes or with more than 7 slashes, QoS 2, more than 8 filters per
     * SUBSCRIBE or UNSUBSCRIBE. A client identifier above 128 bytes or a keep alive outside 30 to 1,200 s
     * fails {@link #build()}. Publishes are held back to IoT Core's per-connection rates (100 per second, 512
     * KiB per second), in order, as the AWS IoT Device SDKs' flow control does. The default is false.
     *
     * @param enabled true to check the limits
     * @return this builder
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
     * reconnection at a time of the client's choosing. See
     * {@link Mqtt5ClientOptions.Builder#maxConnectionAge(Duration)}.
     *
     * @param maxAge a positive duration, or null (the default) for no limit
     * @return this builder
     * @throws IllegalArgumentException if {@code maxAge} is zero or negative
     */
    public Mqtt5ClientBuilder withMaxConnectionAge(Duration maxAge) {
        client.maxConnectionAge(maxAge);
        return this;
    }

    /**
     * For {@link #websocketsWithDefaultAwsSigning}: replaces each connection shortly (a minute) before the
     * temporary credentials it was signed with expire, and signs the new one with fresh credentials, for
     * deployments that want every connection to stand on current credentials. Credentials without an expiry
     * (long-term keys) are unaffected, and so are the other methods. The default is false.
     *
     * @param enabled true to rotate before the credentials expire
     * @return this builder
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

    /**
     * {@return the options of the client that {@link #build()} would create, for inspection or to adjust and
     * pass to {@link Mqtt5Client#create}} They carry the composed user name, ALPN and WebSocket signing, but
     * not the IoT Core limits of {@link #withIotCoreLimitsValidation(boolean)}, which {@link #build()} adds
     * around the client.
     *
     * @throws IllegalArgumentException if IoT Core limits validation is on and the client identifier or keep
     *     alive is outside IoT Core's limits, or the user name composed from the authorizer parameters is
     *     invalid
     * @throws IllegalStateException if the options are inconsistent (see
     *     {@link Mqtt5ClientOptions.Builder#build()})
     */
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

    /**
     * Builds a client. It does not connect until {@code start()}. May be called more than once; every client
     * shares the builder's client identifier, so only one should be connected at a time.
     *
     * @return a new, unstarted client
     * @throws IllegalArgumentException as {@link #options()} does
     * @throws IllegalStateException as {@link #options()} does
     */
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
