package dev.tern.mqtt5;

/** The client begins a connection attempt. */
public final class AttemptingConnectEvent {

    private final int attempt;

    public AttemptingConnectEvent(int attempt) {
        this.attempt = attempt;
    }

    /** 1 for the first attempt after {@code start()} or after a successful connection, then 2, 3, … */
    public int attempt() {
        return attempt;
    }

    @Override
    public String toString() {
        return "AttemptingConnectEvent{attempt=" + attempt + "}";
    }
}
