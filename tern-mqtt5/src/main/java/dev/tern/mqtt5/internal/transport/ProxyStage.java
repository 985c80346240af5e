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

    /** The failure the user sees, from what Netty's proxy handlers raise. */
    public static ProxyException failure(io.netty.handler.proxy.ProxyConnectException e) {
        Integer status = null;
        java.util.regex.Matcher matcher = STATUS.matcher(String.valueOf(e.getMessage()));
        if (e instanceof HttpProxyHandler.HttpProxyConnectException && matcher.find()) {
            status = Integer.valueOf(matcher.group(1));
        }
        String detail = status == null ? String.valueOf(e.getMessage()) : status + " " + describe(status);
        return new ProxyException(status, "the proxy did not open the tunnel: " + detail, e);
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
                return "Service Unavailable";
            case 504:
                return "Gateway Timeout: the proxy could not reach the broker in time";
            default:
                return "";
        }
    }
}
