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

    /**
     * {@return a new builder: reason code {@code SUCCESS}, no properties} A packet with any property needs an
     * authentication method.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this packet's values; changing it does not change this packet} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }

    /** {@return the Authenticate Reason Code (section 3.15.2.1), never null} */
    public AuthReasonCode reasonCode() {
        return reasonCode;
    }

    /**
     * {@return the Authentication Method (section 3.15.2.2.2), the same as the CONNECT's; null only on the
     * short form of a successful AUTH, which has no properties at all}
     */
    public String authenticationMethod() {
        return authenticationMethod;
    }

    /**
     * {@return a copy of the Authentication Data (section 3.15.2.2.3), or null} Its meaning is defined by the
     * authentication method.
     */
    public byte[] authenticationData() {
        return authenticationData == null ? null : authenticationData.clone();
    }

    /**
     * {@return the Reason String (section 3.15.2.2.4), or null} Human-readable text for diagnostics; not
     * meant to be parsed.
     */
    public String reasonString() {
        return reasonString;
    }

    /**
     * {@return the User Properties (section 3.15.2.2.5) in order; an immutable list, empty if there are none}
     */
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

    /**
     * Builds {@link AuthPacket}s. Not thread-safe. Each setter checks its argument and throws at once, naming
     * the field.
     */
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

        /**
         * Sets the Authenticate Reason Code (section 3.15.2.1). The default is {@code SUCCESS}.
         *
         * @param reasonCode the reason code
         * @return this builder
         * @throws NullPointerException if {@code reasonCode} is null
         */
        public Builder reasonCode(AuthReasonCode reasonCode) {
            this.reasonCode = Checks.notNull(reasonCode, "reasonCode");
            return this;
        }

        /**
         * Sets the Authentication Method (section 3.15.2.2.2); it must be the CONNECT's. The default is none.
         *
         * @param method the method, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code method} is not a valid MQTT string (U+0000, an unpaired
         *     surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder authenticationMethod(String method) {
            this.authenticationMethod = Checks.optionalString(method, "authenticationMethod");
            return this;
        }

        /**
         * Sets the Authentication Data (section 3.15.2.2.3) to a copy of {@code data}.
         * {@link AuthPacket#toString()} never shows it. The default is none.
         *
         * @param data at most 65,535 bytes, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code data} is longer than 65,535 bytes
         */
        public Builder authenticationData(byte[] data) {
            this.authenticationData = Checks.optionalBinary(data, "authenticationData");
            return this;
        }

        /**
         * Sets the Reason String (section 3.15.2.2.4): human-readable text for diagnostics, which the
         * receiver must not parse. The default is none.
         *
         * @param reasonString the text, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code reasonString} is not a valid MQTT string (U+0000, an
         *     unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder reasonString(String reasonString) {
            this.reasonString = Checks.optionalString(reasonString, "reasonString");
            return this;
        }

        /**
         * Appends a User Property (section 3.15.2.2.5). Order is kept and names may repeat.
         *
         * @param name the property name
         * @param value the property value
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is null
         * @throws IllegalArgumentException if {@code name} or {@code value} is not a valid MQTT string
         *     (U+0000, an unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder userProperty(String name, String value) {
            return userProperty(UserProperty.of(name, value));
        }

        /**
         * Appends a User Property (section 3.15.2.2.5). Order is kept and names may repeat.
         *
         * @param property the property
         * @return this builder
         * @throws NullPointerException if {@code property} is null
         */
        public Builder userProperty(UserProperty property) {
            userProperties = Checks.append(userProperties, property, "userProperty");
            return this;
        }

        /**
         * Replaces all User Properties with a copy of {@code properties}, in iteration order. The default is
         * none.
         *
         * @param properties the properties; may be empty
         * @return this builder
         * @throws NullPointerException if {@code properties} or one of its elements is null
         */
        public Builder userProperties(Collection<UserProperty> properties) {
            List<UserProperty> copy = Checks.immutableList(properties, "userProperties");
            userProperties = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /**
         * Builds the packet.
         *
         * @return a new immutable packet with this builder's values
         * @throws IllegalStateException if there is no authentication method while the packet is not the bare
         *     success form (the method is required whenever any property is present, [MQTT-3.15.2-1])
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
