package dev.tern.mqtt5.aws.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;

/**
 * Before Netty's WebSocket handshake: records the upgrade request and checks what IoT's WebSocket front
 * door checks: path {@code /mqtt}, method GET, subprotocol {@code mqtt}, and with SigV4 credentials the
 * presigned query ({@link SigV4UpgradeCheck}). A refused request gets an HTTP error with a short body
 * saying why (403 for the signature checks) and the connection is closed; an accepted one goes on to the
 * handshake, and this handler leaves the pipeline.
 */
final class UpgradeCheck extends ChannelInboundHandlerAdapter {

    static final String PATH = "/mqtt";

    private final GatewayAttempt attempt;
    private final SigV4UpgradeCheck.Credentials credentials;
    private final String region;
    private final Clock clock;

    /** @param credentials the credentials to verify a SigV4 signature with, or null for no SigV4 */
    UpgradeCheck(GatewayAttempt attempt, SigV4UpgradeCheck.Credentials credentials, String region, Clock clock) {
        this.attempt = attempt;
        this.credentials = credentials;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest)) {
            ctx.fireChannelRead(msg);
            return;
        }
        FullHttpRequest request = (FullHttpRequest) msg;
        UpgradeRequest upgrade = UpgradeRequest.of(request);
        attempt.upgrade(upgrade);
        String decodedPath;
        try {
            decodedPath = SigV4Verifier.percentDecode(upgrade.path());
        } catch (IllegalArgumentException e) {
            refuse(ctx, request, HttpResponseStatus.BAD_REQUEST, "the path is not valid percent-encoding");
            return;
        }
        if (!decodedPath.equals(PATH)) {
            refuse(ctx, request, HttpResponseStatus.NOT_FOUND, "no WebSocket endpoint at " + upgrade.path()
                    + "; MQTT over WebSocket is at " + PATH);
            return;
        }
        if (!upgrade.method().equals("GET")) {
            refuse(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "the upgrade must be a GET");
            return;
        }
        String protocols = String.join(",", upgrade.headers("Sec-WebSocket-Protocol"));
        if (Arrays.stream(protocols.split(",")).map(String::trim).noneMatch("mqtt"::equals)) {
            refuse(ctx, request, HttpResponseStatus.BAD_REQUEST, "Sec-WebSocket-Protocol must offer mqtt, was '"
                    + protocols + "'");
            return;
        }
        if (credentials != null) {
            SigV4UpgradeCheck.Result result = SigV4UpgradeCheck.check(upgrade.method(), decodedPath, upgrade.rawQuery(),
                    upgrade.headers(), credentials, region, clock.instant());
            attempt.sigV4(result.scope(), result.canonicalRequest(), result.stringToSign());
            if (!result.accepted()) {
                refuse(ctx, request, HttpResponseStatus.FORBIDDEN, result.refusal());
                return;
            }
        }
        ctx.fireChannelRead(request);
        ctx.pipeline().remove(this);
    }

    private void refuse(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String reason) {
        request.release();
        attempt.refuse(status.code() + " " + reason);
        ByteBuf body = Unpooled.copiedBuffer(reason + "\n", StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        HttpUtil.setContentLength(response, body.readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
