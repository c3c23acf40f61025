package dev.governor.salesforce.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.json.Json;
import dev.governor.salesforce.api.SalesforceClient;
import dev.governor.salesforce.limits.LimitGuardConfig;
import dev.governor.salesforce.limits.OrgKeys;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The org's object descriptions, kept close: each replica's own copy for {@code local-ttl}, one shared
 * copy in Redis for {@code ttl} (so a fleet of replicas asks the org once per object and period), and
 * the org's describe, through the limit guard like every call, when neither has it. Concurrent misses for
 * one object in a replica share one fetch. A copy past its time is still used while the org cannot be
 * asked. Whoever learns that a description is wrong (delivery meeting an unknown field) drops the shared
 * copy with {@link #invalidate}, and every replica reads the new one within {@code local-ttl}.
 */
@ApplicationScoped
public class ObjectSchemas {

    private static final String MISSING = "{\"missing\":true}";

    /** A replica's copy and when it was taken (System.nanoTime). */
    private record Entry(SchemaLookup lookup, long readAt, boolean fromOrg) {}

    private final SalesforceClient salesforce;
    private final ReactiveValueCommands<String, String> redis;
    private final ReactiveKeyCommands<String> redisKeys;
    private final ObjectMapper json;
    private final SchemaConfig config;
    private final String keyPrefix;
    private final Map<String, Entry> local = new ConcurrentHashMap<>();
    private final Map<String, Uni<SchemaLookup>> inFlight = new ConcurrentHashMap<>();

    public ObjectSchemas(
            SalesforceClient salesforce,
            ReactiveRedisDataSource redis,
            ObjectMapper json,
            SchemaConfig config,
            LimitGuardConfig limits) {
        this.salesforce = salesforce;
        this.redis = redis.value(String.class, String.class);
        this.redisKeys = redis.key(String.class);
        this.json = json;
        this.config = config;
        this.keyPrefix = OrgKeys.prefix(limits.org()) + "schema:";
    }

    /** What is known of the object, from the nearest copy that is still fresh. */
    public Uni<SchemaLookup> lookup(String sobject) {
        String name = sobject.toLowerCase(Locale.ROOT);
        Entry entry = local.get(name);
        if (entry != null && fresh(entry)) {
            return Uni.createFrom().item(entry.lookup());
        }
        return await(name, entry, false);
    }

    /**
     * Asks the org again, unless this replica's copy came from the org less than {@code local-ttl} ago:
     * for a caller naming a field the copy lacks, which may have been added since.
     */
    public Uni<SchemaLookup> refresh(String sobject) {
        String name = sobject.toLowerCase(Locale.ROOT);
        Entry entry = local.get(name);
        if (entry != null && entry.fromOrg() && fresh(entry)) {
            return Uni.createFrom().item(entry.lookup());
        }
        return await(name, entry, true);
    }

    /** Drops the shared copy and this replica's: the next lookup anywhere asks the org. */
    public Uni<Void> invalidate(String sobject) {
        String name = sobject.toLowerCase(Locale.ROOT);
        local.remove(name);
        return redisKeys.del(keyPrefix + name).replaceWithVoid();
    }

    private boolean fresh(Entry entry) {
        Duration ttl = entry.lookup() instanceof SchemaLookup.Unavailable ? config.unavailableTtl() : config.localTtl();
        return System.nanoTime() - entry.readAt() < ttl.toNanos();
    }

    /** Waits up to the fetch timeout for the shared fetch; a stale copy, or Unavailable, if it takes longer. */
    private Uni<SchemaLookup> await(String name, Entry stale, boolean skipRedis) {
        Uni<SchemaLookup> fetch = inFlight.computeIfAbsent(
                name,
                n -> fetch(n, stale, skipRedis)
                        .onTermination()
                        .invoke(() -> inFlight.remove(n))
                        .memoize()
                        .indefinitely());
        return fetch.ifNoItem().after(config.fetchTimeout()).recoverWithItem(() -> {
            if (stale != null) {
                return stale.lookup();
            }
            // Callers in the next moments need not wait too; the fetch, when it answers, replaces this.
            SchemaLookup unavailable =
                    new SchemaLookup.Unavailable("the org's description of " + name + " is not at hand yet");
            local.putIfAbsent(name, new Entry(unavailable, System.nanoTime(), false));
            return unavailable;
        });
    }

    private Uni<SchemaLookup> fetch(String name, Entry stale, boolean skipRedis) {
        Uni<String> shared = skipRedis
                ? Uni.createFrom().nullItem()
                : redis.get(keyPrefix + name)
                        .onFailure()
                        .invoke(e -> Log.debugf("Shared description of %s unreadable: %s", name, e.getMessage()))
                        .onFailure()
                        .recoverWithNull();
        return shared.flatMap(text -> {
            SchemaLookup cached = text == null ? null : parse(text);
            if (cached != null) {
                local.put(name, new Entry(cached, System.nanoTime(), false));
                return Uni.createFrom().item(cached);
            }
            return fromOrg(name, stale);
        });
    }

    private Uni<SchemaLookup> fromOrg(String name, Entry stale) {
        return salesforce
                .describe(name)
                .map(describe -> describe.<SchemaLookup>map(d -> new SchemaLookup.Known(ObjectSchema.fromDescribe(d)))
                        .orElseGet(SchemaLookup.Missing::new))
                .call(lookup -> store(name, lookup))
                .invoke(lookup -> local.put(name, new Entry(lookup, System.nanoTime(), true)))
                .onFailure()
                .recoverWithItem(e -> {
                    Log.infof("The org could not describe %s: %s", name, e.getMessage());
                    if (stale != null && !(stale.lookup() instanceof SchemaLookup.Unavailable)) {
                        return stale.lookup();
                    }
                    SchemaLookup unavailable = new SchemaLookup.Unavailable(String.valueOf(e.getMessage()));
                    local.put(name, new Entry(unavailable, System.nanoTime(), false));
                    return unavailable;
                });
    }

    private Uni<Void> store(String name, SchemaLookup lookup) {
        String text;
        Duration ttl;
        if (lookup instanceof SchemaLookup.Known known) {
            text = Json.write(json, known.schema());
            ttl = config.ttl();
        } else {
            text = MISSING;
            ttl = config.missingTtl();
        }
        return redis.psetex(keyPrefix + name, ttl.toMillis(), text)
                .onFailure()
                .invoke(e -> Log.debugf("Could not share the description of %s: %s", name, e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private SchemaLookup parse(String text) {
        if (MISSING.equals(text)) {
            return new SchemaLookup.Missing();
        }
        return Json.read(json, text, ObjectSchema.class)
                .<SchemaLookup>map(SchemaLookup.Known::new)
                .orElse(null);
    }
}
