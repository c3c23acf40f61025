package dev.governor.eventbridge.admin;

import dev.governor.eventbridge.outbound.DeadEvent;
import dev.governor.eventbridge.outbound.DeadEventReplayer;
import dev.governor.service.admin.NotReplayedCount;
import dev.governor.service.admin.ReplayRequest;
import dev.governor.service.admin.ReplayResult;
import dev.governor.service.admin.ReplaySelection;
import dev.governor.service.kafka.TopicSnapshot;
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
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The event bridge's dead-letter topic for operators, as delivery's is: what is on it and why, and
 * putting chosen events (or all not yet replayed) back through their routes once the cause is fixed. Runs
 * on worker threads: it reads Kafka with a consumer of its own.
 */
@Path("/v1/admin/dead-events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Administration")
public class DeadEventResource {

    private final DeadEventReplayer replayer;
    private final SecurityIdentity operator;

    public DeadEventResource(DeadEventReplayer replayer, SecurityIdentity operator) {
        this.replayer = replayer;
        this.operator = operator;
    }

    @GET
    @Operation(summary = "Dead events in topic order, with their reasons")
    public List<DeadEvent> list(
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("includeReplayed") @DefaultValue("false") boolean includeReplayed,
            @QueryParam("route") String route) {
        return replayer.list(ReplaySelection.checkedLimit(limit), includeReplayed, route);
    }

    @GET
    @Path("/count")
    @Operation(summary = "How many dead events are not yet replayed (counting stops at 10,000)")
    public NotReplayedCount countNotReplayed() {
        return replayer.countNotReplayed();
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish dead events again through the routes they came in on")
    public ReplayResult replay(ReplayRequest request, @QueryParam("limit") @DefaultValue("1000") int limit) {
        ReplaySelection selection = ReplaySelection.of(request, "dead events");
        List<ConsumerRecord<String, byte[]>> records = replayer.find(selection.ids(), selection.wanted(limit));
        selection.requireFound(records.stream().map(TopicSnapshot::id).toList(), "dead event");
        List<String> replayed = replayer.replay(records);
        AdminAudit.record(operator, "replayed " + replayed.size() + " dead event(s): " + String.join(",", replayed));
        return new ReplayResult(replayed.size(), replayed);
    }
}
