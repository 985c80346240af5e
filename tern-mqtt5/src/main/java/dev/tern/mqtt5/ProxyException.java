package dev.tern.mqtt5;

/**
 * The proxy did not open the tunnel: it refused the connection, answered CONNECT with an HTTP error
 * ({@link #httpStatus()}: 407 authentication required, 403 forbidden, 502 bad gateway, …), or failed the
 * SOCKS5 exchange.
 */
public final class ProxyException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    /** The proxy's HTTP status; see {@link #httpStatus()}. */
    private final Integer httpStatus;

    /**
     * Creates an exception of kind {@link ErrorKind#PROXY}.
     *
     * @param httpStatus the HTTP status the proxy answered CONNECT with, or null
     * @param message the detail: the proxy, the destination and what to check
     * @param cause the underlying exception, or null
     */
    public ProxyException(Integer httpStatus, String message, Throwable cause) {
        super(ErrorKind.PROXY, message, cause);
        this.httpStatus = httpStatus;
    }

    /**
     * {@return the HTTP status the proxy answered CONNECT with, or null for a SOCKS5 proxy or when no answer
     * came}
     */
    public Integer httpStatus() {
        return httpStatus;
    }
}
