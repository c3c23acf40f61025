package dev.governor.service.health;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Kafka cluster answers. Quarkus's own Kafka check waits on the admin client's
 * 60-second default and blocks a worker; this one asks with a short deadline and never blocks, so a
 * probe sees a lost broker within seconds. It uses the same {@code kafka.*} settings (bootstrap servers,
 * security) as the messaging channels.
 */
@Readiness
@ApplicationScoped
public class KafkaClusterReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "Kafka cluster";

    private final Map<String, Object> kafkaConfig;
    private final Duration timeout;
    private volatile Admin admin;

    public KafkaClusterReadinessCheck(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "governor.health.kafka.timeout", defaultValue = "3S") Duration timeout) {
        this.kafkaConfig = kafkaConfig;
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        int millis = (int) timeout.toMillis();
        return Uni.createFrom()
                .<String>emitter(emitter -> admin().describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                        .nodes()
                        .whenComplete((nodes, failure) -> {
                            if (failure != null) {
                                emitter.fail(failure);
                            } else {
                                emitter.complete(nodes.stream()
                                        .map(n -> n.host() + ":" + n.port())
                                        .collect(Collectors.joining(",")));
                            }
                        }))
                .map(nodes -> HealthCheckResponse.named(NAME)
                        .up()
                        .withData("nodes", nodes)
                        .build())
                .onFailure()
                .recoverWithItem(failure -> down(failure.getMessage()));
    }

    private static HealthCheckResponse down(String reason) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).down();
        return builder.withData("reason", reason == null ? "unreachable" : reason)
                .build();
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(adminConfig());
                }
                current = admin;
            }
        }
        return current;
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        int millis = (int) timeout.toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "governor-readiness");
        return config;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
