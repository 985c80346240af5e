package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.internal.util.Checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * MQTT over WebSocket (MQTT 5.0 section 6): binary frames, subprotocol {@code mqtt}, over TLS when the
 * client has {@link TlsOptions} ({@code wss}) and plain otherwise ({@code ws}). Immutable.
 *
 * <pre>{@code
 * WebSocketOptions ws = WebSocketOptions.builder().path("/mqtt").header("X-Device", "sensor-1").build();
 * }</pre>
 */
public final class WebSocketOptions {

    private final String path;
    private final List<Map.Entry<String, String>> headers;
    private final WebSocketHandshakeTransformer handshakeTransformer;

    private WebSocketOptions(Builder b) {
        path = b.path;
        headers = Collections.unmodifiableList(new ArrayList<>(b.headers));
        handshakeTransformer = b.handshakeTransformer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Path {@code /mqtt}, no extra headers, no transformer. */
    public static WebSocketOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder().path(path).handshakeTransformer(handshakeTransformer);
        b.headers.addAll(headers);
        return b;
    }

    public String path() {
        return path;
    }

    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The transformer applied to every upgrade request, or null. */
    public WebSocketHandshakeTransformer handshakeTransformer() {
        return handshakeTransformer;
    }

    @Override
    public String toString() {
        int query = path.indexOf('?');
        String shown = query < 0 ? path : path.substring(0, query) + "?<" + (path.length() - query - 1) + " chars>";
        return "WebSocketOptions{path=" + shown + ", " + headers.size() + " headers"
                + (handshakeTransformer != null ? ", with a handshake transformer" : "") + "}";
    }

    /** Builds {@link WebSocketOptions}. */
    public static final class Builder {
        private String path = "/mqtt";
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private WebSocketHandshakeTransformer handshakeTransformer;

        private Builder() {
        }

        /** The request path, possibly with a query string ({@code /mqtt?x=1}); default {@code /mqtt}. */
        public Builder path(String path) {
            Checks.notNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', was " + path);
            }
            this.path = path;
            return this;
        }

        /** Adds a header to the upgrade request. */
        public Builder header(String name, String value) {
            WebSocketHandshakeRequest.builder("h", 1, false).header(name, value); // validates
            headers.add(Map.entry(name, value));
            return this;
        }

        public Builder handshakeTransformer(WebSocketHandshakeTransformer transformer) {
            this.handshakeTransformer = transformer;
            return this;
        }

        public WebSocketOptions build() {
            return new WebSocketOptions(this);
        }
    }
}
