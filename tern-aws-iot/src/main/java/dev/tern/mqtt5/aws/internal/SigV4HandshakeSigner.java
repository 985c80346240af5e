package dev.tern.mqtt5.aws.internal;

import dev.tern.mqtt5.transport.WebSocketHandshakeRequest;
import dev.tern.mqtt5.transport.WebSocketHandshakeTransformer;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Presigns each WebSocket upgrade for AWS IoT Core with SigV4, with credentials fetched from the
 * provider for every connection attempt (so rotated or refreshed credentials are always used).
 */
public final class SigV4HandshakeSigner implements WebSocketHandshakeTransformer {

    private final String region;
    private final AwsCredentialsProvider credentialsProvider;
    private final Clock clock;
    private final boolean markExpiry;

    /**
     * @param markExpiry whether each connection is marked valid until its credentials expire, so that the
     *     client replaces it before then
     */
    public SigV4HandshakeSigner(String region, AwsCredentialsProvider credentialsProvider, Clock clock,
            boolean markExpiry) {
        this.region = region;
        this.credentialsProvider = credentialsProvider;
        this.clock = clock;
        this.markExpiry = markExpiry;
    }

    /**
     * Providers may block (Cognito, STS, instance metadata calls): never on the event loop. Daemon threads
     * that end when idle.
     */
    private static final ExecutorService RESOLVER = resolver();

    private static ExecutorService resolver() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread thread = new Thread(r, "tern-aws-credentials");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public CompletableFuture<WebSocketHandshakeRequest> transform(WebSocketHandshakeRequest request) {
        return CompletableFuture.supplyAsync(() -> sign(request), RESOLVER);
    }

    private WebSocketHandshakeRequest sign(WebSocketHandshakeRequest request) {
        AwsCredentials credentials;
        try {
            credentials = credentialsProvider.resolveCredentials();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the AWS credentials provider " + credentialsProvider.getClass()
                    .getSimpleName() + " gave no credentials: " + e.getMessage(), e);
        }
        String token = credentials instanceof AwsSessionCredentials
                ? ((AwsSessionCredentials) credentials).sessionToken() : null;
        // The Host header as Netty sends it: the port only when it is not the default one.
        String host = request.port() == (request.secure() ? 443 : 80)
                ? request.host() : request.host() + ":" + request.port();
        String query = SigV4.presignIotQuery(host, request.path(), SigV4.parseQuery(request.query()), region,
                credentials.accessKeyId(), credentials.secretAccessKey(), token, clock.instant());
        WebSocketHandshakeRequest.Builder signed = request.toBuilder().query(query);
        if (markExpiry) {
            credentials.expirationTime().ifPresent(signed::validUntil);
        }
        return signed.build();
    }
}
