package dev.governor.common.topic;

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

    private Topics() {
    }
}
