package dev.governor.archive.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.archive.format.ArchivedRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RestoredRecordsTest {

    @Test
    void keyValueHeadersAndPartitionAreKeptAndTheOriginIsAdded() {
        ArchivedRecord archived = new ArchivedRecord(
                "governor.outcomes.v1",
                2,
                41,
                5,
                "CreateTime",
                bytes("k"),
                bytes("{}"),
                List.of(new ArchivedRecord.Header("ce_id", bytes("a")), new ArchivedRecord.Header("x", null)));

        ProducerRecord<byte[], byte[]> restored = RestoredRecords.of(archived, "target.v1", 6);

        assertThat(restored.topic()).isEqualTo("target.v1");
        assertThat(restored.partition()).isEqualTo(2);
        assertThat(restored.timestamp()).as("the restore's own time").isNull();
        assertThat(restored.key()).isEqualTo(bytes("k"));
        assertThat(restored.value()).isEqualTo(bytes("{}"));
        assertThat(restored.headers().lastHeader("ce_id").value()).isEqualTo(bytes("a"));
        assertThat(restored.headers().lastHeader("x").value()).isNull();
        assertThat(text(restored, RestoredRecords.RESTORED_FROM)).isEqualTo("governor.outcomes.v1/2@41");
        assertThat(restored.headers().lastHeader("governor-record-version")).isNull();
    }

    @Test
    void aRecordWriteKeepsItsVersionSoDeliveryNeverLetsItOverwriteNewerData() {
        ArchivedRecord fresh =
                new ArchivedRecord("governor.records.v1", 0, 1234, 5, "CreateTime", bytes("k"), bytes("{}"), List.of());
        ArchivedRecord replayed = new ArchivedRecord(
                "governor.records.v1",
                0,
                9999,
                5,
                "CreateTime",
                bytes("k"),
                bytes("{}"),
                List.of(new ArchivedRecord.Header("governor-record-version", bytes("77"))));

        assertThat(text(RestoredRecords.of(fresh, "governor.records.v1", 6), "governor-record-version"))
                .isEqualTo("1234");
        assertThat(text(RestoredRecords.of(replayed, "governor.records.v1", 6), "governor-record-version"))
                .isEqualTo("77");
    }

    @Test
    void aPartitionTheTargetLacksIsLeftToTheKey() {
        ArchivedRecord archived = new ArchivedRecord("t", 7, 1, 5, "CreateTime", bytes("k"), bytes("{}"), List.of());

        assertThat(RestoredRecords.of(archived, "small", 3).partition()).isNull();
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
