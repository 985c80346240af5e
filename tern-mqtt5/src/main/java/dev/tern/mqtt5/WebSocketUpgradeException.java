package dev.tern.mqtt5;

/**
 * The WebSocket upgrade failed: the server answered the HTTP upgrade request with
 * {@link #httpStatus()} instead of 101 (AWS IoT answers 403 to a bad signature), or broke the WebSocket
 * handshake rules.
 */
public final class WebSocketUpgradeException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    private final Integer httpStatus;

    public WebSocketUpgradeException(Integer httpStatus, String message, Throwable cause) {
        super(ErrorKind.WEBSOCKET, message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status of the server's answer, or null if there was none. */
    public Integer httpStatus() {
        return httpStatus;
    }
}
