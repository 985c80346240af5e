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

    /**
     * Creates a snapshot. The client creates these; the constructor is public for tests.
     *
     * @param incompleteOperationCount operations submitted and not yet finished
     * @param incompleteOperationSize their encoded size, in bytes
     * @param unackedOperationCount operations sent and waiting for their acknowledgement
     * @param unackedOperationSize their encoded size, in bytes
     */
    public OperationStatistics(long incompleteOperationCount, long incompleteOperationSize,
            long unackedOperationCount, long unackedOperationSize) {
        this.incompleteOperationCount = incompleteOperationCount;
        this.incompleteOperationSize = incompleteOperationSize;
        this.unackedOperationCount = unackedOperationCount;
        this.unackedOperationSize = unackedOperationSize;
    }

    /**
     * {@return how many operations were submitted and have not finished: queued, or sent and waiting for
     * their acknowledgement}
     */
    public long incompleteOperationCount() {
        return incompleteOperationCount;
    }

    /** {@return the encoded size of the incomplete operations, in bytes} */
    public long incompleteOperationSize() {
        return incompleteOperationSize;
    }

    /**
     * {@return how many operations were sent and wait for the server's acknowledgement; a subset of the
     * incomplete ones}
     */
    public long unackedOperationCount() {
        return unackedOperationCount;
    }

    /** {@return the encoded size of the unacknowledged operations, in bytes} */
    public long unackedOperationSize() {
        return unackedOperationSize;
    }

    @Override
    public String toString() {
        return "OperationStatistics{incomplete=" + incompleteOperationCount + " (" + incompleteOperationSize
                + " B), unacked=" + unackedOperationCount + " (" + unackedOperationSize + " B)}";
    }
}
