package dev.governor.eventbridge.admin;

import dev.governor.common.problem.Problem;
import dev.governor.common.problem.ProblemType;
import dev.governor.eventbridge.outbound.DeadEvent;
import dev.governor.eventbridge.outbound.DeadEventReplayer;
import dev.governor.service.kafka.TopicSnapshot;
import dev.governor.service.problem.ProblemException;
import dev.governor.service.security.AdminAudit;
import dev.governor.service.security.Scopes;
import io.quarkus.runtime.annotations.RegisterForReflection;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
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

    static final int MAX_LIMIT = 1000;
    private static final Pattern ID = Pattern.compile("\\d{1,6}-\\d{1,19}");

    /** Name the dead events by id, or set {@code all} to replay every one not yet replayed. */
    @RegisterForReflection
    public record ReplayRequest(List<String> ids, Boolean all) {}

    @RegisterForReflection
    public record ReplayResult(int replayed, List<String> ids) {}

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
        return replayer.list(checkedLimit(limit), includeReplayed, route);
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish dead events again through the routes they came in on")
    public ReplayResult replay(ReplayRequest request, @QueryParam("limit") @DefaultValue("1000") int limit) {
        boolean all = request != null && Boolean.TRUE.equals(request.all());
        List<String> named = request == null || request.ids() == null ? List.of() : request.ids();
        if (all == !named.isEmpty()) {
            throw ProblemException.of(
                    ProblemType.INVALID_REQUEST,
                    "Name the dead events in \"ids\", or set \"all\": true — one of the two");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : named) {
            if (id == null || !ID.matcher(id).matches()) {
                throw ProblemException.of(
                        ProblemType.INVALID_REQUEST, "A dead-event id is partition-offset, like 0-42");
            }
            ids.add(id);
        }
        List<ConsumerRecord<String, byte[]>> records = replayer.find(ids, all ? checkedLimit(limit) : ids.size());
        if (!all && records.size() < ids.size()) {
            Set<String> missing = new LinkedHashSet<>(ids);
            records.forEach(r -> missing.remove(TopicSnapshot.id(r)));
            throw new ProblemException(
                    Problem.of(ProblemType.NOT_FOUND, "No dead event with these ids; nothing was replayed")
                            .with("missing", missing),
                    Map.of());
        }
        List<String> replayed = replayer.replay(records);
        AdminAudit.record(operator, "replayed " + replayed.size() + " dead event(s): " + String.join(",", replayed));
        return new ReplayResult(replayed.size(), replayed);
    }

    private static int checkedLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.of(ProblemType.INVALID_REQUEST, "limit is between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
