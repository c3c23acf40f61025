package dev.governor.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadinessMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReadinessMetrics metrics = new ReadinessMetrics(null, registry, null, Duration.ofSeconds(15));

    @Test
    void eachCheckBecomesAGaugeThatFollowsItsStatus() {
        metrics.record(answer("UP", "UP"));
        assertThat(gauge("Kafka cluster")).isEqualTo(1);
        assertThat(gauge("Redis connection health check")).isEqualTo(1);

        metrics.record(answer("UP", "DOWN"));
        assertThat(gauge("Kafka cluster")).isEqualTo(1);
        assertThat(gauge("Redis connection health check")).isZero();
        assertThat(registry.find(ReadinessMetrics.METER).gauges()).hasSize(2);
    }

    @Test
    void answersWithoutChecksOrNamesChangeNothing() {
        metrics.record(Json.createObjectBuilder().add("status", "UP").build());
        metrics.record(Json.createObjectBuilder()
                .add(
                        "checks",
                        Json.createArrayBuilder()
                                .add("text")
                                .add(Json.createObjectBuilder().add("status", "UP")))
                .build());
        assertThat(registry.find(ReadinessMetrics.METER).gauges()).isEmpty();
    }

    private static JsonObject answer(String kafka, String redis) {
        return Json.createObjectBuilder()
                .add("status", "UP".equals(kafka) && "UP".equals(redis) ? "UP" : "DOWN")
                .add(
                        "checks",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("name", "Kafka cluster")
                                        .add("status", kafka))
                                .add(Json.createObjectBuilder()
                                        .add("name", "Redis connection health check")
                                        .add("status", redis)))
                .build();
    }

    private double gauge(String check) {
        return registry.get(ReadinessMetrics.METER).tag("check", check).gauge().value();
    }
}
