package dev.governor.archive.admin;

import dev.governor.archive.restore.RestoreJob;
import dev.governor.archive.restore.RestoreRequest;
import dev.governor.archive.restore.Restorer;
import dev.governor.common.problem.ProblemType;
import dev.governor.service.problem.ProblemException;
import dev.governor.service.security.AdminAudit;
import dev.governor.service.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Restores from the archive into Kafka, for operators. Runs on worker threads: planning reads S3. */
@Path("/v1/admin/archive/restores")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Administration")
public class RestoreResource {

    private final Restorer restorer;
    private final SecurityIdentity operator;

    public RestoreResource(Restorer restorer, SecurityIdentity operator) {
        this.restorer = restorer;
        this.operator = operator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Restore archived records into a topic (202 and the job), or count them (dryRun: 200 and the plan)")
    public Response restore(RestoreRequest request) {
        if (request != null && request.isDryRun()) {
            return Response.ok(restorer.plan(request)).build();
        }
        RestoreJob job = restorer.start(request);
        AdminAudit.record(
                operator,
                "started restore " + job.id() + " of " + job.records() + " record(s) from " + request.topic() + " into "
                        + request.targetTopic());
        return Response.accepted(job)
                .location(URI.create("/v1/admin/archive/restores/" + job.id()))
                .build();
    }

    @GET
    @Operation(summary = "Every restore, newest first, with its progress")
    public List<RestoreJob> all() {
        return restorer.all();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One restore's state and progress")
    public RestoreJob one(@PathParam("id") String id) {
        return restorer.status(id)
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No restore has the id " + id));
    }
}
