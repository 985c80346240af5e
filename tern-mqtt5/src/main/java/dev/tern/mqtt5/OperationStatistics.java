package dev.tern.mqtt5;

/**
 * A snapshot of the client's operations. Incomplete: submitted and not yet finished (queued or in
 * flight). Unacknowledged: sent and waiting for the server's acknowledgement. Sizes are the packets'
 * encoded sizes in bytes.
 */
public final class OperationStatistics {

    private final long incompleteOperationCount;
    private final long incompleteOperationSize;
    private final long unackedOperationCount;
    private final long unackedOperationSize;

    public OperationStatistics(long incompleteOperationCount, long incompleteOperationSize,
            long unackedOperationCount, long unackedOperationSize) {
        this.incompleteOperationCount = incompleteOperationCount;
        this.incompleteOperationSize = incompleteOperationSize;
        this.unackedOperationCount = unackedOperationCount;
        this.unackedOperationSize = unackedOperationSize;
    }

    public long incompleteOperationCount() {
        return incompleteOperationCount;
    }

    public long incompleteOperationSize() {
        return incompleteOperationSize;
    }

    public long unackedOperationCount() {
        return unackedOperationCount;
    }

    public long unackedOperationSize() {
        return unackedOperationSize;
    }

    @Override
    public String toString() {
        return "OperationStatistics{incomplete=" + incompleteOperationCount + " (" + incompleteOperationSize
                + " B), unacked=" + unackedOperationCount + " (" + unackedOperationSize + " B)}";
    }
}
