package dev.tern.mqtt5;

/** The client begins a connection attempt. */
public final class AttemptingConnectEvent {

    private final int attempt;

    /**
     * Creates an event. The client creates these; the constructor is public for tests of listeners.
     *
     * @param attempt the attempt number, from 1
     */
    public AttemptingConnectEvent(int attempt) {
        this.attempt = attempt;
    }

    /**
     * {@return the attempt number: 1 for the first attempt after {@code start()} or after a successful
     * connection, then 2, 3, … for each retry}
     */
    public int attempt() {
        return attempt;
    }

    @Override
    public String toString() {
        return "AttemptingConnectEvent{attempt=" + attempt + "}";
    }
}
