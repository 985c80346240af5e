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

    CompletableFuture<WebSocketHandshakeRequest> transform(WebSocketHandshakeRequest request);
}
