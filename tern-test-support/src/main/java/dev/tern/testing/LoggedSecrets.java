package dev.tern.testing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * What must never reach a log line or an exception message: the secret values tests and fixtures use
 * (registered with {@link #register}) and the shapes of secrets whatever their value (PEM private keys,
 * HTTP basic credentials, SigV4 signatures and session tokens). {@link LogSecretScanner} checks every log
 * event of the suite — at DEBUG for Tern's loggers — against them; {@link LoggedSecretsExtension} fails the
 * test during which one appeared.
 */
public final class LoggedSecrets {

    /** Shorter values would match innocent text by chance; fixtures use longer ones. */
    private static final int MIN_LENGTH = 6;

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----"),
            Pattern.compile("(?i)(?:proxy-)?authorization:\\s*basic\\s+[A-Za-z0-9+/=]{4,}"),
            Pattern.compile("(?i)x-amz-signature=[0-9a-f]{16,}"),
            Pattern.compile("(?i)x-amz-security-token=[^&\\s]{8,}"));

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final List<String> FOUND = new CopyOnWriteArrayList<>();

    private LoggedSecrets() {
    }

    /** Declares {@code secret} (a password, a token, key material in text form) as never to be logged. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            SECRETS.add(secret);
        }
    }

    /** Declares a password held as characters. */
    public static void register(char[] secret) {
        if (secret != null) {
            register(new String(secret));
        }
    }

    /** Checks one log line (message and throwable text); records what it finds, never the secret itself. */
    static void check(String where, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String secret : SECRETS) {
            if (text.contains(secret)) {
                FOUND.add(where + ": a registered secret (" + secret.length() + " characters, starting '"
                        + secret.charAt(0) + "')");
            }
        }
        for (Pattern shape : SHAPES) {
            if (shape.matcher(text).find()) {
                FOUND.add(where + ": text shaped like a secret (" + shape.pattern() + ")");
            }
        }
    }

    /** Takes what was found since the last call (the extension does; the scanner's own test too). */
    public static List<String> drain() {
        List<String> found = List.copyOf(FOUND);
        FOUND.clear();
        return found;
    }
}
