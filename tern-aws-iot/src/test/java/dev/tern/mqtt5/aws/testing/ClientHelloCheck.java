package dev.tern.mqtt5.aws.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslClientHelloHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * First in the pipeline: reads the TLS ClientHello before the TLS engine does, records its SNI and the
 * ALPN protocols it offers, and refuses a ClientHello that does not offer the ALPN protocol the port
 * requires (IoT's port 443 tells its services apart by ALPN) with a fatal {@code no_application_protocol}
 * alert. Otherwise it hands the connection, ClientHello included, to the {@link SslHandler} it makes.
 *
 * <p>The JDK's TLS engine cannot do this itself: it only consults its ALPN selector when the client sends
 * the extension at all.
 */
final class ClientHelloCheck extends SslClientHelloHandler<Void> {

    private static final int EXTENSION_SERVER_NAME = 0;
    private static final int EXTENSION_ALPN = 16;
    /** A TLS 1.2-framed plaintext alert record: fatal (2), no_application_protocol (120). */
    private static final byte[] NO_APPLICATION_PROTOCOL_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 120};

    private final GatewayAttempt attempt;
    private final String requiredAlpn;
    private final Function<ChannelHandlerContext, SslHandler> tls;
    private String refusal;

    /**
     * @param requiredAlpn the protocol the ClientHello must offer, or null if ALPN is optional
     * @param tls makes the TLS handler that takes over once the ClientHello passes
     */
    ClientHelloCheck(GatewayAttempt attempt, String requiredAlpn, Function<ChannelHandlerContext, SslHandler> tls) {
        this.attempt = attempt;
        this.requiredAlpn = requiredAlpn;
        this.tls = tls;
    }

    @Override
    protected Future<Void> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) {
        if (clientHello != null) {
            try {
                parse(clientHello);
            } catch (IndexOutOfBoundsException e) {
                attempt.clientHello(null, null); // malformed: the TLS engine will say so
            }
        }
        if (requiredAlpn != null && (attempt.offeredAlpn() == null || !attempt.offeredAlpn().contains(requiredAlpn))) {
            refusal = "TLS: the ClientHello does not offer ALPN protocol " + requiredAlpn + " (offered: "
                    + (attempt.offeredAlpn() == null ? "no ALPN extension" : attempt.offeredAlpn()) + ")";
        }
        return ctx.executor().newSucceededFuture(null);
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, Future<Void> future) {
        if (refusal != null) {
            attempt.refuse(refusal);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(NO_APPLICATION_PROTOCOL_ALERT))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.pipeline().replace(this, "tls", tls.apply(ctx));
    }

    /**
     * ClientHello body (RFC 8446 4.1.2): version(2) random(32) session_id<0..32> cipher_suites<2..2^16-2>
     * compression_methods<1..2^8-1> extensions<8..2^16-1>.
     */
    private void parse(ByteBuf hello) {
        int at = hello.readerIndex() + 2 + 32;
        at += 1 + hello.getUnsignedByte(at);
        at += 2 + hello.getUnsignedShort(at);
        at += 1 + hello.getUnsignedByte(at);
        String sni = null;
        List<String> alpn = null;
        if (at + 2 <= hello.writerIndex()) {
            int end = at + 2 + hello.getUnsignedShort(at);
            at += 2;
            while (at + 4 <= end) {
                int type = hello.getUnsignedShort(at);
                int length = hello.getUnsignedShort(at + 2);
                int data = at + 4;
                if (type == EXTENSION_SERVER_NAME) {
                    // server_name_list<1..2^16-1>: name_type(1) host_name<1..2^16-1>
                    int p = data + 2;
                    if (hello.getUnsignedByte(p) == 0) {
                        int nameLength = hello.getUnsignedShort(p + 1);
                        sni = hello.toString(p + 3, nameLength, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
                    }
                } else if (type == EXTENSION_ALPN) {
                    // protocol_name_list<2..2^16-1>: protocol_name<1..2^8-1>
                    alpn = new ArrayList<>();
                    int p = data + 2;
                    int listEnd = p + hello.getUnsignedShort(data);
                    while (p < listEnd) {
                        int nameLength = hello.getUnsignedByte(p);
                        alpn.add(hello.toString(p + 1, nameLength, StandardCharsets.US_ASCII));
                        p += 1 + nameLength;
                    }
                }
                at = data + length;
            }
        }
        attempt.clientHello(sni, alpn);
    }
}
