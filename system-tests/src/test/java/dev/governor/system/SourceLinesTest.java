package dev.governor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Java lines stay within {@code .editorconfig}'s {@code max_line_length}: the formatter (spotless) wraps
 * code, but not long string literals or comments. Plain JUnit over the source tree: milliseconds.
 */
class SourceLinesTest {

    private static final int MAX_LINE_LENGTH = 120;
    private static final Set<String> NOT_SOURCES = Set.of("target", ".run", ".git", "node_modules");

    @Test
    void everyJavaLineFitsTheEditorconfigWidth() throws IOException {
        Path root = Path.of(System.getProperty("governor.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        assertThat(Files.readString(root.resolve(".editorconfig")))
                .as("the width this test checks is the one .editorconfig states")
                .contains("max_line_length = " + MAX_LINE_LENGTH);
        List<String> tooLong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java") && isSource(root.relativize(f)))
                    .forEach(f -> tooLong.addAll(longLines(root, f)));
        }
        assertThat(tooLong).as("lines over %d columns", MAX_LINE_LENGTH).isEmpty();
    }

    /** Outside build output, run folders and fetched packages. */
    private static boolean isSource(Path relative) {
        for (Path part : relative) {
            if (NOT_SOURCES.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> longLines(Path root, Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> found = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).length() > MAX_LINE_LENGTH) {
                    found.add(root.relativize(file) + ":" + (i + 1));
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
