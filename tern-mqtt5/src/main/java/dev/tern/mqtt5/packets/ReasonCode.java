package dev.tern.mqtt5.packets;

/**
 * A reason code of an MQTT 5 packet (section 2.4). Each packet type has its own enum of the codes the
 * specification allows on it.
 */
public interface ReasonCode {

    /** The byte on the wire. */
    int code();

    /** Whether this code reports a failure: values of 0x80 and above. */
    default boolean isError() {
        return code() >= 0x80;
    }
}
