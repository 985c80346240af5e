package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.internal.util.Checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The HTTP upgrade request of a WebSocket connection, as a {@link WebSocketHandshakeTransformer} sees
 * and changes it: the path, the raw query string and extra headers. The client adds the headers of the
 * WebSocket protocol itself ({@code Upgrade}, {@code Sec-WebSocket-Key}, {@code Sec-WebSocket-Protocol},
 * …) and {@code Host}. Immutable.
 */
public final class WebSocketHandshakeRequest {

    private final String host;
    private final int port;
    private final boolean secure;
    private final String path;
    private final String query;
    private final List<Map.Entry<String, String>> headers;
    private final java.time.Instant validUntil;

    private WebSocketHandshakeRequest(Builder b) {
        host = b.host;
        port = b.port;
        secure = b.secure;
        path = b.path;
        query = b.query;
        headers = Collections.unmodifiableList(new ArrayList<>(b.headers));
        validUntil = b.validUntil;
    }

    /** For the client: the request before any transformation. */
    public static Builder builder(String host, int port, boolean secure) {
        return new Builder(host, port, secure);
    }

    public Builder toBuilder() {
        Builder b = new Builder(host, port, secure).path(path).query(query).validUntil(validUntil);
        b.headers.addAll(headers);
        return b;
    }

    /** The server's host name (what {@code Host} carries). */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Whether the connection is {@code wss} (TLS). */
    public boolean secure() {
        return secure;
    }

    /** The path, starting with '/'. */
    public String path() {
        return path;
    }

    /** The raw query string without '?', already percent-encoded, or null. */
    public String query() {
        return query;
    }

    /** Extra headers in order; names may repeat. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** When the credentials behind this request stop being valid, or null. */
    public java.time.Instant validUntil() {
        return validUntil;
    }

    /** The request target: path, and '?' query if there is one. */
    public String uri() {
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }

    @Override
    public String toString() {
        // The query can hold signatures and tokens (SigV4): only its length is shown.
        return "WebSocketHandshakeRequest{" + (secure ? "wss://" : "ws://") + host + ":" + port + path
                + (query != null ? "?<" + query.length() + " chars>" : "") + ", " + headers.size() + " headers}";
    }

    /** Builds {@link WebSocketHandshakeRequest}s. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final boolean secure;
        private String path = "/mqtt";
        private String query;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private java.time.Instant validUntil;

        private Builder(String host, int port, boolean secure) {
            this.host = Checks.notNull(host, "host");
            this.port = port;
            this.secure = secure;
        }

        public Builder path(String path) {
            Checks.notNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', was " + path);
            }
            this.path = path;
            return this;
        }

        /** The raw, percent-encoded query string without '?'; null for none. */
        public Builder query(String query) {
            this.query = query;
            return this;
        }

        /** Adds a header after those already there. */
        public Builder header(String name, String value) {
            Checks.notNull(name, "name");
            Checks.notNull(value, "value");
            if (name.isEmpty() || name.indexOf(':') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("invalid HTTP header " + name);
            }
            headers.add(Map.entry(name, value));
            return this;
        }

        /** Removes every header named {@code name} (case-insensitive). */
        public Builder removeHeader(String name) {
            headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
            return this;
        }

        /**
         * The instant the credentials in this request (a signature, a token) expire, or null. The client
         * then replaces the connection shortly before it — one minute, or half the remaining time if that is
         * less — as {@link dev.tern.mqtt5.Mqtt5ClientOptions.Builder#maxConnectionAge} does, if the server
         * might otherwise close it then.
         */
        public Builder validUntil(java.time.Instant validUntil) {
            this.validUntil = validUntil;
            return this;
        }

        public WebSocketHandshakeRequest build() {
            return new WebSocketHandshakeRequest(this);
        }
    }
}
