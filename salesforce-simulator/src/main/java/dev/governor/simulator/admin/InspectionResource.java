package dev.governor.simulator.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.data.RecordStore;
import dev.governor.simulator.data.StoredRecord;
import dev.governor.simulator.data.WriteEvent;
import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.OrgModel;
import dev.governor.simulator.org.SObjectDefinition;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Read-only views for assertions, under {@code /simulator}: records with their write history, API call
 * statistics and limits (events: {@link EventInspectionResource}). Not counted against the org's limits.
 */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class InspectionResource {

    private final RecordStore store;
    private final OrgModel org;
    private final OrgStatus status;
    private final ObjectMapper json;

    public InspectionResource(RecordStore store, OrgModel org, OrgStatus status, ObjectMapper json) {
        this.store = store;
        this.org = org;
        this.status = status;
        this.json = json;
    }

    @GET
    @Path("/stats")
    public ObjectNode stats() {
        return status.stats();
    }

    @GET
    @Path("/limits")
    public ObjectNode limits() {
        return status.limits();
    }

    /** Every live record of an object, with its write history. */
    @GET
    @Path("/records/{sobject}")
    public ObjectNode records(@PathParam("sobject") String name) {
        SObjectDefinition object = org.object(name).orElseThrow(() -> new NotFoundException("No object " + name));
        List<StoredRecord> records = store.all(object);
        ObjectNode body = json.createObjectNode().put("sobject", object.name()).put("totalSize", records.size());
        ArrayNode list = body.putArray("records");
        records.forEach(r -> list.add(recordJson(r)));
        return body;
    }

    /** One record by external id, with its write history (creates vs updates). */
    @GET
    @Path("/records/{sobject}/{field}/{value}")
    public ObjectNode record(
            @PathParam("sobject") String name, @PathParam("field") String fieldName, @PathParam("value") String value) {
        SObjectDefinition object = org.object(name).orElseThrow(() -> new NotFoundException("No object " + name));
        FieldDefinition field = object.field(fieldName)
                .filter(f -> f.externalId() || f.unique())
                .orElseThrow(() -> new NotFoundException("No external id field " + fieldName + " on " + name));
        List<StoredRecord> matches = store.byField(object, field, value);
        if (matches.isEmpty()) {
            throw new NotFoundException("No " + name + " with " + fieldName + " = " + value);
        }
        return recordJson(matches.get(0));
    }

    private ObjectNode recordJson(StoredRecord record) {
        ObjectNode node = json.createObjectNode()
                .put("id", record.id())
                .put("sobject", record.sobject())
                .put("createdAt", record.createdAt().toString());
        node.set("fields", json.valueToTree(record.fields()));
        List<WriteEvent> history = record.history();
        node.put("creates", record.creates());
        node.put("updates", record.updates());
        ArrayNode list = node.putArray("history");
        for (WriteEvent write : history) {
            ObjectNode w = list.addObject()
                    .put("operation", write.operation())
                    .put("at", write.at().toString())
                    .put("clientId", write.clientId());
            w.set("fields", json.valueToTree(write.fields()));
        }
        return node;
    }
}
