package dev.tern.cli;

import dev.tern.mqtt5.LifecycleEvents;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.aws.CognitoCredentialsProvider;
import dev.tern.mqtt5.aws.Mqtt5ClientBuilder;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import dev.tern.mqtt5.transport.TlsOptions;
import dev.tern.mqtt5.transport.WebSocketOptions;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Where and how to connect, shared by every command: a broker by host and port (TCP, TLS, WebSocket,
 * HTTP proxy), or AWS IoT Core by endpoint through the {@link Mqtt5ClientBuilder}, one option group per
 * authentication method.
 */
final class ConnectionOptions {

    @Option(names = {"-h", "--host"}, paramLabel = "HOST",
            description = "Broker host name or address (default: localhost).")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "Broker port (default: 1883; 8883 with TLS; 443 for AWS IoT Core WebSocket and custom auth).")
    Integer port;

    @Option(names = "--endpoint", paramLabel = "ENDPOINT",
            description = "AWS IoT Core endpoint (abc123-ats.iot.us-east-1.amazonaws.com): connect with the AWS IoT "
                    + "builder, authenticated by --cert/--key, --pkcs12, --custom-auth-*, --signing-region or "
                    + "--cognito-identity.")
    String endpoint;

    @Option(names = {"-i", "--client-id"}, paramLabel = "ID", description = "Client identifier (default: generated).")
    String clientId;

    @Option(names = {"-k", "--keep-alive"}, paramLabel = "SECONDS",
            description = "Keep alive in seconds (default: 60; 1200 for AWS IoT Core).")
    Integer keepAlive;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "User name for the CONNECT.")
    String username;

    @Option(names = {"-P", "--password"}, paramLabel = "PASSWORD", description = "Password for the CONNECT.")
    String password;

    @Option(names = "--session-expiry", paramLabel = "SECONDS",
            description = "Session expiry interval in seconds (default: 0, the session ends with the connection).")
    Long sessionExpiry;

    @Option(names = "--tls", description = "Use TLS (implied by --cafile, --cert, --pkcs12 and --endpoint).")
    boolean tls;

    @Option(names = "--cafile", paramLabel = "FILE", description = "Trust these PEM CA certificates instead of the system's.")
    Path caFile;

    @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate (PEM) for mutual TLS; with --key.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key (PEM: PKCS#8, PKCS#1 or SEC1) for --cert.")
    Path key;

    @Option(names = "--pkcs12", paramLabel = "FILE", description = "Client certificate and key as a PKCS#12 file.")
    Path pkcs12;

    @Option(names = "--pkcs12-password", paramLabel = "PASSWORD", description = "Password of the --pkcs12 file.")
    String pkcs12Password;

    @Option(names = "--ws", description = "MQTT over WebSocket (path --ws-path).")
    boolean webSocket;

    @Option(names = "--ws-path", paramLabel = "PATH", defaultValue = "/mqtt",
            description = "WebSocket path (default: ${DEFAULT-VALUE}).")
    String webSocketPath;

    @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "Connect through this HTTP proxy (CONNECT).")
    String proxy;

    @Option(names = "--proxy-user", paramLabel = "USER", description = "Basic authentication user for the proxy.")
    String proxyUser;

    @Option(names = "--proxy-password", paramLabel = "PASSWORD", description = "Basic authentication password for the proxy.")
    String proxyPassword;

    @Option(names = "--proxy-tls", description = "Speak TLS to the proxy itself.")
    boolean proxyTls;

    @Option(names = "--proxy-cafile", paramLabel = "FILE", description = "Trust these PEM CA certificates for the proxy's TLS.")
    Path proxyCaFile;

    @Option(names = "--custom-auth-name", paramLabel = "NAME",
            description = "AWS IoT custom authorizer name (omit for the endpoint's default authorizer).")
    String customAuthName;

    @Option(names = "--custom-auth-username", paramLabel = "USER", description = "User name for the custom authorizer.")
    String customAuthUsername;

    @Option(names = "--custom-auth-password", paramLabel = "PASSWORD", description = "Password for the custom authorizer.")
    String customAuthPassword;

    @Option(names = "--custom-auth-signature", paramLabel = "BASE64",
            description = "Token signature for a signing custom authorizer (with --custom-auth-token-key and -value).")
    String customAuthSignature;

    @Option(names = "--custom-auth-token-key", paramLabel = "NAME", description = "Token key name of a signing authorizer.")
    String customAuthTokenKey;

    @Option(names = "--custom-auth-token-value", paramLabel = "VALUE", description = "Token value of a signing authorizer.")
    String customAuthTokenValue;

    @Option(names = "--signing-region", paramLabel = "REGION",
            description = "MQTT over WebSocket signed with SigV4 for this region, credentials from the default AWS chain "
                    + "(environment, profile, container, instance).")
    String signingRegion;

    @Option(names = "--cognito-identity", paramLabel = "IDENTITY_ID",
            description = "MQTT over WebSocket signed with credentials of this Cognito identity (an identity ID, not a pool ID).")
    String cognitoIdentity;

    @Option(names = "--cognito-login", paramLabel = "PROVIDER=TOKEN",
            description = "A login for an authenticated Cognito identity; repeatable.")
    Map<String, String> cognitoLogins = new LinkedHashMap<>();

    @Option(names = "--no-sdk-metrics", description = "AWS IoT Core: leave the SDK metrics out of the CONNECT user name.")
    boolean noSdkMetrics;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Give up connecting after this long (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    /** Whether a broker or endpoint was named, even by port alone (pubsub starts its own broker otherwise). */
    boolean namesServer() {
        return host != null || endpoint != null || port != null;
    }

    /** A short description of where the client connects, for the first line of output. */
    String describe() {
        if (endpoint != null) {
            return endpoint + " (AWS IoT Core, " + awsMethod() + ")";
        }
        return host() + ":" + port() + (webSocket ? " (" + (useTls() ? "wss" : "ws") + ")" : useTls() ? " (TLS)" : "")
                + (proxy != null ? " via proxy " + proxy : "");
    }

    /** The client, not started; checks the options first. */
    Mqtt5Client createClient(String defaultClientIdPrefix, LifecycleEvents events,
            Consumer<PublishReceivedEvent> onPublish) {
        if (host != null && endpoint != null) {
            throw CliException.usage("give --host or --endpoint, not both");
        }
        checkReadable(caFile, "--cafile");
        checkReadable(cert, "--cert");
        checkReadable(key, "--key");
        checkReadable(pkcs12, "--pkcs12");
        checkReadable(proxyCaFile, "--proxy-cafile");
        if ((cert == null) != (key == null)) {
            throw CliException.usage("--cert and --key go together");
        }
        String id = clientId != null ? clientId : defaultClientIdPrefix + "-" + UUID.randomUUID().toString()
                .substring(0, 8);
        try {
            return endpoint != null ? awsClient(id, events, onPublish) : brokerClient(id, events, onPublish);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private Mqtt5Client brokerClient(String id, LifecycleEvents events, Consumer<PublishReceivedEvent> onPublish) {
        if (awsMethodGiven()) {
            throw CliException.usage("--custom-auth-*, --signing-region and --cognito-identity need --endpoint");
        }
        ConnectPacket.Builder connect = ConnectPacket.builder().clientId(id).username(username)
                .sessionExpiryIntervalSeconds(sessionExpiry);
        if (password != null) {
            connect.password(password);
        }
        if (keepAlive != null) {
            connect.keepAliveIntervalSeconds(keepAlive);
        }
        Mqtt5ClientOptions.Builder options = Mqtt5ClientOptions.builder(host(), port())
                .connectOptions(connect.build())
                .connectTimeout(connectTimeout)
                .lifecycleEvents(events)
                .onPublishReceived(onPublish)
                .httpProxyOptions(proxyOptions());
        if (useTls()) {
            TlsOptions.Builder tlsOptions = TlsOptions.builder();
            if (caFile != null) {
                tlsOptions.trustCertificates(caFile);
            }
            if (cert != null) {
                tlsOptions.clientCertificate(cert, key);
            }
            if (pkcs12 != null) {
                tlsOptions.pkcs12(pkcs12, pkcs12Password == null ? new char[0] : pkcs12Password.toCharArray());
            }
            options.tlsOptions(tlsOptions.build());
        }
        if (webSocket) {
            options.webSocketOptions(WebSocketOptions.builder().path(webSocketPath).build());
        }
        return Mqtt5Client.create(options.build());
    }

    private Mqtt5Client awsClient(String id, LifecycleEvents events, Consumer<PublishReceivedEvent> onPublish) {
        Mqtt5ClientBuilder builder;
        String method = awsMethod();
        switch (method) {
            case "Cognito":
                CognitoCredentialsProvider.Builder cognito = CognitoCredentialsProvider.builder(cognitoIdentity);
                cognitoLogins.forEach(cognito::login);
                builder = Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, signingRegion, cognito.build());
                break;
            case "SigV4 WebSocket":
                builder = Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, signingRegion,
                        DefaultCredentialsProvider.builder().build());
                break;
            case "custom authorizer":
            case "custom authorizer over WebSocket":
                byte[] authPassword = customAuthPassword == null ? null
                        : customAuthPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (customAuthSignature != null) {
                    builder = webSocket
                            ? Mqtt5ClientBuilder.websocketsWithCustomAuthorizer(endpoint, customAuthName,
                                    customAuthSignature, customAuthTokenKey, customAuthTokenValue, customAuthUsername,
                                    authPassword)
                            : Mqtt5ClientBuilder.directWithSignedCustomAuthorizer(endpoint, customAuthName,
                                    customAuthSignature, customAuthTokenKey, customAuthTokenValue, customAuthUsername,
                                    authPassword);
                } else {
                    builder = webSocket
                            ? Mqtt5ClientBuilder.websocketsWithCustomAuthorizer(endpoint, customAuthName,
                                    customAuthUsername, authPassword)
                            : Mqtt5ClientBuilder.directWithUnsignedCustomAuthorizer(endpoint, customAuthName,
                                    customAuthUsername, authPassword);
                }
                break;
            case "PKCS#12":
                builder = Mqtt5ClientBuilder.mtlsFromPkcs12(pkcs12,
                        pkcs12Password == null ? new char[0] : pkcs12Password.toCharArray(), endpoint);
                break;
            case "mutual TLS":
                builder = Mqtt5ClientBuilder.mtlsFromPath(cert, key, endpoint);
                break;
            default:
                throw CliException.usage("with --endpoint, authenticate with --cert and --key, --pkcs12, "
                        + "--custom-auth-name/--custom-auth-username, --signing-region or --cognito-identity");
        }
        builder.withClientId(id)
                .withConnectTimeout(connectTimeout)
                .withSdkMetrics(!noSdkMetrics)
                .withHttpProxyOptions(proxyOptions())
                .withOnAttemptingConnect(events::onAttemptingConnect)
                .withOnConnectionSuccess(events::onConnectionSuccess)
                .withOnConnectionFailure(events::onConnectionFailure)
                .withOnDisconnection(events::onDisconnection)
                .withOnStopped(events::onStopped)
                .withOnPublishReceived(onPublish);
        if (port != null) {
            builder.withPort(port);
        }
        if (keepAlive != null) {
            builder.withKeepAliveIntervalSeconds(keepAlive);
        }
        if (sessionExpiry != null) {
            builder.withSessionExpiryIntervalSeconds(sessionExpiry);
        }
        if (caFile != null) {
            builder.withCertificateAuthorityFromPath(caFile);
        }
        return builder.build();
    }

    private boolean awsMethodGiven() {
        return customAuthName != null || customAuthUsername != null || customAuthPassword != null
                || customAuthSignature != null || signingRegion != null || cognitoIdentity != null;
    }

    private String awsMethod() {
        if (cognitoIdentity != null) {
            return "Cognito";
        }
        if (signingRegion != null) {
            return "SigV4 WebSocket";
        }
        if (customAuthName != null || customAuthUsername != null || customAuthPassword != null
                || customAuthSignature != null) {
            return webSocket ? "custom authorizer over WebSocket" : "custom authorizer";
        }
        if (pkcs12 != null) {
            return "PKCS#12";
        }
        if (cert != null) {
            return "mutual TLS";
        }
        return "no authentication given";
    }

    private HttpProxyOptions proxyOptions() {
        if (proxy == null) {
            if (proxyUser != null || proxyTls || proxyCaFile != null) {
                throw CliException.usage("--proxy-user, --proxy-tls and --proxy-cafile need --proxy HOST:PORT");
            }
            return null;
        }
        int colon = proxy.lastIndexOf(':');
        int proxyPort;
        try {
            proxyPort = Integer.parseInt(proxy.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw CliException.usage("--proxy must be HOST:PORT, was " + proxy);
        }
        if (colon <= 0) {
            throw CliException.usage("--proxy must be HOST:PORT, was " + proxy);
        }
        HttpProxyOptions.Builder options = HttpProxyOptions.builder(proxy.substring(0, colon), proxyPort);
        if (proxyUser != null) {
            options.basicAuth(proxyUser, proxyPassword == null ? "" : proxyPassword);
        }
        if (proxyTls || proxyCaFile != null) {
            options.tls(proxyCaFile != null ? TlsOptions.builder().trustCertificates(proxyCaFile).build()
                    : TlsOptions.defaults());
        }
        return options.build();
    }

    private boolean useTls() {
        return tls || caFile != null || cert != null || pkcs12 != null;
    }

    String host() {
        return host != null ? host : "localhost";
    }

    int port() {
        if (port != null) {
            return port;
        }
        if (webSocket) {
            return useTls() ? 443 : 80;
        }
        return useTls() ? 8883 : 1883;
    }

    private static void checkReadable(Path file, String option) {
        if (file != null && !Files.isReadable(file)) {
            throw CliException.usage(option + ": cannot read " + file + (Files.exists(file) ? " (permissions)"
                    : " (no such file)"));
        }
    }
}
