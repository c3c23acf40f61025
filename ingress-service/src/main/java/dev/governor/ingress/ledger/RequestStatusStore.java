package dev.governor.ingress.ledger;

import dev.governor.common.record.RecordOutcome;
import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.redis.KeyedRequest;
import dev.governor.ingress.redis.RedisPipeline;
import dev.governor.ingress.status.RequestStatus;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Request status in Redis, one field per record in its request's hash, kept for at least the status TTL
 * after its last change. A tracking id whose salt is not the one its request's hash answered with
 * belongs to an earlier use of the same Idempotency-Key: it is not shown, and its late outcomes are
 * not applied.
 */
@ApplicationScoped
public class RequestStatusStore {

    private final RedisPipeline pipeline;
    private final RecordWritesIndex index;
    private final IngressConfig config;

    public RequestStatusStore(RedisPipeline pipeline, RecordWritesIndex index, IngressConfig config) {
        this.pipeline = pipeline;
        this.index = index;
        this.config = config;
    }

    /**
     * Stores what a request accepted in one write to its hash (the records' status and, when the key was
     * claimed, the key's answer; kept for the longer of {@code answerTtl} and the status TTL) and adds
     * each record's write to the index by record, all in one round trip.
     *
     * @param recordKeys each accepted record's {@link dev.governor.common.record.RecordWrite#recordKey()}
     */
    public Uni<Void> saveAccepted(
            String request, String answer, Duration answerTtl, List<RequestStatus> accepted, List<String> recordKeys) {
        RequestFields.Shared shared = RequestFields.Shared.of(accepted.get(0));
        Map<String, String> fields = new LinkedHashMap<>();
        if (answer != null) {
            fields.put(RequestHash.ANSWER, answer);
        }
        fields.put(RequestHash.SHARED, RequestFields.shared(shared));
        for (int i = 0; i < accepted.size(); i++) {
            fields.put(RequestHash.recordField(i), RequestFields.record(accepted.get(i), shared));
        }
        Duration ttl = answer == null || answerTtl.compareTo(statusTtl()) < 0 ? statusTtl() : answerTtl;
        List<KeyedRequest> writes = new ArrayList<>();
        writes.add(new KeyedRequest(RequestHash.key(request), RequestHash.write(request, ttl, fields)));
        for (int i = 0; i < accepted.size(); i++) {
            RequestStatus status = accepted.get(i);
            writes.addAll(index.entries(recordKeys.get(i), status.trackingId(), status.acceptedAt()));
        }
        return pipeline.send(writes).replaceWithVoid();
    }

    public Uni<Optional<RequestStatus>> find(String trackingId) {
        return findAll(List.of(trackingId)).map(found -> found.stream().findFirst());
    }

