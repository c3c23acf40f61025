package dev.governor.ingress.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.GovernorHeaders;
import dev.governor.common.problem.Problem;
import dev.governor.common.problem.ProblemType;
import dev.governor.common.record.RecordEnvelope;
import dev.governor.common.record.RecordWrite;
import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.idempotency.Claim;
import dev.governor.ingress.idempotency.Hashing;
import dev.governor.ingress.idempotency.IdempotencyStore;
import dev.governor.ingress.messaging.RecordPublisher;
import dev.governor.ingress.redis.RedisPipeline;
import dev.governor.ingress.status.RequestStatus;
import dev.governor.ingress.status.RequestStatusStore;
import dev.governor.service.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way a record write enters Governor, for the records API and webhooks alike: claim the
 * caller's Idempotency-Key, put every record on Kafka and wait for the broker's acknowledgement, then
 * answer 202 and remember the answer. If Kafka cannot take the records the key is released and the
 * caller gets 503 with Retry-After — never a 202 for data that is not durable. If Redis cannot be
 * reached the request is refused (fail closed): without the key store a retry could not be recognised.
 */
@ApplicationScoped
public class RecordIntake {

    private final IdempotencyStore keys;
    private final RecordPublisher publisher;
    private final RequestStatusStore statuses;
    private final RedisPipeline redis;
    private final RecordConformance conformance;
    private final IngressMetrics metrics;
    private final IngressConfig config;
    private final ObjectMapper json;
    private final AtomicInteger inFlight = new AtomicInteger();

    public RecordIntake(
            IdempotencyStore keys,
            RecordPublisher publisher,
            RequestStatusStore statuses,
            RedisPipeline redis,
            RecordConformance conformance,
            IngressMetrics metrics,
            IngressConfig config,
            ObjectMapper json) {
        this.conformance = conformance;
        this.keys = keys;
        this.publisher = publisher;
        this.statuses = statuses;
        this.redis = redis;
        this.metrics = metrics;
        this.config = config;
        this.json = json;
    }

    /**
     * A request to buffer: who sent it, under which key (remembered for {@code keyTtl}), and its records
     * (read, all of one object).
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

    /** Checks the records against the org's description of their object first, so a refused request holds no key. */
    public Uni<Response> submit(Submission submission) {
        return conformance
                .conform(submission.records(), submission::pointer)
                .flatMap(conformed -> buffer(submission.withRecords(conformed)));
    }

