package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.packets.PacketType;

import java.util.concurrent.Executor;

/**
 * One publish, subscribe or unsubscribe from submission to completion. It is its own future (one
 * object per operation) and a node of the session's queue or in-flight list (intrusive links, so that
 * removal from the middle costs nothing).
 *
 * <p>Fields other than the future's state are used on the event loop only.
 */
abstract class Operation<T> extends ClientFuture<T> implements LoopInbox.Link<Operation<?>> {

    enum State {
        /** Waiting in the queue: not sent on the current connection. */
        QUEUED,
        /** Sent; waiting for PUBACK, PUBREC, SUBACK or UNSUBACK. */
        AWAITING_ACK,
        /** QoS 2: PUBREC received, PUBREL sent; waiting for PUBCOMP. */
        AWAITING_PUBCOMP,
        /** Finished: completed, failed or withdrawn. */
        DONE
    }

    final Session session;

    @CallByThread("event loop")
    State state = State.QUEUED;
    /** 0 until the operation is sent; kept until it is acknowledged. */
    @CallByThread("event loop")
    int packetId;
    /** The encoded size, for statistics and the packet size check; 0 until computed. */
    @CallByThread("event loop")
    long size;
    /** The future was completed from outside: nobody waits for the result any more. */
    @CallByThread("event loop")
    boolean orphaned;
    /** Timer for the acknowledgement timeout, or null. */
    @CallByThread("event loop")
    java.util.concurrent.ScheduledFuture<?> ackTimeout;

    /** Link in the client's submission inbox, from the submitting thread to the event loop. */
    private Operation<?> nextInInbox;
    private int depthInInbox;

    // Intrusive list links: queue or in-flight list, never both.
    @CallByThread("event loop")
    OperationList list;
    @CallByThread("event loop")
    Operation<?> previous;
    @CallByThread("event loop")
    Operation<?> next;

    Operation(Session session, Executor completionExecutor) {
        super(completionExecutor);
        this.session = session;
    }

    abstract PacketType type();

    @Override
    public final Operation<?> nextInInbox() {
        return nextInInbox;
    }

    @Override
    public final void nextInInbox(Operation<?> next) {
        nextInInbox = next;
    }

    @Override
    public final int depthInInbox() {
        return depthInInbox;
    }

    @Override
    public final void depthInInbox(int depth) {
        depthInInbox = depth;
    }

    /** Whether the operation counts against the server's Receive Maximum (QoS 1 and 2 publishes). */
    boolean usesSendQuota() {
        return false;
    }

    @Override
    final void onExternalCompletion() {
        session.withdraw(this);
    }
}
