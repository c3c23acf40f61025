package dev.governor.ingress.reads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.common.problem.ProblemType;
import dev.governor.salesforce.api.SalesforceClient;
import dev.governor.salesforce.error.ErrorClass;
import dev.governor.salesforce.error.SalesforceCallException;
import dev.governor.service.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Salesforce data read through Redis: an answer fresh in the cache is served without an API call; a miss asks
 * Salesforce once however many callers and replicas miss together (one caller per replica waits on the
 * replica's own call, one replica takes the entry's lock and the others wait for what it stores); while
 * Salesforce cannot be asked, an answer past its time is served within {@code stale-if-error}, marked stale.
 * Non-blocking throughout.
 */
@ApplicationScoped
public class CachedReads {

    /** Where an answer came from. */
    public enum Source {
        HIT,
        MISS,
        STALE
    }

    /** An answer for a caller: its JSON and entity tag, where it came from, its age and how long it stays fresh. */
    public record Answer(String body, String etag, Source source, long ageSeconds, long freshForSeconds) {}

    private static final Duration POLL = Duration.ofMillis(20);

    private final ReadsConfig config;
    private final ReadCache cache;
    private final SalesforceClient salesforce;
    private final ObjectMapper json;
    private final ReadMetrics metrics;
    private final Map<String, ServedObject> objects = new LinkedHashMap<>();
    private final Map<String, ServedQuery> queries = new LinkedHashMap<>();
    private final Map<String, Uni<CachedAnswer>> inFlight = new ConcurrentHashMap<>();

    CachedReads(
            ReadsConfig config, ReadCache cache, SalesforceClient salesforce, ObjectMapper json, ReadMetrics metrics) {
        this.config = config;
        this.cache = cache;
        this.salesforce = salesforce;
        this.json = json;
        this.metrics = metrics;
        config.objects()
                .forEach((name, object) -> objects.put(name.toLowerCase(Locale.ROOT), ServedObject.of(name, object)));
        config.queries().forEach((name, query) -> queries.put(name, ServedQuery.of(name, query)));
    }

    /** A record by its Id, with the fields asked for (by default the object's configured fields). */
    public Uni<Answer> record(String object, String id, Optional<List<String>> fields) {
        ServedObject served = served(object);
        List<String> wanted = served.fieldsFor(fields);
        if (!RecordIds.isId(id)) {
            throw ProblemException.of(ProblemType.INVALID_REQUEST, "Not a record Id: a 15- or 18-character Id");
        }
        String id18 = RecordIds.to18(id);
        return cached(
                        ReadKeys.record(served.name(), id18),
                        served.ttl(),
                        () -> salesforce
                                .record(served.name(), id18, served.allowed())
                                .map(this::answer),
                        "record")
                .map(answer -> project(answer, wanted, served.name() + " " + id))
                .onFailure(CachedReads::notAProblem)
                .transform(CachedReads::unreachable);
    }

    /** A record by the value of one of its External ID fields (any the org lets upserts match on). */
    public Uni<Answer> recordByExternalId(String object, String field, String value, Optional<List<String>> fields) {
        ServedObject served = served(object);
        List<String> wanted = served.fieldsFor(fields);
        if (!field.matches("[A-Za-z][A-Za-z0-9_]{0,79}") || value.isEmpty() || value.length() > 255) {
            throw ProblemException.of(
                    ProblemType.INVALID_REQUEST, "An External ID field's API name and a value of 1 to 255 characters");
        }
        List<String> fetched = new ArrayList<>(served.allowed());
        if (fetched.stream().noneMatch(f -> f.equalsIgnoreCase(field))) {
            fetched.add(field);
        }
        return cached(
                        ReadKeys.externalId(served.name(), field, value),
                        served.ttl(),
                        () -> salesforce
                                .recordByExternalId(served.name(), field, value, fetched)
                                .map(this::answer),
                        "record")
                .map(answer -> project(answer, wanted, served.name() + " with " + field + " " + value))
                .onFailure(CachedReads::notAProblem)
                .transform(CachedReads::unreachable);
    }

