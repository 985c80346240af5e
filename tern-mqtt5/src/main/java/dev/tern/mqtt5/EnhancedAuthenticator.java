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

    /**
     * {@return the Authentication Method, such as {@code SCRAM-SHA-256}; the same on every call} The client
     * puts it in the CONNECT and in every AUTH.
     */
    String method();

    /**
     * Supplies the Authentication Data of the first step: in the CONNECT of each connection attempt, and in
     * the AUTH that starts a re-authentication. The default supplies none.
     *
     * @return the future of the data, or of null for none; completing it exceptionally fails the attempt with
     *     {@link ErrorKind#AUTHENTICATION}
     */
    default CompletableFuture<byte[]> initialData() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Answers one step of the server: an AUTH with Continue Authentication. The client sends the data back in
     * an AUTH with Continue Authentication.
     *
     * @param serverAuth the server's AUTH, with its Authentication Data
     * @return the future of the client's Authentication Data (or of null for none); completing it
     *     exceptionally aborts the exchange, and the client disconnects with Not Authorized
     */
    CompletableFuture<byte[]> onContinue(AuthPacket serverAuth);

    /**
     * The exchange succeeded: the CONNACK accepted the connection, or the server's AUTH with Success ended a
     * re-authentication. The default does nothing.
     *
     * @param serverData the server's final Authentication Data, or null; a method may need to verify it
     */
    default void onSuccess(byte[] serverData) {
    }

    /**
     * The server refused the connection: its CONNACK carried a failing reason code. Not called when a
     * re-authentication fails; {@link Mqtt5Client#reauthenticate()} reports that. The default does nothing.
     *
     * @param error the refusal, of kind {@link ErrorKind#CONNACK_REFUSED}, with the CONNACK's reason code
     */
    default void onFailure(Mqtt5Exception error) {
    }
}
