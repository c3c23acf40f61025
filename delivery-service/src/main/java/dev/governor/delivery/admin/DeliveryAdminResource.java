package dev.governor.delivery.admin;

import dev.governor.delivery.control.DeliveryControl;
import dev.governor.service.security.AdminAudit;
import dev.governor.service.security.Scopes;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pause and resume delivery, and see whether and why it is paused. Operators only. */
@Path("/v1/admin/delivery")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Administration")
public class DeliveryAdminResource {

    /**
     * @param paused      whether delivery consumes nothing now
     * @param reasons     OPERATOR (paused through this API) and/or WRITES_HELD (Salesforce cannot take writes)
     * @param heldBecause while writes are held: why
     */
    @RegisterForReflection
    public record DeliveryState(boolean paused, Set<DeliveryControl.Reason> reasons, String heldBecause) {}

    private final DeliveryControl control;
    private final SecurityIdentity operator;

    public DeliveryAdminResource(DeliveryControl control, SecurityIdentity operator) {
        this.control = control;
        this.operator = operator;
    }

    @GET
    @Operation(summary = "Whether delivery is paused, and why")
    public DeliveryState state() {
        Set<DeliveryControl.Reason> reasons = control.reasons();
        return new DeliveryState(!reasons.isEmpty(), reasons, control.heldBecause());
    }

    @POST
    @Path("/pause")
    @Operation(summary = "Stop consuming records and retries; Kafka keeps the backlog, batches in flight finish")
    public DeliveryState pause() {
        AdminAudit.record(operator, "paused delivery");
        control.pause(
                DeliveryControl.Reason.OPERATOR,
                "paused by operator " + operator.getPrincipal().getName());
        return state();
    }

    @POST
    @Path("/resume")
    @Operation(summary = "Consume again (unless Salesforce cannot take writes)")
    public DeliveryState resume() {
        AdminAudit.record(operator, "resumed delivery");
        control.resume(DeliveryControl.Reason.OPERATOR);
        return state();
    }
}