    /** A named query's records, its parameters filled as their declared types. */
    public Uni<Answer> query(String name, Map<String, String> params) {
        ServedQuery served = queries.get(name);
        if (served == null) {
            throw ProblemException.of(ProblemType.NOT_FOUND, "No query named " + name + " is served here");
        }
        String soql;
        try {
            soql = served.template().render(params);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(ProblemType.INVALID_REQUEST, e.getMessage());
        }
        return cached(
                        ReadKeys.query(served.object(), name, params),
                        served.ttl(),
                        () -> salesforce.query(soql, config.maxQueryPages()).map(found -> {
                            ObjectNode body = json.createObjectNode();
                            ArrayNode records = body.putArray("records");
                            found.records().forEach(r -> records.add(withoutAttributes(r)));
                            body.put("truncated", found.truncated());
                            return fetched(true, body.toString());
                        }),
                        "query")
                .map(answer -> {
                    if (!answer.answer().found()) {
                        throw ProblemException.of(ProblemType.NOT_FOUND, "The query found nothing");
                    }
                    return answer.toAnswer(
                            answer.answer().body(), answer.answer().etag());
                })
                .onFailure(CachedReads::notAProblem)
                .transform(CachedReads::unreachable);
    }

    private static boolean notAProblem(Throwable failure) {
        return !(failure instanceof ProblemException);
    }

    /** What is left once Salesforce's failures are answered: Redis, which the cache and the limit guard need. */
    private static Throwable unreachable(Throwable failure) {
        return ProblemException.unavailable("The read cache cannot be reached now: " + failure.getMessage(), 5);
    }

    /** One answer as the cache, a call of this replica's or another's, or a stale copy gave it. */
    private record Served(CachedAnswer answer, Source source, Duration ttl) {

        Answer toAnswer(String body, String etag) {
            long age = Math.max(0, (System.currentTimeMillis() - answer.fetchedAt()) / 1000);
            return new Answer(body, etag, source, age, Math.max(0, ttl.toSeconds() - age));
        }
    }

    private Uni<Served> cached(CacheEntry entry, Duration ttl, Supplier<Uni<CachedAnswer>> fetch, String kind) {
        return cache.lookup(entry).flatMap(looked -> {
            CachedAnswer previous = looked.current().orElse(null);
            if (previous != null && fresh(previous, ttl)) {
                metrics.served(kind, Source.HIT);
                return Uni.createFrom().item(new Served(previous, Source.HIT, ttl));
            }
            return once(entry, looked, ttl, fetch)
                    .map(answer -> new Served(answer, Source.MISS, ttl))
                    .invoke(() -> metrics.served(kind, Source.MISS))
                    .onFailure()
                    .recoverWithUni(failure -> staleOr(previous, ttl, failure, kind));
        });
    }

    /** The answer of one call per replica, and one per entry across replicas while the lock holds. */
    private Uni<CachedAnswer> once(
            CacheEntry entry, ReadCache.Lookup looked, Duration ttl, Supplier<Uni<CachedAnswer>> fetch) {
        CachedAnswer previous = looked.current().orElse(null);
        return inFlight.computeIfAbsent(
                entry.key(),
                key -> cache.lock(entry, config.singleFlightWait())
                        .flatMap(taken -> taken
                                ? holdingTheLock(entry, previous, ttl, fetch)
                                : awaitOther(entry, previous, ttl, fetch, deadline())
                                        .flatMap(found -> found.isPresent()
                                                ? Uni.createFrom().item(found.get())
                                                : call(entry, looked, ttl, fetch)))
                        .onTermination()
                        .invoke(() -> inFlight.remove(key))
                        .memoize()
                        .indefinitely());
    }

    private long deadline() {
        return System.nanoTime() + config.singleFlightWait().toNanos();
    }

    /**
     * Calls for the entry while this replica holds its lock, unless another replica stored it between this
     * one's lookup and its lock (it called, stored and unlocked in that time): then that answer is served.
     */
    private Uni<CachedAnswer> holdingTheLock(
            CacheEntry entry, CachedAnswer previous, Duration ttl, Supplier<Uni<CachedAnswer>> fetch) {
        return cache.lookup(entry)
                .flatMap(again -> {
                    Optional<CachedAnswer> stored = again.current().filter(answer -> newer(answer, previous));
                    return stored.isPresent() ? Uni.createFrom().item(stored.get()) : call(entry, again, ttl, fetch);
                })
                .eventually(() -> cache.unlock(entry));
    }

    private static boolean newer(CachedAnswer answer, CachedAnswer previous) {
        return previous == null || answer.fetchedAt() > previous.fetchedAt();
    }

