package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.packets.PacketType;

/**
 * The sender of a packet must leave out its Reason String, and then its User Properties, rather than
 * exceed the receiver's Maximum Packet Size (e.g. [MQTT-3.4.2-2], [MQTT-3.4.2-3]). This picks the
 * largest form that fits.
 */
final class OmittableProperties {

    private final int propertyLength;
    private final int remainingLength;
    private final boolean includeReasonString;
    private final boolean includeUserProperties;

    private OmittableProperties(int propertyLength, int remainingLength, boolean reasonString, boolean user) {
        this.propertyLength = propertyLength;
        this.remainingLength = remainingLength;
        this.includeReasonString = reasonString;
        this.includeUserProperties = user;
    }

    /**
     * @param otherLength the remaining length without the property length field and properties
     * @param baseProperties properties that are always sent
     * @param reasonString size of the Reason String property (0 if absent)
     * @param userProperties size of the User Properties (0 if none)
     */
    static OmittableProperties choose(PacketType type, long otherLength, int baseProperties, int reasonString,
            int userProperties, long maximumPacketSize) throws PacketTooLargeException {
        int full = baseProperties + reasonString + userProperties;
        long remaining = otherLength + VariableByteInteger.size(full) + full;
        if (Encoding.fits(remaining, maximumPacketSize)) {
            return new OmittableProperties(full, (int) remaining, true, true);
        }
        int withoutReason = baseProperties + userProperties;
        long r2 = otherLength + VariableByteInteger.size(withoutReason) + withoutReason;
        if (Encoding.fits(r2, maximumPacketSize)) {
            return new OmittableProperties(withoutReason, (int) r2, false, true);
        }
        long r3 = otherLength + VariableByteInteger.size(baseProperties) + baseProperties;
        if (Encoding.fits(r3, maximumPacketSize)) {
            return new OmittableProperties(baseProperties, (int) r3, false, false);
        }
        throw Encoding.tooLarge(type, r3, maximumPacketSize);
    }

    int propertyLength() {
        return propertyLength;
    }

    int remainingLength() {
        return remainingLength;
    }

    boolean includeReasonString() {
        return includeReasonString;
    }

    boolean includeUserProperties() {
        return includeUserProperties;
    }
}
