package dev.tern.mqtt5.docs;

import dev.tern.mqtt5.testing.ReadmeSnippets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drift guard of the documentation: every {@code ```java} block in README.md and docs/*.md follows a
 * {@code <!-- snippet: NAME -->} marker and shows exactly the code between {@code // snippet:start NAME} and
 * {@code // snippet:end NAME} in one test source of tern-mqtt5 or tern-aws-iot — where a test runs it. So a
 * Java example in the docs cannot go stale, and none can be added without a test. Other blocks ({@code sh},
 * {@code xml}, …) are not checked.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DocSnippetsTest {

    /** README.md and every Markdown file under docs/, from the tern-aws-iot module directory. */
    static List<Path> documents() {
        List<Path> documents = new ArrayList<>();
        documents.add(Path.of("../README.md"));
        try (Stream<Path> files = Files.walk(Path.of("../docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** The test sources where snippets live: tern-mqtt5's and this module's. */
    static List<Path> sources() {
        return List.of(Path.of("../tern-mqtt5/src/test/java"), Path.of("src/test/java"));
    }

    @Test
    void everyJavaBlockOfTheReadmeAndTheDocsIsATestedSnippet() {
        List<String> problems = ReadmeSnippets.problems(documents(), sources());
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void theGuardReadsTheReadmeAndTheUserGuide() {
        List<String> problems = new ArrayList<>();
        List<String> readme = names(ReadmeSnippets.javaBlocks(Path.of("../README.md"), problems));
        assertThat(readme).contains("guide-operations", "transports", "aws-iot");
        List<String> guide = names(ReadmeSnippets.javaBlocks(Path.of("../docs/userguide.md"), problems));
        assertThat(guide).hasSizeGreaterThanOrEqualTo(20).allMatch(name -> name.startsWith("userguide-"))
                .doesNotHaveDuplicates();
        assertThat(problems).isEmpty();
    }

    private static List<String> names(List<ReadmeSnippets.DocBlock> blocks) {
        return blocks.stream().map(b -> b.name).collect(Collectors.toList());
    }

    // ---- the guard itself, on small files ------------------------------------------------------------------

    private static Path write(Path dir, String name, String... lines) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> problems(Path dir, Path document) {
        return ReadmeSnippets.problems(List.of(document), List.of(dir.resolve("src")));
    }

    @Test
    void aMarkedBlockEqualToItsRegionPassesAndOtherLanguagesAreNotChecked(@TempDir Path dir) {
        write(dir, "src/A.java", "class A {", "    void a() {", "        // snippet:start hello",
                "        int x = 1;", "        System.out.println(x);", "        // snippet:end hello", "    }", "}");
        Path doc = write(dir, "doc.md", "# Doc", "", "```sh", "echo unchecked", "```", "",
                "<!-- snippet: hello -->", "```java", "int x = 1;", "System.out.println(x);", "```");
        assertThat(problems(dir, doc)).isEmpty();
    }

    @Test
    void anUnmarkedJavaBlockIsAProblem(@TempDir Path dir) {
        write(dir, "src/A.java", "// nothing here");
        Path doc = write(dir, "doc.md", "Some text", "```java", "int x = 1;", "```");
        assertThat(problems(dir, doc)).singleElement().asString()
                .contains("doc.md:2").contains("without a <!-- snippet: NAME --> marker");
    }

    @Test
    void aBlockThatDiffersFromItsRegionIsAProblem(@TempDir Path dir) {
        write(dir, "src/A.java", "// snippet:start hello", "int x = 1;", "// snippet:end hello");
        Path doc = write(dir, "doc.md", "<!-- snippet: hello -->", "```java", "int x = 2;", "```");
        assertThat(problems(dir, doc)).singleElement().asString()
                .contains("differs from").contains("doc:  int x = 2;").contains("test: int x = 1;");
    }

    @Test
    void aMarkerWithoutARegionIsAProblem(@TempDir Path dir) {
        write(dir, "src/A.java", "// snippet:start other", "int x = 1;", "// snippet:end other");
        Path doc = write(dir, "doc.md", "<!-- snippet: hello -->", "```java", "int x = 1;", "```");
        assertThat(problems(dir, doc)).singleElement().asString()
                .contains("no test source has '// snippet:start hello'");
    }

    @Test
    void aSnippetDefinedTwiceIsAProblem(@TempDir Path dir) {
        write(dir, "src/A.java", "// snippet:start hello", "int x = 1;", "// snippet:end hello");
        write(dir, "src/b/B.java", "// snippet:start hello", "int x = 1;", "// snippet:end hello");
        Path doc = write(dir, "doc.md", "<!-- snippet: hello -->", "```java", "int x = 1;", "```");
        assertThat(problems(dir, doc)).singleElement().asString().contains("snippet hello is defined 2 times");
    }

    @Test
    void aMarkerNotFollowedByAJavaBlockIsAProblem(@TempDir Path dir) {
        write(dir, "src/A.java", "// snippet:start hello", "int x = 1;", "// snippet:end hello");
        Path doc = write(dir, "doc.md", "<!-- snippet: hello -->", "```sh", "echo hi", "```", "",
                "<!-- snippet: hello -->", "Text in between.", "```java", "int x = 1;", "```");
        List<String> problems = problems(dir, doc);
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).contains("followed by a ```sh block");
        assertThat(problems.get(1)).contains("doc.md:6: snippet marker hello is not followed by a ```java block");
        assertThat(problems.get(2)).contains("without a <!-- snippet: NAME --> marker");
    }

    @Test
    void brokenRegionMarkersAreProblems(@TempDir Path dir) {
        write(dir, "src/A.java", "// snippet:start", "int x = 1;", "// snippet:end", "// snippet:start open",
                "int y = 2;");
        write(dir, "src/B.java", "// snippet:start b", "int z = 3;", "// snippet:end c");
        Path doc = write(dir, "doc.md", "no code");
        assertThat(problems(dir, doc)).anySatisfy(p -> assertThat(p).contains("without a snippet name"))
                .anySatisfy(p -> assertThat(p).contains("snippet open has no '// snippet:end open'"))
                .anySatisfy(p -> assertThat(p).contains("ends snippet 'b'"));
    }

    @Test
    void aRegionThatEndsInsideABlockIsShownWithTheClosingBrace(@TempDir Path dir) {
        write(dir, "src/A.java", "// snippet:start try", "try (Resource r = open()) {", "    String s = \"{\";",
                "    use(r, '{');", "    // snippet:end try", "    assertSomething();", "}");
        Path closed = write(dir, "closed.md", "<!-- snippet: try -->", "```java", "try (Resource r = open()) {",
                "    String s = \"{\";", "    use(r, '{');", "}", "```");
        Path unclosed = write(dir, "unclosed.md", "<!-- snippet: try -->", "```java", "try (Resource r = open()) {",
                "    String s = \"{\";", "    use(r, '{');", "```");
        Path extra = write(dir, "extra.md", "<!-- snippet: try -->", "```java", "try (Resource r = open()) {",
                "    String s = \"{\";", "    use(r, '{');", "}", "}", "```");
        assertThat(problems(dir, closed)).isEmpty();
        assertThat(problems(dir, unclosed)).singleElement().asString().contains("differs from");
        assertThat(problems(dir, extra)).singleElement().asString().contains("differs from");
    }
}
