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

    /** The keep alive a new builder starts with, in seconds. */
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

    /**
     * {@return a new builder: empty client identifier (the server assigns one), Clean Start, keep alive
     * {@value #DEFAULT_KEEP_ALIVE_SECONDS} s, no credentials, no will, no properties}
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
        return PacketType.CONNECT;
    }

    /**
     * {@return the Client Identifier (section 3.1.3.1), never null} Empty asks the server to assign one,
     * which the CONNACK then carries.
     */
    public String clientId() {
        return clientId;
    }

    /**
     * {@return the Clean Start flag (section 3.1.2.4): whether the server discards any existing session and
     * starts a new one} A client overrides it on every connection from its
     * {@link dev.tern.mqtt5.ClientSessionBehavior}.
     */
    public boolean cleanStart() {
        return cleanStart;
    }

    /**
     * {@return the Keep Alive in seconds (section 3.1.2.10), 0 to 65,535} The longest time the client lets
     * pass without sending a packet; 0 turns the mechanism off. The server's Server Keep Alive, if it sends
     * one, overrides it.
     */
    public int keepAliveIntervalSeconds() {
        return keepAliveIntervalSeconds;
    }

    /** {@return the User Name (section 3.1.3.5), or null} */
    public String username() {
        return username;
    }

    /**
     * {@return a copy of the Password (section 3.1.3.6), or null} MQTT 5 allows a password without a user
     * name.
     */
    public byte[] password() {
        return password == null ? null : password.clone();
    }

    /**
     * {@return the Session Expiry Interval in seconds (section 3.1.2.11.2), or null if absent} Absent means
     * 0: the server ends the session when the network connection closes. 4,294,967,295 means the session
     * never expires.
     */
    public Long sessionExpiryIntervalSeconds() {
        return sessionExpiryIntervalSeconds;
    }

    /**
     * {@return the Receive Maximum (section 3.1.2.11.3), or null if absent, which means 65,535} The most QoS
     * 1 and 2 publishes the server may send this client without their acknowledgement being complete.
     */
    public Integer receiveMaximum() {
        return receiveMaximum;
    }

    /**
     * {@return the Maximum Packet Size in bytes (section 3.1.2.11.4), or null if absent} The largest packet
     * the client accepts; absent means no limit beyond the protocol's 268,435,460 bytes. The client enforces
     * it on what it receives.
     */
    public Long maximumPacketSize() {
        return maximumPacketSize;
    }

    /**
     * {@return the Topic Alias Maximum (section 3.1.2.11.5), or null if absent, which means 0} How many topic
     * aliases the server may use towards this client; 0 allows none.
     */
    public Integer topicAliasMaximum() {
        return topicAliasMaximum;
    }

    /**
     * {@return the Request Response Information flag (section 3.1.2.11.6), or null if absent, which means
     * false} True asks the server for Response Information in the CONNACK.
     */
    public Boolean requestResponseInformation() {
        return requestResponseInformation;
    }

    /**
     * {@return the Request Problem Information flag (section 3.1.2.11.7), or null if absent, which means
     * true} False asks the server not to send Reason Strings and User Properties except on PUBLISH, CONNACK
     * and DISCONNECT.
     */
    public Boolean requestProblemInformation() {
        return requestProblemInformation;
    }

    /**
     * {@return the Authentication Method of enhanced authentication (section 3.1.2.11.9), or null} With an
     * {@link dev.tern.mqtt5.EnhancedAuthenticator} in the client options this is null here: the authenticator
     * supplies it on every connection.
     */
    public String authenticationMethod() {
        return authenticationMethod;
    }

    /**
     * {@return a copy of the Authentication Data (section 3.1.2.11.10), or null} Its meaning is defined by
     * the authentication method.
     */
    public byte[] authenticationData() {
        return authenticationData == null ? null : authenticationData.clone();
    }

    /**
     * {@return the User Properties (section 3.1.2.11.8) in order; an immutable list, empty if there are none}
     */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /** {@return the Will Message (sections 3.1.2.5 and 3.1.3.2), or null for none} */
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

    /**
     * Builds {@link ConnectPacket}s. Not thread-safe. Each setter checks its argument and throws at once,
     * naming the field. Optional properties are null until set, and null ones are not sent.
     */
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

        /**
         * Sets the Client Identifier (section 3.1.3.1). The default is empty, which asks the server to assign
         * one for this connection. Resuming a session across connections (any
         * {@link dev.tern.mqtt5.ClientSessionBehavior} other than {@code CLEAN}) needs an identifier set
         * here: the client does not reuse one the server assigned.
         *
         * @param clientId the identifier; servers must accept 1 to 23 characters of {@code [0-9a-zA-Z]} and
         *     may accept more
         * @return this builder
         * @throws NullPointerException if {@code clientId} is null
         * @throws IllegalArgumentException if {@code clientId} is not a valid MQTT string (U+0000, an
         *     unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder clientId(String clientId) {
            this.clientId = Checks.string(clientId, "clientId");
            return this;
        }

        /**
         * Sets the Clean Start flag (section 3.1.2.4). The default is true. A client ignores this value and
         * sets the flag on each connection from its {@link dev.tern.mqtt5.ClientSessionBehavior}; it matters
         * only where the packet is used outside a client, such as in tests.
         *
         * @param cleanStart true to discard any existing session
         * @return this builder
         */
        public Builder cleanStart(boolean cleanStart) {
            this.cleanStart = cleanStart;
            return this;
        }

        /**
         * Sets the Keep Alive (section 3.1.2.10): the client sends a PINGREQ when it has sent nothing for
         * this long, and the server closes the connection after one and a half times this long without a
         * packet. If the CONNACK has a Server Keep Alive, that value applies instead. The default is
         * {@value #DEFAULT_KEEP_ALIVE_SECONDS}.
         *
         * @param seconds 0 to 65,535; 0 turns keep alive off
         * @return this builder
         * @throws IllegalArgumentException if {@code seconds} is out of range
         */
        public Builder keepAliveIntervalSeconds(int seconds) {
            this.keepAliveIntervalSeconds = Checks.range(seconds, 0, Checks.MAX_UNSIGNED_SHORT,
                    "keepAliveIntervalSeconds");
            return this;
        }

        /**
         * Sets the User Name (section 3.1.3.5). The default is none.
         *
         * @param username the user name, or null for none
         * @return this builder
         * @throws IllegalArgumentException if {@code username} is not a valid MQTT string (U+0000, an
         *     unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder username(String username) {
            this.username = Checks.optionalString(username, "username");
            return this;
        }

        /**
         * Sets the Password (section 3.1.3.6) to a copy of {@code password}. It is binary data; MQTT 5 allows
         * it without a user name. {@link ConnectPacket#toString()} never shows it. The default is none.
         *
         * @param password at most 65,535 bytes, or null for none
         * @return this builder
         * @throws IllegalArgumentException if {@code password} is longer than 65,535 bytes
         */
        public Builder password(byte[] password) {
            this.password = Checks.optionalBinary(password, "password");
            return this;
        }

        /**
         * Sets the Password (section 3.1.3.6) to the string encoded as UTF-8. The default is none.
         *
         * @param password the password, or null for none
         * @return this builder
         * @throws IllegalArgumentException if the encoded password is longer than 65,535 bytes
         */
        public Builder password(String password) {
            return password(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Sets the Session Expiry Interval (section 3.1.2.11.2): how long the server keeps the session
         * (subscriptions, unacknowledged QoS 1 and 2 messages) after the network connection closes. The
         * default is none, which the server takes as 0: the session ends with the connection. The server may
         * answer with a different value in its CONNACK; {@link dev.tern.mqtt5.NegotiatedSettings} holds the
         * one in force.
         *
         * @param seconds 0 to 4,294,967,295 (the maximum means the session never expires), or null to leave
         *     it out
         * @return this builder
         * @throws IllegalArgumentException if {@code seconds} is out of range
         */
        public Builder sessionExpiryIntervalSeconds(Long seconds) {
            this.sessionExpiryIntervalSeconds = Checks.optionalRange(
                    seconds, 0, Checks.MAX_UNSIGNED_INT, "sessionExpiryIntervalSeconds");
            return this;
        }

        /**
         * Sets the Receive Maximum (section 3.1.2.11.3): the most QoS 1 and 2 publishes the server may send
         * this client before their acknowledgements are complete. Messages whose acknowledgement the
         * application took over count until it acknowledges them. The default is none, which means 65,535.
         *
         * @param receiveMaximum 1 to 65,535, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code receiveMaximum} is out of range
         */
        public Builder receiveMaximum(Integer receiveMaximum) {
            this.receiveMaximum = Checks.optionalRange(receiveMaximum, 1, Checks.MAX_UNSIGNED_SHORT, "receiveMaximum");
            return this;
        }

        /**
         * Sets the Maximum Packet Size (section 3.1.2.11.4): the largest packet, in bytes, the client
         * accepts. The server must not send larger packets; if it does, the client disconnects with Packet
         * Too Large. The default is none: the protocol's limit of 268,435,460 bytes.
         *
         * @param maximumPacketSize 1 to 4,294,967,295 bytes, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code maximumPacketSize} is out of range
         */
        public Builder maximumPacketSize(Long maximumPacketSize) {
            this.maximumPacketSize = Checks.optionalRange(
                    maximumPacketSize, 1, Checks.MAX_UNSIGNED_INT, "maximumPacketSize");
            return this;
        }

        /**
         * Sets the Topic Alias Maximum (section 3.1.2.11.5): how many topic aliases the server may use on the
         * messages it sends this client. The client resolves them, so received packets always carry the full
         * topic. The default is none, which means 0: the server uses no aliases.
         *
         * @param topicAliasMaximum 0 to 65,535, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code topicAliasMaximum} is out of range
         */
        public Builder topicAliasMaximum(Integer topicAliasMaximum) {
            this.topicAliasMaximum = Checks.optionalRange(
                    topicAliasMaximum, 0, Checks.MAX_UNSIGNED_SHORT, "topicAliasMaximum");
            return this;
        }

        /**
         * Sets Request Response Information (section 3.1.2.11.6): true asks the server to put Response
         * Information (a basis for response topics) in the CONNACK. The default is none, which means false.
         *
         * @param request the flag, or null to leave it out
         * @return this builder
         */
        public Builder requestResponseInformation(Boolean request) {
            this.requestResponseInformation = request;
            return this;
        }

        /**
         * Sets Request Problem Information (section 3.1.2.11.7): false asks the server to send Reason Strings
         * and User Properties only on PUBLISH, CONNACK and DISCONNECT. The default is none, which means true.
         *
         * @param request the flag, or null to leave it out
         * @return this builder
         */
        public Builder requestProblemInformation(Boolean request) {
            this.requestProblemInformation = request;
            return this;
        }

        /**
         * Sets the Authentication Method (section 3.1.2.11.9), which starts enhanced authentication. Leave it
         * unset when the client options have an {@link dev.tern.mqtt5.EnhancedAuthenticator}, which supplies
         * the method itself: the options refuse both. The default is none.
         *
         * @param method the method name, such as {@code SCRAM-SHA-256}, or null for none
         * @return this builder
         * @throws IllegalArgumentException if {@code method} is not a valid MQTT string (U+0000, an unpaired
         *     surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder authenticationMethod(String method) {
            this.authenticationMethod = Checks.optionalString(method, "authenticationMethod");
            return this;
        }

        /**
         * Sets the Authentication Data (section 3.1.2.11.10) to a copy of {@code data}. Its meaning is
         * defined by the authentication method, which must also be set. {@link ConnectPacket#toString()}
         * never shows it. The default is none.
         *
         * @param data at most 65,535 bytes, or null for none
         * @return this builder
         * @throws IllegalArgumentException if {@code data} is longer than 65,535 bytes
         */
        public Builder authenticationData(byte[] data) {
            this.authenticationData = Checks.optionalBinary(data, "authenticationData");
            return this;
        }

        /**
         * Appends a User Property (section 3.1.2.11.8). Order is kept and names may repeat.
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
         * Appends a User Property (section 3.1.2.11.8). Order is kept and names may repeat.
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
         * Sets the Will Message (sections 3.1.2.5 and 3.1.3.2): what the server publishes if the connection
         * ends without a DISCONNECT of reason Normal Disconnection. The default is none.
         *
         * @param will the will, or null for none
         * @return this builder
         */
        public Builder will(WillMessage will) {
            this.will = will;
            return this;
        }

        /**
         * Builds the packet.
         *
         * @return a new immutable packet with this builder's values
         * @throws IllegalStateException if authentication data is set without an authentication method
         */
        public ConnectPacket build() {
            if (authenticationData != null && authenticationMethod == null) {
                throw new IllegalStateException("authenticationData needs an authenticationMethod");
            }
            return new ConnectPacket(this);
        }
    }
}
