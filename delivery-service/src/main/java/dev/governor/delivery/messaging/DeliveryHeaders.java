package dev.governor.delivery.messaging;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.record.RecordOutcome;
import dev.governor.common.record.RecordWrite;
import dev.governor.common.topic.Topics;
import dev.governor.delivery.writing.PendingWrite;
import dev.governor.delivery.writing.Settlement;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka headers of delivery's records, read and written in one place: what a consumed record says
 * about its write (CloudEvent id, version, attempt), and what a write carries onward to a retry topic,
 * the dead-letter topic or a replay — its own headers, never those of an earlier pass.
 */
public final class DeliveryHeaders {

    /** Headers that describe one pass through delivery; a forwarded write gets fresh ones. */
    static final Set<String> PER_PASS = Set.of(
            GovernorHeaders.RECORD_VERSION,
            GovernorHeaders.ATTEMPT,
            GovernorHeaders.RETRY_NOT_BEFORE,
            GovernorHeaders.DEAD_LETTER_REASON,
            GovernorHeaders.DEAD_LETTER_TOPIC,
            GovernorHeaders.DEAD_LETTER_PARTITION,
            GovernorHeaders.DEAD_LETTER_OFFSET,
            GovernorHeaders.ERROR_CODE,
            GovernorHeaders.ERROR_FIELDS,
            GovernorHeaders.ATTEMPTS,
            GovernorHeaders.REPLAYED_FROM);

    /** The error code of a dead letter that delivery could not read at all. */
    public static final String UNREADABLE_RECORD = "UNREADABLE_RECORD";

    private static final String DESERIALIZATION_FAILURE_PREFIX = "deserialization-failure-";

    private DeliveryHeaders() {}

    /** The headers by name (the last of a repeated name wins), in their order. */
    public static Map<String, byte[]> mapOf(Headers headers) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (Header header : headers) {
            map.put(header.key(), header.value());
        }
        return map;
    }

    /**
     * The write a consumed record carries, or empty when delivery cannot use it (no value, or no CloudEvent
     * id). Its version is the header's, or — fresh from the records topic — the record's own offset.
     */
    public static Optional<PendingWrite> pendingWrite(ConsumerRecord<String, RecordWrite> record) {
        Map<String, byte[]> headers = mapOf(record.headers());
        byte[] id = headers.get(GovernorHeaders.CE_ID);
        if (record.value() == null || id == null) {
            return Optional.empty();
        }
        long version = longHeader(headers, GovernorHeaders.RECORD_VERSION, -1);
        if (version < 0) {
            if (!Topics.RECORDS.equals(record.topic())) {
                Log.warnf(
                        "A retry without a record version at %s-%d@%d; taking its offset",
                        record.topic(), record.partition(), record.offset());
            }
            version = record.offset();
        }
        int attempt = (int) longHeader(headers, GovernorHeaders.ATTEMPT, 1);
        return Optional.of(new PendingWrite(
                new String(id, StandardCharsets.UTF_8),
                record.value(),
                headers,
                version,
                attempt,
                new PendingWrite.Origin(record.topic(), record.partition(), record.offset())));
    }

    /** Epoch milliseconds before which a write from a retry topic must not be tried; 0 when it may go now. */
    public static long retryNotBefore(PendingWrite write) {
        return longHeader(write.headers(), GovernorHeaders.RETRY_NOT_BEFORE, 0);
    }

    /** A retrying write's headers: its own, its version, the attempt it waits for and until when. */
    static RecordHeaders retry(Settlement settlement) {
        RecordHeaders headers = forwarded(settlement.pending());
        headers.add(GovernorHeaders.ATTEMPT, utf8(Integer.toString(settlement.nextAttempt())));
        headers.add(
                GovernorHeaders.RETRY_NOT_BEFORE,
                utf8(Long.toString(settlement.retryAt().notBefore().toEpochMilli())));
        return headers;
    }

    /** A dead letter's headers: its own, its version, the error, the attempts made, and where it was read. */
    static RecordHeaders deadLetter(Settlement settlement) {
        RecordOutcome.Error error = settlement.outcome().error();
        PendingWrite write = settlement.pending();
        RecordHeaders headers = forwarded(write);
        headers.add(GovernorHeaders.DEAD_LETTER_REASON, utf8(error.statusCode() + ": " + error.message()));
        headers.add(GovernorHeaders.ERROR_CODE, utf8(error.statusCode()));
        headers.add(GovernorHeaders.ERROR_FIELDS, utf8(String.join(",", error.fields())));
        headers.add(
                GovernorHeaders.ATTEMPTS,
                utf8(String.valueOf(settlement.outcome().attempts())));
        addOrigin(
                headers,
                write.origin().topic(),
                write.origin().partition(),
                write.origin().offset());
        return headers;
    }

    /**
     * An unreadable record's dead-letter headers: its own (not the deserializer's, nor an earlier pass's),
     * the reason, and where it was read.
     */
    static RecordHeaders unreadable(ConsumerRecord<String, ?> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DESERIALIZATION_FAILURE_PREFIX) && !PER_PASS.contains(header.key())) {
                headers.add(header);
            }
        }
        headers.add(GovernorHeaders.DEAD_LETTER_REASON, utf8(UNREADABLE_RECORD + ": " + reason));
        headers.add(GovernorHeaders.ERROR_CODE, utf8(UNREADABLE_RECORD));
        headers.add(GovernorHeaders.ATTEMPTS, utf8("0"));
        addOrigin(headers, record.topic(), record.partition(), record.offset());
        return headers;
    }

    /** The bytes the deserializer could not read, as they came; null when the record was read. */
    static byte[] undeserializedValue(ConsumerRecord<String, ?> record) {
        Header data = record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA);
        return data == null ? null : data.value();
    }

    /** Why the deserializer refused a record, if it did. */
    static Optional<String> deserializationFailure(ConsumerRecord<String, ?> record) {
        Header failure = record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
        return failure == null ? Optional.empty() : Optional.of(new String(failure.value(), StandardCharsets.UTF_8));
    }

    /** A dead letter's headers to replay it with: the write's own and its version, and where it came from. */
    public static RecordHeaders replay(Map<String, byte[]> deadLetterHeaders, String deadLetterId) {
        RecordHeaders headers = new RecordHeaders();
        deadLetterHeaders.forEach((name, value) -> {
            if (name.equals(GovernorHeaders.RECORD_VERSION) || !PER_PASS.contains(name)) {
                headers.add(name, value);
            }
        });
        headers.add(GovernorHeaders.REPLAYED_FROM, utf8(deadLetterId));
        return headers;
    }

    /** The write's own headers (CloudEvent attributes, trace context) and its version. */
    private static RecordHeaders forwarded(PendingWrite write) {
        RecordHeaders headers = new RecordHeaders();
        write.headers().forEach((name, value) -> {
            if (!PER_PASS.contains(name)) {
                headers.add(name, value);
            }
        });
        headers.add(GovernorHeaders.RECORD_VERSION, utf8(Long.toString(write.version())));
        return headers;
    }

    private static void addOrigin(RecordHeaders headers, String topic, int partition, long offset) {
        headers.add(GovernorHeaders.DEAD_LETTER_TOPIC, utf8(topic));
        headers.add(GovernorHeaders.DEAD_LETTER_PARTITION, utf8(Integer.toString(partition)));
        headers.add(GovernorHeaders.DEAD_LETTER_OFFSET, utf8(Long.toString(offset)));
    }

    private static long longHeader(Map<String, byte[]> headers, String name, long fallback) {
        byte[] value = headers.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(new String(value, StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
