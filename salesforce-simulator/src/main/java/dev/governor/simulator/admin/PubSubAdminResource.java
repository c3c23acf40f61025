package dev.governor.simulator.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.pubsub.StreamFaults;
import dev.governor.simulator.pubsub.Subscriptions;
import io.quarkus.grpc.runtime.GrpcServer;
import io.quarkus.value.registry.ValueRegistry;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The Pub/Sub API's side of the admin API: where it listens, what is subscribed (each subscription's
 * topic, outstanding request, events delivered and position), and its stream faults — stalled topics,
 * refused publishes, every open stream dropped with {@code service.unavailable}. The delivery
 * allocation is shrunk through {@code PUT /simulator/limits}.
 */
@Path("/simulator/pubsub")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class PubSubAdminResource {

    private final Subscriptions subscriptions;
    private final StreamFaults faults;
    private final ValueRegistry runtime;
    private final ObjectMapper json;

    public PubSubAdminResource(
            Subscriptions subscriptions, StreamFaults faults, ValueRegistry runtime, ObjectMapper json) {
        this.subscriptions = subscriptions;
        this.faults = faults;
        this.runtime = runtime;
        this.json = json;
    }

    @GET
    public ObjectNode status() {
        ObjectNode body = json.createObjectNode();
        GrpcServer server = runtime.get(GrpcServer.GRPC_SERVER);
        body.put("port", server == null ? -1 : server.getPort());
        body.set("subscriptions", json.valueToTree(subscriptions.views()));
        body.put("publishStreams", subscriptions.openPublishStreams());
        body.set("deliveredByClient", json.valueToTree(subscriptions.deliveredByClient()));
        body.set("faults", json.valueToTree(faults.plan()));
        return body;
    }

    /** {@code {"stalledTopics": ["/event/Order_Event__e"], "publishRefusalRate": 0.5}}; {@code {}} clears them. */
    @PUT
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public StreamFaults.Plan setFaults(StreamFaults.Plan plan) {
        try {
            faults.set(plan == null ? StreamFaults.Plan.none() : plan);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return faults.plan();
    }

    @DELETE
    @Path("/faults")
    public StreamFaults.Plan clearFaults() {
        faults.reset();
        return faults.plan();
    }

    /** Ends every open Subscribe and PublishStream with {@code service.unavailable}. */
    @POST
    @Path("/streams/drop")
    public ObjectNode dropStreams() {
        return json.createObjectNode().put("dropped", subscriptions.dropAll("admin-drop"));
    }
}
