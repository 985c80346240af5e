package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.internal.util.Checks;

/**
 * A SOCKS5 proxy (RFC 1928), optionally with username/password authentication (RFC 1929). The broker's
 * host name is resolved by the proxy. Immutable; the password is never printed.
 */
public final class Socks5ProxyOptions {

    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private Socks5ProxyOptions(String host, int port, String username, String password) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /**
     * Creates options for a SOCKS5 proxy without authentication.
     *
     * @param host the proxy's host name or IP address
     * @param port the proxy's port, often 1080
     * @return the options
     * @throws NullPointerException if {@code host} is null
     * @throws IllegalArgumentException if {@code host} is empty or {@code port} is not in 1 to 65,535
     */
    public static Socks5ProxyOptions of(String host, int port) {
        return new Socks5ProxyOptions(checkHost(host), Checks.range(port, 1, 65_535, "port"), null, null);
    }

    /**
     * Creates options for a SOCKS5 proxy with username/password authentication (RFC 1929), which sends the
     * password unencrypted.
     *
     * @param host the proxy's host name or IP address
     * @param port the proxy's port, often 1080
     * @param username the user name, at most 255 characters
     * @param password the password, at most 255 characters
     * @return the options
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code host} is empty, {@code port} is not in 1 to 65,535, or the
     *     user name or password is longer than 255 characters
     */
    public static Socks5ProxyOptions of(String host, int port, String username, String password) {
        Checks.notNull(username, "username");
        Checks.notNull(password, "password");
        if (username.length() > 255 || password.length() > 255) {
            throw new IllegalArgumentException("SOCKS5 user names and passwords are at most 255 bytes (RFC 1929)");
        }
        return new Socks5ProxyOptions(checkHost(host), Checks.range(port, 1, 65_535, "port"), username, password);
    }

    private static String checkHost(String host) {
        Checks.notNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        return host;
    }

    /** {@return the proxy's host name or IP address} */
    public String host() {
        return host;
    }

    /** {@return the proxy's port} */
    public int port() {
        return port;
    }

    /** {@return the user name, or null without authentication} */
    public String username() {
        return username;
    }

    /** {@return the password, or null without authentication} Secret: do not log it. */
    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return "Socks5ProxyOptions{" + host + ":" + port + (username != null ? ", as " + username : "") + "}";
    }
}
