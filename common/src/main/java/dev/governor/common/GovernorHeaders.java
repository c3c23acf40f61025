package dev.governor.common;

/** Header names that cross service boundaries, over HTTP and on Kafka records. */
public final class GovernorHeaders {

    /** HTTP: the caller's idempotency key (IETF draft "The Idempotency-Key HTTP Header Field"). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** HTTP: set to {@code true} on a response that repeats the stored answer to an earlier request. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    /** Kafka: the CloudEvents id header in binary mode. */
    public static final String CE_ID = "ce_id";

    /** Kafka: the CloudEvents type header in binary mode. */
    public static final String CE_TYPE = "ce_type";

    /** Kafka: the CloudEvents source header in binary mode. */
    public static final String CE_SOURCE = "ce_source";

    /** Kafka: the CloudEvents time header in binary mode. */
    public static final String CE_TIME = "ce_time";

    /** Kafka: the CloudEvents subject header in binary mode. */
    public static final String CE_SUBJECT = "ce_subject";

    /** Kafka: the CloudEvents spec version header in binary mode. */
    public static final String CE_SPECVERSION = "ce_specversion";

    /**
     * Kafka: the version of a record write — its offset on the records topic when first accepted. It
     * travels with the write through retry topics, the dead-letter topic and replays, so an older
     * version can be recognised and never written over a newer one.
     */
    public static final String RECORD_VERSION = "governor-record-version";

    /** Kafka: the delivery attempt a retry-topic record is waiting for (2 for the first retry). */
    public static final String ATTEMPT = "governor-attempt";

    /** Kafka: epoch milliseconds before which a retry-topic record must not be tried. */
    public static final String RETRY_NOT_BEFORE = "governor-retry-not-before";

    /** Kafka: on a dead letter, "CODE: message" of the failure that put it there. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";

    /** Kafka: on a dead letter, the topic of the record that was dead-lettered (as SmallRye's own DLQ names it). */
    public static final String DEAD_LETTER_TOPIC = "dead-letter-topic";

    /** Kafka: on a dead letter, the partition of the record that was dead-lettered. */
    public static final String DEAD_LETTER_PARTITION = "dead-letter-partition";

    /** Kafka: on a dead letter, the offset of the record that was dead-lettered. */
    public static final String DEAD_LETTER_OFFSET = "dead-letter-offset";

    /** Kafka: on a dead letter, the Salesforce error code. */
    public static final String ERROR_CODE = "governor-error-code";

    /** Kafka: on a dead letter, the fields the Salesforce error names, comma-separated. */
    public static final String ERROR_FIELDS = "governor-error-fields";

    /** Kafka: on a dead letter, the attempts made before it was dead-lettered. */
    public static final String ATTEMPTS = "governor-attempts";

    /** Kafka: on a replayed write, the dead letter it came from ({@code partition-offset}). */
    public static final String REPLAYED_FROM = "governor-replayed-from";

    private GovernorHeaders() {}
}
