package dev.tern.mqtt5;

/**
 * The proxy did not open the tunnel: it refused the connection, answered CONNECT with an HTTP error
 * ({@link #httpStatus()}: 407 authentication required, 403 forbidden, 502 bad gateway, …), or failed the
 * SOCKS5 exchange.
 */
public final class ProxyException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    private final Integer httpStatus;

    public ProxyException(Integer httpStatus, String message, Throwable cause) {
        super(ErrorKind.PROXY, message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status the proxy answered CONNECT with, or null (SOCKS5, or no answer). */
    public Integer httpStatus() {
        return httpStatus;
    }
}
