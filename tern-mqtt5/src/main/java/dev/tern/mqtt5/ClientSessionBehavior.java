package dev.tern.mqtt5;

/** Whether the client asks the server to resume its session when it connects (Clean Start). */
public enum ClientSessionBehavior {
    /** Always start with a clean session (Clean Start = 1). Nothing survives a reconnect on the server. */
    CLEAN,
    /**
     * Clean on the client's first connection, then rejoin (Clean Start = 0) on every later one — after a
     * connection loss and after {@code stop()} / {@code start()} alike. Unacknowledged QoS 1 and 2 messages
     * and subscriptions survive. Needs a non-zero session expiry; with an empty client identifier the client
     * reconnects under the one the server assigned.
     */
    REJOIN_POST_SUCCESS,
    /**
     * Always rejoin, including the first connection: resumes a session left by an earlier process with the
     * same client identifier. Needs a fixed client identifier and a non-zero session expiry.
     */
    REJOIN_ALWAYS
}
