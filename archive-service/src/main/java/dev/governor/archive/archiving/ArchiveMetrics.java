package dev.governor.archive.archiving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;

/** The topic archive's meters, all named {@code governor_archive_*}. */
@ApplicationScoped
public class ArchiveMetrics {

    private final MeterRegistry registry;
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong paused = new AtomicLong();
    private final Counter redone;

    ArchiveMetrics(MeterRegistry registry, UploadHealth health) {
        this.registry = registry;
        registry.gauge("governor.archive.buffered.bytes", buffered);
        registry.gauge("governor.archive.paused", paused);
        registry.gauge("governor.archive.upload.failing", health, h -> h.failing() == null ? 0 : 1);
        this.redone = Counter.builder("governor.archive.redone.objects")
                .description("Objects whose upload S3 lost, read again from the topic")
                .register(registry);
    }

    void closed(String topic, RollReason reason) {
        registry.counter("governor.archive.objects", "topic", topic, "reason", reason.label())
                .increment();
    }

    void confirmed(String topic, long records, long bytes) {
        registry.counter("governor.archive.records", "topic", topic).increment(records);
        registry.counter("governor.archive.uploaded.bytes", "topic", topic).increment(bytes);
    }

    void redone() {
        redone.increment();
    }

    /**
     * Exports the archive's own consumer's Kafka metrics (its lag by topic and partition among them), as the
     * connectors' consumers export theirs: the consumer-lag alert and the dashboards read them. Close the
     * answer when the consumer closes.
     */
    KafkaClientMetrics bind(Consumer<?, ?> consumer) {
        KafkaClientMetrics kafkaMetrics = new KafkaClientMetrics(consumer);
        kafkaMetrics.bindTo(registry);
        return kafkaMetrics;
    }

    void state(long bufferedBytes, boolean isPaused) {
        buffered.set(bufferedBytes);
        paused.set(isPaused ? 1 : 0);
    }
}
