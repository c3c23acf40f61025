package dev.governor.delivery.messaging;

import dev.governor.common.GovernorHeaders;
import dev.governor.delivery.config.DeliveryConfig;
import dev.governor.delivery.writing.PendingWrite;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Remembers which writes are on the dead-letter topic, so an accepted write is dead-lettered once (once
 * per replay of it). Kafka delivers at least once: a partition that moves to another consumer before its
 * offsets were committed is read again, and a write read twice may run out of attempts twice. The mark
 * is set only after the dead letter is on Kafka, so a crash in between makes a second dead letter, never
 * none; when Redis cannot answer, the dead letter is sent.
 */
@ApplicationScoped
public class DeadLetterLedger {

    private static final String KEY_PREFIX = "governor:delivery:v1:dead-lettered:";

    private final ReactiveValueCommands<String, String> values;
    private final Duration memory;

    public DeadLetterLedger(ReactiveRedisDataSource redis, DeliveryConfig config) {
        this.values = redis.value(String.class, String.class);
        this.memory = config.ordering().memory();
    }

    /** Whether this write (in this replay of it) is on the dead-letter topic already. */
    public Uni<Boolean> holds(PendingWrite write) {
        return values.get(key(write))
                .map(mark -> mark != null)
                .onFailure()
                .invoke(e -> Log.warnf(
                        "Could not ask Redis whether %s was dead-lettered; sending it: %s",
                        write.trackingId(), e.getMessage()))
                .onFailure()
                .recoverWithItem(false);
    }

    /** Marks the write as on the dead-letter topic; a mark that cannot be kept costs at most a second dead letter. */
    public Uni<Void> remember(PendingWrite write) {
        return values.set(key(write), "1", new SetArgs().px(memory))
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> Log.warnf(
                        "Could not mark %s as dead-lettered in Redis: %s", write.trackingId(), e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    static String key(PendingWrite write) {
        byte[] replayedFrom = write.headers().get(GovernorHeaders.REPLAYED_FROM);
        return KEY_PREFIX
                + write.trackingId()
                + (replayedFrom == null ? "" : "@" + new String(replayedFrom, StandardCharsets.UTF_8));
    }
}
