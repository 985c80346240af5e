package dev.tern.mqtt5.internal.transport;

import dev.tern.mqtt5.ProxyException;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import dev.tern.mqtt5.transport.Socks5ProxyOptions;
import io.netty.channel.Channel;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;

import java.net.InetSocketAddress;

/**
 * A tunnel through an HTTP proxy (CONNECT) or a SOCKS5 proxy, with Netty's proxy handlers. The channel
 * connects to the broker's unresolved address; the handler redirects the connection to the proxy and
 * holds writes until the tunnel is open. A failure becomes a {@link ProxyException} with the HTTP
 * status the proxy answered (see {@link #failure}).
 */
public final class ProxyStage implements TransportStage {

    private final HttpProxyOptions http;
    private final Socks5ProxyOptions socks;
    private final long timeoutMillis;

    private ProxyStage(HttpProxyOptions http, Socks5ProxyOptions socks, long timeoutMillis) {
        this.http = http;
        this.socks = socks;
        this.timeoutMillis = timeoutMillis;
    }

    public static ProxyStage http(HttpProxyOptions options, long timeoutMillis) {
        return new ProxyStage(options, null, timeoutMillis);
    }

    public static ProxyStage socks5(Socks5ProxyOptions options, long timeoutMillis) {
        return new ProxyStage(null, options, timeoutMillis);
    }

    @Override
    public void install(Channel channel, boolean last) {
        ProxyHandler handler;
        if (http != null) {
            InetSocketAddress proxy = new InetSocketAddress(http.host(), http.port());
            handler = http.username() != null
                    ? new HttpProxyHandler(proxy, http.username(), http.password())
                    : new HttpProxyHandler(proxy);
        } else {
            InetSocketAddress proxy = new InetSocketAddress(socks.host(), socks.port());
            handler = socks.username() != null
                    ? new Socks5ProxyHandler(proxy, socks.username(), socks.password())
                    : new Socks5ProxyHandler(proxy);
        }
        handler.setConnectTimeoutMillis(timeoutMillis);
        channel.pipeline().addLast("proxy", handler);
        if (last) {
            handler.connectFuture().addListener(f -> {
                if (f.isSuccess()) {
                    TransportStage.ready(channel);
                }
            });
        }
    }

    /**
     * The failure the user sees, from what Netty's proxy handlers raise: the HTTP status with what it
     * means, or the SOCKS5 answer in words.
     */
    public static ProxyException failure(io.netty.handler.proxy.ProxyConnectException e, String proxy, String broker) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof HttpProxyHandler.HttpProxyConnectException) {
            java.util.regex.Matcher matcher = STATUS.matcher(message);
            if (matcher.find()) {
                int status = Integer.parseInt(matcher.group(1));
                return new ProxyException(status, "the HTTP proxy " + proxy + " refused to open a tunnel to " + broker
                        + ": " + status + " " + describe(status), e);
            }
        }
        if (message.contains("timeout")) {
            return new ProxyException(null, "the proxy " + proxy + " did not open the tunnel to " + broker
                    + " within the connect timeout", e);
        }
        if (message.contains("authStatus")) {
            return new ProxyException(null, "the SOCKS5 proxy " + proxy + " rejected the user name and password;"
                    + " check the credentials", e);
        }
        if (message.contains("UNACCEPTED")) {
            return new ProxyException(null, "the SOCKS5 proxy " + proxy + " accepts none of the offered"
                    + " authentication methods; it probably requires a user name and password", e);
        }
        if (message.contains("FORBIDDEN")) {
            return new ProxyException(null, "the SOCKS5 proxy " + proxy + " does not allow connections to " + broker
                    + " (status: FORBIDDEN(2))", e);
        }
        if (message.contains("CONNECTION_REFUSED") || message.contains("HOST_UNREACHABLE")
                || message.contains("NETWORK_UNREACHABLE") || message.contains("TTL_EXPIRED")) {
            return new ProxyException(null, "the SOCKS5 proxy " + proxy + " could not reach the broker " + broker
                    + " (" + message.substring(message.lastIndexOf("status:") >= 0 ? message.lastIndexOf("status:")
                    : 0) + ")", e);
        }
        return new ProxyException(null, "the proxy " + proxy + " did not open the tunnel to " + broker + ": "
                + message, e);
    }

    private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile("status: (\\d{3})");

    private static String describe(int status) {
        switch (status) {
            case 407:
                return "Proxy Authentication Required: check the proxy user name and password (only Basic is supported)";
            case 403:
                return "Forbidden: the proxy does not allow tunnels to this host or port";
            case 502:
                return "Bad Gateway: the proxy could not reach the broker";
            case 503:
                return "Service Unavailable: the proxy could not reach the broker, or is overloaded";
            case 504:
                return "Gateway Timeout: the proxy could not reach the broker in time";
            default:
                return "";
        }
    }
}
