package dev.tern.mqtt5.aws.testing;

import dev.tern.mqtt5.packets.ConnectPacket;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connection to an {@link IotGateway}: what the client presented at each step, and the gateway's
 * verdict. An attempt is reported by {@link IotGateway#nextAttempt} once it is decided: accepted (the
 * gateway relays it to the broker from then on) or refused (and closed). What the client sends after the
 * decision (the CONNECT of an mTLS or SigV4 connection) is recorded as it arrives: see
 * {@link #awaitConnect(Duration)}.
 *
 * <p>Written on the connection's event loop, read by tests: every field is volatile.
 */
public final class GatewayAttempt {

    /** The verdict. */
    public enum Outcome {
        /** Every check passed; the connection is relayed to the broker. */
        ACCEPTED,
        /** A check failed; the gateway answered as IoT would (TLS alert, HTTP 403, CONNACK 0x87) and closed. */
        REFUSED
    }

    private final int number;
    private final IotGateway.Mode mode;
    private final SocketAddress remoteAddress;
    private final Consumer<GatewayAttempt> onDecided;
    private final CountDownLatch connectSeen = new CountDownLatch(1);

    private volatile String sni;
    private volatile List<String> offeredAlpn;
    private volatile String alpn;
    private volatile X509Certificate clientCertificate;
    private volatile String tlsProtocol;
    private volatile UpgradeRequest upgrade;
    private volatile CredentialScope credentialScope;
    private volatile String canonicalRequest;
    private volatile String stringToSign;
    private volatile ConnectPacket connect;
    private volatile byte[] connectBytes;
    private volatile CustomAuthUsername username;
    private volatile Outcome outcome;
    private volatile String refusal;

    GatewayAttempt(int number, IotGateway.Mode mode, SocketAddress remoteAddress, Consumer<GatewayAttempt> onDecided) {
        this.number = number;
        this.mode = mode;
        this.remoteAddress = remoteAddress;
        this.onDecided = onDecided;
    }

    // ---- what was recorded -----------------------------------------------------------------------------

    /** 1 for the gateway's first connection, and so on. */
    public int number() {
        return number;
    }

    public IotGateway.Mode mode() {
        return mode;
    }

    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The server name the ClientHello asked for (lower case), or null if it sent none. */
    public String sni() {
        return sni;
    }

    /** The ALPN protocols the ClientHello offered, in order; null if it had no ALPN extension. */
    public List<String> offeredAlpn() {
        return offeredAlpn;
    }

    /** The ALPN protocol negotiated, or null if none was. */
    public String alpn() {
        return alpn;
    }

    /** The TLS version negotiated (TLSv1.2, TLSv1.3), or null if the handshake did not complete. */
    public String tlsProtocol() {
        return tlsProtocol;
    }

    /** The client certificate (mTLS), or null. */
    public X509Certificate clientCertificate() {
        return clientCertificate;
    }

    /** The client certificate's subject in RFC 2253 form ({@code CN=device-1}), or null. */
    public String clientSubject() {
        X509Certificate certificate = clientCertificate;
        return certificate == null ? null : certificate.getSubjectX500Principal().getName();
    }

    /** The WebSocket upgrade request (WebSocket modes), or null. */
    public UpgradeRequest upgrade() {
        return upgrade;
    }

    /** The SigV4 credential scope of the upgrade (WEBSOCKET_SIGV4), or null if it could not be read. */
    public CredentialScope credentialScope() {
        return credentialScope;
    }

    /** The canonical request the gateway rebuilt from the upgrade (WEBSOCKET_SIGV4), or null. */
    public String canonicalRequest() {
        return canonicalRequest;
    }

    /** The string to sign the gateway computed (WEBSOCKET_SIGV4), or null. */
    public String stringToSign() {
        return stringToSign;
    }

    /** The client's CONNECT, decoded, or null if none has arrived (yet). */
    public ConnectPacket connect() {
        return connect;
    }

    /** The client's CONNECT exactly as it arrived (and as it was forwarded), or null. */
    public byte[] connectBytes() {
        byte[] bytes = connectBytes;
        return bytes == null ? null : bytes.clone();
    }

    /** The CONNECT username parsed as IoT's custom authentication reads it, or null if there is none (yet). */
    public CustomAuthUsername username() {
        return username;
    }

    /** The CONNECT password, or null. */
    public byte[] password() {
        ConnectPacket packet = connect;
        return packet == null ? null : packet.password();
    }

    /** Waits (at most {@code timeout}) for the client's CONNECT and returns it. */
    public ConnectPacket awaitConnect(Duration timeout) {
        try {
            if (!connectSeen.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no CONNECT through the gateway within " + timeout + ": " + this);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return connect;
    }

    /** The verdict, or null while undecided. */
    public Outcome outcome() {
        return outcome;
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    /** Why the gateway refused, or null. */
    public String refusal() {
        return refusal;
    }

    @Override
    public String toString() {
        return "GatewayAttempt#" + number + "{" + mode + ", " + (outcome == null ? "undecided" : outcome)
                + (refusal != null ? " (" + refusal.lines().findFirst().orElse("") + ")" : "")
                + (sni != null ? ", sni=" + sni : "") + (alpn != null ? ", alpn=" + alpn : "")
                + (clientCertificate != null ? ", subject=" + clientSubject() : "")
                + (upgrade != null ? ", " + upgrade.method() + " " + upgrade.path() : "")
                + (connect != null ? ", client id " + connect.clientId() : "") + "}";
    }

    // ---- written by the gateway's handlers -------------------------------------------------------------

    void clientHello(String sni, List<String> offeredAlpn) {
        this.sni = sni;
        this.offeredAlpn = offeredAlpn == null ? null : List.copyOf(offeredAlpn);
    }

    void handshake(String tlsProtocol, String alpn, X509Certificate clientCertificate) {
        this.tlsProtocol = tlsProtocol;
        this.alpn = alpn;
        this.clientCertificate = clientCertificate;
    }

    void upgrade(UpgradeRequest upgrade) {
        this.upgrade = upgrade;
    }

    void sigV4(CredentialScope scope, String canonicalRequest, String stringToSign) {
        this.credentialScope = scope;
        this.canonicalRequest = canonicalRequest;
        this.stringToSign = stringToSign;
    }

    void connect(ConnectPacket connect, byte[] bytes) {
        this.connect = connect;
        this.connectBytes = bytes;
        this.username = connect.username() == null ? null : CustomAuthUsername.parse(connect.username());
        connectSeen.countDown();
    }

    boolean decided() {
        return outcome != null;
    }

    void accept() {
        decide(Outcome.ACCEPTED, null);
    }

    void refuse(String reason) {
        decide(Outcome.REFUSED, reason);
    }

    private void decide(Outcome verdict, String reason) {
        if (outcome != null) {
            return; // the first verdict stands (a refusal after acceptance would be a relay failure)
        }
        this.refusal = reason;
        this.outcome = verdict;
        onDecided.accept(this);
    }
}
