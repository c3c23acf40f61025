package dev.governor.eventbridge.admin;

import dev.governor.salesforce.limits.PublishAllocation;
import dev.governor.service.security.Scopes;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How much of the org's Platform Event publishing allocation Governor has used, for operators. */
@Path("/v1/admin/bridge/publishing")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Administration")
public class PublishingResource {

    /**
     * @param published     events Governor published into Salesforce in the rolling window, by every replica
     * @param allowed       events it may publish in one window: the org's allocation less the reserve
     * @param windowSeconds the rolling window (an hour on every org)
     */
    @RegisterForReflection
    public record Publishing(long published, long allowed, long windowSeconds) {}

    private final PublishAllocation allocation;

    public PublishingResource(PublishAllocation allocation) {
        this.allocation = allocation;
    }

    @GET
    @Operation(summary = "Events published into Salesforce in the rolling hour, against what Governor may publish")
    public Uni<Publishing> publishing() {
        return allocation
                .publishedInWindow()
                .map(used -> new Publishing(
                        used, allocation.allowed(), allocation.window().toSeconds()));
    }
}
