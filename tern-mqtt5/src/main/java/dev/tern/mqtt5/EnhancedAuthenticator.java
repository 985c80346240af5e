package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.AuthPacket;

import java.util.concurrent.CompletableFuture;

/**
 * Enhanced authentication (MQTT 5.0 section 4.12): a challenge/response exchange of AUTH packets with
 * the server, for methods such as SCRAM or Kerberos. The application implements the method; the client
 * carries the packets.
 *
 * <p>On every connection attempt the CONNECT carries {@link #method()} and {@link #initialData()}. Each
 * AUTH the server sends with Continue Authentication is passed to {@link #onContinue}, whose answer the
 * client sends back. {@link Mqtt5Client#reauthenticate()} starts the same exchange on a live
 * connection. Methods are called on the client's callback executor, one at a time; returned futures may
 * complete on any thread. Implementations must never log or expose secrets.
 */
public interface EnhancedAuthenticator {

    /** The Authentication Method, e.g. {@code SCRAM-SHA-256}. */
    String method();

    /** Authentication Data for the CONNECT (or the re-authentication AUTH); null for none. */
    default CompletableFuture<byte[]> initialData() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The server continues the exchange. Complete with the Authentication Data for the client's reply
     * (AUTH with Continue Authentication), or exceptionally to abort: the client then disconnects with
     * Not Authorized.
     */
    CompletableFuture<byte[]> onContinue(AuthPacket serverAuth);

    /** The exchange succeeded; {@code serverData} is the server's final Authentication Data, or null. */
    default void onSuccess(byte[] serverData) {
    }

    /** The exchange failed. */
    default void onFailure(Mqtt5Exception error) {
    }
}
