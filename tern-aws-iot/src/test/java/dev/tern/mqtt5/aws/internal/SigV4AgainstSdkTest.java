package dev.tern.mqtt5.aws.internal;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tern's SigV4 core against the AWS SDK for Java v2's own signer, for a token-less presign of the IoT
 * WebSocket request. The SDK's presigner always adds X-Amz-Expires (IoT's form has none), so the
 * comparison signs the SDK's exact parameter set with Tern's functions and expects the SDK's signature.
 */
class SigV4AgainstSdkTest {

    @SuppressWarnings("deprecation")
    @Test
    void ternSignsTheSdksPresignedRequestToTheSameSignature() {
        Instant now = Instant.parse("2026-11-25T10:15:30Z");
        String host = "a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com";
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).protocol("https")
                .host(host).encodedPath("/mqtt").build();
        Aws4PresignerParams params = Aws4PresignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .signingName(SigV4.IOT_SERVICE)
                .signingRegion(Region.EU_WEST_1)
                .signingClockOverride(Clock.fixed(now, ZoneOffset.UTC))
                .expirationTime(now.plusSeconds(3600))
                .build();
        SdkHttpFullRequest presigned = Aws4Signer.create().presign(request, params);

        Map<String, List<String>> sdkQuery = presigned.rawQueryParameters();
        String sdkSignature = sdkQuery.get("X-Amz-Signature").get(0);
        Map<String, String> signedParameters = new TreeMap<>();
        sdkQuery.forEach((name, values) -> {
            if (!name.equals("X-Amz-Signature")) {
                signedParameters.put(name, values.get(0));
            }
        });
        assertThat(signedParameters).containsKeys("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
                "X-Amz-SignedHeaders", "X-Amz-Expires");
        String signedHeaders = signedParameters.get("X-Amz-SignedHeaders");
        assertThat(signedHeaders).isEqualTo("host");

        String amzDate = SigV4.amzDate(now);
        String scope = amzDate.substring(0, 8) + "/eu-west-1/" + SigV4.IOT_SERVICE + "/aws4_request";
        String canonical = SigV4.canonicalRequest("GET", "/mqtt", SigV4.canonicalQuery(signedParameters),
                Map.of("host", host), SigV4.EMPTY_PAYLOAD_HASH);
        String ternSignature = SigV4.signature("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", amzDate.substring(0, 8),
                "eu-west-1", SigV4.IOT_SERVICE, SigV4.stringToSign(amzDate, scope, canonical));
        assertThat(ternSignature).isEqualTo(sdkSignature);
    }
}
