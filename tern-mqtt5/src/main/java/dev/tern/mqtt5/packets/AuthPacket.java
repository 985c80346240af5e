package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.internal.util.ToStringHelper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The AUTH packet, MQTT 5.0 section 3.15: one step of enhanced authentication. Immutable.
 * {@link #toString()} never shows the authentication data.
 */
public final class AuthPacket implements MqttPacket {

    private final AuthReasonCode reasonCode;
    private final String authenticationMethod;
    private final byte[] authenticationData;
    private final String reasonString;
    private final List<UserProperty> userProperties;

    private AuthPacket(Builder b) {
        reasonCode = b.reasonCode;
        authenticationMethod = b.authenticationMethod;
        authenticationData = b.authenticationData;
        reasonString = b.reasonString;
        userProperties = Checks.freeze(b.userProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }

    public AuthReasonCode reasonCode() {
        return reasonCode;
    }

    /**
     * The Authentication Method; null only on the short form of a successful AUTH (no properties at
     * all).
     */
    public String authenticationMethod() {
        return authenticationMethod;
    }

    /** A copy of the Authentication Data, or null. */
    public byte[] authenticationData() {
        return authenticationData == null ? null : authenticationData.clone();
    }

    public String reasonString() {
        return reasonString;
    }

    public List<UserProperty> userProperties() {
        return userProperties;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuthPacket)) {
            return false;
        }
        AuthPacket that = (AuthPacket) o;
        return reasonCode == that.reasonCode
                && Objects.equals(authenticationMethod, that.authenticationMethod)
                && Arrays.equals(authenticationData, that.authenticationData)
                && Objects.equals(reasonString, that.reasonString)
                && userProperties.equals(that.userProperties);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(reasonCode, authenticationMethod, reasonString, userProperties)
                + Arrays.hashCode(authenticationData);
    }

    @Override
    public String toString() {
        return new ToStringHelper("AuthPacket")
                .add("reasonCode", reasonCode)
                .add("authenticationMethod", authenticationMethod)
                .addSecret("authenticationData", authenticationData)
                .add("reasonString", reasonString)
                .add("userProperties", userProperties)
                .toString();
    }

    /** Builds {@link AuthPacket}s. Not thread-safe. */
    public static final class Builder {
        private AuthReasonCode reasonCode = AuthReasonCode.SUCCESS;
        private String authenticationMethod;
        private byte[] authenticationData;
        private String reasonString;
        private List<UserProperty> userProperties;

        private Builder() {
        }

        private Builder(AuthPacket p) {
            reasonCode = p.reasonCode;
            authenticationMethod = p.authenticationMethod;
            authenticationData = p.authenticationData;
            reasonString = p.reasonString;
            userProperties = p.userProperties.isEmpty() ? null : new ArrayList<>(p.userProperties);
        }

        public Builder reasonCode(AuthReasonCode reasonCode) {
            this.reasonCode = Checks.notNull(reasonCode, "reasonCode");
            return this;
        }

        public Builder authenticationMethod(String method) {
            this.authenticationMethod = Checks.optionalString(method, "authenticationMethod");
            return this;
        }

        /** At most 65,535 bytes; copied. */
        public Builder authenticationData(byte[] data) {
            this.authenticationData = Checks.optionalBinary(data, "authenticationData");
            return this;
        }

        public Builder reasonString(String reasonString) {
            this.reasonString = Checks.optionalString(reasonString, "reasonString");
            return this;
        }

        public Builder userProperty(String name, String value) {
            return userProperty(UserProperty.of(name, value));
        }

        public Builder userProperty(UserProperty property) {
            userProperties = Checks.append(userProperties, property, "userProperty");
            return this;
        }

        public Builder userProperties(Collection<UserProperty> properties) {
            List<UserProperty> copy = Checks.immutableList(properties, "userProperties");
            userProperties = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /**
         * @throws IllegalStateException if there is no authentication method while the packet is not the
         *     bare success form (the method is required whenever any property is present, [MQTT-3.15.2-1])
         */
        public AuthPacket build() {
            boolean bare = reasonCode == AuthReasonCode.SUCCESS && authenticationData == null
                    && reasonString == null && (userProperties == null || userProperties.isEmpty());
            if (authenticationMethod == null && !bare) {
                throw new IllegalStateException("an AUTH packet needs an authenticationMethod");
            }
            return new AuthPacket(this);
        }
    }
}
