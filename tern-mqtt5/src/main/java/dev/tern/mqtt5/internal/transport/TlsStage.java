package dev.tern.mqtt5.internal.transport;

import dev.tern.mqtt5.transport.TlsOptions;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS to the broker or to a proxy: an {@link SslHandler} with SNI and hostname verification for
 * {@code host}. The context is built before the first connection and rebuilt when a file it was read
 * from changes, so rotated certificates are used by the next connection.
 */
public final class TlsStage implements TransportStage {

    private final TlsOptions options;
    private final String host;
    private final int port;
    private final String handlerName;
    private SslContext context;
    private String fingerprint;

    public TlsStage(TlsOptions options, String host, int port, String handlerName) {
        this.options = options;
        this.host = host;
        this.port = port;
        this.handlerName = handlerName;
    }

    @Override
    public void prepare() {
        String now = fingerprint();
        if (context == null || !now.equals(fingerprint)) {
            context = TlsContexts.build(options);
            fingerprint = now;
        }
    }

    /** Modification times and sizes of the files the options name. */
    private String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Path file : new Path[] {options.trustFile(), options.certificateFile(), options.privateKeyFile(),
                options.pkcs12File()}) {
            if (file != null) {
                try {
                    sb.append(Files.getLastModifiedTime(file).toMillis()).append('/').append(Files.size(file));
                } catch (IOException e) {
                    sb.append("missing");
                }
            }
            sb.append(';');
        }
        return sb.toString();
    }

    @Override
    public void install(Channel channel, boolean last) {
        String serverName = options.serverName() != null ? options.serverName() : host;
        SSLEngine engine = context.newEngine(channel.alloc(), serverName, port);
        SSLParameters parameters = engine.getSSLParameters();
        if (options.hostnameVerification()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!NetUtil.isValidIpV4Address(serverName) && !NetUtil.isValidIpV6Address(serverName)) {
            // Always send SNI for a host name; the JDK on its own skips names without a dot, like localhost.
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        engine.setSSLParameters(parameters);
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(options.handshakeTimeout().toMillis());
        channel.pipeline().addLast(handlerName, handler);
        if (last) {
            handler.handshakeFuture().addListener(f -> {
                if (f.isSuccess()) {
                    TransportStage.ready(channel);
                }
            });
        }
    }

    /** Whether the client presents a certificate (for telling "required" from "rejected"). */
    public boolean hasClientIdentity() {
        return options.identitySource() != TlsOptions.IdentitySource.NONE;
    }
}
