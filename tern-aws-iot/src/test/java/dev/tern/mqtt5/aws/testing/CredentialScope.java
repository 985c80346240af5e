package dev.tern.mqtt5.aws.testing;

/** The parts of a SigV4 {@code X-Amz-Credential}: {@code <access key id>/<yyyymmdd>/<region>/<service>/aws4_request}. */
public record CredentialScope(String accessKeyId, String date, String region, String service, String terminator) {

    @Override
    public String toString() {
        return accessKeyId + "/" + date + "/" + region + "/" + service + "/" + terminator;
    }
}
