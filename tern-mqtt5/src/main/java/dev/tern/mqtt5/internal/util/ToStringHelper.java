package dev.tern.mqtt5.internal.util;

import java.util.Collection;

/**
 * Builds the {@code toString()} of packets: {@code Name{field=value, ...}}, skipping absent values.
 * Binary values show their size only, and secrets are never printed.
 */
public final class ToStringHelper {

    private final StringBuilder sb;
    private boolean first = true;

    public ToStringHelper(String name) {
        sb = new StringBuilder(64).append(name).append('{');
    }

    public ToStringHelper add(String name, Object value) {
        if (value == null || (value instanceof Collection && ((Collection<?>) value).isEmpty())) {
            return this;
        }
        separator().append(name).append('=').append(value);
        return this;
    }

    public ToStringHelper add(String name, boolean value) {
        separator().append(name).append('=').append(value);
        return this;
    }

    public ToStringHelper addSize(String name, byte[] value) {
        if (value != null) {
            separator().append(name).append('=').append(value.length).append(" bytes");
        }
        return this;
    }

    /** For passwords, tokens and authentication data: only says that a value is present. */
    public ToStringHelper addSecret(String name, Object value) {
        if (value != null) {
            separator().append(name).append("=<redacted>");
        }
        return this;
    }

    private StringBuilder separator() {
        if (!first) {
            sb.append(", ");
        }
        first = false;
        return sb;
    }

    @Override
    public String toString() {
        return sb.append('}').toString();
    }
}
