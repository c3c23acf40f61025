package dev.governor.eventbridge.outbound;

import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.InjectPrivateStack;
import dev.governor.testsupport.PrivateStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.EnumSet;
import java.util.Map;

/**
 * A second Kafka cluster (a private stack's broker) for routes that read another cluster: points the
 * {@code outbound-kafka-external} channel at it, leaving every other client on the shared stack.
 */
public class ExternalKafkaResource implements QuarkusTestResourceLifecycleManager {

    private final PrivateStack cluster = new PrivateStack(EnumSet.of(Infrastructure.KAFKA));

    @Override
    public Map<String, String> start() {
        cluster.up();
        return Map.of(
                "mp.messaging.incoming.outbound-kafka-external.bootstrap.servers",
                "127.0.0.1:" + cluster.port(Infrastructure.KAFKA));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                cluster, new TestInjector.AnnotatedAndMatchesType(InjectPrivateStack.class, PrivateStack.class));
    }

    @Override
    public void stop() {
        cluster.close();
    }
}
