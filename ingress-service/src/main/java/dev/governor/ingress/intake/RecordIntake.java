package dev.governor.ingress.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.json.Json;
import dev.governor.common.problem.ProblemType;
import dev.governor.common.record.RecordEnvelope;
import dev.governor.common.record.RecordWrite;
import dev.governor.ingress.auth.WriteGrants;
import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.idempotency.Hashing;
import dev.governor.ingress.ledger.Claim;
import dev.governor.ingress.ledger.IdempotencyStore;
import dev.governor.ingress.ledger.RequestStatusStore;
import dev.governor.ingress.ledger.StoredAnswer;
import dev.governor.ingress.messaging.RecordPublisher;
import dev.governor.ingress.status.RequestStatus;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way a record write enters Governor, for the records API and webhooks alike: claim the
 * caller's Idempotency-Key, put every record on Kafka and wait for the broker's acknowledgement, then
 * answer 202 and remember the answer. If Kafka cannot take the records the key is released and the
 * caller gets 503 with Retry-After — never a 202 for data that is not durable. If Redis cannot be
 * reached the request is refused (fail closed): without the key store a retry could not be recognised.
 * It answers with an {@link IntakeResult}; the HTTP edge turns that into a response.
 */
@ApplicationScoped
public class RecordIntake {

    /** Where records from the records API come from, in their CloudEvents {@code source}. */
    static final URI RECORDS_SOURCE = URI.create("/ingress/records");

    private final IdempotencyStore keys;
    private final RecordPublisher publisher;
    private final RequestStatusStore statuses;
    private final RecordConformance conformance;
    private final RecordRequestReader reader;
    private final RequestLimits limits;
    private final WriteGrants grants;
    private final IngressMetrics metrics;
    private final IngressConfig config;
    private final ObjectMapper json;
    private final AtomicInteger inFlight = new AtomicInteger();

    public RecordIntake(
            IdempotencyStore keys,
            RecordPublisher publisher,
            RequestStatusStore statuses,
            RecordConformance conformance,
            RecordRequestReader reader,
            RequestLimits limits,
            WriteGrants grants,
            IngressMetrics metrics,
            IngressConfig config,
            ObjectMapper json) {
        this.keys = keys;
        this.publisher = publisher;
        this.statuses = statuses;
        this.conformance = conformance;
        this.reader = reader;
        this.limits = limits;
        this.grants = grants;
        this.metrics = metrics;
        this.config = config;
        this.json = json;
    }

    /**
     * A request to buffer: who sent it, under which key (remembered for {@code keyTtl}), what it was
     * (method, path and body make its fingerprint), and its records (read, all of one object).
     */
    public record Submission(
            String caller,
            String idempotencyKey,
            Duration keyTtl,
            String method,
            String path,
            byte[] body,
            URI source,
            List<RecordWrite> records,
            boolean batch) {

        Submission withRecords(List<RecordWrite> conformed) {
            return new Submission(caller, idempotencyKey, keyTtl, method, path, body, source, conformed, batch);
        }

        /** Where record i is in the request body, for error pointers. */
        String pointer(int i) {
            return batch ? "/records/" + i : "";
        }
    }

    /** A records API write: checked, read and held against the caller's grants, then buffered. */
    public Uni<IntakeResult> records(RecordsRequest request) {
        return IntakeResult.refusalsAsResults(() -> {
            RequestLimits.requireJson(request.contentType());
            if (!ApiNames.isValid(request.sobject())) {
                throw Refusal.invalid(
                        "invalid_sobject",
                        "'" + Abbreviated.of(request.sobject()) + "' is not a valid Salesforce object API name",
                        List.of(new FieldError(
                                "/sobject", "letters, digits and single underscores, starting with a letter")));
            }
            limits.requireKey(request.idempotencyKey());
            limits.requireBodyWithinLimit(request.body());
            JsonNode node = reader.parse(request.body());
            List<RecordWrite> writes = request.batch()
                    ? reader.readBatch(request.sobject(), node, request.idempotencyKey())
                    : List.of(reader.readOne(request.sobject(), node, request.idempotencyKey()));
            grants.refusal(request.subject(), writes).ifPresent(reason -> {
                throw Refusal.rejected("not_granted", ProblemType.FORBIDDEN, reason);
            });
            return buffer(new Submission(
                    CallerNames.token(request.subject()),
                    request.idempotencyKey(),
                    config.idempotency().ttl(),
                    "POST",
                    request.path(),
                    request.body(),
                    RECORDS_SOURCE,
                    writes,
                    request.batch()));
        });
    }

    /** Checks the records against the org's description of their object first, so a refused request holds no key. */
    public Uni<IntakeResult> submit(Submission submission) {
        return IntakeResult.refusalsAsResults(() -> buffer(submission));
    }

    private Uni<IntakeResult> buffer(Submission submission) {
        return conformance
                .conform(submission.records(), submission::pointer)
                .flatMap(
                        conformed -> claimAndAccept(submission.withRecords(conformed.writes()), conformed.unchecked()));
    }

