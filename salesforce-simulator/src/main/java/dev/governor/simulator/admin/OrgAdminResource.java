package dev.governor.simulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.auth.InstanceUrl;
import dev.governor.simulator.auth.Session;
import dev.governor.simulator.auth.Sessions;
import dev.governor.simulator.org.OrgModel;
import dev.governor.simulator.org.OrgModelLoader;
import dev.governor.simulator.org.SObjectDefinition;
import dev.governor.simulator.schema.EventSchemas;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Changes to the org behind Governor's back, as its admins and other integrations make them: a field
 * added to an object (its event schemas change with it), and a session for another connected app, whose
 * writes through the API emit change events that name that app as their origin.
 */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
public class OrgAdminResource {

    private final OrgModel org;
    private final EventSchemas schemas;
    private final Sessions sessions;
    private final SimulatorConfig config;
    private final ObjectMapper json;

    public OrgAdminResource(
            OrgModel org, EventSchemas schemas, Sessions sessions, SimulatorConfig config, ObjectMapper json) {
        this.org = org;
        this.schemas = schemas;
        this.sessions = sessions;
        this.config = config;
        this.json = json;
    }

    /** Adds a field, e.g. {@code {"name": "Loyalty__c", "type": "string", "length": 40}}; answers the schema ids. */
    @POST
    @Path("/org/objects/{object}/fields")
    public ObjectNode addField(@PathParam("object") String objectName, JsonNode field) {
        if (org.object(objectName).isEmpty()) {
            throw new NotFoundException("No object " + objectName);
        }
        SObjectDefinition changed;
        try {
            changed = org.addField(objectName, OrgModelLoader.field(field));
        } catch (IllegalArgumentException e) { // e.g. the object already has the field: say so, in the body
            throw new BadRequestException(Response.status(Response.Status.BAD_REQUEST)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(json.createObjectNode().put("message", e.getMessage()))
                    .build());
        }
        ObjectNode body = json.createObjectNode()
                .put("object", changed.name())
                .put("fields", changed.fields().size());
        if (changed.isPlatformEvent()) {
            body.put("platformEventSchemaId", schemas.platformEvent(changed).id());
        }
        if (changed.changeTracking()) {
            body.put("changeEventSchemaId", schemas.changeEvent(changed).id());
        }
        return body;
    }

    /**
     * A session for another integration: {@code {"clientId": "erp-sync", "username": "erp@example.com"}}.
     * Its calls count against the org's limits like any client's.
     */
    @POST
    @Path("/sessions")
    public ObjectNode openSession(JsonNode body, @Context HttpServerRequest request) {
        String clientId = body == null ? "" : body.path("clientId").asText("");
        String username = body == null ? "" : body.path("username").asText("");
        if (clientId.isBlank() || username.isBlank()) {
            throw new BadRequestException("Give the other integration's clientId and username");
        }
        Session session = sessions.open(clientId, username);
        String instanceUrl = InstanceUrl.of(config, request);
        return json.createObjectNode()
                .put("access_token", session.accessToken())
                .put("instance_url", instanceUrl)
                .put("userId", session.userId())
                .put("clientId", session.clientId());
    }
}
