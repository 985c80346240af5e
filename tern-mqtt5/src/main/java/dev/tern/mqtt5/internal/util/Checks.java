package dev.tern.mqtt5.internal.util;

import dev.tern.mqtt5.internal.codec.Utf8;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Argument checks for the public builders. Messages name the field and the rule, so that a user sees
 * what to change ("keepAliveIntervalSeconds must be in [0, 65535], was 70000").
 */
public final class Checks {

    /** The largest value of a Four Byte Integer. */
    public static final long MAX_UNSIGNED_INT = 0xFFFF_FFFFL;
    /** The largest value of a Two Byte Integer. */
    public static final int MAX_UNSIGNED_SHORT = 0xFFFF;
    /** The largest value a Variable Byte Integer can hold. */
    public static final int MAX_VARIABLE_BYTE_INTEGER = 268_435_455;
    /** Binary Data and UTF-8 strings carry a two-byte length. */
    public static final int MAX_BINARY_LENGTH = 0xFFFF;

    private Checks() {
    }

    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    public static int range(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    public static long range(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    public static Integer optionalRange(Integer value, int min, int max, String name) {
        return value == null ? null : range(value.intValue(), min, max, name);
    }

    public static Long optionalRange(Long value, long min, long max, String name) {
        return value == null ? null : range(value.longValue(), min, max, name);
    }

    /** A UTF-8 Encoded String as MQTT defines it (section 1.5.4); null allowed. */
    public static String optionalString(String value, String name) {
        return value == null ? null : string(value, name);
    }

    /** A UTF-8 Encoded String as MQTT defines it (section 1.5.4). */
    public static String string(String value, String name) {
        notNull(value, name);
        String problem = Utf8.problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(name + " is not a valid MQTT string: " + problem);
        }
        return value;
    }

    /** Binary Data (section 1.5.6): copied, at most 65,535 bytes; null allowed. */
    public static byte[] optionalBinary(byte[] value, String name) {
        if (value == null) {
            return null;
        }
        if (value.length > MAX_BINARY_LENGTH) {
            throw new IllegalArgumentException(
                    name + " must be at most " + MAX_BINARY_LENGTH + " bytes, was " + value.length);
        }
        return value.clone();
    }

    /** An immutable copy of a list whose elements must not be null. */
    public static <T> List<T> immutableList(Collection<? extends T> values, String name) {
        notNull(values, name);
        if (values.isEmpty()) {
            return Collections.emptyList();
        }
        List<T> copy = new ArrayList<>(values.size());
        for (T value : values) {
            if (value == null) {
                throw new NullPointerException(name + " must not contain null");
            }
            copy.add(value);
        }
        return Collections.unmodifiableList(copy);
    }

    /** Appends to a builder's list, allocating it on first use. */
    public static <T> List<T> append(List<T> list, T value, String name) {
        notNull(value, name);
        List<T> target = list == null ? new ArrayList<>(4) : list;
        target.add(value);
        return target;
    }

    /** Freezes a builder's list (possibly null) into an immutable list. */
    public static <T> List<T> freeze(List<T> list) {
        return list == null || list.isEmpty()
                ? Collections.emptyList()
                : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
