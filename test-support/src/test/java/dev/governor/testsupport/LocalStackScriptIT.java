package dev.governor.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stack script's start/stop cycle, run against a private stack so the shared one is untouched. */
class LocalStackScriptIT {

    private static final EnumSet<Infrastructure> INFRASTRUCTURE =
            EnumSet.of(Infrastructure.KAFKA, Infrastructure.REDIS, Infrastructure.S3);

    @Test
    void startsAndStopsTwiceInARowLeavingNoProcessAndNoPortBehind() throws IOException {
        PrivateStack stack = new PrivateStack(INFRASTRUCTURE);
        for (int round = 1; round <= 2; round++) {
            stack.up();
            String status = stack.status();
            List<ProcessHandle> processes = new ArrayList<>();
            for (Infrastructure component : INFRASTRUCTURE) {
                assertThat(StackScript.listening(stack.port(component)))
                        .as("%s listening, round %d", component, round)
                        .isTrue();
                assertThat(status).containsPattern(component.component() + "\\s+\\S+\\s+-\\s+running \\(pid \\d+\\)");
                processes.add(ownedProcess(stack.runDir(), component));
            }

            stack.up(); // a second "up" changes nothing
            for (Infrastructure component : INFRASTRUCTURE) {
                assertThat(ownedProcess(stack.runDir(), component).pid())
                        .isEqualTo(processes
                                .get(new ArrayList<>(INFRASTRUCTURE).indexOf(component))
                                .pid());
            }

            stack.down();
            for (Infrastructure component : INFRASTRUCTURE) {
                assertThat(StackScript.listening(stack.port(component)))
                        .as("%s port free, round %d", component, round)
                        .isFalse();
                assertThat(processes
                                .get(new ArrayList<>(INFRASTRUCTURE).indexOf(component))
                                .isAlive())
                        .as("%s process gone, round %d", component, round)
                        .isFalse();
                assertThat(pidFile(stack.runDir(), component)).doesNotExist();
            }
            assertThat(stack.status()).doesNotContain("running");
        }
    }

    @Test
    void neverTouchesAProcessItDidNotStart() throws IOException {
        PrivateStack stack = new PrivateStack(EnumSet.of(Infrastructure.REDIS));
        try (ServerSocket foreign =
                new ServerSocket(stack.port(Infrastructure.REDIS), 100, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(stack::up).hasMessageContaining("already in use by a process this stack did not start");
            assertThat(stack.status()).contains("port in use by a process this stack did not start");

            stack.down();

            assertThat(foreign.isClosed()).isFalse();
            assertThat(StackScript.listening(stack.port(Infrastructure.REDIS))).isTrue();
        }
    }

    private static Path pidFile(Path runDir, Infrastructure component) {
        return runDir.resolve(component.component()).resolve(component.component() + ".pid");
    }

    private static ProcessHandle ownedProcess(Path runDir, Infrastructure component) throws IOException {
        long pid = Long.parseLong(
                Files.readString(pidFile(runDir, component)).trim().split("\\s+")[0]);
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(component + " pid " + pid + " is not alive"));
    }
}
