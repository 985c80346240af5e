package dev.tern.mqtt5;

/** The client has closed its connection (if any) after {@code stop()} and will not reconnect. */
public final class StoppedEvent {

    /** The only instance: the event has no content. */
    public static final StoppedEvent INSTANCE = new StoppedEvent();

    private StoppedEvent() {
    }

    @Override
    public String toString() {
        return "StoppedEvent{}";
    }
}
