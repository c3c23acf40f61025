package dev.governor.simulator.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.cdc.FieldBitmap;
import dev.governor.simulator.events.BusEvent;
import dev.governor.simulator.events.EventBus;
import dev.governor.simulator.events.ReplayIds;
import dev.governor.simulator.events.Topic;
import dev.governor.simulator.events.Topics;
import dev.governor.simulator.schema.AvroPayloads;
import dev.governor.simulator.schema.EventSchemas;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Every retained event of a topic, as JSON, for assertions: replay id (as a number and as the bytes a
 * subscriber gets), EventUuid, schema id and the decoded payload; a change event's field bitmaps are
 * also given as names. Not counted against the org's limits.
 */
@Path("/simulator/events")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class EventInspectionResource {

    private final EventBus bus;
    private final Topics topics;
    private final EventSchemas schemas;
    private final ObjectMapper json;

    public EventInspectionResource(EventBus bus, Topics topics, EventSchemas schemas, ObjectMapper json) {
        this.bus = bus;
        this.topics = topics;
        this.schemas = schemas;
        this.json = json;
    }

    /** The org's topics with their current schema ids. */
    @GET
    public ObjectNode topics() {
        ObjectNode body = json.createObjectNode().put("latestReplayId", bus.latestReplayId());
        ArrayNode list = body.putArray("topics");
        for (Topic topic : topics.all()) {
            list.addObject()
                    .put("topicName", topic.name())
                    .put("schemaId", topics.schemaId(topic))
                    .put("canPublish", topic.canPublish())
                    .put("retained", bus.retained(topic.name()));
        }
        return body;
    }

    /**
     * A topic's retained events, oldest first. {@code name} is a Platform Event ({@code Order_Event__e}),
     * a change-event channel ({@code AccountChangeEvent}) or {@code ChangeEvents}.
     */
    @GET
    @Path("/{name}")
    public ObjectNode events(
            @PathParam("name") String name,
            @QueryParam("afterReplayId") @DefaultValue("-1") long after,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        Topic topic = topics.find("/event/" + name)
                .or(() -> topics.find("/data/" + name))
                .orElseThrow(() -> new NotFoundException("No topic " + name));
        ObjectNode body =
                json.createObjectNode().put("topic", topic.name()).put("latestReplayId", bus.latestReplayId());
        bus.earliestRetained(topic.name()).ifPresent(id -> body.put("earliestRetainedReplayId", id));
        ArrayNode list = body.putArray("events");
        for (BusEvent event : bus.after(topic.name(), after, limit)) {
            ObjectNode e = list.addObject()
                    .put("replayId", event.replayId())
                    .put("replayIdBase64", Base64.getEncoder().encodeToString(ReplayIds.encode(event.replayId())))
                    .put("eventUuid", event.eventUuid())
                    .put("schemaId", event.schemaId())
                    .put("publishedAt", event.publishedAt().toString())
                    .put("clientId", event.clientId());
            describePayload(event, e);
        }
        return body;
    }

    private void describePayload(BusEvent event, ObjectNode into) {
        Optional<Schema> schema = schemas.byId(event.schemaId());
        if (schema.isEmpty()) {
            return;
        }
        try {
            Map<String, Object> payload = AvroPayloads.decode(schema.get(), event.payload());
            into.set("payload", json.valueToTree(payload));
            if (payload.get("ChangeEventHeader") instanceof Map<?, ?> header) {
                ObjectNode names = into.putObject("fieldNames");
                for (String list : List.of("changedFields", "nulledFields", "diffFields")) {
                    @SuppressWarnings("unchecked")
                    List<String> bitmaps = (List<String>) header.get(list);
                    names.set(list, json.valueToTree(FieldBitmap.decode(schema.get(), bitmaps)));
                }
            }
        } catch (AvroPayloads.UnreadablePayload e) {
            into.put("payloadError", e.getMessage());
        }
    }
}
