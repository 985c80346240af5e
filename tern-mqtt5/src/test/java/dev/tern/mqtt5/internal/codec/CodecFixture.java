package dev.tern.mqtt5.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real codec handlers in an {@link EmbeddedChannel} and turns bytes into packets and back.
 * Every buffer it touches is released before it returns.
 */
public final class CodecFixture {

    private CodecFixture() {
    }

    /** Bytes from int literals, so that tests can write 0x80 without casts. */
    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Encodes through {@link MqttEncoder} in a channel, with no packet size limit beyond the protocol's. */
    public static byte[] encode(Object msg) {
        return encode(msg, DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE);
    }

    /** Encodes with the peer's Maximum Packet Size set to {@code maximumPacketSize}. */
    public static byte[] encode(Object msg, long maximumPacketSize) {
        MqttEncoder encoder = new MqttEncoder();
        encoder.peerMaximumPacketSize(maximumPacketSize);
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        try {
            channel.writeOutbound(msg);
            ByteBuf out = channel.readOutbound();
            try {
                return ByteBufUtil.getBytes(out);
            } finally {
                out.release();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** Encodes with the Netty-free encoder directly (pooled direct buffer), for speed in property tests. */
    public static byte[] encodeDirect(Object msg) {
        ByteBuf buf = MqttPacketEncoder.encode(PooledByteBufAllocator.DEFAULT, msg,
                DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** Decodes exactly one packet through {@link MqttDecoder}; fails if there is more or less. */
    public static Object decodeOne(byte[] bytes, DecoderSettings settings) {
        List<Object> packets = decodeAll(bytes, settings);
        if (packets.size() != 1) {
            throw new AssertionError("expected one packet, decoded " + packets.size() + ": " + packets);
        }
        return packets.get(0);
    }

    /** A client-side decoder with default limits. */
    public static Object decodeOne(byte[] bytes) {
        return decodeOne(bytes, DecoderSettings.client());
    }

    /** Decodes every packet in {@code bytes}; fails on a decode error or leftover bytes. */
    public static List<Object> decodeAll(byte[] bytes, DecoderSettings settings) {
        MqttPacketDecoder decoder = new MqttPacketDecoder(settings);
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        List<Object> out = new ArrayList<>();
        try {
            Object packet;
            while ((packet = decoder.decode(in)) != null) {
                out.add(packet);
            }
            if (in.isReadable()) {
                throw new AssertionError(in.readableBytes() + " bytes left undecoded after " + out);
            }
            return out;
        } catch (DecodeException e) {
            throw new AssertionError("unexpected decode error " + e.reasonCode() + ": " + e.getMessage(), e);
        } finally {
            in.release();
        }
    }

    /** Feeds {@code bytes} to a decoder and returns the error it must raise. */
    public static DecodeException decodeError(byte[] bytes, DecoderSettings settings) {
        MqttPacketDecoder decoder = new MqttPacketDecoder(settings);
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        List<Object> decoded = new ArrayList<>();
        try {
            Object packet;
            while ((packet = decoder.decode(in)) != null) {
                decoded.add(packet);
            }
        } catch (DecodeException e) {
            if (e.isUnexpected()) {
                throw new AssertionError("decoder bug, not a verdict on the input", e.getCause());
            }
            return e;
        } finally {
            in.release();
        }
        throw new AssertionError("expected a decode error, but decoded " + decoded);
    }

    /** A client-side decoder with default limits. */
    public static DecodeException decodeError(byte[] bytes) {
        return decodeError(bytes, DecoderSettings.client());
    }

    /** Decodes through the Netty handler in an {@link EmbeddedChannel}, one inbound write. */
    public static List<Object> decodeWithChannel(byte[] bytes, DecoderSettings settings) {
        EmbeddedChannel channel = new EmbeddedChannel(new MqttDecoder(settings));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes));
            channel.checkException();
            List<Object> out = new ArrayList<>();
            Object packet;
            while ((packet = channel.readInbound()) != null) {
                out.add(packet);
            }
            return out;
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
