package dev.governor.common.topic;

import java.util.List;

/**
 * Kafka topic names shared by the services. Each one is described (key, value, headers, retention,
 * producer, consumers) in {@code docs/topics.md}; change both together.
 *
 * <p>Names carry a version suffix so that an incompatible schema change gets a new topic instead of
 * breaking consumers that are still running the old code.
 */
public final class Topics {

    /** Record writes the ingress has accepted and acknowledged with 202; delivery consumes them. */
    public static final String RECORDS = "governor.records.v1";

    /** One outcome per delivered, failed or dead-lettered record write; the ingress keeps status from it. */
    public static final String OUTCOMES = "governor.outcomes.v1";

    /** Record writes that cannot succeed, with the reason in the dead-letter headers. */
    public static final String RECORDS_DEAD_LETTER = "governor.records.dlq.v1";

    /**
     * Record writes waiting to be tried again after a transient failure, one topic per delay tier
     * (index 0 is the shortest delay). Every record in one tier waits about as long, so a consumer
     * only ever waits for the record at the head of a partition.
     */
    public static final List<String> RECORDS_RETRY =
            List.of("governor.records.retry-1.v1", "governor.records.retry-2.v1", "governor.records.retry-3.v1");

    private Topics() {}
}
