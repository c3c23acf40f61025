package dev.governor.archive.format;

import java.util.List;

/**
 * One Kafka record as an archive object keeps it: all a restore needs to write it again as it was. Key and
 * value are null where the record had none (a tombstone has no value).
 */
public record ArchivedRecord(
        String topic,
        int partition,
        long offset,
        long timestamp,
        String timestampType,
        byte[] key,
        byte[] value,
        List<Header> headers) {

    public record Header(String key, byte[] value) {}
}
