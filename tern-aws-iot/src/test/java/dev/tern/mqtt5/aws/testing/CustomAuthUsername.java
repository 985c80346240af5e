package dev.tern.mqtt5.aws.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A CONNECT username as AWS IoT Core reads it for a custom authorizer:
 * {@code user?x-amz-customauthorizer-name=<name>&<tokenKey>=<tokenValue>&x-amz-customauthorizer-signature=<sig>}
 * with optional {@code SDK=<name>&Version=<version>} metrics parameters. The parameters are kept raw (as
 * sent, not decoded), in order.
 */
public final class CustomAuthUsername {

    public static final String AUTHORIZER_NAME = "x-amz-customauthorizer-name";
    public static final String SIGNATURE = "x-amz-customauthorizer-signature";

    private final String username;
    private final String baseUsername;
    private final String query;
    private final List<Map.Entry<String, String>> parameters;

    private CustomAuthUsername(String username, String baseUsername, String query,
            List<Map.Entry<String, String>> parameters) {
        this.username = username;
        this.baseUsername = baseUsername;
        this.query = query;
        this.parameters = Collections.unmodifiableList(parameters);
    }

    /** Splits {@code username} at its first '?' and the rest at '&amp;' and each piece at its first '='. */
    public static CustomAuthUsername parse(String username) {
        int question = username.indexOf('?');
        if (question < 0) {
            return new CustomAuthUsername(username, username, null, new ArrayList<>());
        }
        String query = username.substring(question + 1);
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (String piece : query.split("&", -1)) {
            int equals = piece.indexOf('=');
            parameters.add(equals < 0 ? Map.entry(piece, "")
                    : Map.entry(piece.substring(0, equals), piece.substring(equals + 1)));
        }
        return new CustomAuthUsername(username, username.substring(0, question), query, parameters);
    }

    /** The whole username as sent. */
    public String username() {
        return username;
    }

    /** The part before the first '?' (the whole username if there is none; empty if it starts with '?'). */
    public String baseUsername() {
        return baseUsername;
    }

    /** The part after the first '?', or null. */
    public String query() {
        return query;
    }

    /** Every query parameter in order, raw (as sent). */
    public List<Map.Entry<String, String>> parameters() {
        return parameters;
    }

    /** The names of the query parameters in order. */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> parameter : parameters) {
            names.add(parameter.getKey());
        }
        return names;
    }

    /** Every raw value of parameter {@code name}, in order. */
    public List<String> parameters(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> parameter : parameters) {
            if (parameter.getKey().equals(name)) {
                values.add(parameter.getValue());
            }
        }
        return values;
    }

    /** The first raw value of parameter {@code name}, or null. */
    public String parameter(String name) {
        List<String> values = parameters(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Whether the username has more than one '?' (IoT reads the parameters after a single one). */
    public boolean hasSeveralQuestionMarks() {
        return query != null && query.indexOf('?') >= 0;
    }

    @Override
    public String toString() {
        return username;
    }
}
