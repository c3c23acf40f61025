package dev.governor.delivery.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.record.RecordCloudEvents;
import dev.governor.common.record.RecordOutcome;
import dev.governor.common.record.RecordWrite;
import dev.governor.common.topic.Topics;
import dev.governor.delivery.writing.PendingWrite;
import dev.governor.delivery.writing.Settlement;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** What delivery reads from a record's headers and what it writes onward, without a broker. */
class DeliveryHeadersTest {

    private static final RecordWrite WRITE =
            new RecordWrite("Account", "External_Id__c", "A-1", Map.of("Name", "Acme"));
    private static final String RETRY_TOPIC = Topics.RECORDS_RETRY.get(1);

    private static ConsumerRecord<String, RecordWrite> record(
            String topic, long offset, RecordWrite value, String... headers) {
        ConsumerRecord<String, RecordWrite> record = new ConsumerRecord<>(topic, 3, offset, WRITE.recordKey(), value);
        for (int i = 0; i < headers.length; i += 2) {
            record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static String text(Headers headers, String name) {
        return headers.lastHeader(name) == null
                ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aFreshWriteTakesItsOffsetAsVersionAndIsItsFirstAttempt() {
        PendingWrite write = DeliveryHeaders.pendingWrite(
                        record(Topics.RECORDS, 41, WRITE, GovernorHeaders.CE_ID, "t-1"))
                .orElseThrow();
        assertThat(write.trackingId()).isEqualTo("t-1");
        assertThat(write.version()).isEqualTo(41);
        assertThat(write.attempt()).isEqualTo(1);
        assertThat(write.origin()).isEqualTo(new PendingWrite.Origin(Topics.RECORDS, 3, 41));
    }

    @Test
    void aRetryKeepsTheVersionAndAttemptItCarries() {
        PendingWrite write = DeliveryHeaders.pendingWrite(record(
                        RETRY_TOPIC,
                        7,
                        WRITE,
                        GovernorHeaders.CE_ID,
                        "t-1",
                        GovernorHeaders.RECORD_VERSION,
                        "41",
                        GovernorHeaders.ATTEMPT,
                        "3",
                        GovernorHeaders.RETRY_NOT_BEFORE,
                        "1764583200000"))
                .orElseThrow();
        assertThat(write.version()).isEqualTo(41);
        assertThat(write.attempt()).isEqualTo(3);
        assertThat(DeliveryHeaders.retryNotBefore(write)).isEqualTo(1764583200000L);
    }

    @Test
    void garbledNumbersFallBackRatherThanFail() {
        PendingWrite write = DeliveryHeaders.pendingWrite(
                        record(Topics.RECORDS, 9, WRITE, GovernorHeaders.CE_ID, "t-1", GovernorHeaders.ATTEMPT, "two"))
                .orElseThrow();
        assertThat(write.attempt()).isEqualTo(1);
        assertThat(DeliveryHeaders.retryNotBefore(write)).isZero();
    }

    @Test
    void aRecordWithoutValueOrCloudEventIdIsNotAWrite() {
        assertThat(DeliveryHeaders.pendingWrite(record(Topics.RECORDS, 1, WRITE)))
                .isEmpty();
        assertThat(DeliveryHeaders.pendingWrite(record(Topics.RECORDS, 1, null, GovernorHeaders.CE_ID, "t-1")))
                .isEmpty();
    }

    private static PendingWrite retried() {
        return DeliveryHeaders.pendingWrite(record(
                        RETRY_TOPIC,
                        7,
                        WRITE,
                        GovernorHeaders.CE_ID,
                        "t-1",
                        "ce_" + RecordCloudEvents.EXT_CALLER,
                        "token:crm-sync",
                        GovernorHeaders.RECORD_VERSION,
                        "41",
                        GovernorHeaders.ATTEMPT,
                        "2",
                        GovernorHeaders.RETRY_NOT_BEFORE,
                        "1",
                        GovernorHeaders.ERROR_CODE,
                        "UNABLE_TO_LOCK_ROW"))
                .orElseThrow();
    }

    @Test
    void aRetryCarriesTheWritesOwnHeadersAndFreshOnesOfThisPass() {
        Instant notBefore = Instant.parse("2026-12-01T10:00:30Z");
        Settlement settlement = new Settlement(
                retried(),
                new RecordOutcome(
                        "t-1",
                        RecordOutcome.Status.RETRYING,
                        null,
                        2,
                        new RecordOutcome.Error("UNABLE_TO_LOCK_ROW", "locked", List.of())),
                new Settlement.RetryAt(1, notBefore));
        RecordHeaders headers = DeliveryHeaders.retry(settlement);
        assertThat(text(headers, GovernorHeaders.CE_ID)).isEqualTo("t-1");
        assertThat(text(headers, "ce_" + RecordCloudEvents.EXT_CALLER)).isEqualTo("token:crm-sync");
        assertThat(text(headers, GovernorHeaders.RECORD_VERSION)).isEqualTo("41");
        assertThat(text(headers, GovernorHeaders.ATTEMPT)).isEqualTo("3");
        assertThat(text(headers, GovernorHeaders.RETRY_NOT_BEFORE)).isEqualTo(Long.toString(notBefore.toEpochMilli()));
        assertThat(text(headers, GovernorHeaders.ERROR_CODE))
                .as("the last pass's error is not carried")
                .isNull();
        assertThat(headers.headers(GovernorHeaders.ATTEMPT)).hasSize(1);
    }

    @Test
    void aDeadLetterSaysWhyAndWhereItWasRead() {
        Settlement settlement = new Settlement(
                retried(),
                new RecordOutcome(
                        "t-1",
                        RecordOutcome.Status.DEAD_LETTERED,
                        null,
                        2,
                        new RecordOutcome.Error(
                                "INVALID_FIELD", "No such column 'Nope__c'", List.of("Nope__c", "Other__c"))),
                null);
        RecordHeaders headers = DeliveryHeaders.deadLetter(settlement);
        assertThat(text(headers, GovernorHeaders.DEAD_LETTER_REASON))
                .isEqualTo("INVALID_FIELD: No such column 'Nope__c'");
        assertThat(text(headers, GovernorHeaders.ERROR_CODE)).isEqualTo("INVALID_FIELD");
        assertThat(text(headers, GovernorHeaders.ERROR_FIELDS)).isEqualTo("Nope__c,Other__c");
        assertThat(text(headers, GovernorHeaders.ATTEMPTS)).isEqualTo("2");
        assertThat(text(headers, GovernorHeaders.DEAD_LETTER_TOPIC)).isEqualTo(RETRY_TOPIC);
        assertThat(text(headers, GovernorHeaders.DEAD_LETTER_PARTITION)).isEqualTo("3");
        assertThat(text(headers, GovernorHeaders.DEAD_LETTER_OFFSET)).isEqualTo("7");
        assertThat(text(headers, GovernorHeaders.RETRY_NOT_BEFORE)).isNull();
        assertThat(text(headers, GovernorHeaders.RECORD_VERSION)).isEqualTo("41");
    }

    @Test
    void anUnreadableRecordKeepsItsHeadersButNotTheDeserializersAndSaysWhereItWas() {
        ConsumerRecord<String, RecordWrite> record = record(
                Topics.RECORDS,
                12,
                null,
                GovernorHeaders.CE_ID,
                "t-9",
                DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON,
                "Unexpected character",
                DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA,
                "{not json");
        assertThat(DeliveryHeaders.deserializationFailure(record)).contains("Unexpected character");
        assertThat(new String(DeliveryHeaders.undeserializedValue(record), StandardCharsets.UTF_8))
                .isEqualTo("{not json");

        RecordHeaders headers = DeliveryHeaders.unreadable(record, "not a record write");
        assertThat(text(headers, GovernorHeaders.CE_ID)).isEqualTo("t-9");
        assertThat(text(headers, GovernorHeaders.ERROR_CODE)).isEqualTo(DeliveryHeaders.UNREADABLE_RECORD);
        assertThat(text(headers, GovernorHeaders.DEAD_LETTER_REASON))
                .isEqualTo("UNREADABLE_RECORD: not a record write");
        assertThat(text(headers, GovernorHeaders.DEAD_LETTER_OFFSET)).isEqualTo("12");
        assertThat(text(headers, DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON))
                .isNull();
        assertThat(text(headers, DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA))
                .isNull();
    }

    @Test
    void aReplayKeepsTheVersionAndNamesItsDeadLetterButDropsTheLastPass() {
        Map<String, byte[]> deadLetter = DeliveryHeaders.mapOf(DeliveryHeaders.deadLetter(new Settlement(
                retried(),
                new RecordOutcome(
                        "t-1",
                        RecordOutcome.Status.DEAD_LETTERED,
                        null,
                        2,
                        new RecordOutcome.Error("INVALID_FIELD", "nope", List.of())),
                null)));
        RecordHeaders headers = DeliveryHeaders.replay(deadLetter, "3-17");
        assertThat(text(headers, GovernorHeaders.RECORD_VERSION)).isEqualTo("41");
        assertThat(text(headers, GovernorHeaders.REPLAYED_FROM)).isEqualTo("3-17");
        assertThat(text(headers, GovernorHeaders.CE_ID)).isEqualTo("t-1");
        assertThat(text(headers, GovernorHeaders.ERROR_CODE)).isNull();
        assertThat(text(headers, GovernorHeaders.DEAD_LETTER_TOPIC)).isNull();
        assertThat(text(headers, GovernorHeaders.ATTEMPT)).isNull();
        assertThat(Optional.ofNullable(headers.lastHeader(GovernorHeaders.ATTEMPTS)))
                .isEmpty();
    }
}
