package dev.tern.mqtt5.aws.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4, as much as signing a WebSocket upgrade needs, on the JDK's HMAC-SHA256:
 * canonical request, string to sign, signing key, signature — and the presigned query string AWS IoT
 * Core expects for {@code wss://<endpoint>/mqtt} (service {@code iotdevicegateway}, signed header
 * {@code host}, no {@code X-Amz-Expires}, and the session token added after signing, outside the
 * canonical request).
 *
 * <p>See "Create a signed AWS API request" in the IAM user guide, and the IoT developer guide's
 * "MQTT over the WebSocket protocol". Stateless and thread-safe.
 */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String IOT_SERVICE = "iotdevicegateway";
    /** SHA-256 of the empty string: the payload hash of a request without a body. */
    public static final String EMPTY_PAYLOAD_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private SigV4() {
    }

    /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC. */
    public static String amzDate(Instant instant) {
        return AMZ_DATE.format(instant);
    }

    /**
     * The query string of an IoT Core WebSocket upgrade, presigned: {@code X-Amz-Algorithm},
     * {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code X-Amz-SignedHeaders}, then
     * {@code X-Amz-Security-Token} when there is a session token, then {@code X-Amz-Signature}.
     *
     * @param hostHeader the {@code Host} header exactly as sent (the endpoint, with {@code :port} unless 443)
     * @param path the request path, e.g. {@code /mqtt}
     */
    public static String presignIotQuery(String hostHeader, String path, String region, String accessKeyId,
            String secretAccessKey, String sessionToken, Instant now) {
        return presignIotQuery(hostHeader, path, Map.of(), region, accessKeyId, secretAccessKey, sessionToken, now);
    }

    /** As above, for a request that already has query parameters (decoded), which are signed too. */
    public static String presignIotQuery(String hostHeader, String path, Map<String, String> parameters,
            String region, String accessKeyId, String secretAccessKey, String sessionToken, Instant now) {
        String amzDate = amzDate(now);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/" + IOT_SERVICE + "/aws4_request";
        Map<String, String> query = new TreeMap<>(parameters);
        query.put("X-Amz-Algorithm", ALGORITHM);
        query.put("X-Amz-Credential", accessKeyId + "/" + scope);
        query.put("X-Amz-Date", amzDate);
        query.put("X-Amz-SignedHeaders", "host");
        String canonicalQuery = canonicalQuery(query);
        String canonicalRequest = canonicalRequest("GET", path, canonicalQuery,
                Map.of("host", hostHeader), EMPTY_PAYLOAD_HASH);
        String signature = signature(secretAccessKey, date, region, IOT_SERVICE,
                stringToSign(amzDate, scope, canonicalRequest));
        StringBuilder out = new StringBuilder(canonicalQuery);
        if (sessionToken != null && !sessionToken.isEmpty()) {
            out.append("&X-Amz-Security-Token=").append(uriEncode(sessionToken, true));
        }
        return out.append("&X-Amz-Signature=").append(signature).toString();
    }

    /** Decodes a raw query string ({@code a=1&b=x%20y}) into its parameters, in order. */
    public static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(java.net.URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** Parameters sorted by encoded name (then value), each {@code name=value} URI-encoded, joined by &. */
    public static String canonicalQuery(Map<String, String> parameters) {
        List<String[]> encoded = new ArrayList<>(parameters.size());
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            encoded.add(new String[] {uriEncode(e.getKey(), true), uriEncode(e.getValue(), true)});
        }
        encoded.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder sb = new StringBuilder();
        for (String[] pair : encoded) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(pair[0]).append('=').append(pair[1]);
        }
        return sb.toString();
    }

    /**
     * The canonical request: method, URI-encoded path (slashes kept), canonical query, the headers
     * (names lower-cased, sorted, values trimmed), the signed header names, and the payload hash.
     */
    public static String canonicalRequest(String method, String path, String canonicalQuery,
            Map<String, String> headers, String payloadHash) {
        TreeMap<String, String> sorted = new TreeMap<>();
        headers.forEach((name, value) -> sorted.put(name.toLowerCase(java.util.Locale.ROOT),
                value.trim().replaceAll(" +", " ")));
        StringBuilder sb = new StringBuilder(256).append(method).append('\n')
                .append(uriEncode(path, false)).append('\n')
                .append(canonicalQuery).append('\n');
        sorted.forEach((name, value) -> sb.append(name).append(':').append(value).append('\n'));
        sb.append('\n').append(String.join(";", sorted.keySet())).append('\n').append(payloadHash);
        return sb.toString();
    }

    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
    }

    /** The signature of {@code stringToSign} with the key derived for date, region and service. */
    public static String signature(String secretAccessKey, String date, String region, String service,
            String stringToSign) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /**
     * SigV4 URI encoding: unreserved characters ({@code A-Z a-z 0-9 - _ . ~}) kept, everything else as
     * {@code %XX} of its UTF-8 bytes with upper-case hex; '/' kept in paths when {@code encodeSlash} is
     * false.
     */
    public static String uriEncode(String value, boolean encodeSlash) {
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xF]);
            }
        }
        return sb.toString();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
