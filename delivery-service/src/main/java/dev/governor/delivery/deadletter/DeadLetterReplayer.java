package dev.governor.delivery.deadletter;

import dev.governor.common.record.RecordWrite;
import dev.governor.delivery.config.Channels;
import dev.governor.delivery.messaging.DeliveryHeaders;
import dev.governor.service.admin.NotReplayedCount;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.set.SetCommands;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Lists dead letters and puts chosen ones back on the records topic, each with its original headers
 * (same tracking id, so the caller's status follows it) and its original version, so a replay can never
 * overwrite a newer version of the record written since. Which dead letters were replayed is kept in
 * Redis, so "replay all" takes each one once. Blocking; call it from a worker thread.
 */
@ApplicationScoped
public class DeadLetterReplayer {

    private static final String REPLAYED_KEY = "governor:delivery:v1:replayed-dead-letters";
    private static final Duration SEND_LIMIT = Duration.ofSeconds(30);

    private final DeadLetterTopic topic;
    private final MutinyEmitter<RecordWrite> replays;
    private final SetCommands<String, String> replayed;

    public DeadLetterReplayer(
            DeadLetterTopic topic,
            @Channel(Channels.REPLAYS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
                    MutinyEmitter<RecordWrite> replays,
            RedisDataSource redis) {
        this.topic = topic;
        this.replays = replays;
        this.replayed = redis.set(String.class);
    }

    /** Dead letters in topic order that match the filter, up to {@code limit}. */
    public List<DeadLetter> list(int limit, boolean includeReplayed, DeadLetterFilter filter) {
        Set<String> done = replayed.smembers(REPLAYED_KEY);
        int read = filter.equals(DeadLetterFilter.ALL) ? limit : Integer.MAX_VALUE;
        return topic.read(id -> includeReplayed || !done.contains(id), read).stream()
                .map(entry -> entry.view(done.contains(entry.id())))
                .filter(filter::matches)
                .limit(limit)
                .toList();
    }

    /** How many dead letters are not yet replayed (up to {@link NotReplayedCount#CAP}). */
    public NotReplayedCount countNotReplayed() {
        Set<String> done = replayed.smembers(REPLAYED_KEY);
        return NotReplayedCount.of(topic.count(id -> !done.contains(id), NotReplayedCount.CAP));
    }

    /** The dead letters with these ids, or those not yet replayed when {@code ids} is empty. */
    public List<DeadLetterTopic.Entry> find(Set<String> ids, int limit) {
        if (ids.isEmpty()) {
            Set<String> done = replayed.smembers(REPLAYED_KEY);
            return topic.read(id -> !done.contains(id), limit);
        }
        return topic.read(ids::contains, ids.size());
    }

    /** Puts the entries back on the records topic; answers their ids once Kafka has them all. */
    public List<String> replay(List<DeadLetterTopic.Entry> entries) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (DeadLetterTopic.Entry entry : entries) {
            RecordHeaders headers = DeliveryHeaders.replay(entry.headers(), entry.id());
            sends.add(replays.sendMessage(Message.of(entry.write())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(entry.write().recordKey())
                            .withHeaders(headers)
                            .build())));
        }
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().atMost(SEND_LIMIT);
        }
        List<String> ids = entries.stream().map(DeadLetterTopic.Entry::id).toList();
        if (!ids.isEmpty()) {
            replayed.sadd(REPLAYED_KEY, ids.toArray(String[]::new));
        }
        return ids;
    }
}
