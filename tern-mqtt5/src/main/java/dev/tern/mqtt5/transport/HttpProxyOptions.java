package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.internal.util.Checks;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP proxy to tunnel through with CONNECT (RFC 9110 section 9.3.6), for direct MQTT and for
 * MQTT over WebSocket alike; optionally with basic authentication and TLS to the proxy itself,
 * independently of TLS to the broker. NTLM, Kerberos and other proxy authentication schemes are not
 * supported. Immutable; the password is never printed.
 *
 * <pre>{@code
 * HttpProxyOptions proxy = HttpProxyOptions.builder("proxy.example", 3128)
 *         .basicAuth("user", "secret")
 *         .tls(TlsOptions.defaults())   // the proxy itself speaks TLS
 *         .build();
 * }</pre>
 */
public final class HttpProxyOptions {

    private final String host;
    private final int port;
    private final String username;
    private final byte[] password;
    private final TlsOptions tls;

    private HttpProxyOptions(Builder b) {
        host = b.host;
        port = b.port;
        username = b.username;
        password = b.password;
        tls = b.tls;
    }

    /**
     * Starts options for the proxy at {@code host}:{@code port}, without authentication or TLS.
     *
     * @param host the proxy's host name or IP address
     * @param port the proxy's port, often 3128 or 8080
     * @return a new builder
     * @throws NullPointerException if {@code host} is null
     * @throws IllegalArgumentException if {@code host} is empty or {@code port} is not in 1 to 65,535
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** {@return the proxy's host name or IP address} */
    public String host() {
        return host;
    }

    /** {@return the proxy's port} */
    public int port() {
        return port;
    }

    /** {@return the basic authentication user name, or null for none} */
    public String username() {
        return username;
    }

    /** {@return the basic authentication password, or null} Secret: do not log it. */
    public String password() {
        return password == null ? null : new String(password, StandardCharsets.UTF_8);
    }

    /** {@return the TLS settings towards the proxy, or null for a plain connection to it} */
    public TlsOptions tls() {
        return tls;
    }

    @Override
    public String toString() {
        return "HttpProxyOptions{" + host + ":" + port + (username != null ? ", basic auth as " + username : "")
                + (tls != null ? ", TLS to the proxy" : "") + "}";
    }

    /** Builds {@link HttpProxyOptions}. Not thread-safe. */
    public static final class Builder {
        private final String host;
        private final int port;
        private String username;
        private byte[] password;
        private TlsOptions tls;

        private Builder(String host, int port) {
            Checks.notNull(host, "host");
            if (host.isEmpty()) {
                throw new IllegalArgumentException("host must not be empty");
            }
            this.host = host;
            this.port = Checks.range(port, 1, 65_535, "port");
        }

        /**
         * Sets basic authentication (RFC 7617) with the proxy. Basic authentication sends the password
         * unencrypted unless the connection to the proxy uses TLS. The default is none.
         *
         * @param username the user name; must not contain {@code :}
         * @param password the password, sent as UTF-8
         * @return this builder
         * @throws NullPointerException if {@code username} or {@code password} is null
         * @throws IllegalArgumentException if {@code username} contains {@code :}
         */
        public Builder basicAuth(String username, String password) {
            this.username = Checks.notNull(username, "username");
            if (username.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a basic-auth user name must not contain ':'");
            }
            this.password = Checks.notNull(password, "password").getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Speaks TLS to the proxy itself (an HTTPS proxy), independently of TLS to the server. SNI and host
         * name verification use the proxy's host. The default is none.
         *
         * @param tls the TLS settings towards the proxy, or null for a plain connection
         * @return this builder
         */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        /** {@return new immutable options with this builder's values} */
        public HttpProxyOptions build() {
            return new HttpProxyOptions(this);
        }
    }
}
