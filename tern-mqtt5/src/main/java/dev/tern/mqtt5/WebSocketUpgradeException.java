package dev.tern.mqtt5;

/**
 * The WebSocket upgrade failed: the server answered the HTTP upgrade request with
 * {@link #httpStatus()} instead of 101 (AWS IoT answers 403 to a bad signature), or broke the WebSocket
 * handshake rules.
 */
public final class WebSocketUpgradeException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    /** The server's HTTP status; see {@link #httpStatus()}. */
    private final Integer httpStatus;

    /**
     * Creates an exception of kind {@link ErrorKind#WEBSOCKET}.
     *
     * @param httpStatus the HTTP status of the server's answer, or null
     * @param message the detail, and what to check
     * @param cause the underlying exception, or null
     */
    public WebSocketUpgradeException(Integer httpStatus, String message, Throwable cause) {
        super(ErrorKind.WEBSOCKET, message, cause);
        this.httpStatus = httpStatus;
    }

    /** {@return the HTTP status of the server's answer to the upgrade request, or null if there was none} */
    public Integer httpStatus() {
        return httpStatus;
    }
}
