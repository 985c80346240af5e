package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.internal.util.ToStringHelper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The CONNECT packet, MQTT 5.0 section 3.1: what the client asks for when it connects.
 *
 * <p>Immutable. Properties left unset (null) are not sent, and the server applies the specification's
 * defaults. {@link #toString()} never shows the password or authentication data, and shows of the
 * user name only the part before any {@code ?} (custom authorizers carry tokens after it).
 */
public final class ConnectPacket implements MqttPacket {

    /** The default keep alive, in seconds. */
    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 60;

    private final String clientId;
    private final boolean cleanStart;
    private final int keepAliveIntervalSeconds;
    private final String username;
    private final byte[] password;
    private final Long sessionExpiryIntervalSeconds;
    private final Integer receiveMaximum;
    private final Long maximumPacketSize;
    private final Integer topicAliasMaximum;
    private final Boolean requestResponseInformation;
    private final Boolean requestProblemInformation;
    private final String authenticationMethod;
    private final byte[] authenticationData;
    private final List<UserProperty> userProperties;
    private final WillMessage will;

    private ConnectPacket(Builder b) {
        clientId = b.clientId;
        cleanStart = b.cleanStart;
        keepAliveIntervalSeconds = b.keepAliveIntervalSeconds;
        username = b.username;
        password = b.password;
        sessionExpiryIntervalSeconds = b.sessionExpiryIntervalSeconds;
        receiveMaximum = b.receiveMaximum;
        maximumPacketSize = b.maximumPacketSize;
        topicAliasMaximum = b.topicAliasMaximum;
        requestResponseInformation = b.requestResponseInformation;
        requestProblemInformation = b.requestProblemInformation;
        authenticationMethod = b.authenticationMethod;
        authenticationData = b.authenticationData;
        userProperties = Checks.freeze(b.userProperties);
        will = b.will;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }

    /** The client identifier; empty asks the server to assign one. */
    public String clientId() {
        return clientId;
    }

    /** Whether the server should discard any existing session (Clean Start). */
    public boolean cleanStart() {
        return cleanStart;
    }

    /** The keep alive in seconds; 0 turns keep alive off. */
    public int keepAliveIntervalSeconds() {
        return keepAliveIntervalSeconds;
    }

    /** The user name, or null. */
    public String username() {
        return username;
    }

    /** A copy of the password, or null. */
    public byte[] password() {
        return password == null ? null : password.clone();
    }

    /** The Session Expiry Interval in seconds, or null (the session ends with the connection). */
    public Long sessionExpiryIntervalSeconds() {
        return sessionExpiryIntervalSeconds;
    }

    /** How many QoS 1 and 2 publishes the client accepts in flight, or null (65,535). */
    public Integer receiveMaximum() {
        return receiveMaximum;
    }

    /** The largest packet the client accepts, in bytes, or null (no limit beyond the protocol's). */
    public Long maximumPacketSize() {
        return maximumPacketSize;
    }

    /** How many topic aliases the client accepts from the server, or null (0: none). */
    public Integer topicAliasMaximum() {
        return topicAliasMaximum;
    }

    /** Whether the client asks for Response Information in the CONNACK, or null (false). */
    public Boolean requestResponseInformation() {
        return requestResponseInformation;
    }

    /** Whether the server may send reason strings and user properties on failures, or null (true). */
    public Boolean requestProblemInformation() {
        return requestProblemInformation;
    }

    /** The Authentication Method of enhanced authentication, or null. */
    public String authenticationMethod() {
        return authenticationMethod;
    }

    /** A copy of the Authentication Data, or null. */
    public byte[] authenticationData() {
        return authenticationData == null ? null : authenticationData.clone();
    }

    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /** The will, or null. */
    public WillMessage will() {
        return will;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectPacket)) {
            return false;
        }
        ConnectPacket that = (ConnectPacket) o;
        return cleanStart == that.cleanStart
                && keepAliveIntervalSeconds == that.keepAliveIntervalSeconds
                && clientId.equals(that.clientId)
                && Objects.equals(username, that.username)
                && Arrays.equals(password, that.password)
                && Objects.equals(sessionExpiryIntervalSeconds, that.sessionExpiryIntervalSeconds)
                && Objects.equals(receiveMaximum, that.receiveMaximum)
                && Objects.equals(maximumPacketSize, that.maximumPacketSize)
                && Objects.equals(topicAliasMaximum, that.topicAliasMaximum)
                && Objects.equals(requestResponseInformation, that.requestResponseInformation)
                && Objects.equals(requestProblemInformation, that.requestProblemInformation)
                && Objects.equals(authenticationMethod, that.authenticationMethod)
                && Arrays.equals(authenticationData, that.authenticationData)
                && userProperties.equals(that.userProperties)
                && Objects.equals(will, that.will);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(clientId, cleanStart, keepAliveIntervalSeconds, username,
                sessionExpiryIntervalSeconds, receiveMaximum, maximumPacketSize, topicAliasMaximum,
                requestResponseInformation, requestProblemInformation, authenticationMethod, userProperties,
                will);
        h = 31 * h + Arrays.hashCode(password);
        return 31 * h + Arrays.hashCode(authenticationData);
    }

    @Override
    public String toString() {
        return new ToStringHelper("ConnectPacket")
                .add("clientId", clientId)
                .add("cleanStart", cleanStart)
                .add("keepAliveIntervalSeconds", keepAliveIntervalSeconds)
                .add("username", redactedUsername(username))
                .addSecret("password", password)
                .add("sessionExpiryIntervalSeconds", sessionExpiryIntervalSeconds)
                .add("receiveMaximum", receiveMaximum)
                .add("maximumPacketSize", maximumPacketSize)
                .add("topicAliasMaximum", topicAliasMaximum)
                .add("requestResponseInformation", requestResponseInformation)
                .add("requestProblemInformation", requestProblemInformation)
                .add("authenticationMethod", authenticationMethod)
                .addSecret("authenticationData", authenticationData)
                .add("userProperties", userProperties)
                .add("will", will)
                .toString();
    }

    private static String redactedUsername(String username) {
        if (username == null) {
            return null;
        }
        int query = username.indexOf('?');
        return query < 0 ? username : username.substring(0, query) + "?<redacted>";
    }

    /** Builds {@link ConnectPacket}s. Not thread-safe. */
    public static final class Builder {
        private String clientId = "";
        private boolean cleanStart = true;
        private int keepAliveIntervalSeconds = DEFAULT_KEEP_ALIVE_SECONDS;
        private String username;
        private byte[] password;
        private Long sessionExpiryIntervalSeconds;
        private Integer receiveMaximum;
        private Long maximumPacketSize;
        private Integer topicAliasMaximum;
        private Boolean requestResponseInformation;
        private Boolean requestProblemInformation;
        private String authenticationMethod;
        private byte[] authenticationData;
        private List<UserProperty> userProperties;
        private WillMessage will;

        private Builder() {
        }

        private Builder(ConnectPacket p) {
            clientId = p.clientId;
            cleanStart = p.cleanStart;
            keepAliveIntervalSeconds = p.keepAliveIntervalSeconds;
            username = p.username;
            password = p.password;
            sessionExpiryIntervalSeconds = p.sessionExpiryIntervalSeconds;
            receiveMaximum = p.receiveMaximum;
            maximumPacketSize = p.maximumPacketSize;
            topicAliasMaximum = p.topicAliasMaximum;
            requestResponseInformation = p.requestResponseInformation;
            requestProblemInformation = p.requestProblemInformation;
            authenticationMethod = p.authenticationMethod;
            authenticationData = p.authenticationData;
            userProperties = p.userProperties.isEmpty() ? null : new ArrayList<>(p.userProperties);
            will = p.will;
        }

        /** The client identifier; empty (the default) asks the server to assign one. */
        public Builder clientId(String clientId) {
            this.clientId = Checks.string(clientId, "clientId");
            return this;
        }

        /** Clean Start; the default is true. */
        public Builder cleanStart(boolean cleanStart) {
            this.cleanStart = cleanStart;
            return this;
        }

        /** The keep alive in seconds, 0 to 65,535; 0 turns it off. The default is 60. */
        public Builder keepAliveIntervalSeconds(int seconds) {
            this.keepAliveIntervalSeconds = Checks.range(seconds, 0, Checks.MAX_UNSIGNED_SHORT,
                    "keepAliveIntervalSeconds");
            return this;
        }

        public Builder username(String username) {
            this.username = Checks.optionalString(username, "username");
            return this;
        }

        /** The password, at most 65,535 bytes; copied. */
        public Builder password(byte[] password) {
            this.password = Checks.optionalBinary(password, "password");
            return this;
        }

        /** The password as UTF-8 bytes. */
        public Builder password(String password) {
            return password(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        }

        /** 0 to 4,294,967,295 seconds (the maximum means the session never expires); null to leave it out. */
        public Builder sessionExpiryIntervalSeconds(Long seconds) {
            this.sessionExpiryIntervalSeconds = Checks.optionalRange(
                    seconds, 0, Checks.MAX_UNSIGNED_INT, "sessionExpiryIntervalSeconds");
            return this;
        }

        /** 1 to 65,535; null to leave it out. */
        public Builder receiveMaximum(Integer receiveMaximum) {
            this.receiveMaximum = Checks.optionalRange(receiveMaximum, 1, Checks.MAX_UNSIGNED_SHORT, "receiveMaximum");
            return this;
        }

        /** 1 to 4,294,967,295 bytes; null to leave it out. */
        public Builder maximumPacketSize(Long maximumPacketSize) {
            this.maximumPacketSize = Checks.optionalRange(
                    maximumPacketSize, 1, Checks.MAX_UNSIGNED_INT, "maximumPacketSize");
            return this;
        }

        /** 0 to 65,535; null to leave it out. */
        public Builder topicAliasMaximum(Integer topicAliasMaximum) {
            this.topicAliasMaximum = Checks.optionalRange(
                    topicAliasMaximum, 0, Checks.MAX_UNSIGNED_SHORT, "topicAliasMaximum");
            return this;
        }

        public Builder requestResponseInformation(Boolean request) {
            this.requestResponseInformation = request;
            return this;
        }

        public Builder requestProblemInformation(Boolean request) {
            this.requestProblemInformation = request;
            return this;
        }

        public Builder authenticationMethod(String method) {
            this.authenticationMethod = Checks.optionalString(method, "authenticationMethod");
            return this;
        }

        /** At most 65,535 bytes; copied. Needs an authentication method. */
        public Builder authenticationData(byte[] data) {
            this.authenticationData = Checks.optionalBinary(data, "authenticationData");
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

        /** The will; null for none. */
        public Builder will(WillMessage will) {
            this.will = will;
            return this;
        }

        /** @throws IllegalStateException if authentication data is set without a method */
        public ConnectPacket build() {
            if (authenticationData != null && authenticationMethod == null) {
                throw new IllegalStateException("authenticationData needs an authenticationMethod");
            }
            return new ConnectPacket(this);
        }
    }
}
