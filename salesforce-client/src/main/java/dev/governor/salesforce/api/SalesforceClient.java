package dev.governor.salesforce.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.common.json.Json;
import dev.governor.salesforce.auth.SalesforceSession;
import dev.governor.salesforce.auth.SalesforceSessions;
import dev.governor.salesforce.error.ErrorClass;
import dev.governor.salesforce.error.SalesforceCallException;
import dev.governor.salesforce.error.SalesforceError;
import dev.governor.salesforce.error.TransientCallException;
import dev.governor.salesforce.limits.LimitGuard;
import dev.governor.salesforce.limits.LimitInfo;
import dev.governor.salesforce.limits.Permit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Calls the Salesforce REST API with a session from {@link SalesforceSessions}, at the session's
 * instance URL, each call with the {@link LimitGuard}'s consent. A 401 INVALID_SESSION_ID gets one new session and one
 * retry, never a loop. A failed
 * call becomes a {@link SalesforceCallException} with its {@link ErrorClass}; per-record failures of a
 * collection stay per-record results. Every {@code Sforce-Limit-Info} seen is published as a
 * {@link LimitInfo} CDI event, for the limit guard. Writes go through a circuit breaker that opens when
 * half of the last ten calls failed transiently (Salesforce down or overloaded): callers then get
 * {@code CircuitBreakerOpenException} at once and should pause rather than spin.
 */
@ApplicationScoped
public class SalesforceClient {

    public static final int MAX_COLLECTION_SIZE = 200;

    private final SalesforceSessions sessions;
    private final SalesforceApiConfig config;
    private final ObjectMapper json;
    private final Event<LimitInfo> usage;
    private final LimitGuard limitGuard;
    private final Map<String, SalesforceRestApi> apis = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;

    /** A response read whole: status, body text, the usage header, and a Bulk results page's two headers. */
    private record Answer(int status, String body, String limitHeader, String locator, String recordCount) {
        static Answer of(Response response) {
            try {
                return new Answer(
                        response.getStatus(),
                        response.hasEntity() ? response.readEntity(String.class) : null,
                        response.getHeaderString(LimitInfo.HEADER),
                        response.getHeaderString("Sforce-Locator"),
                        response.getHeaderString("Sforce-NumberOfRecords"));
            } finally {
                response.close();
            }
        }
    }

    public SalesforceClient(
            SalesforceSessions sessions,
            SalesforceApiConfig config,
            ObjectMapper json,
            Event<LimitInfo> usage,
            LimitGuard limitGuard,
            MeterRegistry metrics) {
        this.limitGuard = limitGuard;
        this.metrics = metrics;
        this.sessions = sessions;
        this.config = config;
        this.json = json;
        this.usage = usage;
    }

    /**
     * sObject Collections upsert ({@code allOrNone=false}): up to 200 records of one object, each a map of
     * field values that includes the external id field, sent once {@code consent} gives a permit of the
     * {@link LimitGuard} ({@code limitGuard.acquire()}, or a permit the caller already holds because it
     * waited for the call before filling the collection). The permit is released when the call ends;
     * while the circuit is open the call is refused before {@code consent} is asked, so a caller that
     * brings a permit it holds releases it on that failure.
     */
    @CircuitBreaker(
            requestVolumeThreshold = 10,
            failureRatio = 0.5,
            delay = 10,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2,
            failOn = TransientCallException.class)
    @CircuitBreakerName("salesforce-writes")
    public Uni<UpsertResult> upsert(
            Uni<Permit> consent, String sobject, String externalIdField, List<Map<String, Object>> records) {
        if (records.isEmpty() || records.size() > MAX_COLLECTION_SIZE) {
            throw new IllegalArgumentException(
                    "A collection holds 1 to " + MAX_COLLECTION_SIZE + " records, not " + records.size());
        }
        String body = collectionBody(sobject, records);
        return call(
                        "collections-upsert",
                        consent,
                        (api, auth) -> api.upsertCollection(config.version(), sobject, externalIdField, auth, body))
                .map(response -> new UpsertResult(recordResults(response.body(), records.size()), limitInfo(response)));
    }

    /**
     * {@code GET /limits}: the org's usage (this call counts against it too). Allowed past the limit guard's
     * reserve line, since it is how a stopped client learns that the window has freed calls.
     */
    public Uni<LimitInfo> limits() {
        return call("limits", limitGuard.acquireUsageProbe(), (api, auth) -> api.limits(config.version(), auth))
                .map(response -> {
                    JsonNode daily = read(response.body()).path("DailyApiRequests");
                    long max = daily.path("Max").asLong();
                    return new LimitInfo(max - daily.path("Remaining").asLong(), max);
                });
    }

    /**
     * {@code GET /sobjects/{sobject}/describe}: the object's fields as the org defines them, or empty when
     * the org has no such object (404 NOT_FOUND).
     */
    public Uni<Optional<JsonNode>> describe(String sobject) {
        return call("describe", (api, auth) -> api.describe(config.version(), sobject, auth))
                .map(response -> Optional.of(read(response.body())))
                .onFailure(e -> e instanceof SalesforceCallException s && s.status() == 404)
                .recoverWithItem(Optional.empty());
    }

