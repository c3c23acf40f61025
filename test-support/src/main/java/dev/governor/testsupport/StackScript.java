package dev.governor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code deploy/local/stack}, the one place that knows how to install, start and stop the real
 * infrastructure; tests never start Kafka, Redis or S3 any other way.
 */
public final class StackScript {

    private static final long TIMEOUT_SECONDS = 300;

    private final Map<String, String> environment;

    /** The script with the given environment (ports, run folder) on top of this process's own. */
    public StackScript(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Runs {@code stack <command> <components...>} and returns its output; fails if it exits non-zero. */
    public String run(String command, String... components) {
        List<String> commandLine = new ArrayList<>();
        commandLine.add(script().toString());
        commandLine.add(command);
        commandLine.addAll(List.of(components));
        try {
            Path output = Files.createTempFile("governor-stack", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(commandLine)
                        .directory(repoRoot().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            "stack " + command + " did not finish in " + TIMEOUT_SECONDS + " s");
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(
                            "stack " + String.join(" ", commandLine.subList(1, commandLine.size()))
                                    + " failed with exit code " + process.exitValue() + ":\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running the stack script", e);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1 at the port. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The repository root: the build says where it is, or it is found above the working directory. */
    public static Path repoRoot() {
        String configured = System.getProperty("governor.repo.root");
        if (configured != null && Files.isExecutable(Path.of(configured, "deploy", "local", "stack"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("deploy/local/stack"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "Cannot find deploy/local/stack above " + Path.of("").toAbsolutePath());
    }

    /** The shared stack's run folder, as the script computes it. */
    public static Path sharedRunDir() {
        String configured = System.getenv("GOVERNOR_RUN_DIR");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : repoRoot().resolve(".run/local");
    }

    /** The shared stack's credentials folder (generated keys and secrets), as the script computes it. */
    public static Path sharedCredentialsDir() {
        String configured = System.getenv("GOVERNOR_CREDENTIALS_DIR");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : sharedRunDir().resolve("credentials");
    }

    private static Path script() {
        return repoRoot().resolve("deploy/local/stack");
    }
}
