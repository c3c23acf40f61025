package dev.governor.delivery.writing;

import dev.governor.common.record.RecordWrite;
import java.util.Locale;
import java.util.Map;

/**
 * One record write taken from Kafka and not yet settled.
 *
 * @param trackingId the write's tracking id (its CloudEvent id)
 * @param write      the upsert
 * @param headers    the Kafka headers it came with (kept for the retry and dead-letter topics)
 * @param version    its version: the offset at which the records topic first took it; a higher version of
 *                   the same record is newer
 * @param attempt    the delivery attempt this is (1 from the records topic, more from a retry topic)
 * @param origin     the Kafka record it was read from (named on its dead letter)
 */
public record PendingWrite(
        String trackingId, RecordWrite write, Map<String, byte[]> headers, long version, int attempt, Origin origin) {

    /** Where a write was read: the records topic or a retry topic, partition and offset. */
    public record Origin(String topic, int partition, long offset) {}

    /** Identifies the Salesforce record as the org does (see {@link RecordWrite#recordKey()}). */
    public String recordKey() {
        return write.recordKey();
    }

    /** The object and External ID field it is written through, in any letter case: one collection call's worth. */
    public String collectionKey() {
        return write.sobject().toLowerCase(Locale.ROOT) + "/"
                + write.externalIdField().toLowerCase(Locale.ROOT);
    }
}
