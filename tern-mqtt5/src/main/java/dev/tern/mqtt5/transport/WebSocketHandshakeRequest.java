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

    /**
     * Starts a request for a server. The client builds the request before any transformation from its
     * options; applications call this only in tests of their transformers.
     *
     * @param host the server's host name, as {@code Host} carries it
     * @param port the server's port
     * @param secure true for {@code wss}, over TLS
     * @return a new builder with path {@code /mqtt}, no query and no headers
     * @throws NullPointerException if {@code host} is null
     */
    public static Builder builder(String host, int port, boolean secure) {
        return new Builder(host, port, secure);
    }

    /**
     * {@return a builder holding this request's values, for a transformer to change; changing it does not
     * change this request}
     */
    public Builder toBuilder() {
        Builder b = new Builder(host, port, secure).path(path).query(query).validUntil(validUntil);
        b.headers.addAll(headers);
        return b;
    }

    /** {@return the server's host name, as {@code Host} carries it} */
    public String host() {
        return host;
    }

    /** {@return the server's port} */
    public int port() {
        return port;
    }

    /** {@return whether the connection is {@code wss}, over TLS} */
    public boolean secure() {
        return secure;
    }

    /** {@return the path, starting with {@code /}, without the query} */
    public String path() {
        return path;
    }

    /** {@return the raw query string without {@code ?}, already percent-encoded, or null for none} */
    public String query() {
        return query;
    }

    /** {@return the extra headers in order; an immutable list in which names may repeat} */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * {@return when the credentials in this request stop being valid, or null if they do not expire} See
     * {@link Builder#validUntil(java.time.Instant)}.
     */
    public java.time.Instant validUntil() {
        return validUntil;
    }

    /** {@return the request target: the path, then {@code ?} and the query if there is one} */
    public String uri() {
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }

    @Override
    public String toString() {
        // The query can hold signatures and tokens (SigV4): only its length is shown.
        return "WebSocketHandshakeRequest{" + (secure ? "wss://" : "ws://") + host + ":" + port + path
                + (query != null ? "?<" + query.length() + " chars>" : "") + ", " + headers.size() + " headers}";
    }

    /** Builds {@link WebSocketHandshakeRequest}s. Not thread-safe. */
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

        /**
         * Sets the path, without a query. The default is {@code /mqtt}.
         *
         * @param path the path, starting with {@code /}
         * @return this builder
         * @throws NullPointerException if {@code path} is null
         * @throws IllegalArgumentException if {@code path} does not start with {@code /}, or holds a space, a
         *     control character or {@code #}
         */
        public Builder path(String path) {
            Checks.notNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', was " + path);
            }
            checkRequestTarget(path, "path");
            this.path = path;
            return this;
        }

        /**
         * Sets the raw query string. It is sent as given: encode it first. The default is none.
         *
         * @param query the percent-encoded query without {@code ?}, or null for none
         * @return this builder
         * @throws IllegalArgumentException if {@code query} holds a space, a control character or {@code #}
         */
        public Builder query(String query) {
            if (query != null) {
                checkRequestTarget(query, "query");
            }
            this.query = query;
            return this;
        }

        /** The request line must stay one line: no spaces, controls or fragment in what goes on it. */
        private static void checkRequestTarget(String value, String what) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c <= ' ' || c == 0x7f || c == '#') {
                    throw new IllegalArgumentException(what + " must be percent-encoded: it holds "
                            + (c == ' ' ? "a space" : c == '#' ? "'#'" : "a control character") + " at index " + i);
                }
            }
        }

        /**
         * Appends a header, after those already there.
         *
         * @param name the header name: not empty, no {@code :}, CR or LF
         * @param value the header value: no CR or LF
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is null
         * @throws IllegalArgumentException if {@code name} or {@code value} is not a valid header
         */
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

        /**
         * Removes every header named {@code name}, compared without regard to case.
         *
         * @param name the header name
         * @return this builder
         */
        public Builder removeHeader(String name) {
            headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
            return this;
        }

        /**
         * Sets the instant the credentials in this request (a signature, a token) expire, for servers that
         * close a connection when its credentials expire. The client then replaces the connection shortly
         * before that instant: one minute before, or half the remaining time if that is less, as
         * {@link dev.tern.mqtt5.Mqtt5ClientOptions.Builder#maxConnectionAge} does. The default is none.
         *
         * @param validUntil the expiry, or null if the credentials do not expire
         * @return this builder
         */
        public Builder validUntil(java.time.Instant validUntil) {
            this.validUntil = validUntil;
            return this;
        }

        /** {@return a new immutable request with this builder's values} */
        public WebSocketHandshakeRequest build() {
            return new WebSocketHandshakeRequest(this);
        }
    }
}
