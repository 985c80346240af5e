package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.ReasonCode;

/**
 * The exception Tern reports: operations complete their futures exceptionally with it, and lifecycle
 * events carry it. It has a {@link #kind()} to switch on, the MQTT reason code where the server gave
 * one, and a message that says what to check. Unchecked, so that no API needs {@code throws}.
 * Messages never contain passwords, keys, tokens or signatures.
 */
public class Mqtt5Exception extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final transient ReasonCode reasonCode;

    public Mqtt5Exception(ErrorKind kind, String message) {
        this(kind, null, message, null);
    }

    public Mqtt5Exception(ErrorKind kind, String message, Throwable cause) {
        this(kind, null, message, cause);
    }

    public Mqtt5Exception(ErrorKind kind, ReasonCode reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.reasonCode = reasonCode;
    }

    /** What went wrong. */
    public ErrorKind kind() {
        return kind;
    }

    /**
     * The MQTT reason code behind the error, or null: the CONNACK's for {@link ErrorKind#CONNACK_REFUSED},
     * the server's DISCONNECT's for {@link ErrorKind#SERVER_DISCONNECT}, the one the client sent for
     * {@link ErrorKind#PROTOCOL_VIOLATION}.
     */
    public ReasonCode reasonCode() {
        return reasonCode;
    }
}
