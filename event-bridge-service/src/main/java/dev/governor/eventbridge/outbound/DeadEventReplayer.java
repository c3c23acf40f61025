package dev.governor.eventbridge.outbound;

import dev.governor.eventbridge.config.BridgeConfig;
import dev.governor.service.admin.NotReplayedCount;
import dev.governor.service.kafka.TopicSnapshot;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.set.SetCommands;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Lists dead events and puts chosen ones on the replay topic, body and headers unchanged, which every
 * replica reads and publishes through the route each names — deduplicated by source id like any other
 * event, so a replay of something that got in after all is not published twice. Which dead events were
 * replayed is kept in Redis, so "replay all" takes each once. Blocking; call it from a worker thread.
 */
@ApplicationScoped
public class DeadEventReplayer {

    public static final String CHANNEL = "event-replays";
    static final String REPLAYED_FROM = "governor-replayed-from";
    private static final String REPLAYED_KEY = "governor:bridge:v1:replayed-dead-events";
    private static final Duration SEND_LIMIT = Duration.ofSeconds(30);
    private static final String READER = "governor-bridge-dead-event-reader";

    private final Map<String, Object> kafka;
    private final String deadLetterTopic;
    private final MutinyEmitter<byte[]> replays;
    private final SetCommands<String, String> replayed;

    public DeadEventReplayer(
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            BridgeConfig config,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
                    MutinyEmitter<byte[]> replays,
            RedisDataSource redis) {
        this.kafka = kafka;
        this.deadLetterTopic = config.outbound().deadLetterTopic();
        this.replays = replays;
        this.replayed = redis.set(String.class);
    }

    /** Dead events in topic order, optionally only one route's, with or without those already replayed. */
    public List<DeadEvent> list(int limit, boolean includeReplayed, String route) {
        Set<String> done = replayed.smembers(REPLAYED_KEY);
        Predicate<String> wanted = id -> includeReplayed || !done.contains(id);
        List<DeadEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : read(wanted, route == null ? limit : Integer.MAX_VALUE)) {
            DeadEvent event = view(record, done.contains(TopicSnapshot.id(record)));
            if ((route == null || route.equals(event.route())) && events.size() < limit) {
                events.add(event);
            }
        }
        return events;
    }

    /** How many dead events are not yet replayed (up to {@link NotReplayedCount#CAP}). */
    public NotReplayedCount countNotReplayed() {
        Set<String> done = replayed.smembers(REPLAYED_KEY);
        return NotReplayedCount.of(
                TopicSnapshot.count(kafka, READER, deadLetterTopic, id -> !done.contains(id), NotReplayedCount.CAP));
    }

    /** The dead events with these ids, or those not yet replayed when {@code ids} is empty. */
    public List<ConsumerRecord<String, byte[]>> find(Set<String> ids, int limit) {
        if (ids.isEmpty()) {
            Set<String> done = replayed.smembers(REPLAYED_KEY);
            return read(id -> !done.contains(id), limit);
        }
        return read(ids::contains, ids.size());
    }

    /** Puts the dead events on the replay topic; answers their ids once Kafka has them all. */
    public List<String> replay(List<ConsumerRecord<String, byte[]>> records) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            RecordHeaders headers = new RecordHeaders();
            for (Header header : record.headers()) {
                if (!header.key().equals(DeadEvents.REASON) && !header.key().equals(REPLAYED_FROM)) {
                    headers.add(header);
                }
            }
            headers.add(REPLAYED_FROM, TopicSnapshot.id(record).getBytes(StandardCharsets.UTF_8));
            sends.add(replays.sendMessage(Message.of(record.value())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(record.key())
                            .withHeaders(headers)
                            .build())));
        }
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().atMost(SEND_LIMIT);
        }
        List<String> ids = records.stream().map(TopicSnapshot::id).toList();
        if (!ids.isEmpty()) {
            replayed.sadd(REPLAYED_KEY, ids.toArray(String[]::new));
        }
        return ids;
    }

    private List<ConsumerRecord<String, byte[]>> read(Predicate<String> wanted, int limit) {
        return TopicSnapshot.read(kafka, READER, deadLetterTopic, wanted, limit);
    }

    private static DeadEvent view(ConsumerRecord<String, byte[]> record, boolean replayed) {
        String sourceTime = header(record, DeadEvents.SOURCE_TIME);
        return new DeadEvent(
                TopicSnapshot.id(record),
                header(record, DeadEvents.ROUTE),
                header(record, DeadEvents.SOURCE_ID),
                header(record, DeadEvents.REASON),
                header(record, DeadEvents.ORIGIN),
                sourceTime == null ? null : Instant.parse(sourceTime),
                Instant.ofEpochMilli(record.timestamp()),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
                replayed);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
