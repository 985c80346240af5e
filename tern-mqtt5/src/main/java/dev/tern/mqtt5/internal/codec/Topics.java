package dev.tern.mqtt5.internal.codec;

/**
 * Topic names and topic filters, MQTT 5.0 section 4.7: validation and matching.
 *
 * <p>A topic name has no wildcards. A filter may use {@code +} for exactly one level and {@code #} as
 * its last level for any number of levels, including none ({@code a/#} matches {@code a}). Names that
 * start with {@code $} are not matched by filters starting with a wildcard. A shared subscription is
 * {@code $share/<group>/<filter>}; the group has no {@code /}, {@code +} or {@code #}.
 */
public final class Topics {

    public static final String SHARE_PREFIX = "$share/";

    private Topics() {
    }

    /** Why {@code name} is not a valid topic name, or null (string rules are checked separately). */
    public static String topicNameProblem(String name) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || c == '#') {
                return "must not contain the wildcard '" + c + "' (index " + i + ")";
            }
        }
        return null;
    }

    /** Whether {@code name} contains a wildcard character. */
    public static boolean hasWildcard(CharSequence name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || c == '#') {
                return true;
            }
        }
        return false;
    }

    /** Why {@code filter} is not a valid topic filter, or null. Shared subscriptions included. */
    public static String topicFilterProblem(String filter) {
        if (filter.isEmpty()) {
            return "must not be empty";
        }
        int start = 0;
        if (isShared(filter)) {
            int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
            if (groupEnd < 0) {
                return "a shared subscription needs a filter after its group: $share/<group>/<filter>";
            }
            if (groupEnd == SHARE_PREFIX.length()) {
                return "the share name of a shared subscription must not be empty";
            }
            for (int i = SHARE_PREFIX.length(); i < groupEnd; i++) {
                char c = filter.charAt(i);
                if (c == '+' || c == '#') {
                    return "the share name must not contain '" + c + "'";
                }
            }
            start = groupEnd + 1;
            if (start == filter.length()) {
                return "a shared subscription needs a filter after its group: $share/<group>/<filter>";
            }
        }
        return plainFilterProblem(filter, start);
    }

    private static String plainFilterProblem(String filter, int start) {
        int length = filter.length();
        for (int i = start; i < length; i++) {
            char c = filter.charAt(i);
            if (c == '+') {
                boolean levelStart = i == start || filter.charAt(i - 1) == '/';
                boolean levelEnd = i + 1 == length || filter.charAt(i + 1) == '/';
                if (!levelStart || !levelEnd) {
                    return "'+' must occupy a whole level (index " + i + ")";
                }
            } else if (c == '#') {
                boolean levelStart = i == start || filter.charAt(i - 1) == '/';
                if (!levelStart || i + 1 != length) {
                    return "'#' must be the last level, on its own (index " + i + ")";
                }
            }
        }
        return null;
    }

    /** Whether {@code filter} names a shared subscription ({@code $share/...}). */
    public static boolean isShared(String filter) {
        return filter.startsWith(SHARE_PREFIX);
    }

    /** The share name of a valid shared filter, or null if the filter is not shared. */
    public static String shareName(String filter) {
        if (!isShared(filter)) {
            return null;
        }
        return filter.substring(SHARE_PREFIX.length(), filter.indexOf('/', SHARE_PREFIX.length()));
    }

    /** The filter part of a valid filter: itself, or what follows the group of a shared filter. */
    public static String plainFilter(String filter) {
        if (!isShared(filter)) {
            return filter;
        }
        return filter.substring(filter.indexOf('/', SHARE_PREFIX.length()) + 1);
    }

    /** Whether {@code filter} contains {@code +} or {@code #} outside a shared group name. */
    public static boolean isWildcardFilter(String filter) {
        return hasWildcard(plainFilter(filter));
    }

    /**
     * Whether the valid topic name {@code name} matches the valid topic filter {@code filter}. A shared
     * filter matches what its filter part matches.
     */
    public static boolean matches(String filter, String name) {
        String f = plainFilter(filter);
        int fl = f.length();
        int nl = name.length();
        if (nl > 0 && name.charAt(0) == '$' && fl > 0 && (f.charAt(0) == '+' || f.charAt(0) == '#')) {
            return false; // [MQTT-4.7.2-1]
        }
        int fi = 0;
        int ni = 0;
        while (true) {
            int fEnd = levelEnd(f, fi);
            if (fEnd - fi == 1 && f.charAt(fi) == '#') {
                return true; // this level and everything below it
            }
            int nEnd = levelEnd(name, ni);
            boolean plus = fEnd - fi == 1 && f.charAt(fi) == '+';
            if (!plus && (fEnd - fi != nEnd - ni || !name.regionMatches(ni, f, fi, fEnd - fi))) {
                return false;
            }
            boolean lastFilterLevel = fEnd == fl;
            boolean lastNameLevel = nEnd == nl;
            if (lastFilterLevel) {
                return lastNameLevel;
            }
            if (lastNameLevel) {
                // "a/#" matches "a": only a final "#" may follow.
                return fEnd + 2 == fl && f.charAt(fEnd + 1) == '#';
            }
            fi = fEnd + 1;
            ni = nEnd + 1;
        }
    }

    private static int levelEnd(String s, int from) {
        int slash = s.indexOf('/', from);
        return slash < 0 ? s.length() : slash;
    }
}
