package dev.tern.mqtt5.packets;

/**
 * A reason code of an MQTT 5 packet (section 2.4). Each packet type has its own enum of the codes the
 * specification allows on it.
 */
public interface ReasonCode {

    /** {@return the reason code byte on the wire, 0x00 to 0xFF} */
    int code();

    /**
     * Tells a failure from a success. The specification reserves 0x80 and above for failures (section 2.4);
     * codes below that, such as No Matching Subscribers (0x10), still mean the step succeeded.
     *
     * @return true if {@link #code()} is 0x80 or above
     */
    default boolean isError() {
        return code() >= 0x80;
    }
}
