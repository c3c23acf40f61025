package dev.governor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stack of its own for a test that stops and starts a link: its own run folder and free ports, so
 * stopping its Redis or Kafka never disturbs the shared stack other tests use. Started and stopped by
 * the same {@code deploy/local/stack} script that runs the shared one. A test class that needs it for all
 * its tests registers it, {@code @RegisterExtension static final PrivateStack stack = new PrivateStack(…)}:
 * it comes up before the first test and goes down after the last, also when one fails.
 */
public final class PrivateStack implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private final Path runDir;
    private final Path credentialsDir;
    private final Map<Infrastructure, Integer> ports = new EnumMap<>(Infrastructure.class);
    private final Map<Infrastructure, Integer> managementPorts = new EnumMap<>(Infrastructure.class);
    private final Set<Infrastructure> components;
    private final StackScript stack;
    private final Map<String, String> environment;
    private int pubSubPort = -1;

    public PrivateStack(Set<Infrastructure> components) {
        this(components, Map.of());
    }

    /** With extra environment for the started processes, e.g. {@code SIMULATOR_AUTH_SESSION_TIMEOUT=3S}. */
    public PrivateStack(Set<Infrastructure> components, Map<String, String> extraEnvironment) {
        this.components = EnumSet.copyOf(components);
        try {
            this.runDir = Files.createTempDirectory("governor-private-stack");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("GOVERNOR_RUN_DIR", runDir.toString());
        Set<Integer> taken = new HashSet<>();
        for (Infrastructure component : this.components) {
            int port = freePort(taken);
            ports.put(component, port);
            environment.put(component.portVariable(), Integer.toString(port));
            if (component.managementPortVariable() != null) {
                int management = freePort(taken);
                managementPorts.put(component, management);
                environment.put(component.managementPortVariable(), Integer.toString(management));
            }
            if (component.pubSubPortVariable() != null) {
                pubSubPort = freePort(taken);
                environment.put(component.pubSubPortVariable(), Integer.toString(pubSubPort));
            }
        }
        environment.put("GOVERNOR_KAFKA_CONTROLLER_PORT", Integer.toString(freePort(taken)));
        if (ports.containsKey(Infrastructure.REDIS)) {
            RedisTopology.choosePorts(ports.get(Infrastructure.REDIS), environment, () -> freePort(taken));
        }
        environment.putAll(extraEnvironment);
        this.credentialsDir = Path.of(environment.getOrDefault(
                "GOVERNOR_CREDENTIALS_DIR", runDir.resolve("credentials").toString()));
        this.stack = new StackScript(environment);
        this.environment = Map.copyOf(environment);
    }

    /** Starts the component (or all of this stack's components) and waits until it is ready. */
    public void up(Infrastructure... which) {
        stack.run("up", names(which));
    }

    /** Stops the component (or all of this stack's components) gracefully. */
    public void down(Infrastructure... which) {
        stack.run("down", names(which));
    }

    /** Kills the component at once (SIGKILL), as a crash would. */
    public void kill(Infrastructure component) {
        stack.run("kill", component.component());
    }

    /**
     * SIGKILLs a Redis primary, as a crashed machine would lose it: on a cluster its replica takes its
     * slots; one server is simply gone until {@link #up} starts it again. Returns the node's port.
     */
    public int killRedisPrimary() {
        for (int port : redisNodePorts()) {
            if (!redisRole(port).startsWith("master")) {
                continue;
            }
            ProcessHandle.of(pid(RedisTopology.cluster() ? "redis-node-" + port : "redis"))
                    .ifPresent(ProcessHandle::destroyForcibly);
            return port;
        }
        throw new IllegalStateException("No Redis primary answers on " + redisNodePorts());
    }

    /** The pid of a process this stack started, from its pid file ({@code <pid> <start time>}). */
    public long pid(String component) {
        try {
            return Long.parseLong(Files.readString(runDir.resolve(component).resolve(component + ".pid"))
                    .trim()
                    .split(" ")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String redisRole(int port) {
        try {
            Process role = new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "role")
                    .redirectErrorStream(true)
                    .start();
            String answer = new String(role.getInputStream().readAllBytes()).trim();
            role.waitFor();
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String status() {
        return stack.run("status", names(new Infrastructure[0]));
    }

    /** The client ports of this stack's Redis: one, or a cluster's six. */
    public java.util.List<Integer> redisNodePorts() {
        return RedisTopology.nodePorts(port(Infrastructure.REDIS), environment);
    }

    public int port(Infrastructure component) {
        return ports.get(component);
    }

    /** Where a service of this stack serves /q/health, /q/metrics and /q/openapi (its API port does not). */
    public int managementPort(Infrastructure service) {
        Integer port = managementPorts.get(service);
        if (port == null) {
            throw new IllegalArgumentException(service + " has no management port in this stack");
        }
        return port;
    }

    /** Where this stack's simulator serves the Pub/Sub API. */
    public int pubSubPort() {
        return pubSubPort;
    }

    public Path runDir() {
        return runDir;
    }

    /** Where the stack keeps what it generated: key pairs, the webhook secret, the OIDC clients' secrets. */
    public Path credentialsDir() {
        return credentialsDir;
    }

    /** The Quarkus configuration that points a service at this stack. */
    public Map<String, String> config() {
        return StackConfig.forPorts(ports::get, pubSubPort, components, runDir, environment);
    }

    @Override
    public void close() {
        down();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        up();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private String[] names(Infrastructure[] which) {
        Set<Infrastructure> selected = which.length == 0 ? components : EnumSet.of(which[0], which);
        return selected.stream().map(Infrastructure::component).toArray(String[]::new);
    }

    /**
     * A free loopback port not handed out before for this stack: the system may give a port back once its
     * probe socket closed, and two components on one port fail to start.
     */
    private static int freePort(Set<Integer> taken) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
