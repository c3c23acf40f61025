package dev.governor.common.record;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A record write as it travels on {@link dev.governor.common.topic.Topics#RECORDS}: the write itself
 * plus the CloudEvents attributes that say where it came from. On Kafka it is a CloudEvent in binary
 * mode: the attributes are {@code ce_*} headers, the {@link RecordWrite} is the JSON value.
 *
 * @param trackingId     the CloudEvent id, unique per accepted write; the caller polls status with it
 * @param source         where the write entered Governor, for example {@code /ingress/webhooks/github}
 * @param acceptedAt     when the ingress accepted it (the CloudEvent time)
 * @param caller         the authenticated caller the idempotency key is scoped to
 * @param idempotencyKey the caller's Idempotency-Key; it travels on so a replay upserts the same record
 * @param write          the upsert to perform
 */
public record RecordEnvelope(
        String trackingId, URI source, Instant acceptedAt, String caller, String idempotencyKey, RecordWrite write) {

    public RecordEnvelope {
        Objects.requireNonNull(trackingId, "trackingId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(write, "write");
    }
}
