package dev.tern.mqtt5.internal.client;

/**
 * Packet identifiers in use by this session's outgoing operations (MQTT 5.0 section 2.2.1): 1 to
 * 65,535, each owned by one operation until its acknowledgement arrives. Hands out the next free one
 * after the last used, so that a late acknowledgement for a recently freed identifier is unlikely to
 * meet a new owner — stepping past identifiers whose table slot a long-lived one holds while the table
 * is sparse, so the table grows with the number in use, not with their spread.
 */
@CallByThread("event loop")
final class PacketIdPool {

    static final int MAX = 65_535;

    private final PacketIdTable<Operation<?>> inUse = new PacketIdTable<>();
    private int last;

    /** Assigns a free identifier to {@code op}; returns 0 if all 65,535 are taken. */
    int acquire(Operation<?> op) {
        if (inUse.size() >= MAX) {
            return 0;
        }
        int id = last;
        while (true) {
            id = id == MAX ? 1 : id + 1;
            if (inUse.slotFree(id)) {
                break;
            }
            // Free, but its slot holds an older identifier. In a crowded table take it (the table grows); in
            // a sparse one step past it: consecutive identifiers walk consecutive slots, so a free one is near.
            if (inUse.get(id) == null && inUse.size() * 2 >= inUse.capacity()) {
                break;
            }
        }
        last = id;
        inUse.put(id, op);
        op.packetId = id;
        return id;
    }

    /** The operation holding {@code id}, or null. */
    Operation<?> get(int id) {
        return inUse.get(id);
    }

    void release(Operation<?> op) {
        if (op.packetId != 0 && inUse.get(op.packetId) == op) {
            inUse.remove(op.packetId);
        }
        op.packetId = 0;
    }

    int size() {
        return inUse.size();
    }

    /** Slots in the table (for tests of its growth). */
    int tableCapacity() {
        return inUse.capacity();
    }

    void clear() {
        inUse.clear();
    }
}
