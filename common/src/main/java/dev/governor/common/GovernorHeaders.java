package dev.governor.common;

/** Header names that cross service boundaries, over HTTP and on Kafka records. */
public final class GovernorHeaders {

    /** HTTP: the caller's idempotency key (IETF draft "The Idempotency-Key HTTP Header Field"). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** HTTP: set to {@code true} on a response that repeats the stored answer to an earlier request. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    /** HTTP and Kafka: W3C trace context, so one request can be followed across services. */
    public static final String TRACEPARENT = "traceparent";

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

    private GovernorHeaders() {
    }
}
