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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Cached reads in Redis: an object's two versions, entries, and the lock that lets one replica call
 * Salesforce for an entry while the others wait for it. Every command names keys of one object only (one
 * hash slot), and a read is one round trip.
 */
@ApplicationScoped
public class ReadCache {

    /** An object's generation and query version (both 0 until first bumped). */
    record Versions(long generation, long queries) {}

    /**
     * What one read found: the object's versions, the entry if it is current at them, and the entry's raw value
     * (which a store compares against, so that an eviction during the fetch wins over the answer fetched).
     */
    record Lookup(Versions versions, Optional<CachedAnswer> current, String seen) {}

    /** An evicted record's entry holds a mark for this long: longer than any fetch (the client's read timeout). */
    private static final Duration EVICTION_MARK_KEPT = Duration.ofMinutes(2);

    private static final String EVICTION_MARK = "evicted:";

    /** Stores the answer unless the object's versions moved or the entry was evicted since it was looked up. */
    private static final String STORE_IF_UNCHANGED = """
            if tonumber(redis.call('GET', KEYS[1]) or '0') ~= tonumber(ARGV[1]) then return 0 end
            if ARGV[6] == '1' and tonumber(redis.call('GET', KEYS[2]) or '0') ~= tonumber(ARGV[2]) then return 0 end
            local now = redis.call('GET', KEYS[3])
            if now and string.sub(now, 1, 8) == 'evicted:' and now ~= ARGV[3] then return 0 end
            redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[5])
            return 1
            """;

    /** Marks changed records' entries evicted, then makes every query over their object stale. */
    private static final String EVICT = """
            for i = 2, #KEYS do redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2]) end
            redis.call('INCR', KEYS[1])
            return 1
            """;

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final ObjectMapper json;

    ReadCache(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.keys = redis.key(String.class);
        this.json = json;
    }

    Uni<Lookup> lookup(CacheEntry entry) {
        String generation = ReadKeys.generation(entry.object());
        String queries = ReadKeys.queryVersion(entry.object());
        return values.mget(generation, queries, entry.key())
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail()
                .map(found -> {
                    Versions versions = new Versions(number(found.get(generation)), number(found.get(queries)));
                    String seen = found.get(entry.key());
                    Optional<CachedAnswer> current = Optional.ofNullable(seen)
                            .filter(text -> !text.startsWith(EVICTION_MARK))
                            .map(this::read)
                            .filter(answer -> answer.currentAt(versions, entry.staleOnAnyChange()));
                    return new Lookup(versions, current, seen);
                });
    }

    /**
     * Stores an answer fetched after {@code looked}: only while the object's versions are still those it was
     * fetched under and no change event evicted the entry meanwhile, so a change seen during the fetch is never
     * hidden by the older answer (dropping it costs one more call, never a stale read).
     */
    Uni<Boolean> store(CacheEntry entry, Lookup looked, CachedAnswer answer, Duration keepFor) {
        Versions at = looked.versions();
        return redis.execute(
                        "EVAL",
                        STORE_IF_UNCHANGED,
                        "3",
                        ReadKeys.generation(entry.object()),
                        ReadKeys.queryVersion(entry.object()),
                        entry.key(),
                        Long.toString(at.generation()),
                        Long.toString(at.queries()),
                        looked.seen() == null ? "" : looked.seen(),
                        write(answer.fetchedUnder(at)),
                        Long.toString(keepFor.toMillis()),
                        entry.staleOnAnyChange() ? "1" : "0")
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail()
                .map(stored -> stored.toLong() == 1);
    }

    /** Takes the entry's lock for {@code hold} unless another replica holds it; answers whether it was taken. */
    Uni<Boolean> lock(CacheEntry entry, Duration hold) {
        return values.setGet(entry.lock(), "1", new SetArgs().nx().px(hold))
                .map(previous -> previous == null)
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail();
    }

    Uni<Void> unlock(CacheEntry entry) {
        return keys.del(entry.lock()).replaceWithVoid();
    }

    /** Drops the records' entries and makes every cached query over their object stale: they changed. */
    Uni<Void> evict(String object, List<String> ids) {
        List<String> args = new ArrayList<>();
        args.add(EVICT);
        args.add(Integer.toString(ids.size() + 1));
        args.add(ReadKeys.queryVersion(object));
        ids.forEach(id -> args.add(ReadKeys.record(object, RecordIds.to18(id)).key()));
        args.add(EVICTION_MARK + UUID.randomUUID());
        args.add(Long.toString(EVICTION_MARK_KEPT.toMillis()));
        return redis.execute("EVAL", args.toArray(String[]::new)).replaceWithVoid();
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
            return new CachedAnswer(false, null, 0, null, -1, -1); // unreadable: never current
        }
    }
}
