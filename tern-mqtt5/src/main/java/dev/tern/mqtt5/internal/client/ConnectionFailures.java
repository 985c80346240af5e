package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.ProxyException;
import dev.tern.mqtt5.transport.TlsOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.packets.ConnectReasonCode;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.ReasonCode;
import io.netty.channel.ConnectTimeoutException;
import dev.tern.mqtt5.internal.transport.ProxyStage;
import dev.tern.mqtt5.internal.transport.TlsFailures;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.proxy.ProxyConnectException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;

/**
 * Sorts failures into {@link ErrorKind}s with messages that say what to check, and decides which of
 * them retrying soon cannot fix. One place, so that every path classifies the same way.
 */
public final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /**
     * A failure of the network or transport, from a connect future or {@code exceptionCaught}, told in
     * terms of the hop that failed: the proxy (when one is set, the TCP connection goes to it) or the
     * broker.
     */
    public static Mqtt5Exception classify(Throwable cause, Mqtt5ClientOptions options) {
        if (cause instanceof Mqtt5Exception) {
            return (Mqtt5Exception) cause;
        }
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof Mqtt5Exception) {
            return (Mqtt5Exception) root;
        }
        String broker = options.host() + ":" + options.port();
        String proxy = proxyAddress(options);
        if (root instanceof ProxyConnectException) {
            for (Throwable t = root.getCause(); t != null; t = t.getCause()) {
                if (t instanceof Mqtt5Exception) {
                    return (Mqtt5Exception) t;
                }
                if (t instanceof SSLException) {
                    TlsOptions proxyTls = options.httpProxyOptions() != null ? options.httpProxyOptions().tls() : null;
                    return TlsFailures.classify((SSLException) t, "the proxy " + proxy, hasIdentity(proxyTls));
                }
            }
            return ProxyStage.failure((ProxyConnectException) root, proxy, broker);
        }
        if (root instanceof SSLException) {
            return TlsFailures.classify((SSLException) root, broker, hasIdentity(options.tlsOptions()));
        }
        if (proxy != null && (root instanceof UnknownHostException || root instanceof ConnectTimeoutException
                || root instanceof ConnectException || root instanceof NoRouteToHostException)) {
            String what = root instanceof UnknownHostException ? "the proxy's host name could not be resolved"
                    : root instanceof ConnectTimeoutException ? "no TCP connection to the proxy within the connect timeout"
                    : "the proxy refused the connection";
            return new ProxyException(null, what + " (" + proxy + "); check the proxy address and that it runs", root);
        }
        if (root instanceof UnknownHostException) {
            return new Mqtt5Exception(ErrorKind.UNKNOWN_HOST, "the host name " + options.host()
                    + " could not be resolved; check the endpoint and the DNS configuration", root);
        }
        if (root instanceof ConnectTimeoutException) {
            return new Mqtt5Exception(ErrorKind.CONNECT_TIMEOUT, "no TCP connection to " + broker
                    + " within the connect timeout; check the address, the port and the network path", root);
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return new Mqtt5Exception(ErrorKind.CONNECTION_REFUSED, "the connection to " + broker
                    + " was refused; check that a broker listens on that port", root);
        }
        if (root instanceof ClosedChannelException) {
            return new Mqtt5Exception(ErrorKind.CONNECTION_LOST, "the connection to " + broker + " was closed", root);
        }
        if (root instanceof IOException) {
            return new Mqtt5Exception(ErrorKind.CONNECTION_LOST, "the connection to " + broker + " failed: "
                    + root.getMessage(), root);
        }
        return new Mqtt5Exception(ErrorKind.INTERNAL, "unexpected failure on the connection to " + broker + ": "
                + root, root);
    }

    private static String proxyAddress(Mqtt5ClientOptions options) {
        if (options.httpProxyOptions() != null) {
            return options.httpProxyOptions().host() + ":" + options.httpProxyOptions().port();
        }
        if (options.socks5ProxyOptions() != null) {
            return options.socks5ProxyOptions().host() + ":" + options.socks5ProxyOptions().port();
        }
        return null;
    }

    private static boolean hasIdentity(TlsOptions tls) {
        return tls != null && tls.identitySource() != TlsOptions.IdentitySource.NONE;
    }

    /**
     * Whether retrying soon is pointless: the server refused our credentials or identity, banned us, took
     * our session over, or asked us to slow down; or the TLS set-up is wrong. Such failures wait the
     * maximum delay.
     */
    static boolean isSevere(Mqtt5Exception error) {
        switch (error.kind()) {
            case TLS:
            case AUTHENTICATION:
            case PROXY:
                return true;
            case CONNACK_REFUSED:
            case SERVER_DISCONNECT:
                return isSevere(error.reasonCode());
            default:
                return false;
        }
    }

    private static boolean isSevere(ReasonCode code) {
        if (code instanceof ConnectReasonCode) {
            switch ((ConnectReasonCode) code) {
                case BAD_USER_NAME_OR_PASSWORD:
                case NOT_AUTHORIZED:
                case BANNED:
                case BAD_AUTHENTICATION_METHOD:
                case CLIENT_IDENTIFIER_NOT_VALID:
                case UNSUPPORTED_PROTOCOL_VERSION:
                case CONNECTION_RATE_EXCEEDED:
                case QUOTA_EXCEEDED:
                    return true;
                default:
                    return false;
            }
        }
        if (code instanceof DisconnectReasonCode) {
            switch ((DisconnectReasonCode) code) {
                case SESSION_TAKEN_OVER:
                case NOT_AUTHORIZED:
                case CONNECTION_RATE_EXCEEDED:
                case QUOTA_EXCEEDED:
                case ADMINISTRATIVE_ACTION:
                case MESSAGE_RATE_TOO_HIGH:
                    return true;
                default:
                    return false;
            }
        }
        return false;
    }

    /** Server DISCONNECT reasons that blame the message just received rather than the connection. */
    static boolean blamesAMessage(DisconnectReasonCode code) {
        switch (code) {
            case PACKET_TOO_LARGE:
            case PAYLOAD_FORMAT_INVALID:
            case TOPIC_NAME_INVALID:
            case QOS_NOT_SUPPORTED:
            case RETAIN_NOT_SUPPORTED:
                return true;
            default:
                return false;
        }
    }
}
