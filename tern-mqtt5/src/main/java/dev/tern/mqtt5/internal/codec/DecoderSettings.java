package dev.tern.mqtt5.internal.codec;

/**
 * What a decoder enforces on one connection: which side it decodes for, and the limits this side
 * announced in its CONNECT (client) or CONNACK (server).
 */
public final class DecoderSettings {

    /** The largest packet MQTT can express: 1 byte of header, 4 of length, 268,435,455 remaining. */
    public static final long PROTOCOL_MAXIMUM_PACKET_SIZE = 268_435_460L;

    /** The side this decoder runs on; it accepts only what the other side may send. */
    public enum Side {
        CLIENT,
        SERVER
    }

    private final Side side;
    private final long maximumPacketSize;
    private final int topicAliasMaximum;
    private final boolean problemInformationRequested;

    private DecoderSettings(Side side, long maximumPacketSize, int topicAliasMaximum,
            boolean problemInformationRequested) {
        if (maximumPacketSize < 2) {
            throw new IllegalArgumentException("maximumPacketSize must be at least 2, was " + maximumPacketSize);
        }
        if (topicAliasMaximum < 0 || topicAliasMaximum > 0xFFFF) {
            throw new IllegalArgumentException("topicAliasMaximum must be in [0, 65535], was " + topicAliasMaximum);
        }
        this.side = side;
        this.maximumPacketSize = Math.min(maximumPacketSize, PROTOCOL_MAXIMUM_PACKET_SIZE);
        this.topicAliasMaximum = topicAliasMaximum;
        this.problemInformationRequested = problemInformationRequested;
    }

    /**
     * A client's decoder.
     *
     * @param maximumPacketSize the Maximum Packet Size the client sent in CONNECT (or the protocol's)
     * @param topicAliasMaximum the Topic Alias Maximum the client sent (0 if none)
     * @param problemInformationRequested false if the client sent Request Problem Information 0
     */
    public static DecoderSettings client(long maximumPacketSize, int topicAliasMaximum,
            boolean problemInformationRequested) {
        return new DecoderSettings(Side.CLIENT, maximumPacketSize, topicAliasMaximum, problemInformationRequested);
    }

    /** A client's decoder with the protocol's defaults. */
    public static DecoderSettings client() {
        return client(PROTOCOL_MAXIMUM_PACKET_SIZE, 0, true);
    }

    /** A server's decoder (test peers). */
    public static DecoderSettings server(long maximumPacketSize, int topicAliasMaximum) {
        return new DecoderSettings(Side.SERVER, maximumPacketSize, topicAliasMaximum, true);
    }

    public Side side() {
        return side;
    }

    public long maximumPacketSize() {
        return maximumPacketSize;
    }

    public int topicAliasMaximum() {
        return topicAliasMaximum;
    }

    public boolean problemInformationRequested() {
        return problemInformationRequested;
    }
}
