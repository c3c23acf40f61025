package dev.governor.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's secret files when components starting side by side ask for the same one: a Redis that
 * started with one password while its ping (or a service) read another never became ready.
 */
class StackSecretFileTest {

    private static final int CALLERS = 12;

    @Test
    void everyCallerAskingAtOnceGetsTheOneSecretTheFileKeeps(@TempDir Path dir) throws Exception {
        Path lib = Path.of(System.getProperty("user.dir"))
                .resolve("../deploy/local/lib.sh")
                .normalize();
        Path secret = dir.resolve("redis-tls/password");
        String script =
                "source \"$1\"; for i in $(seq " + CALLERS + "); do secret_file \"$2\" \"a secret\" &" + " done; wait";
        Process bash = new ProcessBuilder("bash", "-c", script, "bash", lib.toString(), secret.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String[] printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toArray(String[]::new);

        assertThat(bash.exitValue()).isZero();
        assertThat(printed).hasSize(CALLERS);
        assertThat(Arrays.stream(printed).distinct())
                .containsExactly(Files.readString(secret).strip());
        assertThat(printed[0]).matches("[0-9a-f]{32}");
        assertThat(dir.resolve("redis-tls")).isDirectoryNotContaining(path -> !path.equals(secret));
    }

    @Test
    void aSecretOnceMadeIsKept(@TempDir Path dir) throws IOException, InterruptedException {
        Path lib = Path.of(System.getProperty("user.dir"))
                .resolve("../deploy/local/lib.sh")
                .normalize();
        Path secret = dir.resolve("webhook-secret");
        Files.writeString(secret, "kept\n");
        Process bash = new ProcessBuilder(
                        "bash", "-c", "source \"$1\"; secret_file \"$2\" x", "bash", lib.toString(), secret.toString())
                .start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("kept\n");
    }
}