    private Uni<CachedAnswer> call(
            CacheEntry entry, ReadCache.Lookup looked, Duration ttl, Supplier<Uni<CachedAnswer>> fetch) {
        return fetch.get().call(answer -> {
            metrics.apiCall();
            Duration keep = answer.found() ? usableFor(ttl) : config.notFoundTtl();
            return cache.store(entry, looked, answer, keep);
        });
    }

    /**
     * Polls for the entry another replica is fetching; when that replica let go of the lock without storing
     * it, this one takes the lock and asks. Empty when the wait is over.
     */
    private Uni<Optional<CachedAnswer>> awaitOther(
            CacheEntry entry, CachedAnswer previous, Duration ttl, Supplier<Uni<CachedAnswer>> fetch, long deadline) {
        return Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(POLL)
                .flatMap(ignored -> cache.lookup(entry))
                .flatMap(looked -> {
                    Optional<CachedAnswer> found = looked.current().filter(answer -> newer(answer, previous));
                    if (found.isPresent()) {
                        return Uni.createFrom().item(found);
                    }
                    if (System.nanoTime() > deadline) {
                        return Uni.createFrom().item(Optional.<CachedAnswer>empty());
                    }
                    return cache.lock(entry, config.singleFlightWait())
                            .flatMap(taken -> taken
                                    ? holdingTheLock(entry, previous, ttl, fetch)
                                            .map(Optional::of)
                                    : awaitOther(entry, previous, ttl, fetch, deadline));
                });
    }

    private Uni<Served> staleOr(CachedAnswer previous, Duration ttl, Throwable failure, String kind) {
        if (failure instanceof ProblemException problem) {
            return Uni.createFrom().failure(problem);
        }
        if (failure instanceof SalesforceCallException call && call.is(ErrorClass.PERMANENT)) {
            return Uni.createFrom()
                    .failure(ProblemException.of(
                            ProblemType.BAD_GATEWAY, "Salesforce refused the read: " + call.getMessage()));
        }
        if (previous != null
                && previous.found()
                && System.currentTimeMillis() - previous.fetchedAt()
                        < usableFor(ttl).toMillis()) {
            metrics.served(kind, Source.STALE);
            return Uni.createFrom().item(new Served(previous, Source.STALE, ttl));
        }
        return Uni.createFrom()
                .failure(ProblemException.unavailable(
                        "Salesforce cannot be asked now and nothing usable is cached: " + failure.getMessage(), 30));
    }

    /** How long an answer may be served at all: fresh for its ttl, then stale while the org cannot be asked. */
    private Duration usableFor(Duration ttl) {
        return ttl.plus(config.staleIfError());
    }

    private boolean fresh(CachedAnswer answer, Duration ttl) {
        long age = System.currentTimeMillis() - answer.fetchedAt();
        return age < (answer.found() ? ttl : config.notFoundTtl()).toMillis();
    }

    private CachedAnswer answer(Optional<JsonNode> record) {
        return record.map(r -> fetched(true, withoutAttributes(r).toString())).orElseGet(() -> fetched(false, null));
    }

    private static CachedAnswer fetched(boolean found, String body) {
        return new CachedAnswer(found, body, System.currentTimeMillis(), found ? ReadKeys.digest(body) : null, 0, 0);
    }

    private static JsonNode withoutAttributes(JsonNode record) {
        if (record instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.remove("attributes");
            return copy;
        }
        return record;
    }

    /** The record with only the fields asked for (and its Id), or 404 when the org has no such record. */
    private Answer project(Served served, List<String> wanted, String what) {
        if (!served.answer().found()) {
            throw ProblemException.of(ProblemType.NOT_FOUND, "The org has no " + what);
        }
        JsonNode record;
        try {
            record = json.readTree(served.answer().body());
        } catch (IOException e) {
            throw new IllegalStateException("a cached record that is not JSON", e);
        }
        ObjectNode answer = json.createObjectNode();
        answer.set("Id", record.path("Id"));
        record.fieldNames().forEachRemaining(name -> {
            if (wanted.stream().anyMatch(w -> w.equalsIgnoreCase(name))) {
                answer.set(name, record.get(name));
            }
        });
        String body = answer.toString();
        return served.toAnswer(body, ReadKeys.digest(body));
    }

    private ServedObject served(String object) {
        ServedObject served = objects.get(object.toLowerCase(Locale.ROOT));
        if (served == null) {
            throw ProblemException.of(ProblemType.NOT_FOUND, "No object " + object + " is served here");
        }
        return served;
    }
}
