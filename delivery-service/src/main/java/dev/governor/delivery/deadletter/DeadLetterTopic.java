package dev.governor.delivery.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.GovernorHeaders;
import dev.governor.common.record.RecordWrite;
import dev.governor.common.topic.Topics;
import dev.governor.delivery.messaging.DeliveryHeaders;
import dev.governor.service.kafka.TopicSnapshot;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the dead-letter topic for the admin API: from the beginning to the end it has now
 * ({@link TopicSnapshot}). Blocking; call it from a worker thread.
 */
@ApplicationScoped
public class DeadLetterTopic {

    private static final String READER = "governor-delivery-dead-letter-reader";

    private final Map<String, Object> kafka;
    private final ObjectMapper json;

    public DeadLetterTopic(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    /** A dead letter as it sits on the topic: where, its write and its headers. */
    public record Entry(String id, RecordWrite write, Map<String, byte[]> headers, long timestamp) {

        public String header(String name) {
            byte[] value = headers.get(name);
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        public DeadLetter view(boolean replayed) {
            String fields = header(GovernorHeaders.ERROR_FIELDS);
            String attempts = header(GovernorHeaders.ATTEMPTS);
            return new DeadLetter(
                    id,
                    header(GovernorHeaders.CE_ID),
                    write.sobject(),
                    write.externalIdField(),
                    write.externalId(),
                    write.fields(),
                    header(GovernorHeaders.ERROR_CODE),
                    header(GovernorHeaders.DEAD_LETTER_REASON),
                    fields == null || fields.isBlank() ? List.of() : Arrays.asList(fields.split(",")),
                    attempts == null ? null : Integer.valueOf(attempts),
                    Instant.ofEpochMilli(timestamp),
                    replayed);
        }
    }

    /** Entries in topic order (partition by partition) that match, up to {@code limit}. */
    public List<Entry> read(Predicate<String> wantedId, int limit) {
        List<Entry> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record :
                TopicSnapshot.read(kafka, READER, Topics.RECORDS_DEAD_LETTER, wantedId, limit)) {
            entry(TopicSnapshot.id(record), record).ifPresent(found::add);
        }
        return found;
    }

    /** How many entries have a wanted id, counting up to {@code cap} (none is read into a write). */
    public long count(Predicate<String> wantedId, long cap) {
        return TopicSnapshot.count(kafka, READER, Topics.RECORDS_DEAD_LETTER, wantedId, cap);
    }

    private Optional<Entry> entry(String id, ConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = DeliveryHeaders.mapOf(record.headers());
        try {
            return Optional.of(
                    new Entry(id, json.readValue(record.value(), RecordWrite.class), headers, record.timestamp()));
        } catch (IOException | RuntimeException e) {
            Log.warnf("Dead letter %s is unreadable and left out: %s", id, e.getMessage());
            return Optional.empty();
        }
    }
}
