package dev.governor.archive.admin;

import dev.governor.archive.recovery.OrgRestore;
import dev.governor.archive.recovery.OrgRestoreRequest;
import dev.governor.archive.recovery.OrgRestorer;
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

/** Restoring the org from its snapshots, for operators: start one (or count it), follow it, read its Id map. */
@Path("/v1/admin/archive/org-restores")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Administration")
public class OrgRestoreResource {

    private final OrgRestorer restorer;
    private final SecurityIdentity operator;

    public OrgRestoreResource(OrgRestorer restorer, SecurityIdentity operator) {
        this.restorer = restorer;
        this.operator = operator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Restore objects of the org as a snapshot saw them (dryRun: only count), through the records topic")
    public Response start(OrgRestoreRequest request) {
        OrgRestoreRequest asked = request == null ? new OrgRestoreRequest(null, null, null, null, null) : request;
        if (asked.isDryRun()) {
            return Response.ok(restorer.plan(asked)).build();
        }
        OrgRestore started = restorer.start(asked);
        AdminAudit.record(operator, "started org restore " + started.id() + " from " + started.snapshots());
        return Response.accepted(started)
                .location(URI.create("/v1/admin/archive/org-restores/" + started.id()))
                .build();
    }

    @GET
    @Operation(summary = "Every org restore, newest first, with its report")
    public List<OrgRestore> all() {
        return restorer.all();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One org restore's report: per object, rows, writes, created, updated, failed")
    public OrgRestore one(@PathParam("id") String id) {
        return restorer.status(id)
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No org restore has the id " + id));
    }

    @GET
    @Path("/{id}/id-map")
    @Produces("text/csv")
    @Operation(summary = "A finished org restore's Id map: object, the Id in the snapshot, the Id now, External ID")
    public String idMap(@PathParam("id") String id) {
        return restorer.idMap(id)
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No Id map for org restore " + id));
    }
}
