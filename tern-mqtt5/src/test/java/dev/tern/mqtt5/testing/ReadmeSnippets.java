package dev.tern.mqtt5.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps README code blocks and the tests that run them identical: a block after
 * {@code <!-- snippet: NAME -->} in README.md must equal the lines between {@code // snippet:start NAME}
 * and {@code // snippet:end NAME} in a test source (indentation aside).
 *
 * <p>{@link #problems} checks that rule for whole documents at once (every {@code ```java} block marked,
 * every marked block equal to exactly one region): the drift guard of the docs. A region may end inside
 * blocks it opened (so that the test can assert before a {@code try} closes); the document then shows the
 * region followed by one line holding only a closing brace per block left open, and nothing else.
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

    /** A {@code ```java} block of a Markdown file, with the name of the snippet marker before it, if any. */
    public static final class DocBlock {
        public final Path file;
        /** 1-based line of the opening fence. */
        public final int line;
        /** The name of the {@code <!-- snippet: NAME -->} marker just before the block, or null. */
        public final String name;
        /** The code, normalised. */
        public final String code;

        DocBlock(Path file, int line, String name, String code) {
            this.file = file;
            this.line = line;
            this.name = name;
            this.code = code;
        }

        @Override
        public String toString() {
            return file + ":" + line + (name != null ? " (snippet " + name + ")" : "");
        }
    }

    /** The lines between {@code // snippet:start NAME} and {@code // snippet:end NAME} of a test source. */
    public static final class Region {
        public final Path file;
        /** 1-based line of the start marker. */
        public final int line;
        public final String name;
        /** The code, normalised. */
        public final String code;

        Region(Path file, int line, String name, String code) {
            this.file = file;
            this.line = line;
            this.name = name;
            this.code = code;
        }

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(\\S*)\\s*-->\\s*$");
    private static final String START = "// snippet:start";
    private static final String END = "// snippet:end";

    /**
     * Every fenced code block of {@code markdown} whose info string starts with {@code java}, with its marker.
     * Problems of form (a marker that no {@code ```java} block follows, an unclosed fence) go to
     * {@code problems}.
     */
    public static List<DocBlock> javaBlocks(Path markdown, List<String> problems) {
        List<String> lines = read(markdown).lines().collect(Collectors.toList());
        List<DocBlock> blocks = new ArrayList<>();
        String pendingName = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                if (pendingName != null) {
                    problems.add(markdown + ":" + pendingLine + ": snippet marker " + pendingName
                            + " is not followed by a ```java block");
                }
                pendingName = marker.group(1);
                pendingLine = i + 1;
                if (pendingName.isEmpty()) {
                    problems.add(markdown + ":" + pendingLine + ": snippet marker without a name");
                }
                continue;
            }
            if (stripped.isEmpty()) {
                continue;
            }
            if (!stripped.startsWith("```")) {
                if (pendingName != null) {
                    problems.add(markdown + ":" + pendingLine + ": snippet marker " + pendingName
                            + " is not followed by a ```java block");
                    pendingName = null;
                }
                continue;
            }
            String fence = stripped.substring(0, stripped.length() - stripped.replaceFirst("^`+", "").length());
            String info = stripped.substring(fence.length()).strip();
            int open = i;
            StringBuilder code = new StringBuilder();
            i++;
            while (i < lines.size() && !(lines.get(i).strip().startsWith(fence)
                    && lines.get(i).strip().substring(fence.length()).replace("`", "").isBlank())) {
                code.append(lines.get(i)).append('\n');
                i++;
            }
            if (i >= lines.size()) {
                problems.add(markdown + ":" + (open + 1) + ": code block without its closing fence");
            }
            boolean java = info.equals("java") || info.startsWith("java ");
            if (java) {
                blocks.add(new DocBlock(markdown, open + 1, pendingName, normalize(code.toString())));
            } else if (pendingName != null) {
                problems.add(markdown + ":" + pendingLine + ": snippet marker " + pendingName
                        + " is followed by a ```" + info + " block, not ```java");
            }
            pendingName = null;
        }
        if (pendingName != null) {
            problems.add(markdown + ":" + pendingLine + ": snippet marker " + pendingName
                    + " is not followed by a ```java block");
        }
        return blocks;
    }

    /**
     * Every snippet region in the {@code .java} files under {@code sourceRoots}. Problems of form (an unnamed,
     * unclosed, nested or mismatched marker) go to {@code problems}.
     */
    public static List<Region> regions(List<Path> sourceRoots, List<String> problems) {
        List<Region> regions = new ArrayList<>();
        for (Path root : sourceRoots) {
            List<Path> sources;
            try (Stream<Path> files = Files.walk(root)) {
                sources = files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path source : sources) {
                regions.addAll(regionsOf(source, problems));
            }
        }
        return regions;
    }

    private static List<Region> regionsOf(Path source, List<String> problems) {
        List<String> lines = read(source).lines().collect(Collectors.toList());
        List<Region> regions = new ArrayList<>();
        String open = null;
        int openLine = 0;
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String stripped = lines.get(i).strip();
            if (stripped.startsWith(START)) {
                String name = stripped.substring(START.length()).strip();
                if (name.isEmpty()) {
                    problems.add(source + ":" + (i + 1) + ": '" + START + "' without a snippet name");
                }
                if (open != null) {
                    problems.add(source + ":" + (i + 1) + ": snippet " + name + " starts inside snippet " + open);
                }
                open = name;
                openLine = i + 1;
                code.setLength(0);
            } else if (stripped.startsWith(END)) {
                String name = stripped.substring(END.length()).strip();
                if (open == null) {
                    problems.add(source + ":" + (i + 1) + ": '" + stripped + "' without a start");
                } else {
                    if (!name.equals(open)) {
                        problems.add(source + ":" + (i + 1) + ": '" + stripped + "' ends snippet '" + open
                                + "'; write '" + END + " " + open + "'");
                    }
                    regions.add(new Region(source, openLine, open, normalize(code.toString())));
                    open = null;
                }
            } else if (open != null) {
                code.append(lines.get(i)).append('\n');
            }
        }
        if (open != null) {
            problems.add(source + ":" + openLine + ": snippet " + open + " has no '" + END + " " + open + "'");
        }
        return regions;
    }

    /**
     * Whether the document block {@code block} shows the region {@code region} (both normalised): equal; or,
     * when the region leaves blocks open, the region followed by one line holding only a closing brace for
     * each of them (so that the document always shows whole code).
     */
    public static boolean shows(String block, String region) {
        int open = openBlocks(region);
        if (open <= 0) {
            return block.equals(region);
        }
        List<String> lines = block.lines().collect(Collectors.toList());
        if (lines.size() < open) {
            return false;
        }
        for (String closing : lines.subList(lines.size() - open, lines.size())) {
            if (!closing.strip().equals("}")) {
                return false;
            }
        }
        return normalize(String.join("\n", lines.subList(0, lines.size() - open))).equals(region);
    }

    /** Braces opened and not closed in {@code code}, outside comments and string and character literals. */
    static int openBlocks(String code) {
        int depth = 0;
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (code.startsWith("//", i)) {
                int eol = code.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (code.startsWith("/*", i)) {
                int close = code.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (code.startsWith("\"\"\"", i)) {
                int close = code.indexOf("\"\"\"", i + 3);
                i = close < 0 ? n : close + 3;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && code.charAt(i) != c && code.charAt(i) != '\n') {
                    i += code.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
                i++;
            }
        }
        return depth;
    }

    /**
     * The drift guard's verdict on {@code documents}: every {@code ```java} block is marked, every marked
     * block {@link #shows shows} the one region of that name in the test sources under {@code sourceRoots},
     * and no name has two regions. Empty when all is well; otherwise one line per problem, saying where.
     */
    public static List<String> problems(List<Path> documents, List<Path> sourceRoots) {
        List<String> problems = new ArrayList<>();
        Map<String, List<Region>> byName = new LinkedHashMap<>();
        for (Region region : regions(sourceRoots, problems)) {
            byName.computeIfAbsent(region.name, k -> new ArrayList<>()).add(region);
        }
        byName.forEach((name, defined) -> {
            if (defined.size() > 1) {
                problems.add("snippet " + name + " is defined " + defined.size() + " times: " + defined);
            }
        });
        for (Path document : documents) {
            for (DocBlock block : javaBlocks(document, problems)) {
                if (block.name == null) {
                    problems.add(block + ": ```java block without a <!-- snippet: NAME --> marker before it;"
                            + " every Java example must be a tested snippet");
                    continue;
                }
                List<Region> defined = byName.get(block.name);
                if (defined == null) {
                    problems.add(block + ": no test source has '" + START + " " + block.name + "'");
                } else if (defined.size() == 1 && !shows(block.code, defined.get(0).code)) {
                    problems.add(block + ": differs from " + defined.get(0) + firstDifference(block.code,
                            defined.get(0).code));
                }
            }
        }
        return problems;
    }

    private static String firstDifference(String block, String region) {
        List<String> a = block.lines().collect(Collectors.toList());
        List<String> b = region.lines().collect(Collectors.toList());
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end>";
            String y = i < b.size() ? b.get(i) : "<end>";
            if (!x.equals(y)) {
                return "; first difference at line " + (i + 1) + " of the block:\n    doc:  " + x + "\n    test: " + y;
            }
        }
        return "";
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