    private Uni<Response> buffer(Submission submission) {
        if (inFlight.incrementAndGet() > config.maxInFlight()) {
            inFlight.decrementAndGet();
            metrics.request("overloaded");
            return Uni.createFrom()
                    .failure(ProblemException.unavailable("The ingress is at capacity; retry shortly", 1));
        }
        String fingerprint = Hashing.fingerprint(submission.method(), submission.path(), submission.body());
        return keys.claim(submission.caller(), submission.idempotencyKey(), fingerprint)
                .onFailure()
                .recoverWithUni(e -> {
                    if (config.idempotency().whenKeyStoreDown() == IngressConfig.WhenKeyStoreDown.ACCEPT) {
                        Log.warnf(
                                "Idempotency store unreachable (%s); accepting unchecked as configured",
                                e.getMessage());
                        metrics.request("unchecked");
                        return Uni.createFrom().item(Claim.unchecked());
                    }
                    metrics.request("unavailable");
                    Log.warnf("Idempotency store unreachable (%s); refusing the request", e.getMessage());
                    return Uni.createFrom()
                            .failure(ProblemException.unavailable(
                                    "The idempotency store is unreachable; retry later", config.retryAfterSeconds()));
                })
                .flatMap(claim -> switch (claim.outcome()) {
                    case CLAIMED, UNCHECKED -> accept(submission, claim, fingerprint);
                    case REPLAY -> Uni.createFrom().item(replay(claim));
                    case IN_FLIGHT -> {
                        metrics.request("conflict");
                        throw ProblemException.of(
                                ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT,
                                "A request with this Idempotency-Key is still being processed; retry after it completes");
                    }
                    case MISMATCH -> {
                        metrics.request("key_reused");
                        throw ProblemException.of(
                                ProblemType.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was already used for a different request");
                    }
                })
                .onTermination()
                .invoke(inFlight::decrementAndGet);
    }

    private Uni<Response> accept(Submission submission, Claim claim, String fingerprint) {
        Instant acceptedAt = Instant.now();
        List<RecordEnvelope> envelopes = new ArrayList<>();
        for (RecordWrite write : submission.records()) {
            envelopes.add(new RecordEnvelope(
                    UUID.randomUUID().toString(),
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
                            metrics.request("unavailable");
                            Log.warnf("Kafka did not acknowledge %d record(s): %s", envelopes.size(), e.getMessage());
                            return Uni.createFrom()
                                    .failure(ProblemException.unavailable(
                                            "The records could not be stored durably; nothing was accepted. Retry with the same Idempotency-Key",
                                            config.retryAfterSeconds()));
                        }))
                .flatMap(ignored -> remember(submission, claim, fingerprint, envelopes));
    }

    /** Records status and the answer; the data is durable by now, so a Redis failure here does not fail the request. */
    private Uni<Response> remember(
            Submission submission, Claim claim, String fingerprint, List<RecordEnvelope> envelopes) {
        List<AcceptedRecord> accepted = envelopes.stream()
                .map(e -> new AcceptedRecord(
                        e.trackingId(),
                        RequestStatus.ACCEPTED,
                        e.write().sobject(),
                        e.write().externalIdField(),
                        e.write().externalId(),
                        statusUrl(e.trackingId())))
                .toList();
        String location = submission.batch() ? null : statusUrl(envelopes.get(0).trackingId());
        String body = write(submission.batch() ? Map.of("records", accepted) : accepted.get(0));
        List<Request> bookkeeping = new ArrayList<>();
        for (RecordEnvelope e : envelopes) {
            bookkeeping.add(statuses.saving(new RequestStatus(
                    e.trackingId(),
                    RequestStatus.ACCEPTED,
                    null,
                    e.write().sobject(),
                    e.write().externalIdField(),
                    e.write().externalId(),
                    e.caller(),
                    e.acceptedAt(),
                    e.acceptedAt(),
                    null,
                    0,
                    null)));
        }
        if (claim.outcome() == Claim.Outcome.CLAIMED) {
            bookkeeping.add(keys.completion(claim, fingerprint, 202, location, body, submission.keyTtl()));
        }
        metrics.request("accepted");
        metrics.recordsAccepted(envelopes.size());
        return redis.send(bookkeeping)
                .onFailure()
                .invoke(e -> Log.warnf(
                        "Accepted %d record(s) but could not record status or the answer: %s",
                        envelopes.size(), e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .map(ignored -> answer(202, location, body, false));
    }

    private Uni<Void> release(Claim claim) {
        return claim.outcome() == Claim.Outcome.CLAIMED
                ? keys.release(claim)
                : Uni.createFrom().voidItem();
    }

    private Response replay(Claim claim) {
        metrics.request("replayed");
        return answer(
                claim.previous().status(),
                claim.previous().location(),
                claim.previous().body(),
                true);
    }

    private static Response answer(int status, String location, String body, boolean replayed) {
        Response.ResponseBuilder response =
                Response.status(status).type("application/json").entity(body);
        if (location != null) {
            response.header("Location", location);
        }
        if (replayed) {
            response.header(GovernorHeaders.IDEMPOTENT_REPLAYED, "true");
        }
        return response.build();
    }

    /** Validates an Idempotency-Key header: present (400 otherwise), printable ASCII, not too long. */
    public void requireKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            metrics.rejected("idempotency_key_missing");
            throw ProblemException.of(
                    ProblemType.IDEMPOTENCY_KEY_MISSING, "Send an Idempotency-Key header (a UUID) with every write");
        }
        boolean printable = idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (!printable || idempotencyKey.length() > config.idempotency().maxKeyLength()) {
            metrics.rejected("idempotency_key_invalid");
            throw new ProblemException(
                    Problem.of(
                            ProblemType.INVALID_REQUEST,
                            "The Idempotency-Key must be 1 to "
                                    + config.idempotency().maxKeyLength() + " printable ASCII characters"),
                    Map.of());
        }
    }

    /** Refuses a body over the configured limit with 413 (a chunked body escapes the Content-Length check at the edge). */
    public void requireBodyWithinLimit(byte[] body) {
        if (body != null && body.length > config.records().maxBodyBytes()) {
            metrics.rejected("body_too_large");
            throw ProblemException.of(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "The body may be at most " + config.records().maxBodyBytes() + " bytes");
        }
    }

    static String statusUrl(String trackingId) {
        return "/v1/records/" + trackingId;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
