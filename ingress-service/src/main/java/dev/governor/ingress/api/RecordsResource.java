package dev.governor.ingress.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.common.GovernorHeaders;
import dev.governor.common.problem.ProblemType;
import dev.governor.common.record.RecordWrite;
import dev.governor.ingress.auth.WriteGrants;
import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.intake.ApiNames;
import dev.governor.ingress.intake.FieldError;
import dev.governor.ingress.intake.IngressMetrics;
import dev.governor.ingress.intake.RecordIntake;
import dev.governor.ingress.intake.RecordRequestReader;
import dev.governor.ingress.status.RequestStatus;
import dev.governor.ingress.status.RequestStatusStore;
import dev.governor.service.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The records API: hand Governor a record write (or a batch) for Salesforce and follow what became of
 * it. Writes need the {@code records:write} scope and an Idempotency-Key; status needs {@code records:read}.
 */
@Path("/v1/records")
@Tag(name = "Records")
public class RecordsResource {

    static final String SOURCE = "/ingress/records";

    /**
     * Token callers are named {@code token:<sub>}: a namespace no webhook source ({@code webhook:<name>})
     * can share, so neither can read the other's status or replay the other's answers.
     */
    static final String TOKEN_CALLER = "token:";

    private final RecordIntake intake;
    private final RecordRequestReader reader;
    private final WriteGrants grants;
    private final RequestStatusStore statuses;
    private final SecurityIdentity identity;
    private final IngressConfig config;
    private final IngressMetrics metrics;

    public RecordsResource(
            RecordIntake intake,
            RecordRequestReader reader,
            WriteGrants grants,
            RequestStatusStore statuses,
            SecurityIdentity identity,
            IngressConfig config,
            IngressMetrics metrics) {
        this.intake = intake;
        this.reader = reader;
        this.grants = grants;
        this.statuses = statuses;
        this.identity = identity;
        this.config = config;
        this.metrics = metrics;
    }

    @POST
    @Path("/{sobject}")
    @RolesAllowed(Scopes.WRITE)
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(
            summary = "Buffer one record write",
            description =
                    "Answers 202 with a tracking id once Kafka holds the record. Body: {\"externalIdField\", \"externalId\", \"fields\": {…}}.")
    public Uni<Response> submit(
            @PathParam("sobject") String sobject,
            @Parameter(description = "A UUID per logical request; resend it with a retry")
                    @HeaderParam(GovernorHeaders.IDEMPOTENCY_KEY)
                    String idempotencyKey,
            @HeaderParam("Content-Type") String contentType,
            byte[] body) {
        JsonNode node = validate(sobject, idempotencyKey, contentType, body);
        RecordRequestReader.Result result = reader.read(sobject, node, "", idempotencyKey);
        if (!result.ok()) {
            metrics.rejected("invalid_record");
            throw RecordRequestReader.invalid("The record is not valid", result.errors());
        }
        requireGranted(List.of(result.write()));
        return intake.submit(new RecordIntake.Submission(
                caller(),
                idempotencyKey,
                config.idempotency().ttl(),
                "POST",
                "/v1/records/" + sobject,
                body,
                URI.create(SOURCE),
                List.of(result.write()),
                false));
    }

    @POST
    @Path("/{sobject}/batch")
    @RolesAllowed(Scopes.WRITE)
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(
            summary = "Buffer a batch of record writes",
            description =
                    "Body: {\"records\": [ … ]}. All records are accepted together (202, one tracking id each) or none is; "
                            + "an invalid record refuses the batch with every error listed.")
    public Uni<Response> submitBatch(
            @PathParam("sobject") String sobject,
            @HeaderParam(GovernorHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            @HeaderParam("Content-Type") String contentType,
            byte[] body) {
        JsonNode node = validate(sobject, idempotencyKey, contentType, body);
        JsonNode records = node.get("records");
        if (!node.isObject() || node.size() != 1 || records == null || !records.isArray() || records.isEmpty()) {
            metrics.rejected("invalid_batch");
            throw RecordRequestReader.invalid(
                    "A batch is {\"records\": [ … ]} with at least one record",
                    List.of(new FieldError("/records", "must be a non-empty array")));
        }
        if (records.size() > config.records().maxBatchSize()) {
            metrics.rejected("batch_too_large");
            throw ProblemException.of(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "A batch holds at most " + config.records().maxBatchSize() + " records");
        }
        List<RecordWrite> writes = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RecordRequestReader.Result result =
                    reader.read(sobject, records.get(i), "/records/" + i, idempotencyKey + ":" + i);
            if (result.ok()) {
                writes.add(result.write());
            } else {
                errors.addAll(result.errors());
            }
        }
        if (!errors.isEmpty()) {
            metrics.rejected("invalid_record");
            throw RecordRequestReader.invalid("The batch has invalid records; none was accepted", errors);
        }
        requireGranted(writes);
        return intake.submit(new RecordIntake.Submission(
                caller(),
                idempotencyKey,
                config.idempotency().ttl(),
                "POST",
                "/v1/records/" + sobject + "/batch",
                body,
                URI.create(SOURCE),
                writes,
                true));
    }

    @GET
    @Path("/{trackingId}")
    @RolesAllowed(Scopes.READ)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(
            summary = "What became of an accepted record write",
            description =
                    "ACCEPTED (buffered), DELIVERED (with CREATED/UPDATED and the Salesforce id), RETRYING, DEAD_LETTERED with the reason, or SUPERSEDED (a newer version of the record was written instead).")
    public Uni<RequestStatus> status(@PathParam("trackingId") String trackingId) {
        if (!trackingId.matches("[0-9a-fA-F-]{36}")) {
            throw ProblemException.of(
                    ProblemType.NOT_FOUND, "No record write with tracking id " + abbreviate(trackingId));
        }
        boolean admin = identity.hasRole(Scopes.ADMIN);
        return statuses.find(trackingId)
                .onFailure()
                .transform(e -> ProblemException.unavailable(
                        "Request status is unreachable; retry later", config.retryAfterSeconds()))
                .map(found -> found.filter(
                                s -> admin || s.caller() == null || s.caller().equals(caller()))
                        .orElseThrow(() -> ProblemException.of(
                                ProblemType.NOT_FOUND, "No record write with tracking id " + trackingId)));
    }

    private JsonNode validate(String sobject, String idempotencyKey, String contentType, byte[] body) {
        if (contentType == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(MediaType.valueOf(contentType))) {
            metrics.rejected("unsupported_media_type");
            throw ProblemException.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
        }
        if (!ApiNames.isValid(sobject)) {
            metrics.rejected("invalid_sobject");
            throw RecordRequestReader.invalid(
                    "'" + abbreviate(sobject) + "' is not a valid Salesforce object API name",
                    List.of(new FieldError(
                            "/sobject", "letters, digits and single underscores, starting with a letter")));
        }
        intake.requireKey(idempotencyKey);
        intake.requireBodyWithinLimit(body);
        try {
            return reader.parse(body);
        } catch (ProblemException e) {
            metrics.rejected("malformed");
            throw e;
        }
    }

    private void requireGranted(List<RecordWrite> writes) {
        try {
            grants.require(subject(), writes);
        } catch (ProblemException e) {
            metrics.rejected("not_granted");
            throw e;
        }
    }

    /** The caller's token's {@code sub} (the principal claim): who the caller is, whatever else its token says. */
    private String subject() {
        return identity.getPrincipal().getName();
    }

    private String caller() {
        return TOKEN_CALLER + subject();
    }

    private static String abbreviate(String text) {
        String safe = text.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() <= 60 ? safe : safe.substring(0, 57) + "...";
    }
}
