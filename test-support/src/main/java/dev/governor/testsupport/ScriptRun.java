package dev.governor.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program a test runs to its end (npm, a Node.js script driving a real client or a browser): its exit
 * code and everything it printed, out and err together. One that outlives its limit is killed and reported
 * with exit code -1.
 */
public record ScriptRun(int exit, String output) {

    public static ScriptRun of(Path directory, List<String> command, Map<String, String> environment, Duration limit)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("governor-script", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new ScriptRun(
                        -1,
                        Files.readString(log, StandardCharsets.UTF_8) + "\n(killed after " + limit.toSeconds() + " s)");
            }
            return new ScriptRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
