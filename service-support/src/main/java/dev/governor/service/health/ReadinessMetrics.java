package dev.governor.service.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each readiness check's last answer as {@code governor_readiness_check{check}}: 1 up, 0 down. A service
 * that lost Kafka, Redis, S3 or the org still answers its scrape, so only this says which link is gone
 * (the link-down alert reads it). Asked on a timer, not at scrape time: a gauge is read synchronously,
 * and the checks are not; the asking runs on a worker, since some checks block.
 */
@ApplicationScoped
public class ReadinessMetrics {

    static final String METER = "governor_readiness_check";

    private final SmallRyeHealthReporter health;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final Duration every;
    private final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
    private long timer = -1;

    public ReadinessMetrics(
            SmallRyeHealthReporter health,
            MeterRegistry registry,
            Vertx vertx,
            @ConfigProperty(name = "governor.health.metrics-interval", defaultValue = "15S") Duration every) {
        this.health = health;
        this.registry = registry;
        this.vertx = vertx;
        this.every = every;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(0, every.toMillis(), id -> refresh());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void refresh() {
        health.getReadinessAsync()
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .subscribe()
                .with(answer -> record(answer.getPayload()), e -> Log.debugf("Readiness not asked: %s", e));
    }

    /** Sets each check's gauge from a health answer ({@code {"status":…,"checks":[{"name","status"}…]}}). */
    void record(JsonObject answer) {
        JsonValue listed = answer.get("checks");
        if (listed == null || listed.getValueType() != JsonValue.ValueType.ARRAY) {
            return;
        }
        for (JsonValue value : listed.asJsonArray()) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject check = value.asJsonObject();
            String name = check.getString("name", null);
            if (name != null) {
                gauge(name).set("UP".equals(check.getString("status", "DOWN")) ? 1 : 0);
            }
        }
    }

    private AtomicInteger gauge(String check) {
        return checks.computeIfAbsent(check, name -> {
            AtomicInteger up = new AtomicInteger();
            Gauge.builder(METER, up, AtomicInteger::get)
                    .description("1 while this readiness check (a link the service needs) is up, 0 while down")
                    .tag("check", name)
                    .register(registry);
            return up;
        });
    }
}
