package dev.governor.ingress.reads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The read cache's scripts against a real Redis: an answer fetched before a change is never stored over that
 * change's eviction, and a version bump makes what it covers stale at once.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc,simulator"))
class ReadCacheTest {

    private static final Duration KEEP = Duration.ofMinutes(1);

    @Inject
    ReadCache cache;

    /** An object of its own per test, so versions other tests bump do not interfere. */
    private static String object() {
        return "Obj" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static CachedAnswer answer(String body) {
        return new CachedAnswer(true, body, System.currentTimeMillis(), ReadKeys.digest(body), 0, 0);
    }

    private ReadCache.Lookup lookup(CacheEntry entry) {
        return cache.lookup(entry).await().atMost(Duration.ofSeconds(5));
    }

    private boolean store(CacheEntry entry, ReadCache.Lookup looked, String body) {
        return cache.store(entry, looked, answer(body), KEEP).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void anAnswerFetchedBeforeAChangeIsNotStoredOverItsEviction() {
        String object = object();
        CacheEntry entry = ReadKeys.record(object, "001000000000042AAA");
        ReadCache.Lookup looked = lookup(entry);
        assertThat(looked.current()).isEmpty();

        // the change event arrives while the old value is being fetched
        cache.evict(object, List.of("001000000000042")).await().atMost(Duration.ofSeconds(5));
        assertThat(store(entry, looked, "{\"Name\":\"old\"}")).isFalse();
        assertThat(lookup(entry).current()).isEmpty();

        // fetched after the eviction was seen: stored, and current
        ReadCache.Lookup afterEviction = lookup(entry);
        assertThat(store(entry, afterEviction, "{\"Name\":\"new\"}")).isTrue();
        assertThat(lookup(entry).current())
                .hasValueSatisfying(a -> assertThat(a.body()).isEqualTo("{\"Name\":\"new\"}"));
    }

    @Test
    void aRecordByIdOutlivesChangesOfOtherRecordsButNotAGap() {
        String object = object();
        CacheEntry entry = ReadKeys.record(object, "001000000000043AAA");
        assertThat(store(entry, lookup(entry), "{\"Name\":\"a\"}")).isTrue();

        cache.evict(object, List.of("001000000000044AAA")).await().atMost(Duration.ofSeconds(5));
        assertThat(lookup(entry).current()).as("another record changed").isPresent();

        cache.flush(object).await().atMost(Duration.ofSeconds(5));
        assertThat(lookup(entry).current()).as("a gap flushed the object").isEmpty();
    }

    @Test
    void aQueryIsStaleOnAnyChangeOfItsObjectEvenOneDuringItsFetch() {
        String object = object();
        CacheEntry query = ReadKeys.query(object, "by-industry", Map.of("industry", "Energy"));
        assertThat(store(query, lookup(query), "{\"records\":[]}")).isTrue();
        assertThat(lookup(query).current()).isPresent();

        cache.evict(object, List.of("001000000000045AAA")).await().atMost(Duration.ofSeconds(5));
        assertThat(lookup(query).current()).isEmpty();

        ReadCache.Lookup looked = lookup(query);
        cache.evict(object, List.of("001000000000046AAA")).await().atMost(Duration.ofSeconds(5));
        assertThat(store(query, looked, "{\"records\":[]}")).isFalse();
    }
}
