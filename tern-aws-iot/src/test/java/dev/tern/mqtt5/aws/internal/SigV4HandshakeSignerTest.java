package dev.tern.mqtt5.aws.internal;

import dev.tern.mqtt5.transport.WebSocketHandshakeRequest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigV4HandshakeSignerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:20:30Z"), ZoneOffset.UTC);

    @Test
    void theUpgradeIsPresignedInTheQueryWithTheTokenAfterTheSignedPart() {
        SigV4HandshakeSigner signer = new SigV4HandshakeSigner("us-east-1", StaticCredentialsProvider.create(
                AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "tok+en/=")), CLOCK, false);
        WebSocketHandshakeRequest signed = signer.transform(WebSocketHandshakeRequest.builder(
                "abc-ats.iot.us-east-1.amazonaws.com", 443, true).path("/mqtt").build()).join();
        assertThat(signed.path()).isEqualTo("/mqtt");
        assertThat(signed.query()).matches("X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIDEXAMPLE%2F20261125%2Fus-east-1%2Fiotdevicegateway%2Faws4_request"
                + "&X-Amz-Date=20261125T102030Z&X-Amz-SignedHeaders=host"
                + "&X-Amz-Security-Token=tok%2Ben%2F%3D&X-Amz-Signature=[0-9a-f]{64}");
        Map<String, String> query = SigV4.parseQuery(signed.query());
        // Recompute the way IoT Core does: everything but the signature and the token is signed.
        String signature = query.remove("X-Amz-Signature");
        query.remove("X-Amz-Security-Token");
        String canonical = SigV4.canonicalRequest("GET", "/mqtt", SigV4.canonicalQuery(query),
                Map.of("host", "abc-ats.iot.us-east-1.amazonaws.com"), SigV4.EMPTY_PAYLOAD_HASH);
        String toSign = SigV4.stringToSign("20261125T102030Z", "20261125/us-east-1/iotdevicegateway/aws4_request",
                canonical);
        assertThat(signature).isEqualTo(SigV4.signature("secret", "20261125", "us-east-1", "iotdevicegateway",
                toSign));
    }

    @Test
    void aNonDefaultPortIsPartOfTheSignedHost() {
        SigV4HandshakeSigner signer = new SigV4HandshakeSigner("us-east-1", StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), CLOCK, false);
        WebSocketHandshakeRequest request = WebSocketHandshakeRequest.builder("localhost", 8443, true).path("/mqtt")
                .build();
        Map<String, String> query = SigV4.parseQuery(signer.transform(request).join().query());
        assertThat(query).doesNotContainKey("X-Amz-Security-Token");
        String signature = query.remove("X-Amz-Signature");
        String canonical = SigV4.canonicalRequest("GET", "/mqtt", SigV4.canonicalQuery(query),
                Map.of("host", "localhost:8443"), SigV4.EMPTY_PAYLOAD_HASH);
        assertThat(signature).isEqualTo(SigV4.signature("secret", "20261125", "us-east-1", "iotdevicegateway",
                SigV4.stringToSign("20261125T102030Z", "20261125/us-east-1/iotdevicegateway/aws4_request",
                        canonical)));
    }

    @Test
    void credentialsAreFetchedForEveryAttempt() {
        AtomicInteger calls = new AtomicInteger();
        SigV4HandshakeSigner signer = new SigV4HandshakeSigner("us-east-1", () -> AwsBasicCredentials.create(
                "AKID" + calls.incrementAndGet(), "secret"), CLOCK, false);
        WebSocketHandshakeRequest request = WebSocketHandshakeRequest.builder("h", 443, true).path("/mqtt").build();
        assertThat(signer.transform(request).join().query()).contains("AKID1%2F");
        assertThat(signer.transform(request).join().query()).contains("AKID2%2F");
    }

    @Test
    void expiringCredentialsMarkTheConnectionOnlyWhenAskedTo() {
        java.time.Instant expiry = Instant.parse("2026-11-25T11:20:30Z");
        StaticCredentialsProvider provider = StaticCredentialsProvider.create(AwsSessionCredentials.builder()
                .accessKeyId("AKID").secretAccessKey("secret").sessionToken("token").expirationTime(expiry).build());
        WebSocketHandshakeRequest request = WebSocketHandshakeRequest.builder("h", 443, true).path("/mqtt").build();
        assertThat(new SigV4HandshakeSigner("us-east-1", provider, CLOCK, true).transform(request).join()
                .validUntil()).isEqualTo(expiry);
        assertThat(new SigV4HandshakeSigner("us-east-1", provider, CLOCK, false).transform(request).join()
                .validUntil()).isNull();
        assertThat(new SigV4HandshakeSigner("us-east-1", StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKID", "secret")), CLOCK, true).transform(request).join().validUntil())
                .as("long-term keys do not expire").isNull();
    }

    @Test
    void aFailingProviderFailsTheAttemptWithoutLeakingSecrets() {
        SigV4HandshakeSigner signer = new SigV4HandshakeSigner("us-east-1", () -> {
            throw new IllegalStateException("no profile found");
        }, CLOCK, false);
        WebSocketHandshakeRequest request = WebSocketHandshakeRequest.builder("h", 443, true).path("/mqtt").build();
        assertThatThrownBy(() -> signer.transform(request).join()).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("no profile found")
                .cause().hasMessageContaining("gave no credentials");
    }
}
