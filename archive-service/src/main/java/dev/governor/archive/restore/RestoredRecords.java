package dev.governor.archive.restore;

import dev.governor.archive.format.ArchivedRecord;
import dev.governor.common.GovernorHeaders;
import dev.governor.common.topic.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An archived record as a restore writes it: its key, value and headers as they were, on the partition it
 * was on when the target has it, plus {@code governor-restored-from: topic/partition@offset}. A record write
 * taken from the records topic keeps its version ({@code governor-record-version}, the offset the topic first
 * took it at), so delivery never lets it overwrite what a newer write set. The timestamp is the restore's:
 * an old one would put the record past the target's retention at once. Pure.
 */
public final class RestoredRecords {

    public static final String RESTORED_FROM = "governor-restored-from";

    private RestoredRecords() {}

    public static ProducerRecord<byte[], byte[]> of(ArchivedRecord record, String target, int targetPartitions) {
        RecordHeaders headers = new RecordHeaders();
        boolean hasVersion = false;
        for (ArchivedRecord.Header header : record.headers()) {
            headers.add(header.key(), header.value());
            hasVersion |= header.key().equals(GovernorHeaders.RECORD_VERSION);
        }
        if (!hasVersion && record.topic().equals(Topics.RECORDS)) {
            headers.add(GovernorHeaders.RECORD_VERSION, utf8(Long.toString(record.offset())));
        }
        headers.add(RESTORED_FROM, utf8(record.topic() + "/" + record.partition() + "@" + record.offset()));
        Integer partition = record.partition() < targetPartitions ? record.partition() : null;
        return new ProducerRecord<>(target, partition, null, record.key(), record.value(), headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
