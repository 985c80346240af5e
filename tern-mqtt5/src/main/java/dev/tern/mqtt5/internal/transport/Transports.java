package dev.tern.mqtt5.internal.transport;

import dev.tern.mqtt5.Mqtt5ClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The transport stages for a client's options, head to tail: TLS to the proxy, the proxy tunnel, TLS
 * to the broker, WebSocket. Built once per client; stages keep what can be reused between connections.
 */
public final class Transports {

    private Transports() {
    }

    public static List<TransportStage> stages(Mqtt5ClientOptions options, Executor applicationExecutor) {
        List<TransportStage> stages = new ArrayList<>(4);
        long timeout = options.connectTimeout().toMillis();
        if (options.httpProxyOptions() != null) {
            if (options.httpProxyOptions().tls() != null) {
                stages.add(new TlsStage(options.httpProxyOptions().tls(), options.httpProxyOptions().host(),
                        options.httpProxyOptions().port(), "proxy-tls"));
            }
            stages.add(ProxyStage.http(options.httpProxyOptions(), timeout));
        } else if (options.socks5ProxyOptions() != null) {
            stages.add(ProxyStage.socks5(options.socks5ProxyOptions(), timeout));
        }
        if (options.tlsOptions() != null) {
            stages.add(new TlsStage(options.tlsOptions(), options.host(), options.port(), "tls"));
        }
        if (options.webSocketOptions() != null) {
            stages.add(new WebSocketStage(options.webSocketOptions(), options.host(), options.port(),
                    options.tlsOptions() != null, applicationExecutor, timeout));
        }
        return stages;
    }

    /** Whether the broker's address is resolved by a proxy rather than here. */
    public static boolean resolvedByProxy(Mqtt5ClientOptions options) {
        return options.httpProxyOptions() != null || options.socks5ProxyOptions() != null;
    }
}
