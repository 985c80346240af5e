package dev.tern.mqtt5.internal.client;

/**
 * A doubly linked list threaded through {@link Operation#previous}/{@link Operation#next}: FIFO order,
 * O(1) append, removal anywhere and prepend. An operation is in at most one list.
 */
@CallByThread("event loop")
final class OperationList {

    private Operation<?> head;
    private Operation<?> tail;
    private int size;

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    Operation<?> first() {
        return head;
    }

    void addLast(Operation<?> op) {
        if (op.list != null) {
            throw new IllegalStateException(op + " is already in a list");
        }
        op.list = this;
        op.previous = tail;
        op.next = null;
        if (tail == null) {
            head = op;
        } else {
            tail.next = op;
        }
        tail = op;
        size++;
    }

    /** Inserts all of {@code other}'s operations before this list's, keeping their order; empties it. */
    void prependAll(OperationList other) {
        if (other.head == null) {
            return;
        }
        for (Operation<?> op = other.head; op != null; op = op.next) {
            op.list = this;
        }
        if (head == null) {
            head = other.head;
            tail = other.tail;
        } else {
            other.tail.next = head;
            head.previous = other.tail;
            head = other.head;
        }
        size += other.size;
        other.head = null;
        other.tail = null;
        other.size = 0;
    }

    Operation<?> removeFirst() {
        Operation<?> op = head;
        if (op != null) {
            remove(op);
        }
        return op;
    }

    /** Removes {@code op} if it is in this list; returns whether it was. */
    boolean remove(Operation<?> op) {
        if (op.list != this) {
            return false;
        }
        op.list = null;
        if (op.previous == null) {
            head = op.next;
        } else {
            op.previous.next = op.next;
        }
        if (op.next == null) {
            tail = op.previous;
        } else {
            op.next.previous = op.previous;
        }
        op.previous = null;
        op.next = null;
        size--;
        return true;
    }
}
