package dev.governor.delivery.writing;

import io.smallrye.mutiny.Uni;
import java.util.List;

/** Where settled writes go: their outcomes, retries and dead letters, on Kafka. */
public interface SettlementSink {

    /** Completes once Kafka has every settlement's records. */
    Uni<Void> publish(List<Settlement> settled);
}
