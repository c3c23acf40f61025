package dev.governor.common.record;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadataBuilder;
import java.time.ZoneOffset;

/**
 * The CloudEvents contract of the records topic: event type, extension attribute names, and the mapping
 * between a {@link RecordEnvelope} and SmallRye's CloudEvent metadata. The Kafka connector writes and
 * reads the {@code ce_*} headers itself (binary mode); this class only decides what goes in them.
 */
public final class RecordCloudEvents {

    /** CloudEvent type of a record upsert. Versioned like the topic. */
    public static final String TYPE_RECORD_UPSERT = "dev.governor.record.upsert.v1";

    /** Extension attribute: the caller's Idempotency-Key (header {@code ce_idempotencykey}). */
    public static final String EXT_IDEMPOTENCY_KEY = "idempotencykey";

    /** Extension attribute: the authenticated caller (header {@code ce_caller}). */
    public static final String EXT_CALLER = "caller";

    /** The JSON content type of every envelope's data. */
    public static final String DATA_CONTENT_TYPE = "application/json";

    private RecordCloudEvents() {}

    /** The metadata to attach to an outgoing message whose payload is {@code envelope.write()}. */
    public static OutgoingCloudEventMetadata<RecordWrite> metadataOf(RecordEnvelope envelope) {
        OutgoingCloudEventMetadataBuilder<RecordWrite> builder = OutgoingCloudEventMetadata.<RecordWrite>builder()
                .withId(envelope.trackingId())
                .withSource(envelope.source())
                .withType(TYPE_RECORD_UPSERT)
                .withSubject(envelope.write().recordKey())
                .withTimestamp(envelope.acceptedAt().atZone(ZoneOffset.UTC))
                .withDataContentType(DATA_CONTENT_TYPE);
        if (envelope.caller() != null) {
            builder.withExtension(EXT_CALLER, envelope.caller());
        }
        if (envelope.idempotencyKey() != null) {
            builder.withExtension(EXT_IDEMPOTENCY_KEY, envelope.idempotencyKey());
        }
        return builder.build();
    }
}
