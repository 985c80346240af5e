package dev.tern.mqtt5.aws.internal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SigV4 against AWS's published test suite (the "aws4_testsuite" values, as kept in awslabs/aws-c-auth
 * tests/aws-signing-test-suite/v4): access key AKIDEXAMPLE, region us-east-1, service "service",
 * 2015-08-30T12:36:00Z.
 */
class SigV4Test {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String SCOPE = "20150830/us-east-1/service/aws4_request";

    @Test
    void getVanillaHeaderSignedMatchesTheSuite() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "example.amazonaws.com");
        headers.put("X-Amz-Date", "20150830T123600Z");
        String canonical = SigV4.canonicalRequest("GET", "/", "", headers, SigV4.EMPTY_PAYLOAD_HASH);
        assertThat(canonical).isEqualTo("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                + "host;x-amz-date\n" + SigV4.EMPTY_PAYLOAD_HASH);
        String toSign = SigV4.stringToSign("20150830T123600Z", SCOPE, canonical);
        assertThat(toSign).endsWith("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
        assertThat(SigV4.signature(SECRET, "20150830", "us-east-1", "service", toSign))
                .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void getVanillaQueryOrderKeyCasePresignedMatchesTheSuite() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("Param2", "value2");
        query.put("Param1", "value1");
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", "AKIDEXAMPLE/" + SCOPE);
        query.put("X-Amz-Date", "20150830T123600Z");
        query.put("X-Amz-SignedHeaders", "host");
        String canonicalQuery = SigV4.canonicalQuery(query);
        String canonical = SigV4.canonicalRequest("GET", "/", canonicalQuery, Map.of("host", "example.amazonaws.com"),
                SigV4.EMPTY_PAYLOAD_HASH);
        // query-canonical-request.txt
        assertThat(canonical).isEqualTo("GET\n/\nParam1=value1&Param2=value2&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request"
                + "&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host\nhost:example.amazonaws.com\n\nhost\n"
                + SigV4.EMPTY_PAYLOAD_HASH);
        // query-string-to-sign.txt
        String toSign = SigV4.stringToSign("20150830T123600Z", SCOPE, canonical);
        assertThat(toSign).isEqualTo("AWS4-HMAC-SHA256\n20150830T123600Z\n" + SCOPE + "\n"
                + "eb1512f5ed1470925b7b1072c2108953680032d6bc3ccbef8eb7c6fdf1639827");
        // query-signed-request.txt of the same revision (e70d49e6, the presign form without X-Amz-Expires,
        // as IoT Core wants it; later revisions add X-Amz-Expires and so sign differently)
        assertThat(SigV4.signature(SECRET, "20150830", "us-east-1", "service", toSign))
                .isEqualTo("99fe619ddc7883a0738f7e90dc36a30badef2b551412ad283fd7338128bc73ac");
    }

    @Test
    void uriEncodingKeepsOnlyUnreservedCharacters() {
        assertThat(SigV4.uriEncode("a-b_c.d~e", true)).isEqualTo("a-b_c.d~e");
        assertThat(SigV4.uriEncode("a/b c+d=e", true)).isEqualTo("a%2Fb%20c%2Bd%3De");
        assertThat(SigV4.uriEncode("/mqtt/x y", false)).isEqualTo("/mqtt/x%20y");
        assertThat(SigV4.uriEncode("\u1234", true)).isEqualTo("%E1%88%B4");
    }

    @Test
    void theIotPresignLeavesTheTokenOutOfTheSignatureAndPutsItBeforeTheSignature() {
        Instant now = Instant.parse("2015-08-30T12:36:00Z");
        String withoutToken = SigV4.presignIotQuery("abc-ats.iot.us-east-1.amazonaws.com", "/mqtt", "us-east-1",
                "AKIDEXAMPLE", SECRET, null, now);
        String withToken = SigV4.presignIotQuery("abc-ats.iot.us-east-1.amazonaws.com", "/mqtt", "us-east-1",
                "AKIDEXAMPLE", SECRET, "token/with+chars=", now);
        assertThat(withoutToken).startsWith("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE"
                + "%2F20150830%2Fus-east-1%2Fiotdevicegateway%2Faws4_request&X-Amz-Date=20150830T123600Z"
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=");
        String signature = withoutToken.substring(withoutToken.indexOf("X-Amz-Signature=") + 16);
        assertThat(withToken).isEqualTo(withoutToken.replace("&X-Amz-Signature=",
                "&X-Amz-Security-Token=token%2Fwith%2Bchars%3D&X-Amz-Signature="));
        assertThat(withToken).endsWith("X-Amz-Signature=" + signature);
        assertThat(withoutToken).doesNotContain("X-Amz-Expires");
    }
}
