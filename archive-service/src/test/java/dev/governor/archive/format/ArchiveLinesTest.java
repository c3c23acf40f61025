package dev.governor.archive.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A record's line gives back the record byte for byte, whatever its bytes; any other line is refused with a reason. */
class ArchiveLinesTest {

    @Property(tries = 2000)
    void aLineGivesBackItsRecord(
            @ForAll("bytes") byte[] key,
            @ForAll("bytes") byte[] value,
            @ForAll("bytes") byte[] headerValue,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long offset,
            @ForAll @LongRange(min = -1, max = 4_102_444_800_000L) long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("ce_id", "a1".getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("binary", headerValue));
        headers.add(new RecordHeader("ce_id", "repeated".getBytes(StandardCharsets.UTF_8)));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(
                "governor.records.v1",
                5,
                offset,
                timestamp,
                TimestampType.CREATE_TIME,
                -1,
                -1,
                key,
                value,
                headers,
                Optional.empty());

        byte[] line = ArchiveLines.encode(record);
        ArchivedRecord back = ArchiveLines.decode(new String(line, StandardCharsets.UTF_8).strip());

        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        assertThat(back.topic()).isEqualTo("governor.records.v1");
        assertThat(back.partition()).isEqualTo(5);
        assertThat(back.offset()).isEqualTo(offset);
        assertThat(back.timestamp()).isEqualTo(timestamp);
        assertThat(back.key()).isEqualTo(key);
        assertThat(back.value()).isEqualTo(value);
        assertThat(back.headers()).hasSize(3);
        assertThat(back.headers().get(1).value()).isEqualTo(headerValue);
        assertThat(back.headers().get(2).key()).isEqualTo("ce_id");
        assertThat(ArchiveLines.encode(record)).isEqualTo(line);
    }

    @Test
    void textStaysReadableAndOtherBytesAreBase64() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(
                "t", 0, 7, "account:external_id__c:acme-42".getBytes(StandardCharsets.UTF_8), new byte[] {
                    (byte) 0xff, 0, 1
                });

        String line = new String(ArchiveLines.encode(record), StandardCharsets.UTF_8);

        assertThat(line).contains("\"key\":\"account:external_id__c:acme-42\"").contains("\"valueBase64\":\"/wAB\"");
    }

    @Test
    void aTombstoneKeepsItsMissingValue() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 0, 7, null, null);

        ArchivedRecord back = ArchiveLines.decode(new String(ArchiveLines.encode(record), StandardCharsets.UTF_8));

        assertThat(back.key()).isNull();
        assertThat(back.value()).isNull();
    }

    @Property(tries = 2000)
    void anyOtherLineIsRefusedWithAReason(@ForAll("lines") String line) {
        try {
            ArchivedRecord record = ArchiveLines.decode(line);
            assertThat(record.topic()).isNotNull();
        } catch (ArchiveLines.UnreadableLine e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertThatThrownBy(() -> ArchiveLines.decode("{\"topic\":1}")).hasMessageContaining("topic");
        assertThatThrownBy(() -> ArchiveLines.decode("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> ArchiveLines.decode(
                        "{\"topic\":\"t\",\"partition\":-1,\"offset\":1,\"timestamp\":1,\"headers\":[]}"))
                .hasMessageContaining("partition");
        assertThatThrownBy(() -> ArchiveLines.decode(
                        "{\"topic\":\"t\",\"partition\":1,\"offset\":1,\"timestamp\":1,\"valueBase64\":\"*\"}"))
                .hasMessageContaining("base64");
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.strings().ofMaxLength(40).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.just(new byte[0]),
                Arbitraries.just((byte[]) null));
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> valid = Arbitraries.just("{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"timestamp\":2,"
                + "\"timestampType\":\"CreateTime\",\"headers\":[{\"key\":\"k\",\"value\":\"v\"}],\"value\":\"x\"}");
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80),
                valid.flatMap(v -> Arbitraries.integers().between(0, v.length()).map(cut -> v.substring(0, cut))),
                valid.flatMap(v -> Arbitraries.of(List.of("1", "null", "\"s\"", "[]", "{}", "-5", "1e999"))
                        .flatMap(junk -> Arbitraries.of(List.of("\"t\"", "0", "1", "2", "\"v\"", "\"x\""))
                                .map(target -> v.replaceFirst(java.util.regex.Pattern.quote(target), junk)))));
    }
}
