package dev.governor.delivery.writing;

import dev.governor.common.record.RecordWrite;
import java.util.Map;

/**
 * One record write taken from Kafka and not yet settled.
 *
 * @param trackingId the write's tracking id (its CloudEvent id)
 * @param write      the upsert
 * @param headers    the Kafka headers it came with (kept for the dead-letter topic)
 */
public record PendingWrite(String trackingId, RecordWrite write, Map<String, byte[]> headers) {
}