    private Uni<IntakeResult> claimAndAccept(Submission submission, int recordsUnchecked) {
        if (inFlight.incrementAndGet() > config.maxInFlight()) {
            inFlight.decrementAndGet();
            return Uni.createFrom()
                    .failure(Refusal.unavailable("overloaded", "The ingress is at capacity; retry shortly", 1));
        }
        String fingerprint = Hashing.fingerprint(submission.method(), submission.path(), submission.body());
        return keys.claim(submission.caller(), submission.idempotencyKey(), fingerprint)
                .onFailure()
                .recoverWithUni(e -> {
                    if (config.idempotency().whenKeyStoreDown() == IngressConfig.WhenKeyStoreDown.ACCEPT) {
                        Log.warnf(
                                "Idempotency store unreachable (%s); accepting unchecked as configured",
                                e.getMessage());
                        return Uni.createFrom().item(Claim.unchecked(submission.caller(), submission.idempotencyKey()));
                    }
                    Log.warnf("Idempotency store unreachable (%s); refusing the request", e.getMessage());
                    return Uni.createFrom()
                            .failure(Refusal.unavailable(
                                    "unavailable",
                                    "The idempotency store is unreachable; retry later",
                                    config.retryAfterSeconds()));
                })
                .flatMap(claim -> switch (claim.outcome()) {
                    case CLAIMED, UNCHECKED -> accept(submission, claim, fingerprint, recordsUnchecked);
                    case REPLAY -> Uni.createFrom().item(replayed(claim));
                    case IN_FLIGHT ->
                        throw Refusal.conflict(
                                "conflict",
                                ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT,
                                "A request with this Idempotency-Key is still being processed; retry after it "
                                        + "completes");
                    case MISMATCH ->
                        throw Refusal.conflict(
                                "key_reused",
                                ProblemType.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was already used for a different request");
                })
                .onTermination()
                .invoke(inFlight::decrementAndGet);
    }

    private Uni<IntakeResult> accept(Submission submission, Claim claim, String fingerprint, int recordsUnchecked) {
        // Milliseconds: what the request's status keeps, so the envelope and the status agree.
        Instant acceptedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<RecordEnvelope> envelopes = new ArrayList<>();
        for (RecordWrite write : submission.records()) {
            envelopes.add(new RecordEnvelope(
                    claim.trackingId(envelopes.size()),
                    submission.source(),
                    acceptedAt,
                    submission.caller(),
                    submission.idempotencyKey(),
                    write));
        }
        long started = System.nanoTime();
        List<Uni<Void>> publishes = envelopes.stream().map(publisher::publish).toList();
        Uni<Void> durable = publishes.size() == 1
                ? publishes.get(0)
                : Uni.join().all(publishes).andCollectFailures().replaceWithVoid();
        return durable.onItem()
                .invoke(() -> metrics.kafkaPublish(started))
                .onFailure()
                .recoverWithUni(e -> release(claim)
                        .onFailure()
                        .invoke(r -> Log.warnf(
                                "Could not release idempotency key after a Kafka failure: %s", r.getMessage()))
                        .onItemOrFailure()
                        .transformToUni((ignored, releaseFailure) -> {
                            Log.warnf("Kafka did not acknowledge %d record(s): %s", envelopes.size(), e.getMessage());
                            return Uni.createFrom()
                                    .failure(Refusal.unavailable(
                                            "unavailable",
                                            "The records could not be stored durably; nothing was accepted. Retry "
                                                    + "with the same Idempotency-Key",
                                            config.retryAfterSeconds()));
                        }))
                .flatMap(ignored -> remember(submission, claim, fingerprint, envelopes, recordsUnchecked));
    }

    /** Records status and the answer; the data is durable by now, so a Redis failure here does not fail the request. */
    private Uni<IntakeResult> remember(
            Submission submission,
            Claim claim,
            String fingerprint,
            List<RecordEnvelope> envelopes,
            int recordsUnchecked) {
        List<RequestStatus> statusesAccepted =
                envelopes.stream().map(RequestStatus::accepted).toList();
        List<AcceptedRecord> records =
                statusesAccepted.stream().map(RecordIntake::answered).toList();
        IntakeResult.Accepted accepted = new IntakeResult.Accepted(
                records,
                submission.batch(),
                answerBody(records, submission.batch()),
                claim.outcome() == Claim.Outcome.UNCHECKED,
                recordsUnchecked);
        String answer = claim.outcome() == Claim.Outcome.CLAIMED
                ? keys.answer(claim, fingerprint, submission.keyTtl(), records.size(), submission.batch())
                : null;
        List<String> recordKeys =
                envelopes.stream().map(envelope -> envelope.write().recordKey()).toList();
        return statuses.saveAccepted(claim.request(), answer, submission.keyTtl(), statusesAccepted, recordKeys)
                .onFailure()
                .invoke(e -> Log.warnf(
                        "Accepted %d record(s) but could not record status or the answer: %s",
                        envelopes.size(), e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .map(ignored -> accepted);
    }

    /**
     * The earlier answer again, byte for byte: rebuilt from the records the key's hash holds, by the
     * same code that built it the first time ({@link #answerBody}); any change to that body needs a new
     * answer format in {@link dev.governor.ingress.ledger.StoredAnswer}, or replays would differ.
     */
    private IntakeResult.Replayed replayed(Claim claim) {
        List<AcceptedRecord> records =
                claim.answered().stream().map(RecordIntake::answered).toList();
        boolean batch = claim.previous().batch();
        return new IntakeResult.Replayed(
                StoredAnswer.ACCEPTED, batch ? null : records.get(0).statusUrl(), answerBody(records, batch));
    }

    private static AcceptedRecord answered(RequestStatus accepted) {
        return new AcceptedRecord(
                accepted.trackingId(),
                RequestStatus.State.ACCEPTED.name(),
                accepted.sobject(),
                accepted.externalIdField(),
                accepted.externalId(),
                statusUrl(accepted.trackingId()));
    }

    private String answerBody(List<AcceptedRecord> records, boolean batch) {
        return Json.write(json, batch ? Map.of("records", records) : records.get(0));
    }

    private Uni<Void> release(Claim claim) {
        return claim.outcome() == Claim.Outcome.CLAIMED
                ? keys.release(claim)
                : Uni.createFrom().voidItem();
    }

    static String statusUrl(String trackingId) {
        return "/v1/records/" + trackingId;
    }
}
