package dev.governor.archive.admin;

import dev.governor.archive.snapshot.SnapshotManifest;
import dev.governor.archive.snapshot.SnapshotTaker;
import dev.governor.common.problem.ProblemType;
import dev.governor.service.problem.ProblemException;
import dev.governor.service.security.AdminAudit;
import dev.governor.service.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Org snapshots for operators: take one now, list them, read one's manifest. Runs on worker threads. */
@Path("/v1/admin/archive/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Administration")
public class SnapshotResource {

    private final SnapshotTaker snapshots;
    private final SecurityIdentity operator;

    public SnapshotResource(SnapshotTaker snapshots, SecurityIdentity operator) {
        this.snapshots = snapshots;
        this.operator = operator;
    }

    @POST
    @Operation(summary = "Take a snapshot now: kind=full or incremental (from the last one's high-water mark)")
    public Response take(@QueryParam("kind") @DefaultValue("full") String kind) {
        SnapshotManifest.Kind asked;
        try {
            asked = SnapshotManifest.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(ProblemType.INVALID_REQUEST, "kind is full or incremental, not " + kind);
        }
        SnapshotManifest started = snapshots.start(asked);
        AdminAudit.record(operator, "started snapshot " + started.id());
        return Response.accepted(started)
                .location(URI.create("/v1/admin/archive/snapshots/" + started.id()))
                .build();
    }

    @GET
    @Operation(summary = "Every snapshot, newest first, with its state")
    public List<SnapshotManifest> all() {
        return snapshots.all();
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary = "One snapshot's manifest: objects, fields, parts with checksums, record counts, high-water marks")
    public SnapshotManifest one(@PathParam("id") String id) {
        return snapshots
                .find(id)
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No snapshot has the id " + id));
    }
}
