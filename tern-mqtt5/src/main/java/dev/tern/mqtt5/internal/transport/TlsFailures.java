package dev.tern.mqtt5.internal.transport;

import dev.tern.mqtt5.TlsException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns a TLS handshake failure into a {@link TlsException} whose {@link TlsException.Failure} and
 * message say what to fix. The JDK reports most of this only in exception types deep in the cause
 * chain or in alert names, so this reads both.
 */
public final class TlsFailures {

    private TlsFailures() {
    }

    public static TlsException classify(SSLException e, String peer, boolean clientIdentity) {
        if (e instanceof SslHandshakeTimeoutException) {
            return new TlsException(TlsException.Failure.HANDSHAKE_TIMEOUT, "the TLS handshake with " + peer
                    + " did not complete in time; is it a TLS port?", e);
        }
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return new TlsException(TlsException.Failure.CERTIFICATE_EXPIRED, "the certificate of " + peer
                        + " has expired: " + t.getMessage(), e);
            }
            if (t instanceof CertificateNotYetValidException) {
                return new TlsException(TlsException.Failure.CERTIFICATE_NOT_YET_VALID, "the certificate of " + peer
                        + " is not valid yet (check this machine's clock): " + t.getMessage(), e);
            }
            if (t instanceof CertPathValidatorException) {
                CertPathValidatorException.Reason reason = ((CertPathValidatorException) t).getReason();
                if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
                    return new TlsException(TlsException.Failure.CERTIFICATE_EXPIRED, "a certificate in the chain of "
                            + peer + " has expired", e);
                }
                if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    return new TlsException(TlsException.Failure.CERTIFICATE_NOT_YET_VALID, "a certificate in the"
                            + " chain of " + peer + " is not valid yet (check this machine's clock)", e);
                }
            }
            messages.append(' ').append(t.getMessage());
        }
        String all = messages.toString().toLowerCase(Locale.ROOT);
        if (all.contains("no subject alternative") || all.contains("no name matching")
                || all.contains("hostname") && all.contains("mismatch")) {
            return new TlsException(TlsException.Failure.HOSTNAME_MISMATCH, "the certificate of " + peer
                    + " is not issued for that host name; connect with the name the certificate names", e);
        }
        if (all.contains("pkix path building failed") || all.contains("unable to find valid certification path")
                || all.contains("certificate_verify_failed") || all.contains("unknown ca")
                && !all.contains("received fatal alert: unknown_ca")) {
            return new TlsException(TlsException.Failure.UNTRUSTED_CERTIFICATE, "the certificate of " + peer
                    + " is not trusted: it does not chain to a trusted CA (check the trusted certificates, e.g."
                    + " the CA file)", e);
        }
        if (all.contains("certificate_required")) {
            return new TlsException(TlsException.Failure.CLIENT_CERTIFICATE_REQUIRED, peer + " requires a client"
                    + " certificate (mutual TLS)" + (clientIdentity ? " and did not accept ours" : " and none is"
                    + " configured"), e);
        }
        if (all.contains("received fatal alert: bad_certificate") || all.contains("received fatal alert: unknown_ca")
                || all.contains("received fatal alert: certificate_unknown")
                || all.contains("received fatal alert: certificate_expired")
                || all.contains("received fatal alert: access_denied")) {
            return clientIdentity
                    ? new TlsException(TlsException.Failure.CLIENT_CERTIFICATE_REJECTED, peer + " rejected the client"
                            + " certificate (not issued by a CA it trusts, expired, or revoked)", e)
                    : new TlsException(TlsException.Failure.CLIENT_CERTIFICATE_REQUIRED, peer + " requires a client"
                            + " certificate (mutual TLS) and none is configured", e);
        }
        if (all.contains("received fatal alert: handshake_failure") && !clientIdentity) {
            return new TlsException(TlsException.Failure.CLIENT_CERTIFICATE_REQUIRED, "the TLS handshake with " + peer
                    + " failed; it most likely requires a client certificate (mutual TLS), and none is configured", e);
        }
        if (all.contains("no_application_protocol")) {
            return new TlsException(TlsException.Failure.ALPN_MISMATCH, peer + " accepts none of the ALPN"
                    + " protocols offered", e);
        }
        if (all.contains("protocol_version") || all.contains("no appropriate protocol")
                || all.contains("insufficient_security") || all.contains("no cipher suites")) {
            return new TlsException(TlsException.Failure.PROTOCOL_MISMATCH, peer + " shares no TLS version or cipher"
                    + " suite with the client (TLS 1.2 and 1.3 are offered)", e);
        }
        return new TlsException(TlsException.Failure.OTHER, "the TLS handshake with " + peer + " failed: "
                + e.getMessage(), e);
    }
}
