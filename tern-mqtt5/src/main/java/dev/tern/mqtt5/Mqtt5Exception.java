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

    /** What went wrong; see {@link #kind()}. */
    private final ErrorKind kind;
    private final transient ReasonCode reasonCode;

    /**
     * Creates an exception without a reason code or cause.
     *
     * @param kind what went wrong
     * @param message the detail, and what to check
     */
    public Mqtt5Exception(ErrorKind kind, String message) {
        this(kind, null, message, null);
    }

    /**
     * Creates an exception without a reason code.
     *
     * @param kind what went wrong
     * @param message the detail, and what to check
     * @param cause the underlying exception, or null
     */
    public Mqtt5Exception(ErrorKind kind, String message, Throwable cause) {
        this(kind, null, message, cause);
    }

    /**
     * Creates an exception.
     *
     * @param kind what went wrong
     * @param reasonCode the MQTT reason code behind the error, or null
     * @param message the detail, and what to check
     * @param cause the underlying exception, or null
     */
    public Mqtt5Exception(ErrorKind kind, ReasonCode reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.reasonCode = reasonCode;
    }

    /** {@return what went wrong, as a value to switch on; never null for exceptions the client creates} */
    public ErrorKind kind() {
        return kind;
    }

    /**
     * {@return the MQTT reason code behind the error, or null} It is the CONNACK's for
     * {@link ErrorKind#CONNACK_REFUSED}, the server's DISCONNECT's for {@link ErrorKind#SERVER_DISCONNECT},
     * and the one the client sent for {@link ErrorKind#PROTOCOL_VIOLATION}. It is not serialized.
     */
    public ReasonCode reasonCode() {
        return reasonCode;
    }
}
