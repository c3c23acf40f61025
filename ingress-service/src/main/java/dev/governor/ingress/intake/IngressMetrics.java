package dev.governor.ingress.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The ingress's metrics (Prometheus names): {@code governor_ingress_requests_total{outcome}} — accepted,
 * replayed, conflict (409), key_reused (422), rejected (4xx input), unavailable (503), overloaded — and
 * {@code governor_ingress_records_accepted_total}, {@code governor_ingress_kafka_publish_seconds}.
 */
@ApplicationScoped
public class IngressMetrics {

    private final MeterRegistry registry;
    private final Counter recordsAccepted;
    private final Timer kafkaPublish;

    public IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.recordsAccepted = Counter.builder("governor_ingress_records_accepted")
                .description("Records buffered in Kafka")
                .register(registry);
        this.kafkaPublish = Timer.builder("governor_ingress_kafka_publish_seconds")
                .description("From publish to the broker's acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
    }

    public void request(String outcome) {
        registry.counter("governor_ingress_requests", "outcome", outcome).increment();
    }

    public void rejected(String reason) {
        registry.counter("governor_ingress_rejections", "reason", reason).increment();
        request("rejected");
    }

    /** Writes that passed on their shape alone because the org's description of their object was not at hand. */
    public void unchecked(int count) {
        registry.counter("governor_ingress_records_unchecked").increment(count);
    }

    public void recordsAccepted(int count) {
        recordsAccepted.increment(count);
    }

    public void kafkaPublish(long startedNanos) {
        kafkaPublish.record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
