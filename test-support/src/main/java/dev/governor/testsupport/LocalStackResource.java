package dev.governor.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives a {@code @QuarkusTest} the real Kafka, Redis and S3 of the shared local stack. Components that
 * are already listening are reused; missing ones are started through {@code deploy/local/stack} and
 * stopped again when the test JVM exits. Name the components with the {@code components} argument,
 * for example {@code @WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name =
 * "components", value = "kafka,redis"))}; the default is Kafka, Redis and S3.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    /** Components this JVM started, stopped once at exit so that every test class can reuse them. */
    private static final Set<Infrastructure> STARTED_HERE = EnumSet.noneOf(Infrastructure.class);

    private final StackScript stack = new StackScript(Map.of());
    private Set<Infrastructure> components = EnumSet.of(Infrastructure.KAFKA, Infrastructure.REDIS, Infrastructure.S3);

    @Override
    public void init(Map<String, String> initArgs) {
        String names = initArgs.get("components");
        if (names != null && !names.isBlank()) {
            components = EnumSet.noneOf(Infrastructure.class);
            Arrays.stream(names.split(",")).map(Infrastructure::byComponent).forEach(components::add);
        }
    }

    @Override
    public Map<String, String> start() {
        ensureRunning(stack, components);
        return StackConfig.forPorts(component -> component.sharedPort(), components, StackScript.sharedRunDir());
    }

    @Override
    public void stop() {
        // Left running for the next test class; the shutdown hook stops what this JVM started.
    }

    private static void ensureRunning(StackScript stack, Set<Infrastructure> components) {
        synchronized (STARTED_HERE) {
            List<String> missing = new ArrayList<>();
            for (Infrastructure component : components) {
                if (!StackScript.listening(component.sharedPort())) {
                    missing.add(component.component());
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            boolean firstStart = STARTED_HERE.isEmpty();
            stack.run("up", missing.toArray(String[]::new));
            missing.forEach(name -> STARTED_HERE.add(Infrastructure.byComponent(name)));
            if (firstStart) {
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(LocalStackResource::stopStartedHere, "local-stack-down"));
            }
        }
    }

    private static void stopStartedHere() {
        synchronized (STARTED_HERE) {
            String[] names =
                    STARTED_HERE.stream().map(Infrastructure::component).toArray(String[]::new);
            new StackScript(new HashMap<>()).run("down", names);
        }
    }
}
