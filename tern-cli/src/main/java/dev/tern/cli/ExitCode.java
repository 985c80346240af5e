package dev.tern.cli;

/** What {@code tern} exits with; listed in {@code tern --help}. */
final class ExitCode {

    /** Everything asked for happened. */
    static final int OK = 0;
    /** Connected, but an operation failed or not everything expected arrived in time. */
    static final int FAILED = 1;
    /** Bad arguments or configuration (a missing file, an invalid topic, conflicting options). */
    static final int USAGE = 2;
    /** Could not connect (name, refused, TLS, proxy, WebSocket, CONNACK refused, timeout). */
    static final int NOT_CONNECTED = 3;
    /** Interrupted (Ctrl-C) before finishing. */
    static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
