package dev.tern.mqtt5;

/**
 * The base of every exception Tern reports: operations complete their futures exceptionally with a
 * subclass that says why, and lifecycle events carry one. Unchecked, so that no API needs
 * {@code throws} on the hot path. Messages never contain passwords, keys, tokens or signatures.
 */
public class Mqtt5Exception extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public Mqtt5Exception(String message) {
        super(message);
    }

    public Mqtt5Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
