package dev.governor.ingress.api;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.problem.ProblemType;
import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.intake.Abbreviated;
import dev.governor.ingress.intake.ApiNames;
import dev.governor.ingress.intake.CallerNames;
import dev.governor.ingress.intake.RecordIntake;
import dev.governor.ingress.intake.RecordsRequest;
import dev.governor.ingress.ledger.RequestStatusStore;
import dev.governor.ingress.ledger.TrackingId;
import dev.governor.ingress.status.RecordWrites;
import dev.governor.ingress.status.RequestStatus;
import dev.governor.service.problem.ProblemException;
import dev.governor.service.security.Scopes;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

    /** The most writes of one record shown by {@link #writesOf}. */
    static final int WRITES_SHOWN = 50;

    private final RecordIntake intake;
    private final IntakeAnswers answers;
    private final RequestStatusStore statuses;
    private final SecurityIdentity identity;
    private final IngressConfig config;

    public RecordsResource(
            RecordIntake intake,
            IntakeAnswers answers,
            RequestStatusStore statuses,
            SecurityIdentity identity,
            IngressConfig config) {
        this.intake = intake;
        this.answers = answers;
        this.statuses = statuses;
        this.identity = identity;
        this.config = config;
    }

    @POST
    @Path("/{sobject}")
    @RolesAllowed(Scopes.WRITE)
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(
            summary = "Buffer one record write",
            description = "Answers 202 with a tracking id once Kafka holds the record. Body: {\"externalIdField\", "
                    + "\"externalId\", \"fields\": {…}}.")
    public Uni<Response> submit(
            @PathParam("sobject") String sobject,
            @Parameter(description = "A UUID per logical request; resend it with a retry")
                    @HeaderParam(GovernorHeaders.IDEMPOTENCY_KEY)
                    String idempotencyKey,
            @HeaderParam("Content-Type") String contentType,
            byte[] body) {
        return intake.records(new RecordsRequest(subject(), sobject, idempotencyKey, contentType, body, false))
                .map(answers::answer);
    }

    @POST
    @Path("/{sobject}/batch")
    @RolesAllowed(Scopes.WRITE)
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(
            summary = "Buffer a batch of record writes",
            description =
                    "Body: {\"records\": [ … ]}. All records are accepted together (202, one tracking id each) or "
                            + "none is; "
                            + "an invalid record refuses the batch with every error listed.")
    public Uni<Response> submitBatch(
            @PathParam("sobject") String sobject,
            @HeaderParam(GovernorHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            @HeaderParam("Content-Type") String contentType,
            byte[] body) {
        return intake.records(new RecordsRequest(subject(), sobject, idempotencyKey, contentType, body, true))
                .map(answers::answer);
    }

    @GET
    @Path("/{trackingId}")
    @RolesAllowed({Scopes.READ, Scopes.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(
            summary = "What became of an accepted record write",
            description = "ACCEPTED (buffered), DELIVERED (with CREATED/UPDATED and the Salesforce id), RETRYING, "
                    + "DEAD_LETTERED with the reason, or SUPERSEDED (a newer version of the record was written "
                    + "instead).")
    public Uni<RequestStatus> status(@PathParam("trackingId") String trackingId) {
        if (TrackingId.parse(trackingId).isEmpty()) {
            throw ProblemException.of(
                    ProblemType.NOT_FOUND, "No record write with tracking id " + Abbreviated.of(trackingId));
        }
        boolean admin = identity.hasRole(Scopes.ADMIN);
        return statuses.find(trackingId)
                .onFailure()
                .transform(e -> ProblemException.unavailable(
                        "Request status is unreachable; retry later", config.retryAfterSeconds()))
                .map(found -> found.filter(
                                s -> admin || s.caller() == null || s.caller().equals(CallerNames.token(subject())))
                        .orElseThrow(() -> ProblemException.of(
                                ProblemType.NOT_FOUND, "No record write with tracking id " + trackingId)));
    }

    @GET
    @RolesAllowed({Scopes.READ, Scopes.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(
            summary = "The accepted writes of one record, found by its external id",
            description = "The writes accepted for the record over the status TTL whose status is still held, "
                    + "newest first, at most " + WRITES_SHOWN + ", each with its history; names match in any "
                    + "case, and so does the id. A caller sees only its own writes; governor:admin sees all.")
    public Uni<RecordWrites> writesOf(
            @QueryParam("sobject") String sobject,
            @QueryParam("externalIdField") String externalIdField,
            @QueryParam("externalId") String externalId) {
        if (blank(sobject) || blank(externalIdField) || blank(externalId)) {
            throw ProblemException.of(
                    ProblemType.INVALID_REQUEST, "Name the record: sobject, externalIdField and externalId");
        }
        if (!ApiNames.isValid(sobject) || !ApiNames.isValid(externalIdField)) {
            throw ProblemException.of(ProblemType.INVALID_REQUEST, "sobject and externalIdField must be API names");
        }
        boolean admin = identity.hasRole(Scopes.ADMIN);
        String caller = CallerNames.token(subject());
        return statuses.findWritesOf(sobject, externalIdField, externalId, WRITES_SHOWN)
                .onFailure()
                .transform(e -> ProblemException.unavailable(
                        "Request status is unreachable; retry later", config.retryAfterSeconds()))
                .map(found -> new RecordWrites(found.stream()
                        .filter(s -> admin || caller.equals(s.caller()))
                        .toList()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The caller's token's {@code sub} (the principal claim): who the caller is, whatever else its token says. */
    private String subject() {
        return identity.getPrincipal().getName();
    }
}
