package dev.governor.ingress.reads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.ingress.redis.RedisPipeline;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Cached reads in Redis: an object's two versions, entries, and the lock that lets one replica call
 * Salesforce for an entry while the others wait for it. Every command names keys of one object only.
 */
@ApplicationScoped
public class ReadCache {

    /** An object's generation and query version (both 0 until first bumped). */
    record Versions(long generation, long queries) {}

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final ObjectMapper json;

    ReadCache(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.values = redis.value(String.class, String.class);
        this.keys = redis.key(String.class);
        this.json = json;
    }

    Uni<Versions> versions(String object) {
        return values.mget(ReadKeys.generation(object), ReadKeys.queryVersion(object))
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail()
                .map(found -> new Versions(
                        number(found.get(ReadKeys.generation(object))),
                        number(found.get(ReadKeys.queryVersion(object)))));
    }

    Uni<Optional<CachedAnswer>> get(String key) {
        return values.get(key)
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail()
                .map(text -> Optional.ofNullable(text).map(this::read));
    }

    Uni<Void> put(String key, CachedAnswer answer, Duration keepFor) {
        return values.set(key, write(answer), new SetArgs().px(keepFor))
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail();
    }

    /** Takes the entry's lock for {@code hold} unless another replica holds it; answers whether it was taken. */
    Uni<Boolean> lock(String key, Duration hold) {
        return values.setGet(ReadKeys.lock(key), "1", new SetArgs().nx().px(hold))
                .map(previous -> previous == null)
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail();
    }

    Uni<Void> unlock(String key) {
        return keys.del(ReadKeys.lock(key)).replaceWithVoid();
    }

    /** Drops the records' entries: they changed. */
    Uni<Void> evict(String object, long generation, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] entries = ids.stream()
                .map(id -> ReadKeys.record(object, generation, RecordIds.to18(id)))
                .toArray(String[]::new);
        return keys.del(entries).replaceWithVoid();
    }

    /** Makes every cached query over the object stale: one of its records changed. */
    Uni<Void> bumpQueries(String object) {
        return values.incr(ReadKeys.queryVersion(object)).replaceWithVoid();
    }

    /** Makes everything cached of the object stale: its change events had a gap. */
    Uni<Void> flush(String object) {
        return values.incr(ReadKeys.generation(object)).replaceWithVoid();
    }

    private static long number(String text) {
        return text == null ? 0 : Long.parseLong(text);
    }

    private String write(CachedAnswer answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private CachedAnswer read(String text) {
        try {
            return json.readValue(text, CachedAnswer.class);
        } catch (IOException e) {
            return new CachedAnswer(false, null, 0, null); // unreadable: as good as expired
        }
    }
}
