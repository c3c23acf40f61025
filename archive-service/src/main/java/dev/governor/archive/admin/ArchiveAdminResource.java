package dev.governor.archive.admin;

import dev.governor.archive.verify.ArchiveVerifier;
import dev.governor.archive.verify.VerifyReport;
import dev.governor.service.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The topic archive for operators. Runs on worker threads: the check reads Kafka and S3 with blocking clients. */
@Path("/v1/admin/archive")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Administration")
public class ArchiveAdminResource {

    private final ArchiveVerifier verifier;

    public ArchiveAdminResource(ArchiveVerifier verifier) {
        this.verifier = verifier;
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Each partition's archived offset ranges against its topic: holes, overlaps, what is pending")
    public VerifyReport verify(
            @QueryParam("topic") String topic, @QueryParam("content") @DefaultValue("false") boolean content) {
        return verifier.verify(Optional.ofNullable(topic).filter(t -> !t.isBlank()), content);
    }
}
