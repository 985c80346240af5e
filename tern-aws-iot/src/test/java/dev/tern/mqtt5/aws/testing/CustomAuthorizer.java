package dev.tern.mqtt5.aws.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The custom authorizer a gateway in a custom-auth mode knows: its name, and for a signing authorizer the
 * token key name, the token value and the (base64) signature of the token that the device must present.
 * IoT would verify the signature with the authorizer's public key and then call a Lambda; the fixture
 * compares with the configured values instead, which is what a test of the client needs.
 */
public final class CustomAuthorizer {

    private final String name;
    private final String tokenKeyName;
    private final String tokenValue;
    private final String signature;
    private final byte[] password;
    private final boolean isDefault;

    private CustomAuthorizer(String name, String tokenKeyName, String tokenValue, String signature, byte[] password,
            boolean isDefault) {
        this.name = name;
        this.tokenKeyName = tokenKeyName;
        this.tokenValue = tokenValue;
        this.signature = signature;
        this.password = password;
        this.isDefault = isDefault;
    }

    /** An authorizer without token signing: only its name is checked. */
    public static CustomAuthorizer unsigned(String name) {
        return new CustomAuthorizer(name, null, null, null, null, false);
    }

    /**
     * A signing authorizer: the username must carry {@code tokenKeyName=tokenValue} (compared as sent) and
     * {@code x-amz-customauthorizer-signature} whose URL-decoded value is {@code signature}.
     */
    public static CustomAuthorizer signing(String name, String tokenKeyName, String tokenValue, String signature) {
        return new CustomAuthorizer(name, tokenKeyName, tokenValue, signature, null, false);
    }

    /** The same authorizer, also requiring the CONNECT password to be exactly {@code expected}. */
    public CustomAuthorizer password(byte[] expected) {
        return new CustomAuthorizer(name, tokenKeyName, tokenValue, signature, expected.clone(), isDefault);
    }

    public CustomAuthorizer password(String expected) {
        return password(expected.getBytes(StandardCharsets.UTF_8));
    }

    /** The same authorizer as the endpoint's default one: a CONNECT may leave out its name. */
    public CustomAuthorizer asDefault() {
        return new CustomAuthorizer(name, tokenKeyName, tokenValue, signature, password, true);
    }

    public String name() {
        return name;
    }

    public boolean signs() {
        return signature != null;
    }

    /** Why IoT would refuse this CONNECT username and password, or null if it passes. */
    String refusal(String username, byte[] connectPassword) {
        if (username == null) {
            return "the CONNECT has no username; IoT reads the custom authorizer parameters from it";
        }
        CustomAuthUsername parsed = CustomAuthUsername.parse(username);
        if (parsed.hasSeveralQuestionMarks()) {
            return "the username has more than one '?': " + username;
        }
        List<String> names = parsed.parameters(CustomAuthUsername.AUTHORIZER_NAME);
        if (names.size() > 1) {
            return CustomAuthUsername.AUTHORIZER_NAME + " is given " + names.size() + " times";
        }
        if (names.isEmpty() && !isDefault) {
            return "the username names no " + CustomAuthUsername.AUTHORIZER_NAME
                    + " and the endpoint has no default authorizer";
        }
        if (!names.isEmpty() && !names.get(0).equals(name)) {
            return "no custom authorizer named " + names.get(0) + " (this endpoint has " + name + ")";
        }
        if (signs()) {
            List<String> tokens = parsed.parameters(tokenKeyName);
            if (tokens.size() != 1) {
                return "the token parameter " + tokenKeyName + " is given " + tokens.size() + " times";
            }
            if (!tokens.get(0).equals(tokenValue)) {
                return "the token " + tokenKeyName + "=" + tokens.get(0) + " is not the authorizer's token";
            }
            List<String> signatures = parsed.parameters(CustomAuthUsername.SIGNATURE);
            if (signatures.size() != 1) {
                return CustomAuthUsername.SIGNATURE + " is given " + signatures.size() + " times";
            }
            String raw = signatures.get(0);
            for (char c : new char[] {'+', '/', '='}) {
                if (raw.indexOf(c) >= 0) {
                    return CustomAuthUsername.SIGNATURE + " is not URL-encoded: it contains '" + c + "'";
                }
            }
            String decoded;
            try {
                decoded = SigV4Verifier.percentDecode(raw);
            } catch (IllegalArgumentException e) {
                return CustomAuthUsername.SIGNATURE + " is not valid URL-encoding: " + e.getMessage();
            }
            if (!decoded.equals(signature)) {
                return "the token signature " + decoded + " does not verify";
            }
        }
        if (password != null && !Arrays.equals(password, connectPassword)) {
            return "the CONNECT password is not the one the authorizer expects";
        }
        return null;
    }

    @Override
    public String toString() {
        return "CustomAuthorizer{" + name + (signs() ? ", signing, token key " + tokenKeyName : "")
                + (isDefault ? ", default" : "") + "}";
    }
}
