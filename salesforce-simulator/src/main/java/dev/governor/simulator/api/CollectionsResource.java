package dev.governor.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.governor.simulator.data.RecordWriter;
import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.SObjectDefinition;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * sObject Collections: create, update, upsert and delete of up to 200 records in one API call. A
 * well-formed request answers 200 with one result per record, in order, even when records fail.
 */
@Path("/services/data/v{version}/composite/sobjects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
public class CollectionsResource {

    static final int MAX_RECORDS = 200;

    private final RestContext context;
    private final RecordWriter writer;
    private final SalesforceJson json;

    public CollectionsResource(RestContext context, RecordWriter writer, SalesforceJson json) {
        this.context = context;
        this.writer = writer;
        this.json = json;
    }

    @POST
    public ArrayNode create(String body, RoutingContext rc) {
        Request request = read(body);
        return json.results(
                writer.create(typedInputs(request.records(), null), request.allOrNone(), context.transaction(rc)));
    }

    @PATCH
    public ArrayNode update(String body, RoutingContext rc) {
        Request request = read(body);
        return json.results(
                writer.update(typedInputs(request.records(), null), request.allOrNone(), context.transaction(rc)));
    }

    @PATCH
    @Path("/{sobject}/{field}")
    public ArrayNode upsert(
            @PathParam("sobject") String name, @PathParam("field") String fieldName, String body, RoutingContext rc) {
        SObjectDefinition object = context.object(name);
        FieldDefinition field = context.externalIdField(object, fieldName);
        Request request = read(body);
        typedInputs(request.records(), object); // every record must be of the object in the URI
        return json.results(
                writer.upsert(object, field, request.records(), request.allOrNone(), context.transaction(rc)));
    }

    @DELETE
    public ArrayNode delete(
            @QueryParam("ids") String ids, @QueryParam("allOrNone") boolean allOrNone, RoutingContext rc) {
        if (ids == null || ids.isBlank()) {
            throw ApiException.badRequest("MISSING_ARGUMENT", "ids parameter is required");
        }
        List<String> idList = Arrays.stream(ids.split(",")).map(String::trim).toList();
        if (idList.size() > MAX_RECORDS) {
            throw tooMany();
        }
        return json.results(writer.delete(idList, allOrNone, context.transaction(rc)));
    }

    private record Request(boolean allOrNone, List<JsonNode> records) {}

    private Request read(String body) {
        JsonNode root = context.parse(body);
        JsonNode records = root.path("records");
        if (!records.isArray()) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", "The request must have a records array");
        }
        if (records.isEmpty()) {
            throw ApiException.badRequest("INVALID_FIELD", "No records specified");
        }
        if (records.size() > MAX_RECORDS) {
            throw tooMany();
        }
        List<JsonNode> list = new ArrayList<>(records.size());
        records.forEach(list::add);
        return new Request(root.path("allOrNone").asBoolean(false), list);
    }

    /** Each record's object from {@code attributes.type}; with {@code required}, records must be of that object. */
    private List<RecordWriter.Input> typedInputs(List<JsonNode> records, SObjectDefinition required) {
        List<RecordWriter.Input> inputs = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            String type = record.path("attributes").path("type").asText(null);
            if (type == null) {
                if (required == null) {
                    throw ApiException.badRequest("INVALID_TYPE", "Must send a concrete entity type.");
                }
                inputs.add(new RecordWriter.Input(required, record));
                continue;
            }
            SObjectDefinition object = context.org()
                    .object(type)
                    .orElseThrow(() ->
                            ApiException.badRequest("INVALID_TYPE", "sObject type '" + type + "' is not supported."));
            if (required != null && !required.name().equals(object.name())) {
                throw ApiException.badRequest(
                        "INVALID_TYPE",
                        "Record type " + object.name() + " does not match the URI's " + required.name());
            }
            inputs.add(new RecordWriter.Input(object, record));
        }
        return inputs;
    }

    private static ApiException tooMany() {
        return ApiException.badRequest(
                "EXCEEDED_ID_LIMIT",
                "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call");
    }
}
