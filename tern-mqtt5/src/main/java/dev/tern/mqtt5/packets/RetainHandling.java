package dev.tern.mqtt5.packets;

/** Whether the server sends retained messages when a subscription is made, MQTT 5.0 section 3.8.3.1. */
public enum RetainHandling {
    /** Send retained messages at the time of the subscribe (0). */
    SEND_ON_SUBSCRIBE(0),
    /** Send retained messages only if the subscription does not already exist (1). */
    SEND_ON_SUBSCRIBE_IF_NEW(1),
    /** Do not send retained messages at the time of the subscribe (2). */
    DO_NOT_SEND(2);

    private final int code;

    RetainHandling(int code) {
        this.code = code;
    }

    /** {@return the value of bits 4 and 5 of the subscription options byte: 0, 1 or 2} */
    public int code() {
        return code;
    }

    /**
     * Looks up a value by its wire code.
     *
     * @param code bits 4 and 5 of the subscription options byte, shifted down
     * @return the value, or null if {@code code} is not 0, 1 or 2 (3 is a Protocol Error)
     */
    public static RetainHandling fromCode(int code) {
        switch (code) {
            case 0:
                return SEND_ON_SUBSCRIBE;
            case 1:
                return SEND_ON_SUBSCRIBE_IF_NEW;
            case 2:
                return DO_NOT_SEND;
            default:
                return null;
        }
    }
}
