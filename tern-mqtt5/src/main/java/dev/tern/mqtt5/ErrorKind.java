package dev.tern.mqtt5;

/**
 * What went wrong, as a value a program can switch on. Every {@link Mqtt5Exception} has one; the
 * message adds the detail and what to check.
 */
public enum ErrorKind {

    // ---- connecting ---------------------------------------------------------------------------------
    /** The host name could not be resolved. */
    UNKNOWN_HOST,
    /** The server (or proxy) refused the TCP connection: nothing listens there, or a firewall said no. */
    CONNECTION_REFUSED,
    /** The TCP connection (or transport handshake) did not complete in time. */
    CONNECT_TIMEOUT,
    /** The TLS handshake failed (certificate, hostname, protocol or key problem; see the message). */
    TLS,
    /** The HTTP or SOCKS proxy refused or failed the tunnel. */
    PROXY,
    /** The WebSocket upgrade failed. */
    WEBSOCKET,
    /** The server answered CONNECT with a failing reason code (see {@link Mqtt5Exception#reasonCode()}). */
    CONNACK_REFUSED,
    /** No CONNACK arrived within the CONNACK timeout. */
    CONNACK_TIMEOUT,
    /** Enhanced authentication failed on the client side. */
    AUTHENTICATION,

    // ---- connected ----------------------------------------------------------------------------------
    /** The network connection failed or was closed by the peer without a DISCONNECT. */
    CONNECTION_LOST,
    /** The server sent DISCONNECT (see {@link Mqtt5Exception#reasonCode()}). */
    SERVER_DISCONNECT,
    /** No PINGRESP (or any packet) arrived within the ping timeout: the connection is considered dead. */
    KEEP_ALIVE_TIMEOUT,
    /** The server broke the protocol; the client sent DISCONNECT with the reason code and closed. */
    PROTOCOL_VIOLATION,
    /**
     * The client closed the connection on purpose to replace it with a fresh one (maximum connection age,
     * or the connection's credentials about to expire), and reconnects at once.
     */
    CONNECTION_ROTATED,

    // ---- operations ---------------------------------------------------------------------------------
    /** The client is not connected and the offline queue behaviour does not keep this operation. */
    NOT_CONNECTED,
    /** The offline queue is at its configured bound. */
    OFFLINE_QUEUE_FULL,
    /** The operation is larger than the server's Maximum Packet Size (or MQTT's). */
    PACKET_TOO_LARGE,
    /** The operation asks for something the server said it does not support (QoS, retain, wildcards, …). */
    UNSUPPORTED_BY_SERVER,
    /** The operation is not allowed for a client by MQTT 5 (e.g. a PUBLISH with subscription identifiers). */
    INVALID_OPERATION,
    /** The acknowledgement did not arrive within the acknowledgement timeout. */
    ACK_TIMEOUT,
    /** The server did not rejoin the session, and the operation could not survive that. */
    SESSION_LOST,
    /** The client was stopped before the operation completed. */
    CLIENT_STOPPED,
    /** The client was closed. */
    CLIENT_CLOSED,
    /** An internal error: a bug in Tern. The message has the detail; please report it. */
    INTERNAL
}
