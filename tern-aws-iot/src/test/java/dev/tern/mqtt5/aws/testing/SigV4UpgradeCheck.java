package dev.tern.mqtt5.aws.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What AWS IoT Core checks on a SigV4-presigned WebSocket upgrade ({@code GET /mqtt?X-Amz-...}), as a pure
 * function of the request, the credentials the gateway knows, its region and its clock.
 *
 * <p>The form checked is the one IoT documents and Tern sends: {@code X-Amz-Algorithm}, {@code X-Amz-Credential}
 * with service {@code iotdevicegateway}, {@code X-Amz-Date}, {@code X-Amz-SignedHeaders=host}, then
 * {@code X-Amz-Security-Token} when the credentials are temporary, then {@code X-Amz-Signature}. The canonical
 * request is rebuilt from what arrived: the method, the path, every query parameter except
 * {@code X-Amz-Signature} and {@code X-Amz-Security-Token} (IoT adds the token after signing, so it is not
 * signed), the {@code Host} header exactly as received, and the hash of the empty payload.
 */
final class SigV4UpgradeCheck {

    static final String SERVICE = "iotdevicegateway";
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** The credentials the gateway accepts (the session token is null for long-term keys). */
    record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    }

    /** The verdict, with what was worked out on the way (null where the check stopped before it). */
    record Result(String refusal, CredentialScope scope, String canonicalRequest, String stringToSign) {

        boolean accepted() {
            return refusal == null;
        }
    }

    /** A failed check: the reason, for the 403 body and the recorded attempt. */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private SigV4UpgradeCheck() {
    }

    static Result check(String method, String decodedPath, String rawQuery, List<Map.Entry<String, String>> headers,
            Credentials credentials, String region, Instant now) {
        CredentialScope scope = null;
        String canonicalRequest = null;
        String stringToSign = null;
        try {
            List<Map.Entry<String, String>> parameters;
            try {
                parameters = SigV4Verifier.parseQuery(rawQuery);
            } catch (IllegalArgumentException e) {
                throw new Refused("the query string is not valid percent-encoding: " + e.getMessage());
            }
            String algorithm = single(parameters, "X-Amz-Algorithm");
            if (!SigV4Verifier.ALGORITHM.equals(algorithm)) {
                throw new Refused("X-Amz-Algorithm is " + algorithm + ", expected " + SigV4Verifier.ALGORITHM);
            }
            String credential = single(parameters, "X-Amz-Credential");
            String[] parts = credential.split("/", -1);
            if (parts.length != 5) {
                throw new Refused("X-Amz-Credential is not <access key id>/<yyyymmdd>/<region>/<service>/aws4_request: "
                        + credential);
            }
            scope = new CredentialScope(parts[0], parts[1], parts[2], parts[3], parts[4]);
            if (!scope.accessKeyId().equals(credentials.accessKeyId())) {
                throw new Refused("unknown access key id " + scope.accessKeyId());
            }
            if (!scope.region().equals(region)) {
                throw new Refused("the credential scope names region " + scope.region() + ", this endpoint is in "
                        + region);
            }
            if (!scope.service().equals(SERVICE)) {
                throw new Refused("the credential scope names service " + scope.service() + ", expected " + SERVICE);
            }
            if (!scope.terminator().equals(SigV4Verifier.TERMINATOR)) {
                throw new Refused("the credential scope ends in " + scope.terminator() + ", expected "
                        + SigV4Verifier.TERMINATOR);
            }
            String amzDate = single(parameters, "X-Amz-Date");
            Instant signedAt;
            try {
                signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new Refused("X-Amz-Date " + amzDate + " is not of the form yyyyMMddTHHmmssZ");
            }
            if (!amzDate.startsWith(scope.date()) || scope.date().length() != 8) {
                throw new Refused("the credential scope date " + scope.date() + " is not the day of X-Amz-Date "
                        + amzDate);
            }
            Duration skew = Duration.between(signedAt, now).abs();
            if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
                throw new Refused("X-Amz-Date " + amzDate + " is " + skew.toSeconds() + " s from the gateway's clock ("
                        + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)) + "); at most "
                        + MAX_CLOCK_SKEW.toMinutes() + " minutes are allowed");
            }
            // IoT also accepts "connection;host" (what the CRT-based SDKs sign); the fixture checks the form
            // Tern sends, which is the one IoT documents.
            String signedHeaders = single(parameters, "X-Amz-SignedHeaders");
            if (!signedHeaders.equals("host")) {
                throw new Refused("X-Amz-SignedHeaders is " + signedHeaders + ", expected host");
            }
            List<String> tokens = all(parameters, "X-Amz-Security-Token");
            if (credentials.sessionToken() == null) {
                if (!tokens.isEmpty()) {
                    throw new Refused("X-Amz-Security-Token was sent, but access key " + scope.accessKeyId()
                            + " is long-term and has no session token");
                }
            } else if (tokens.isEmpty()) {
                throw new Refused("X-Amz-Security-Token is missing; access key " + scope.accessKeyId()
                        + " is temporary and needs its session token");
            } else if (tokens.size() > 1) {
                throw new Refused("X-Amz-Security-Token is given " + tokens.size() + " times");
            } else if (!tokens.get(0).equals(credentials.sessionToken())) {
                throw new Refused("X-Amz-Security-Token is not the session token of access key "
                        + scope.accessKeyId());
            }
            String signature = single(parameters, "X-Amz-Signature");
            List<Map.Entry<String, String>> hosts = new ArrayList<>();
            for (Map.Entry<String, String> header : headers) {
                if (header.getKey().equalsIgnoreCase("host")) {
                    hosts.add(header);
                }
            }
            if (hosts.size() != 1) {
                throw new Refused(hosts.isEmpty() ? "no Host header" : "more than one Host header");
            }

            List<Map.Entry<String, String>> signed = new ArrayList<>();
            for (Map.Entry<String, String> parameter : parameters) {
                if (!parameter.getKey().equals("X-Amz-Signature") && !parameter.getKey().equals("X-Amz-Security-Token")) {
                    signed.add(parameter);
                }
            }
            canonicalRequest = SigV4Verifier.canonicalRequest(method, SigV4Verifier.canonicalUri(decodedPath),
                    SigV4Verifier.canonicalQueryString(signed), SigV4Verifier.canonicalHeaders(hosts, signedHeaders),
                    signedHeaders, SigV4Verifier.EMPTY_PAYLOAD_SHA256);
            stringToSign = SigV4Verifier.stringToSign(amzDate,
                    SigV4Verifier.credentialScope(scope.date(), scope.region(), scope.service()), canonicalRequest);
            String expected = SigV4Verifier.signature(SigV4Verifier.signingKey(credentials.secretAccessKey(),
                    scope.date(), scope.region(), scope.service()), stringToSign);
            if (!expected.equals(signature)) {
                throw new Refused("the signature does not match. The canonical request was\n" + canonicalRequest
                        + "\n\nand the string to sign\n" + stringToSign);
            }
            return new Result(null, scope, canonicalRequest, stringToSign);
        } catch (Refused refused) {
            return new Result(refused.getMessage(), scope, canonicalRequest, stringToSign);
        }
    }

    private static String single(List<Map.Entry<String, String>> parameters, String name) throws Refused {
        List<String> values = all(parameters, name);
        if (values.isEmpty()) {
            throw new Refused(name + " is missing from the query string");
        }
        if (values.size() > 1) {
            throw new Refused(name + " is given " + values.size() + " times");
        }
        return values.get(0);
    }

    private static List<String> all(List<Map.Entry<String, String>> parameters, String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> parameter : parameters) {
            if (parameter.getKey().equals(name)) {
                values.add(parameter.getValue());
            }
        }
        return values;
    }
}
