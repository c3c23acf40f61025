package dev.governor.delivery.admin;

import dev.governor.common.problem.ProblemType;
import dev.governor.delivery.deadletter.DeadLetter;
import dev.governor.delivery.deadletter.DeadLetterFilter;
import dev.governor.delivery.deadletter.DeadLetterReplayer;
import dev.governor.delivery.deadletter.DeadLetterTopic;
import dev.governor.service.admin.NotReplayedCount;
import dev.governor.service.admin.ReplayRequest;
import dev.governor.service.admin.ReplayResult;
import dev.governor.service.admin.ReplaySelection;
import dev.governor.service.problem.ProblemException;
import dev.governor.service.security.AdminAudit;
import dev.governor.service.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dead-letter topic for operators: what is on it and why, and putting chosen writes (or all not yet
 * replayed) back on the records topic once the cause is fixed. Runs on worker threads: it reads Kafka
 * with a consumer of its own.
 */
@Path("/v1/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Administration")
public class DeadLetterResource {

    private final DeadLetterReplayer replayer;
    private final SecurityIdentity operator;

    public DeadLetterResource(DeadLetterReplayer replayer, SecurityIdentity operator) {
        this.replayer = replayer;
        this.operator = operator;
    }

    @GET
    @Operation(
            summary = "Dead letters in topic order, with their reasons and records",
            description = "sobject, errorCode, from and to (ISO-8601 instants; to exclusive) narrow the list.")
    public List<DeadLetter> list(
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("includeReplayed") @DefaultValue("false") boolean includeReplayed,
            @QueryParam("sobject") String sobject,
            @QueryParam("errorCode") String errorCode,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        DeadLetterFilter filter =
                new DeadLetterFilter(present(sobject), present(errorCode), instant("from", from), instant("to", to));
        return replayer.list(ReplaySelection.checkedLimit(limit), includeReplayed, filter);
    }

    @GET
    @Path("/count")
    @Operation(summary = "How many dead letters are not yet replayed (counting stops at 10,000)")
    public NotReplayedCount countNotReplayed() {
        return replayer.countNotReplayed();
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Optional<Instant> instant(String name, String value) {
        try {
            return present(value).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw ProblemException.of(
                    ProblemType.INVALID_REQUEST, name + " is an ISO-8601 instant, like 2026-12-01T09:30:00Z");
        }
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put dead letters back on the records topic, with their original version and tracking id")
    public ReplayResult replay(ReplayRequest request, @QueryParam("limit") @DefaultValue("1000") int limit) {
        ReplaySelection selection = ReplaySelection.of(request, "dead letters");
        List<DeadLetterTopic.Entry> entries = replayer.find(selection.ids(), selection.wanted(limit));
        selection.requireFound(entries.stream().map(DeadLetterTopic.Entry::id).toList(), "dead letter");
        List<String> replayed = replayer.replay(entries);
        AdminAudit.record(operator, "replayed " + replayed.size() + " dead letter(s): " + String.join(",", replayed));
        return new ReplayResult(replayed.size(), replayed);
    }
}
