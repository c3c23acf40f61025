package dev.governor.ingress.console;

import dev.governor.common.topic.Topics;
import dev.governor.service.kafka.TopicSnapshot;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * How many record writes every ingress replica has accepted so far: the records topic's end offset, which
 * grows by one with each accepted write (and each replayed or restored one). Two readings a few seconds
 * apart give the intake rate. Blocking; call it from a worker thread.
 */
@ApplicationScoped
public class IntakeCount {

    private final Map<String, Object> kafka;

    public IntakeCount(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    public long acceptedWrites() {
        return TopicSnapshot.ends(kafka, "governor-ingress-intake-count", List.of(Topics.RECORDS))
                .getOrDefault(Topics.RECORDS, 0L);
    }
}
