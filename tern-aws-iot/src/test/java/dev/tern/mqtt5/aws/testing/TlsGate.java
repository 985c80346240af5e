package dev.tern.mqtt5.aws.testing;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.function.BiConsumer;

/**
 * Right after the TLS handler: when the handshake ends, records what was negotiated (TLS version, ALPN
 * protocol, client certificate) and either refuses the attempt with the handshake's failure or lets the
 * gateway go on ({@code established}).
 */
final class TlsGate extends ChannelInboundHandlerAdapter {

    private final GatewayAttempt attempt;
    private final BiConsumer<ChannelPipeline, GatewayAttempt> established;

    TlsGate(GatewayAttempt attempt, BiConsumer<ChannelPipeline, GatewayAttempt> established) {
        this.attempt = attempt;
        this.established = established;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent) {
            SslHandshakeCompletionEvent completion = (SslHandshakeCompletionEvent) evt;
            if (completion.isSuccess()) {
                SSLEngine engine = ctx.pipeline().get(SslHandler.class).engine();
                String alpn = engine.getApplicationProtocol();
                attempt.handshake(engine.getSession().getProtocol(), alpn == null || alpn.isEmpty() ? null : alpn,
                        clientCertificate(engine));
                established.accept(ctx.pipeline(), attempt);
            } else {
                attempt.refuse("TLS handshake failed: " + describe(completion.cause()));
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    private static X509Certificate clientCertificate(SSLEngine engine) {
        try {
            Certificate[] chain = engine.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate ? (X509Certificate) chain[0] : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root instanceof DecoderException && root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
