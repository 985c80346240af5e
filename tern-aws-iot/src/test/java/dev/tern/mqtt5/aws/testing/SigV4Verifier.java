package dev.tern.mqtt5.aws.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS Signature Version 4, written from the AWS documentation as the independent check of a client's
 * signer: the pieces a server needs to recompute a signature (canonical request, string to sign, signing
 * key, signature) as pure functions, plus the percent-decoding and -encoding around them. Nothing here
 * knows about AWS IoT; {@link SigV4UpgradeCheck} applies it to IoT's presigned WebSocket upgrade.
 *
 * <pre>
 * CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload
 *   (CanonicalHeaders is one "name:value\n" line per signed header, so an empty line follows it)
 * StringToSign     = "AWS4-HMAC-SHA256" \n X-Amz-Date \n CredentialScope \n Hex(SHA256(CanonicalRequest))
 * CredentialScope  = yyyymmdd/region/service/aws4_request
 * SigningKey       = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyymmdd), region), service), "aws4_request")
 * Signature        = Hex(HMAC(SigningKey, StringToSign))
 * </pre>
 */
public final class SigV4Verifier {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String TERMINATOR = "aws4_request";
    /** Hex(SHA256("")): the payload hash of a request without a body (a WebSocket upgrade). */
    public static final String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private SigV4Verifier() {
    }

    // ---- encoding ------------------------------------------------------------------------------------

    /**
     * SigV4's UriEncode: every byte of the UTF-8 form is kept if it is unreserved ({@code A-Z a-z 0-9 - _ . ~})
     * and written as {@code %XY} (upper-case hex) otherwise; a space is {@code %20}, never {@code +}. A slash
     * is kept only if {@code encodeSlash} is false (paths); in query names and values it is {@code %2F}.
     */
    public static String uriEncode(String value, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes {@code %XY} escapes (either case of hex) as UTF-8. A {@code +} stays a plus sign: query strings
     * built for SigV4 encode a space as {@code %20}, and reading {@code +} as a space would hide a client that
     * sends an unencoded {@code +} (a base64 token, say).
     *
     * @throws IllegalArgumentException on a {@code %} not followed by two hex digits
     */
    public static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("incomplete percent escape at " + i + " in " + raw);
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("invalid percent escape at " + i + " in " + raw);
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    encoded = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The parameters of a raw query string (without '?'), in the order sent, names and values
     * percent-decoded. A parameter without '=' has an empty value; empty pieces ({@code a=1&&b=2}) are skipped.
     */
    public static List<Map.Entry<String, String>> parseQuery(String rawQuery) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String piece : rawQuery.split("&", -1)) {
            if (piece.isEmpty()) {
                continue;
            }
            int equals = piece.indexOf('=');
            String name = equals < 0 ? piece : piece.substring(0, equals);
            String value = equals < 0 ? "" : piece.substring(equals + 1);
            parameters.add(Map.entry(percentDecode(name), percentDecode(value)));
        }
        return parameters;
    }

    // ---- canonical request ---------------------------------------------------------------------------

    /**
     * The canonical URI of a decoded absolute path: each segment URI-encoded, slashes kept, "/" for an empty
     * path. (Services other than S3 encode the path a second time; for {@code /mqtt} either way gives
     * {@code /mqtt}, and the published test vectors used here encode once.)
     */
    public static String canonicalUri(String decodedPath) {
        if (decodedPath == null || decodedPath.isEmpty()) {
            return "/";
        }
        return uriEncode(decodedPath, false);
    }

    /**
     * The canonical query string of decoded {@code parameters}: each name and value URI-encoded, joined as
     * {@code name=value} (also when the value is empty) with '&amp;', sorted by name and then by value. Names are
     * compared by their UTF-8 bytes before encoding, as AWS's own signer and its published test suite do
     * ({@code X-Amz-Date} sorts before {@code ሴ}, though {@code %E1%88%B4} would sort first).
     */
    public static String canonicalQueryString(List<Map.Entry<String, String>> parameters) {
        Comparator<byte[]> bytes = Arrays::compareUnsigned;
        List<Map.Entry<String, String>> sorted = new ArrayList<>(parameters);
        sorted.sort(Comparator.<Map.Entry<String, String>, byte[]>comparing(e -> utf8(e.getKey()), bytes)
                .thenComparing(e -> utf8(e.getValue()), bytes));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> parameter : sorted) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(uriEncode(parameter.getKey(), true)).append('=').append(uriEncode(parameter.getValue(), true));
        }
        return out.toString();
    }

    /**
     * The canonical headers of {@code headers} restricted to {@code signedHeaders} (';'-separated, lower
     * case): "name:value\n" per header, names lower-cased and sorted, values trimmed with inner runs of
     * spaces collapsed, repeated headers joined with ','.
     *
     * @throws IllegalArgumentException if a signed header is not among {@code headers}
     */
    public static String canonicalHeaders(List<Map.Entry<String, String>> headers, String signedHeaders) {
        Map<String, List<String>> byName = new TreeMap<>();
        for (Map.Entry<String, String> header : headers) {
            byName.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(header.getValue().trim().replaceAll(" +", " "));
        }
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders.split(";", -1)) {
            List<String> values = byName.get(name);
            if (values == null) {
                throw new IllegalArgumentException("signed header " + name + " is not in the request");
            }
            out.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        return out.toString();
    }

    /** The canonical request; {@code canonicalHeaders} ends with '\n' (see {@link #canonicalHeaders}). */
    public static String canonicalRequest(String method, String canonicalUri, String canonicalQueryString,
            String canonicalHeaders, String signedHeaders, String payloadHash) {
        return method + '\n' + canonicalUri + '\n' + canonicalQueryString + '\n' + canonicalHeaders + '\n'
                + signedHeaders + '\n' + payloadHash;
    }

    // ---- string to sign, key, signature ---------------------------------------------------------------

    /** {@code yyyymmdd/region/service/aws4_request}. */
    public static String credentialScope(String date, String region, String service) {
        return date + '/' + region + '/' + service + '/' + TERMINATOR;
    }

    public static String stringToSign(String amzDate, String credentialScope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + credentialScope + '\n' + sha256Hex(canonicalRequest);
    }

    public static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] key = hmac(utf8("AWS4" + secretAccessKey), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, TERMINATOR);
    }

    /** Lower-case hex of HMAC-SHA256(signingKey, stringToSign). */
    public static String signature(byte[] signingKey, String stringToSign) {
        return hex(hmac(signingKey, stringToSign));
    }

    public static String sha256Hex(String text) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(utf8(text)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(utf8(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