    /**
     * {@code GET /sobjects/{sobject}/{id}?fields=…}: one record's fields, or empty when the org has no such
     * record (404). One API call.
     */
    public Uni<Optional<JsonNode>> record(String sobject, String id, List<String> fields) {
        return orNotFound(call(
                "record", (api, auth) -> api.record(config.version(), sobject, id, String.join(",", fields), auth)));
    }

    /**
     * {@code GET /sobjects/{sobject}/{field}/{value}?fields=…}: the record whose External ID field holds the
     * value, or empty when none does (404). One API call; several matches (300) fail as a call error.
     */
    public Uni<Optional<JsonNode>> recordByExternalId(String sobject, String field, String value, List<String> fields) {
        return orNotFound(call(
                "record",
                (api, auth) -> api.recordByExternalId(
                        config.version(), sobject, field, value, String.join(",", fields), auth)));
    }

    /**
     * {@code GET /query?q=…}, following {@code nextRecordsUrl} while the org has more and at most
     * {@code maxPages} pages: the records, in order, and whether the result was cut short. One API call a page.
     */
    public Uni<QueryAnswer> query(String soql, int maxPages) {
        return call("query", (api, auth) -> api.query(config.version(), soql, auth))
                .map(response -> read(response.body()))
                .flatMap(first -> more(first, new ArrayList<>(), maxPages - 1));
    }

    private Uni<QueryAnswer> more(JsonNode page, List<JsonNode> records, int pagesLeft) {
        page.path("records").forEach(records::add);
        String next = page.path("nextRecordsUrl").asText(null);
        if (page.path("done").asBoolean(true) || next == null) {
            return Uni.createFrom().item(new QueryAnswer(List.copyOf(records), false));
        }
        if (pagesLeft <= 0) {
            return Uni.createFrom().item(new QueryAnswer(List.copyOf(records), true));
        }
        String cursor = next.substring(next.lastIndexOf('/') + 1);
        return call("query", (api, auth) -> api.queryMore(config.version(), cursor, auth))
                .map(response -> read(response.body()))
                .flatMap(nextPage -> more(nextPage, records, pagesLeft - 1));
    }

    private Uni<Optional<JsonNode>> orNotFound(Uni<Answer> answer) {
        return answer.map(response -> Optional.of(read(response.body())))
                .onFailure(e -> e instanceof SalesforceCallException s && s.status() == 404)
                .recoverWithItem(Optional.empty());
    }

    /**
     * Bulk API 2.0: creates a query job ({@code queryAll} when {@code includeDeleted}, so deleted and archived
     * records come too, with {@code IsDeleted}) and answers its id. One API call, with {@code consent}.
     */
    public Uni<String> createQueryJob(Uni<Permit> consent, String soql, boolean includeDeleted) {
        String body = json.createObjectNode()
                .put("operation", includeDeleted ? "queryAll" : "query")
                .put("query", soql)
                .toString();
        return call("bulk-create", consent, (api, auth) -> api.createQueryJob(config.version(), auth, body))
                .map(response -> read(response.body()).path("id").asText());
    }

    /** Bulk API 2.0: a query job's state. One API call, with {@code consent}. */
    public Uni<QueryJobStatus> queryJob(Uni<Permit> consent, String id) {
        return call("bulk-status", consent, (api, auth) -> api.queryJob(config.version(), id, auth))
                .map(response -> {
                    JsonNode job = read(response.body());
                    return new QueryJobStatus(
                            id,
                            job.path("state").asText(),
                            job.path("numberRecordsProcessed").asLong(),
                            job.path("errorMessage").asText(null));
                });
    }

    /**
     * Bulk API 2.0: one page of a completed query job's CSV results, from {@code locator} (null: the first)
     * and at most {@code maxRecords} records, with the locator of the next page. One API call, with {@code consent}.
     */
    public Uni<QueryResults> queryResults(Uni<Permit> consent, String id, String locator, int maxRecords) {
        return call(
                        "bulk-results",
                        consent,
                        (api, auth) -> api.queryResults(config.version(), id, locator, maxRecords, auth))
                .map(response -> new QueryResults(
                        response.body() == null ? "" : response.body(),
                        response.locator() == null || "null".equals(response.locator()) ? null : response.locator(),
                        response.recordCount() == null
                                ? -1
                                : Long.parseLong(response.recordCount().trim())));
    }

    /** One API call with the limit guard's consent, held until the answer is in (or the call failed). */
    private Uni<Answer> call(String endpoint, BiFunction<SalesforceRestApi, String, Uni<Response>> request) {
        return call(endpoint, limitGuard.acquire(), request);
    }

    /**
     * Timed per endpoint and outcome ({@code ok} or the failure's error class) as {@code governor_salesforce_calls}.
     */
    private Uni<Answer> call(
            String endpoint, Uni<Permit> consent, BiFunction<SalesforceRestApi, String, Uni<Response>> request) {
        return consent.flatMap(permit -> {
            Timer.Sample sample = Timer.start(metrics);
            return callWithSession(request)
                    .onTermination()
                    .invoke((answer, failure, cancelled) -> sample.stop(metrics.timer(
                            "governor_salesforce_calls", "endpoint", endpoint, "outcome", outcome(failure, cancelled))))
                    .onTermination()
                    .call(permit::release);
        });
    }