    /**
     * The writes accepted for a record over the status TTL that are still held, newest first, at most
     * {@code limit}; names in any case, the id in any case (see {@link RecordWritesIndex#trackingIds}).
     */
    public Uni<List<RequestStatus>> findWritesOf(String sobject, String externalIdField, String externalId, int limit) {
        return index.trackingIds(sobject, externalIdField, externalId, Instant.now())
                .flatMap(this::findAll)
                .map(found -> found.stream()
                        .filter(status -> sobject.equalsIgnoreCase(status.sobject())
                                && externalIdField.equalsIgnoreCase(status.externalIdField())
                                && externalId.equalsIgnoreCase(status.externalId()))
                        .sorted(Comparator.comparing(
                                        RequestStatus::acceptedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                                .reversed())
                        .limit(limit)
                        .toList());
    }

    /** The statuses still held of {@code trackingIds}, in one round trip (one read per request). */
    private Uni<List<RequestStatus>> findAll(List<String> trackingIds) {
        List<List<TrackingId>> requests = byRequest(trackingIds.stream()
                .map(TrackingId::parse)
                .flatMap(Optional::stream)
                .toList());
        return pipeline.send(requests.stream().map(RequestStatusStore::read).toList())
                .map(answers -> {
                    List<RequestStatus> found = new ArrayList<>();
                    for (int r = 0; r < requests.size(); r++) {
                        Response held = answers.get(r);
                        RequestFields.Shared shared = RequestFields.shared(text(held, 1));
                        List<TrackingId> ofRequest = requests.get(r);
                        for (int i = 0; i < ofRequest.size(); i++) {
                            TrackingId id = ofRequest.get(i);
                            RequestStatus status = held(id, held, i, shared);
                            if (status != null && sameRequest(id, held)) {
                                found.add(status);
                            }
                        }
                    }
                    return found;
                });
    }

    /**
     * Applies outcomes from delivery, in order, in two round trips: one read of every request's hash they
     * touch (its answer, its shared part and the records concerned), one write per hash, and for a write
     * accepted on an earlier day its entry in today's index hash. While a request's accepted status is not
     * stored yet (delivery was faster), its records' outcomes go to their early fields, which that store
     * leaves alone. A tracking id no hash knows (expired, or made elsewhere) gets a fresh entry.
     */
    public Uni<Void> applyAll(List<RecordOutcome> outcomes) {
        Map<String, TrackingId> ids = new LinkedHashMap<>();
        for (RecordOutcome outcome : outcomes) {
            TrackingId.parse(outcome.trackingId())
                    .ifPresentOrElse(
                            id -> ids.putIfAbsent(outcome.trackingId(), id),
                            () -> Log.warnf("Skipping an outcome whose tracking id cannot be one of ours"));
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<TrackingId>> requests = byRequest(ids.values());
        return pipeline.send(requests.stream().map(RequestStatusStore::read).toList())
                .flatMap(answers -> {
                    Map<String, RequestStatus> current = new LinkedHashMap<>();
                    Map<String, RequestFields.Shared> sharedOf = new LinkedHashMap<>();
                    Set<String> folded = new HashSet<>(); // early fields whose outcomes go into the record's own
                    for (int r = 0; r < requests.size(); r++) {
                        Response held = answers.get(r);
                        RequestFields.Shared shared = RequestFields.shared(text(held, 1));
                        List<TrackingId> touched = requests.get(r);
                        for (int i = 0; i < touched.size(); i++) {
                            TrackingId id = touched.get(i);
                            if (!sameRequest(id, held)) {
                                continue;
                            }
                            RequestStatus status = held(id, held, i, shared);
                            if (shared != null && text(held, earlyPosition(i)) != null) {
                                folded.add(id.toString());
                            }
                            sharedOf.put(id.request(), shared);
                            current.put(
                                    id.toString(), status == null ? RequestStatus.knownOnlyBy(id.toString()) : status);
                        }
                    }
                    Instant now = Instant.now();
                    for (RecordOutcome outcome : outcomes) {
                        current.computeIfPresent(outcome.trackingId(), (id, status) -> status.with(outcome, now));
                    }
                    Map<String, Map<String, String>> fieldsByRequest = new LinkedHashMap<>();
                    Map<String, List<String>> deletedByRequest = new LinkedHashMap<>();
                    current.forEach((id, status) -> {
                        TrackingId tracked = ids.get(id);
                        RequestFields.Shared shared = sharedOf.get(tracked.request());
                        // Before the request's accepted status is stored, outcomes wait beside it (see earlyField).
                        String field = shared == null
                                ? RequestHash.earlyField(tracked.index())
                                : RequestHash.recordField(tracked.index());
                        fieldsByRequest
                                .computeIfAbsent(tracked.request(), request -> new LinkedHashMap<>())
                                .put(field, RequestFields.record(status, shared));
                        if (folded.contains(id)) {
                            deletedByRequest
                                    .computeIfAbsent(tracked.request(), request -> new ArrayList<>())
                                    .add(RequestHash.earlyField(tracked.index()));
                        }
                    });
                    List<KeyedRequest> writes = new ArrayList<>();
                    fieldsByRequest.forEach((request, fields) -> writes.add(new KeyedRequest(
                            RequestHash.key(request),
                            RequestHash.write(
                                    request, statusTtl(), fields, deletedByRequest.getOrDefault(request, List.of())))));
                    current.values().forEach(status -> writes.addAll(index.entriesOnChange(status, now)));
                    return pipeline.send(writes);
                })
                .replaceWithVoid();
    }

    private Duration statusTtl() {
        return config.records().statusTtl();
    }

    /** The tracking ids grouped by the request whose hash holds them, in the order first met. */
    private static List<List<TrackingId>> byRequest(Collection<TrackingId> ids) {
        Map<String, List<TrackingId>> byRequest = new LinkedHashMap<>();
        ids.forEach(id -> byRequest
                .computeIfAbsent(id.request(), request -> new ArrayList<>())
                .add(id));
        return List.copyOf(byRequest.values());
    }

    /** HMGET of the answer, the shared part and the records' own and early fields, all of one request. */
    private static KeyedRequest read(List<TrackingId> ofOneRequest) {
        String key = RequestHash.key(ofOneRequest.get(0).request());
        Request hmget =
                Request.cmd(Command.HMGET).arg(key).arg(RequestHash.ANSWER).arg(RequestHash.SHARED);
        ofOneRequest.forEach(
                id -> hmget.arg(RequestHash.recordField(id.index())).arg(RequestHash.earlyField(id.index())));
        return new KeyedRequest(key, hmget);
    }

    private static int recordPosition(int i) {
        return 2 + 2 * i;
    }

    private static int earlyPosition(int i) {
        return 3 + 2 * i;
    }

    /**
     * The status of the {@code i}th tracking id {@link #read} asked for, or null if its hash holds none: its
     * own field, followed by the outcomes that came before that field was stored (its early field);
     * {@code shared} is the hash's shared part, read once per request.
     */
    private static RequestStatus held(TrackingId id, Response held, int i, RequestFields.Shared shared) {
        String record = text(held, recordPosition(i));
        String earlyRecord = text(held, earlyPosition(i));
        RequestStatus early = earlyRecord == null ? null : RequestFields.record(id.toString(), earlyRecord, null);
        if (record == null) {
            return early;
        }
        RequestStatus own = RequestFields.record(id.toString(), record, shared);
        // An early field outlives its record's first outcome only until that outcome folds it in.
        return early == null || own.status() != RequestStatus.State.ACCEPTED ? own : own.followedBy(early);
    }

    /** Whether the hash belongs to this tracking id's use of the key (an answer with another salt does not). */
    private static boolean sameRequest(TrackingId id, Response held) {
        String answer = text(held, 0);
        if (answer == null || id.foreign()) {
            return true;
        }
        StoredAnswer stored = StoredAnswer.decoded(answer);
        return !stored.completed() || id.salt().equals(stored.salt());
    }

    private static String text(Response array, int position) {
        Response value = array == null || array.size() <= position ? null : array.get(position);
        return value == null ? null : value.toString();
    }
}
