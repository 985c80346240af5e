package dev.tern.mqtt5.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keeps README code blocks and the tests that run them identical: a block after
 * {@code <!-- snippet: NAME -->} in README.md must equal the lines between {@code // snippet:start NAME}
 * and {@code // snippet:end NAME} in a test source (indentation aside).
 */
public final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    /** The README block named {@code name}, normalised. */
    public static String readme(String name) {
        String readme = read(Path.of("../README.md"));
        String marker = "<!-- snippet: " + name + " -->";
        int at = readme.indexOf(marker);
        if (at < 0) {
            throw new AssertionError("README.md has no " + marker);
        }
        int start = readme.indexOf("```java", at) + "```java".length();
        return normalize(readme.substring(start, readme.indexOf("```", start)));
    }

    /** The test source region named {@code name} in {@code source} (relative to the module), normalised. */
    public static String source(Path source, String name) {
        String text = read(source);
        String start = "// snippet:start " + name;
        String end = "// snippet:end " + name;
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < 0) {
            throw new AssertionError(source + " has no snippet " + name);
        }
        return normalize(text.substring(text.indexOf('\n', from) + 1, to));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Strips the common indentation and blank edges. */
    public static String normalize(String code) {
        List<String> lines = code.lines().collect(Collectors.toList());
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    }
}
