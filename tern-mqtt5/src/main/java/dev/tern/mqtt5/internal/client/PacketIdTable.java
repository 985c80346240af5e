package dev.tern.mqtt5.internal.client;

import java.util.Arrays;

/**
 * A map from packet identifier (1 to 65,535) to a value, indexed directly by the identifier's low bits.
 * A slot holds one identifier; when a new one meets a slot taken by another, the table doubles until
 * they part (two distinct identifiers always part at 65,536 slots). Lookup, insert and removal cost one
 * array access.
 *
 * <p>Why not a general hash map: identifiers come in sequence, and an open-addressing map with an identity
 * hash (Netty's {@code IntObjectHashMap}) puts a window of a thousand of them into one cluster that every
 * removal scans — that scan was over half of the client's CPU per QoS 1 publish. Starts at 16 slots
 * (idle connections stay small).
 */
@CallByThread("event loop")
final class PacketIdTable<T> {

    private static final int INITIAL = 16;
    /**
     * Emptied, a table larger than this goes back to its initial size. Smaller ones stay: a window of a few
     * hundred empties and refills many times a second, and regrowing it each time would cost more than
     * the 8 KiB it keeps.
     */
    private static final int SHRINK_ABOVE = 1_024;

    private int[] ids = new int[INITIAL];
    private Object[] values = new Object[INITIAL];
    private int size;

    @SuppressWarnings("unchecked")
    T get(int id) {
        int slot = id & (ids.length - 1);
        return ids[slot] == id ? (T) values[slot] : null;
    }

    /** Whether {@code id} could be put without growing the table (its slot is free or already its own). */
    boolean fits(int id) {
        int slot = id & (ids.length - 1);
        return ids[slot] == 0 || ids[slot] == id;
    }

    /** Whether {@code id}'s slot is empty. */
    boolean slotFree(int id) {
        return ids[id & (ids.length - 1)] == 0;
    }

    int capacity() {
        return ids.length;
    }

    void put(int id, T value) {
        while (!fits(id)) {
            grow();
        }
        int slot = id & (ids.length - 1);
        if (ids[slot] == 0) {
            size++;
        }
        ids[slot] = id;
        values[slot] = value;
    }

    @SuppressWarnings("unchecked")
    T remove(int id) {
        int slot = id & (ids.length - 1);
        if (ids[slot] != id) {
            return null;
        }
        T value = (T) values[slot];
        ids[slot] = 0;
        values[slot] = null;
        if (--size == 0 && ids.length > SHRINK_ABOVE) {
            ids = new int[INITIAL];
            values = new Object[INITIAL];
        }
        return value;
    }

    int size() {
        return size;
    }

    void clear() {
        if (ids.length > INITIAL) {
            ids = new int[INITIAL];
            values = new Object[INITIAL];
        } else {
            Arrays.fill(ids, 0);
            Arrays.fill(values, null);
        }
        size = 0;
    }

    private void grow() {
        int[] oldIds = ids;
        Object[] oldValues = values;
        ids = new int[oldIds.length * 2];
        values = new Object[oldIds.length * 2];
        int mask = ids.length - 1;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0) {
                ids[oldIds[i] & mask] = oldIds[i];
                values[oldIds[i] & mask] = oldValues[i];
            }
        }
    }
}
