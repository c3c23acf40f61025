package dev.governor.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs the test's service against a {@link PrivateStack} (the components named by the
 * {@code components} argument; arguments named {@code env.NAME} become environment variables of the
 * started processes) and injects it into the test's {@link InjectPrivateStack} field, so the
 * test can stop and restart a link. Use with {@code restrictToAnnotatedClass = true}.
 */
public class PrivateStackResource implements QuarkusTestResourceLifecycleManager {

    private PrivateStack stack;

    @Override
    public void init(Map<String, String> initArgs) {
        String names = initArgs.getOrDefault("components", "kafka,redis,s3");
        Set<Infrastructure> components = EnumSet.noneOf(Infrastructure.class);
        Arrays.stream(names.split(",")).map(Infrastructure::byComponent).forEach(components::add);
        Map<String, String> environment = new java.util.HashMap<>();
        initArgs.forEach((name, value) -> {
            if (name.startsWith("env.")) {
                environment.put(name.substring(4), value);
            }
        });
        stack = new PrivateStack(components, environment);
    }

    @Override
    public Map<String, String> start() {
        stack.up();
        return stack.config();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                stack, new TestInjector.AnnotatedAndMatchesType(InjectPrivateStack.class, PrivateStack.class));
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
    }
}
