package dev.governor.ingress.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The ingress's metrics (Prometheus names): {@code governor_ingress_requests_total{outcome}} — accepted,
 * replayed, conflict (409), key_reused (422), rejected (4xx input, also counted in
 * {@code governor_ingress_rejections_total{reason}}), unavailable (503), overloaded, unchecked — and
 * {@code governor_ingress_records_accepted_total}, {@code governor_ingress_records_unchecked_total},
 * {@code governor_ingress_kafka_publish_seconds}.
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

    /** Counts what became of one write request: its outcome, and for bad input the reason. */
    public void count(IntakeResult result) {
        if (result instanceof IntakeResult.Accepted accepted) {
            request("accepted");
            if (accepted.keyUnchecked()) {
                request("unchecked");
            }
            recordsAccepted.increment(accepted.records().size());
            if (accepted.recordsUnchecked() > 0) {
                registry.counter("governor_ingress_records_unchecked").increment(accepted.recordsUnchecked());
            }
        } else if (result instanceof IntakeResult.Replayed) {
            request("replayed");
        } else {
            Refusal refusal = ((IntakeResult.Refused) result).refusal();
            if (refusal.rejection() != null) {
                registry.counter("governor_ingress_rejections", "reason", refusal.rejection())
                        .increment();
            }
            request(refusal.outcome());
        }
    }

    private void request(String outcome) {
        registry.counter("governor_ingress_requests", "outcome", outcome).increment();
    }

    public void kafkaPublish(long startedNanos) {
        kafkaPublish.record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
