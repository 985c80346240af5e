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

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The basic-auth user name, or null for none. */
    public String username() {
        return username;
    }

    /** The basic-auth password, or null. */
    public String password() {
        return password == null ? null : new String(password, StandardCharsets.UTF_8);
    }

    /** TLS to the proxy, or null for a plain connection to it. */
    public TlsOptions tls() {
        return tls;
    }

    @Override
    public String toString() {
        return "HttpProxyOptions{" + host + ":" + port + (username != null ? ", basic auth as " + username : "")
                + (tls != null ? ", TLS to the proxy" : "") + "}";
    }

    /** Builds {@link HttpProxyOptions}. */
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

        /** Basic authentication (RFC 7617) with the proxy. */
        public Builder basicAuth(String username, String password) {
            this.username = Checks.notNull(username, "username");
            if (username.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a basic-auth user name must not contain ':'");
            }
            this.password = Checks.notNull(password, "password").getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Speak TLS to the proxy (an HTTPS proxy), with these options; SNI and verification use its host. */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        public HttpProxyOptions build() {
            return new HttpProxyOptions(this);
        }
    }
}
