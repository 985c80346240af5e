package dev.tern.mqtt5.aws.testing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SigV4Verifier} against AWS's published SigV4 test suite, as kept in awslabs/aws-c-auth under
 * {@code tests/aws-signing-test-suite/v4/<case>/} (the signer the AWS IoT device SDKs run on). The query
 * ("presigned") variants used are those of commit e70d49e6f00bf019b129b34b7a8d6581fdde67fa, which carry no
 * {@code X-Amz-Expires} (later versions add one) — the form IoT's WebSocket upgrade takes. Every case signs
 * {@code GET} on host {@code example.amazonaws.com} with access key {@code AKIDEXAMPLE}, secret
 * {@code wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY}, region {@code us-east-1}, service {@code service},
 * at {@code 20150830T123600Z}.
 */
class SigV4VerifierTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String DATE = "20150830";
    private static final String AMZ_DATE = "20150830T123600Z";
    private static final String SCOPE = "20150830/us-east-1/service/aws4_request";
    private static final List<Map.Entry<String, String>> HOST = List.of(Map.entry("Host", "example.amazonaws.com"));
    /** The presigning parameters every query case has, as sent (before the signature). */
    private static final String PRESIGN = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request"
            + "&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host";

    private static byte[] signingKey() {
        return SigV4Verifier.signingKey(SECRET, DATE, "us-east-1", "service");
    }

    /** What the gateway does with an arriving presigned query: everything but the signature is signed. */
    private static String canonicalRequestOfPresigned(String path, String rawQuery) {
        List<Map.Entry<String, String>> signed = new ArrayList<>();
        for (Map.Entry<String, String> parameter : SigV4Verifier.parseQuery(rawQuery)) {
            if (!parameter.getKey().equals("X-Amz-Signature")) {
                signed.add(parameter);
            }
        }
        return SigV4Verifier.canonicalRequest("GET", SigV4Verifier.canonicalUri(path),
                SigV4Verifier.canonicalQueryString(signed), SigV4Verifier.canonicalHeaders(HOST, "host"), "host",
                SigV4Verifier.EMPTY_PAYLOAD_SHA256);
    }

    /** get-vanilla-query/header-signed-request.txt: GET / signed in the Authorization header. */
    @Test
    void getVanillaInTheAuthorizationHeader() {
        List<Map.Entry<String, String>> headers = List.of(Map.entry("Host", "example.amazonaws.com"),
                Map.entry("X-Amz-Date", AMZ_DATE));
        String canonicalRequest = SigV4Verifier.canonicalRequest("GET", SigV4Verifier.canonicalUri("/"), "",
                SigV4Verifier.canonicalHeaders(headers, "host;x-amz-date"), "host;x-amz-date",
                SigV4Verifier.EMPTY_PAYLOAD_SHA256);

        assertThat(canonicalRequest).isEqualTo("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                + "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(SigV4Verifier.signature(signingKey(), SigV4Verifier.stringToSign(AMZ_DATE, SCOPE, canonicalRequest)))
                .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    /** get-vanilla/query-string-to-sign.txt: GET / presigned, nothing else in the query. */
    @Test
    void getVanillaPresigned() {
        String canonicalRequest = canonicalRequestOfPresigned("/", PRESIGN);

        assertThat(SigV4Verifier.stringToSign(AMZ_DATE, SCOPE, canonicalRequest)).isEqualTo(
                "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                        + "50e4af3247eb1fc9666ecb6ddd6837244e375e11e3ac919f08e01ee0a03c1d56");
    }

    /**
     * get-vanilla-query-order-key-case: parameters sent out of order (Param2 before Param1) are sorted;
     * canonical request, string to sign and signature as published.
     */
    @Test
    void getVanillaQueryOrderKeyCasePresigned() {
        String sent = "Param2=value2&Param1=value1&" + PRESIGN
                + "&X-Amz-Signature=99fe619ddc7883a0738f7e90dc36a30badef2b551412ad283fd7338128bc73ac";

        String canonicalRequest = canonicalRequestOfPresigned("/", sent);
        String stringToSign = SigV4Verifier.stringToSign(AMZ_DATE, SCOPE, canonicalRequest);

        assertThat(canonicalRequest).isEqualTo("GET\n/\nParam1=value1&Param2=value2&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request"
                + "&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host\nhost:example.amazonaws.com\n\nhost\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(stringToSign).isEqualTo("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "eb1512f5ed1470925b7b1072c2108953680032d6bc3ccbef8eb7c6fdf1639827");
        assertThat(SigV4Verifier.signature(signingKey(), stringToSign))
                .isEqualTo("99fe619ddc7883a0738f7e90dc36a30badef2b551412ad283fd7338128bc73ac");
    }

    /** get-vanilla-query-unreserved: the unreserved characters are left alone in names and values. */
    @Test
    void getVanillaQueryUnreservedPresigned() {
        String unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        String canonicalRequest = canonicalRequestOfPresigned("/", unreserved + "=" + unreserved + "&" + PRESIGN);

        assertThat(canonicalRequest.split("\n")[2]).isEqualTo(unreserved + "=" + unreserved + "&" + PRESIGN);
        assertThat(SigV4Verifier.signature(signingKey(), SigV4Verifier.stringToSign(AMZ_DATE, SCOPE, canonicalRequest)))
                .isEqualTo("7c81fc3287ef0d38eae1d9ed8d84da9764b6aa18fbb26254e299608759ca65ba");
    }

    /**
     * get-vanilla-utf8-query: a UTF-8 parameter name (U+1234) is percent-encoded byte by byte, and sorted
     * by its bytes before encoding: after the X-Amz parameters, not before them as "%E1..." would be.
     */
    @Test
    void getVanillaUtf8QueryPresigned() {
        String canonicalRequest = canonicalRequestOfPresigned("/", "%E1%88%B4=bar&" + PRESIGN);

        assertThat(canonicalRequest.split("\n")[2]).isEqualTo(PRESIGN + "&%E1%88%B4=bar");
        assertThat(SigV4Verifier.signature(signingKey(), SigV4Verifier.stringToSign(AMZ_DATE, SCOPE, canonicalRequest)))
                .isEqualTo("744d3ed2602ad487c23c17b99e828f3513dafbfc990552a13703fdc3f2ef1248");
    }

    /** get-utf8/query-canonical-request.txt: a UTF-8 path segment is percent-encoded byte by byte. */
    @Test
    void getUtf8Path() {
        assertThat(SigV4Verifier.canonicalUri("/\u1234")).isEqualTo("/%E1%88%B4");
        assertThat(SigV4Verifier.canonicalUri("/mqtt")).isEqualTo("/mqtt");
        assertThat(SigV4Verifier.canonicalUri("")).isEqualTo("/");
    }

    @Test
    void uriEncodingKeepsOnlyTheUnreservedCharacters() {
        assertThat(SigV4Verifier.uriEncode("a b+c/d=e~f_g-h.i*", true)).isEqualTo("a%20b%2Bc%2Fd%3De~f_g-h.i%2A");
        assertThat(SigV4Verifier.uriEncode("/a b/", false)).isEqualTo("/a%20b/");
        assertThat(SigV4Verifier.uriEncode("\u00e9", true)).isEqualTo("%C3%A9");
    }

    @Test
    void queryParsingDecodesPercentEscapesButNotPlus() {
        assertThat(SigV4Verifier.parseQuery("a=1%2F2&b=x+y&c&d=%c3%a9&&e="))
                .containsExactly(Map.entry("a", "1/2"), Map.entry("b", "x+y"), Map.entry("c", ""),
                        Map.entry("d", "\u00e9"), Map.entry("e", ""));
        assertThatThrownBy(() -> SigV4Verifier.parseQuery("a=%2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigV4Verifier.parseQuery("a=%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void canonicalHeadersLowerCaseTrimAndJoin() {
        List<Map.Entry<String, String>> headers = List.of(Map.entry("Host", "  example.com:8443 "),
                Map.entry("X-Multi", "a   b"), Map.entry("x-multi", "c"));

        assertThat(SigV4Verifier.canonicalHeaders(headers, "host;x-multi"))
                .isEqualTo("host:example.com:8443\nx-multi:a b,c\n");
        assertThatThrownBy(() -> SigV4Verifier.canonicalHeaders(headers, "host;x-amz-date"))
                .hasMessageContaining("x-amz-date");
    }
}
