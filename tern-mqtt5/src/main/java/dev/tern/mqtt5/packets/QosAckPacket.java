package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.util.ToStringHelper;

import java.util.List;
import java.util.Objects;

/**
 * The shared shape of PUBACK, PUBREC, PUBREL and PUBCOMP: a reason code, an optional reason string and
 * user properties. The packet identifier belongs to the connection and is not part of the packet.
 */
abstract class QosAckPacket<R extends ReasonCode> implements MqttPacket {

    private final R reasonCode;
    private final String reasonString;
    private final List<UserProperty> userProperties;

    QosAckPacket(R reasonCode, String reasonString, List<UserProperty> userProperties) {
        this.reasonCode = reasonCode;
        this.reasonString = reasonString;
        this.userProperties = userProperties;
    }

    /**
     * {@return the reason code, never null} {@link ReasonCode#isError()} tells whether the step failed.
     */
    public R reasonCode() {
        return reasonCode;
    }

    /**
     * {@return the Reason String property, or null if absent} It is human-readable text for diagnostics;
     * receivers must not parse it.
     */
    public String reasonString() {
        return reasonString;
    }

    /** {@return the User Properties in wire order; an immutable list, empty if there are none} */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        QosAckPacket<?> that = (QosAckPacket<?>) o;
        return reasonCode == that.reasonCode
                && Objects.equals(reasonString, that.reasonString)
                && userProperties.equals(that.userProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type(), reasonCode, reasonString, userProperties);
    }

    @Override
    public String toString() {
        return new ToStringHelper(getClass().getSimpleName())
                .add("reasonCode", reasonCode)
                .add("reasonString", reasonString)
                .add("userProperties", userProperties)
                .toString();
    }
}
