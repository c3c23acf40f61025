package dev.governor.ingress.api;

import dev.governor.ingress.console.IntakeCount;
import dev.governor.service.security.Scopes;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The write intake for operators: how many writes every replica accepted so far, at a given instant. */
@Path("/v1/admin/intake")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Administration")
public class IntakeResource {

    /**
     * @param acceptedWrites writes accepted so far, by every replica (the records topic's end offset)
     * @param at             when it was read: two readings give the rate
     */
    @RegisterForReflection
    public record Intake(long acceptedWrites, Instant at) {}

    private final IntakeCount count;

    public IntakeResource(IntakeCount count) {
        this.count = count;
    }

    @GET
    @Operation(summary = "How many record writes were accepted so far, for the intake rate")
    public Intake intake() {
        return new Intake(count.acceptedWrites(), Instant.now());
    }
}
