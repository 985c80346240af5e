package dev.tern.mqtt5.aws.internal;

/** Facts read off an AWS IoT Core endpoint name. */
public final class IotEndpoints {

    private IotEndpoints() {
    }

    /**
     * The region of {@code <prefix>.iot.<region>.amazonaws.com} (or {@code .amazonaws.com.cn}): the label
     * after {@code iot}; null if the endpoint does not have that form (custom domains, VPC endpoints).
     */
    public static String regionOf(String endpoint) {
        String[] labels = endpoint.toLowerCase(java.util.Locale.ROOT).split("\\.");
        for (int i = 0; i + 2 < labels.length; i++) {
            if (labels[i].equals("iot") && labels[i + 2].equals("amazonaws")
                    && labels[i + 1].matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
                return labels[i + 1];
            }
        }
        return null;
    }
}
