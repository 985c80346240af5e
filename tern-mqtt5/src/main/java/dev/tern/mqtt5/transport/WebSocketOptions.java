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

    /** {@return a new builder: path {@code /mqtt}, no extra headers, no transformer} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return options with path {@code /mqtt}, no extra headers and no transformer} */
    public static WebSocketOptions defaults() {
        return builder().build();
    }

    /** {@return a builder holding these options; changing it does not change these options} */
    public Builder toBuilder() {
        Builder b = new Builder().path(path).handshakeTransformer(handshakeTransformer);
        b.headers.addAll(headers);
        return b;
    }

    /**
     * {@return the request path of the upgrade request, starting with {@code /}, possibly with a query
     * string}
     */
    public String path() {
        return path;
    }

    /**
     * {@return the extra headers of the upgrade request, in order; an immutable list in which names may
     * repeat}
     */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** {@return the transformer applied to the upgrade request on every connection attempt, or null} */
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

    /**
     * Builds {@link WebSocketOptions}. Not thread-safe. Each setter checks its argument and throws at once.
     */
    public static final class Builder {
        private String path = "/mqtt";
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private WebSocketHandshakeTransformer handshakeTransformer;

        private Builder() {
        }

        /**
         * Sets the request path, possibly with a percent-encoded query string ({@code /mqtt?x=1}). The
         * default is {@code /mqtt}.
         *
         * @param path the path, starting with {@code /}
         * @return this builder
         * @throws NullPointerException if {@code path} is null
         * @throws IllegalArgumentException if {@code path} does not start with {@code /}, or holds a space, a
         *     control character or {@code #} (percent-encode them)
         */
        public Builder path(String path) {
            Checks.notNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', was " + path);
            }
            // Checked as the upgrade request will check it, so that a bad path fails here, not at connect.
            int query = path.indexOf('?');
            WebSocketHandshakeRequest.builder("host", 443, true)
                    .path(query < 0 ? path : path.substring(0, query))
                    .query(query < 0 ? null : path.substring(query + 1));
            this.path = path;
            return this;
        }

        /**
         * Appends a header to the upgrade request, after those already added. The client adds the headers of
         * the WebSocket protocol itself and {@code Host}; do not set those.
         *
         * @param name the header name: not empty, no {@code :}, CR or LF
         * @param value the header value: no CR or LF
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is null
         * @throws IllegalArgumentException if {@code name} or {@code value} is not a valid header
         */
        public Builder header(String name, String value) {
            WebSocketHandshakeRequest.builder("h", 1, false).header(name, value); // validates
            headers.add(Map.entry(name, value));
            return this;
        }

        /**
         * Sets a transformer that rewrites the upgrade request on every connection attempt, for credentials
         * made per connection such as an AWS SigV4 signature. The default is none.
         *
         * @param transformer the transformer, or null for none
         * @return this builder
         */
        public Builder handshakeTransformer(WebSocketHandshakeTransformer transformer) {
            this.handshakeTransformer = transformer;
            return this;
        }

        /** {@return new immutable options with this builder's values} */
        public WebSocketOptions build() {
            return new WebSocketOptions(this);
        }
    }
}
