package dev.governor.eventbridge.admin;

import dev.governor.eventbridge.inbound.SubscriptionStates;
import dev.governor.eventbridge.inbound.SubscriptionView;
import dev.governor.service.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Salesforce subscriptions the bridge relays into Kafka, for operators: checkpoint, how far behind,
 * who relays, and gaps. Runs on worker threads: it reads Kafka with consumers of its own.
 */
@Path("/v1/admin/bridge/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Administration")
public class SubscriptionResource {

    private final SubscriptionStates states;

    public SubscriptionResource(SubscriptionStates states) {
        this.states = states;
    }

    @GET
    @Operation(summary = "Every subscription with its checkpoint, how far behind it is, who relays it and its gaps")
    public List<SubscriptionView> all() {
        return states.all();
    }
}
