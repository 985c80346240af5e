package dev.tern.mqtt5;

/**
 * The TLS layer failed: the handshake with the server (or proxy), or reading the certificates and keys
 * the options name. {@link #failure()} says which way; the message says what to check. Never contains
 * key material or passwords.
 */
public final class TlsException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong in TLS. */
    public enum Failure {
        /** The server's certificate does not chain to a trusted certificate. */
        UNTRUSTED_CERTIFICATE,
        /** The server's certificate is valid but issued for another host name. */
        HOSTNAME_MISMATCH,
        /** A certificate in the server's chain has expired. */
        CERTIFICATE_EXPIRED,
        /** A certificate in the server's chain is not valid yet (check the clock). */
        CERTIFICATE_NOT_YET_VALID,
        /** The server requires a client certificate (mutual TLS) and none is configured. */
        CLIENT_CERTIFICATE_REQUIRED,
        /** The server rejected the client certificate. */
        CLIENT_CERTIFICATE_REJECTED,
        /** Client and server share no TLS version or cipher suite. */
        PROTOCOL_MISMATCH,
        /** The server accepts none of the ALPN protocols offered. */
        ALPN_MISMATCH,
        /** A certificate or key file could not be read. */
        KEY_MATERIAL,
        /** The handshake did not complete within the handshake timeout. */
        HANDSHAKE_TIMEOUT,
        /** The requested TLS engine (OpenSSL) is not available. */
        ENGINE_UNAVAILABLE,
        /** Another handshake failure; the message and cause have the detail. */
        OTHER
    }

    /** What went wrong in TLS; see {@link #failure()}. */
    private final Failure failure;

    /**
     * Creates an exception of kind {@link ErrorKind#TLS}.
     *
     * @param failure what went wrong in TLS
     * @param message the detail, and what to check
     * @param cause the underlying exception, typically an {@code SSLException}, or null
     */
    public TlsException(Failure failure, String message, Throwable cause) {
        super(ErrorKind.TLS, message, cause);
        this.failure = failure;
    }

    /** {@return what went wrong in TLS} */
    public Failure failure() {
        return failure;
    }
}