    private static String outcome(Throwable failure, boolean cancelled) {
        if (cancelled) {
            return "cancelled";
        }
        if (failure == null) {
            return "ok";
        }
        return failure instanceof SalesforceCallException e
                ? e.errorClass().name().toLowerCase(Locale.ROOT)
                : "error";
    }

    private Uni<Answer> callWithSession(BiFunction<SalesforceRestApi, String, Uni<Response>> request) {
        return sessions.current()
                .flatMap(session -> send(request, session))
                .flatMap(response -> response.status() == 401 && isSessionError(response)
                        ? sessions.renew().flatMap(session -> send(request, session))
                        : Uni.createFrom().item(response))
                .map(this::successOrThrow);
    }

    private Uni<Answer> send(BiFunction<SalesforceRestApi, String, Uni<Response>> request, SalesforceSession session) {
        return request.apply(api(session.instanceUrl()), "Bearer " + session.accessToken())
                .map(Answer::of)
                .onItem()
                .invoke(response -> limitInfo(response).ifPresent(usage::fire))
                .onFailure(e -> !(e instanceof SalesforceCallException))
                .transform(e -> SalesforceCallException.of(
                        ErrorClass.TRANSIENT,
                        0,
                        List.of(new SalesforceError("TRANSPORT", String.valueOf(e.getMessage()), List.of())),
                        e));
    }

    private Answer successOrThrow(Answer response) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return response;
        }
        List<SalesforceError> errors = topLevelErrors(response.body());
        ErrorClass errorClass = errors.isEmpty()
                ? (status >= 500 ? ErrorClass.TRANSIENT : ErrorClass.PERMANENT)
                : ErrorClass.of(errors.get(0));
        if (status >= 500 && errorClass == ErrorClass.PERMANENT) {
            errorClass = ErrorClass.TRANSIENT;
        }
        throw SalesforceCallException.of(errorClass, status, errors, null);
    }

    private boolean isSessionError(Answer response) {
        List<SalesforceError> errors = topLevelErrors(response.body());
        return errors.isEmpty() || ErrorClass.of(errors.get(0)) == ErrorClass.SESSION;
    }

    private SalesforceRestApi api(String instanceUrl) {
        return apis.computeIfAbsent(
                instanceUrl,
                url -> QuarkusRestClientBuilder.newBuilder()
                        .baseUri(URI.create(url))
                        .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .property("microprofile.rest.client.disable.default.mapper", true)
                        .build(SalesforceRestApi.class));
    }

    private String collectionBody(String sobject, List<Map<String, Object>> records) {
        ObjectNode root = json.createObjectNode().put("allOrNone", false);
        ArrayNode array = root.putArray("records");
        for (Map<String, Object> record : records) {
            ObjectNode node = array.addObject();
            node.putObject("attributes").put("type", sobject);
            record.forEach((field, value) -> node.set(field, json.valueToTree(value)));
        }
        return root.toString();
    }

    private List<RecordResult> recordResults(String body, int expected) {
        JsonNode array = read(body);
        if (!array.isArray() || array.size() != expected) {
            throw SalesforceCallException.of(
                    ErrorClass.TRANSIENT,
                    200,
                    List.of(new SalesforceError(
                            "UNEXPECTED_RESPONSE",
                            "Expected " + expected + " results, got "
                                    + (array.isArray() ? array.size() : array.getNodeType()),
                            List.of())),
                    null);
        }
        List<RecordResult> results = new ArrayList<>(expected);
        for (JsonNode result : array) {
            results.add(new RecordResult(
                    result.path("id").asText(null),
                    result.path("success").asBoolean(false),
                    result.path("created").asBoolean(false),
                    errors(result.path("errors"), "statusCode")));
        }
        return results;
    }

    private List<SalesforceError> topLevelErrors(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        return Json.tree(json, body)
                .filter(JsonNode::isArray)
                .map(node -> errors(node, "errorCode"))
                .orElse(List.of());
    }

    private static List<SalesforceError> errors(JsonNode array, String codeMember) {
        List<SalesforceError> errors = new ArrayList<>();
        for (JsonNode error : array) {
            List<String> fields = new ArrayList<>();
            error.path("fields").forEach(f -> fields.add(f.asText()));
            errors.add(new SalesforceError(
                    error.path(codeMember).asText(null), error.path("message").asText(null), fields));
        }
        return errors;
    }

    private static Optional<LimitInfo> limitInfo(Answer response) {
        return LimitInfo.parse(response.limitHeader());
    }

    private JsonNode read(String body) {
        return Json.tree(json, body == null ? "null" : body)
                .orElseThrow(() -> SalesforceCallException.of(
                        ErrorClass.TRANSIENT,
                        200,
                        List.of(new SalesforceError(
                                "UNEXPECTED_RESPONSE", "Unreadable JSON from Salesforce", List.of())),
                        null));
    }
}
