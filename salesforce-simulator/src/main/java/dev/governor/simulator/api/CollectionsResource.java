package dev.governor.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.data.RecordStore;
import dev.governor.simulator.data.RecordWriter;
import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.SObjectDefinition;
import dev.governor.simulator.query.QueryEngine;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
 * sObject Collections: create, update, upsert and delete of up to 200 records in one API call, and
 * retrieve of up to 2,000 by id. A
 * well-formed request answers 200 with one result per record, in order, even when records fail.
 */
@Path("/services/data/v{version}/composite/sobjects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
public class CollectionsResource {

    static final int MAX_RECORDS = 200;
    static final int MAX_RETRIEVED = 2000;

    private final RestContext context;
    private final RecordWriter writer;
    private final SalesforceJson json;
    private final RecordStore store;
    private final QueryEngine engine;

    public CollectionsResource(
            RestContext context, RecordWriter writer, SalesforceJson json, RecordStore store, QueryEngine engine) {
        this.context = context;
        this.store = store;
        this.engine = engine;
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

    /** Retrieve: {@code GET …/composite/sobjects/{sobject}?ids=…&fields=…}; a missing record is null. */
    @GET
    @Path("/{sobject}")
    public ArrayNode retrieve(
            @PathParam("version") String version,
            @PathParam("sobject") String name,
            @QueryParam("ids") String ids,
            @QueryParam("fields") String fields) {
        return retrieve(version, context.object(name), split(ids, "ids"), split(fields, "fields"));
    }

    /** Retrieve with a body, for more ids than a URL holds: {@code {"ids": […], "fields": […]}}. */
    @POST
    @Path("/{sobject}")
    public ArrayNode retrieveMany(
            @PathParam("version") String version, @PathParam("sobject") String name, String body) {
        JsonNode request = context.parse(body);
        return retrieve(
                version,
                context.object(name),
                strings(request.path("ids"), "ids"),
                strings(request.path("fields"), "fields"));
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

    private ArrayNode retrieve(String version, SObjectDefinition object, List<String> ids, List<String> fields) {
        if (ids.size() > MAX_RETRIEVED) {
            throw ApiException.badRequest(
                    "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot retrieve more than " + MAX_RETRIEVED + " records");
        }
        List<String> columns = new ArrayList<>();
        for (String field : fields) {
            columns.add(engine.column(object, field));
        }
        ArrayNode records = json.mapper().createArrayNode();
        for (String id : ids) {
            var record = store.byId(id).filter(r -> r.sobject().equals(object.name()));
            if (record.isEmpty()) {
                records.addNull();
                continue;
            }
            ObjectNode node = records.addObject();
            node.putObject("attributes")
                    .put("type", object.name())
                    .put(
                            "url",
                            "/services/data/v" + version + "/sobjects/" + object.name() + "/"
                                    + record.get().id());
            for (String column : columns) {
                node.set(column, json.mapper().valueToTree(engine.valueOf(record.get(), column)));
            }
        }
        return records;
    }

    private static List<String> split(String list, String name) {
        if (list == null || list.isBlank()) {
            throw ApiException.badRequest("MISSING_ARGUMENT", name + " parameter is required");
        }
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static List<String> strings(JsonNode array, String name) {
        if (!array.isArray() || array.isEmpty()) {
            throw ApiException.badRequest("MISSING_ARGUMENT", name + " must be a non-empty array");
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
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
