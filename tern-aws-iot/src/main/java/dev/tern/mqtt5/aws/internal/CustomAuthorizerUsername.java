package dev.tern.mqtt5.aws.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The CONNECT user name AWS IoT Core's custom authentication reads:
 * {@code user?x-amz-customauthorizer-name=N&<tokenKey>=<tokenValue>&x-amz-customauthorizer-signature=S}
 * (the last two for signing authorizers), and the SDK metrics parameters {@code SDK=…&Version=…} that IoT
 * reads after the last '?'.
 *
 * <p>Joined as the AWS SDK for JavaScript does it: the user's own name and query parameters come first,
 * in order; a user name with more than one '?' is refused. Unlike the official Java builder, a user name
 * the caller set is kept, and the authorizer name never lands before the '?'.
 */
public final class CustomAuthorizerUsername {

    public static final String AUTHORIZER_NAME = "x-amz-customauthorizer-name";
    public static final String AUTHORIZER_SIGNATURE = "x-amz-customauthorizer-signature";

    private CustomAuthorizerUsername() {
    }

    /**
     * The user name with the custom authorizer's parameters.
     *
     * @param username the caller's user name, possibly with its own query parameters; null for none
     * @param authorizerName null to use the endpoint's default authorizer
     * @param signature null for an unsigned authorizer; URL-encoded here unless it already contains '%'
     * @throws IllegalArgumentException if the user name has more than one '?', or already carries an
     *     authorizer parameter (pass the plain user name: the builder adds them)
     */
    public static String compose(String username, String authorizerName, String tokenKeyName, String tokenValue,
            String signature) {
        String base = username == null ? "" : username;
        int question = base.indexOf('?');
        if (question >= 0 && base.indexOf('?', question + 1) >= 0) {
            throw new IllegalArgumentException("username may contain at most one '?'");
        }
        String path = question < 0 ? base : base.substring(0, question);
        List<String> parameters = new ArrayList<>();
        if (question >= 0) {
            for (String pair : base.substring(question + 1).split("&")) {
                if (!pair.isEmpty()) {
                    if (pair.startsWith(AUTHORIZER_NAME + "=") || pair.startsWith(AUTHORIZER_SIGNATURE + "=")) {
                        throw new IllegalArgumentException("username already carries " + pair.substring(0,
                                pair.indexOf('=')) + "; pass the plain user name, the builder adds the authorizer"
                                + " parameters");
                    }
                    parameters.add(pair);
                }
            }
        }
        if (authorizerName != null) {
            parameters.add(AUTHORIZER_NAME + "=" + authorizerName);
        }
        if (signature != null) {
            parameters.add(tokenKeyName + "=" + tokenValue);
            parameters.add(AUTHORIZER_SIGNATURE + "=" + (signature.indexOf('%') >= 0
                    ? signature : SigV4.uriEncode(signature, true)));
        }
        return parameters.isEmpty() ? path : path + "?" + String.join("&", parameters);
    }

    /** Appends the SDK metrics parameters after the last query, or as the query if there is none. */
    public static String withMetrics(String username, String sdkName, String sdkVersion) {
        String base = username == null ? "" : username;
        String metrics = "SDK=" + sdkName + "&Version=" + sdkVersion;
        return base + (base.indexOf('?') >= 0 ? "&" : "?") + metrics;
    }
}
