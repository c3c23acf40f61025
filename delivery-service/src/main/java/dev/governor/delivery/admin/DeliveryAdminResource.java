package dev.governor.delivery.admin;

import dev.governor.delivery.control.DeliveryBacklog;
import dev.governor.delivery.control.DeliveryControl;
import dev.governor.salesforce.limits.DailyBudget;
import dev.governor.salesforce.limits.LimitGuard;
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
import java.time.Duration;
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
     * @param paused      whether delivery consumes nothing now (on the replica that answered; an operator's
     *                    pause holds for every replica)
     * @param reasons     OPERATOR (paused through this API) and/or WRITES_HELD (Salesforce cannot take writes)
     * @param heldBecause while writes are held: why
     * @param backlog     writes waiting on the records and retry topics, for every replica (null when Kafka
     *                    could not say)
     * @param budget      the org's daily API allocation as Salesforce last reported it (null before then)
     */
    @RegisterForReflection
    public record DeliveryState(
            boolean paused,
            Set<DeliveryControl.Reason> reasons,
            String heldBecause,
            Long backlog,
            DailyBudget budget) {}

    private static final Duration BUDGET_READ = Duration.ofSeconds(5);

    private final DeliveryControl control;
    private final DeliveryBacklog backlog;
    private final LimitGuard limits;
    private final SecurityIdentity operator;

    public DeliveryAdminResource(
            DeliveryControl control, DeliveryBacklog backlog, LimitGuard limits, SecurityIdentity operator) {
        this.control = control;
        this.backlog = backlog;
        this.limits = limits;
        this.operator = operator;
    }

    @GET
    @Operation(summary = "Whether delivery is paused and why, the writes waiting, and the org's daily API budget")
    public DeliveryState state() {
        Set<DeliveryControl.Reason> reasons = control.reasons();
        Long waiting;
        try {
            waiting = backlog.waiting();
        } catch (IllegalStateException e) {
            waiting = null;
        }
        DailyBudget budget = limits.budget().await().atMost(BUDGET_READ).orElse(null);
        return new DeliveryState(!reasons.isEmpty(), reasons, control.heldBecause(), waiting, budget);
    }

    @POST
    @Path("/pause")
    @Operation(summary = "Stop consuming records and retries; Kafka keeps the backlog, batches in flight finish")
    public DeliveryState pause() {
        AdminAudit.record(operator, "paused delivery");
        control.pause(
                DeliveryControl.Reason.OPERATOR,
                "paused by operator " + operator.getPrincipal().getName());
        return current();
    }

    @POST
    @Path("/resume")
    @Operation(summary = "Consume again (unless Salesforce cannot take writes)")
    public DeliveryState resume() {
        AdminAudit.record(operator, "resumed delivery");
        control.resume(DeliveryControl.Reason.OPERATOR);
        return current();
    }

    /** The pause state after an action, without the figures that take a round trip to Kafka and Redis. */
    private DeliveryState current() {
        Set<DeliveryControl.Reason> reasons = control.reasons();
        return new DeliveryState(!reasons.isEmpty(), reasons, control.heldBecause(), null, null);
    }
}
