package dev.tern.mqtt5.transport;

import java.util.concurrent.CompletableFuture;

/**
 * Rewrites the WebSocket upgrade request right before it is sent — on every connection attempt, so
 * that per-connection credentials (an AWS SigV4 signature, a fresh token) are made afresh each time.
 * Asynchronous: fetch credentials without blocking, complete the future when done; completing it
 * exceptionally fails the connection attempt (and the client tries again after its backoff).
 */
@FunctionalInterface
public interface WebSocketHandshakeTransformer {

    /**
     * Rewrites the upgrade request of one connection attempt. Called on the client's callback executor; the
     * connection waits for the future, within the connect timeout.
     *
     * @param request the request built from the {@link WebSocketOptions}
     * @return the future of the request to send, typically {@code request.toBuilder()…build()}; completing it
     *     exceptionally, or with null, fails the attempt with {@link dev.tern.mqtt5.ErrorKind#WEBSOCKET}
     */
    CompletableFuture<WebSocketHandshakeRequest> transform(WebSocketHandshakeRequest request);
}
