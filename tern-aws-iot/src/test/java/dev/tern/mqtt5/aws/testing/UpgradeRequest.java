package dev.tern.mqtt5.aws.testing;

import io.netty.handler.codec.http.FullHttpRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A WebSocket upgrade request as the gateway received it. */
public record UpgradeRequest(String method, String uri, List<Map.Entry<String, String>> headers) {

    static UpgradeRequest of(FullHttpRequest request) {
        return new UpgradeRequest(request.method().name(), request.uri(), List.copyOf(request.headers().entries()));
    }

    /** The raw path (before any '?'). */
    public String path() {
        int question = uri.indexOf('?');
        return question < 0 ? uri : uri.substring(0, question);
    }

    /** The raw query string without '?', or null. */
    public String rawQuery() {
        int question = uri.indexOf('?');
        return question < 0 ? null : uri.substring(question + 1);
    }

    /** The query parameters in order, percent-decoded ({@code +} stays {@code +}). */
    public List<Map.Entry<String, String>> queryParameters() {
        return SigV4Verifier.parseQuery(rawQuery());
    }

    /** The names of the query parameters in order. */
    public List<String> queryParameterNames() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> parameter : queryParameters()) {
            names.add(parameter.getKey());
        }
        return names;
    }

    /** The first decoded value of query parameter {@code name}, or null. */
    public String queryParameter(String name) {
        for (Map.Entry<String, String> parameter : queryParameters()) {
            if (parameter.getKey().equals(name)) {
                return parameter.getValue();
            }
        }
        return null;
    }

    /** The values of header {@code name} (case-insensitive), in order. */
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                values.add(header.getValue());
            }
        }
        return values;
    }

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
        return method + " " + uri + " " + headers;
    }
}
