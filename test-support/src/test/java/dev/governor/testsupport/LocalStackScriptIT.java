package dev.governor.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stack script's start/stop cycle, run against a private stack so the shared one is untouched. */
class LocalStackScriptIT {

    private static final EnumSet<Infrastructure> INFRASTRUCTURE =
            EnumSet.of(Infrastructure.KAFKA, Infrastructure.REDIS, Infrastructure.S3);

    @Test
    void startsAndStopsTwiceInARowLeavingNoProcessAndNoPortBehind() throws IOException {
        PrivateStack stack = new PrivateStack(INFRASTRUCTURE);
        try {
            cycleTwice(stack);
        } finally {
            stack.down(); // also when an assertion failed half-way: no process outlives the test
        }
    }

    private static void cycleTwice(PrivateStack stack) throws IOException {
        for (int round = 1; round <= 2; round++) {
            stack.up();
            String status = stack.status();
            Map<Infrastructure, List<ProcessHandle>> processes = new EnumMap<>(Infrastructure.class);
            for (Infrastructure component : INFRASTRUCTURE) {
                for (int port : ports(stack, component)) {
                    assertThat(StackScript.listening(port))
                            .as("%s listening on %d, round %d", component, port, round)
                            .isTrue();
                }
                // One server says "127.0.0.1:P … (pid N)"; a Redis Cluster "cluster 127.0.0.1:P,P… … (pids N N…)".
                assertThat(status)
                        .containsPattern(
                                "(?m)^" + component.component() + "\\s+.+\\s+-\\s+running \\(pids? [\\d ]+\\)");
                processes.put(component, ownedProcesses(stack, component));
            }

            stack.up(); // a second "up" changes nothing
            for (Infrastructure component : INFRASTRUCTURE) {
                assertThat(pids(ownedProcesses(stack, component))).isEqualTo(pids(processes.get(component)));
            }

            stack.down();
            for (Infrastructure component : INFRASTRUCTURE) {
                for (int port : ports(stack, component)) {
                    assertThat(StackScript.listening(port))
                            .as("%s port %d free, round %d", component, port, round)
                            .isFalse();
                }
                assertThat(processes.get(component))
                        .as("%s processes gone, round %d", component, round)
                        .noneMatch(ProcessHandle::isAlive);
                assertThat(pidFiles(stack, component))
                        .allSatisfy(file -> assertThat(file).doesNotExist());
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

    /** The ports a component listens on: one, or each node of a Redis Cluster. */
    private static List<Integer> ports(PrivateStack stack, Infrastructure component) {
        return component == Infrastructure.REDIS ? stack.redisNodePorts() : List.of(stack.port(component));
    }

    /** The pid files the script keeps: in the component's folder, or in each cluster node's own folder. */
    private static List<Path> pidFiles(PrivateStack stack, Infrastructure component) {
        List<String> names = component == Infrastructure.REDIS && RedisTopology.cluster()
                ? stack.redisNodePorts().stream()
                        .map(port -> "redis-node-" + port)
                        .toList()
                : List.of(component.component());
        return names.stream()
                .map(name -> stack.runDir().resolve(name).resolve(name + ".pid"))
                .toList();
    }

    private static List<ProcessHandle> ownedProcesses(PrivateStack stack, Infrastructure component) throws IOException {
        List<ProcessHandle> processes = new ArrayList<>();
        for (Path pidFile : pidFiles(stack, component)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim().split("\\s+")[0]);
            processes.add(ProcessHandle.of(pid)
                    .orElseThrow(() -> new AssertionError(component + " pid " + pid + " is not alive")));
        }
        return processes;
    }

    private static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).toList();
    }
}
