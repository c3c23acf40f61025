package dev.governor.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.data.RecordStore;
import dev.governor.simulator.data.RecordWriter;
import dev.governor.simulator.data.StoredRecord;
import dev.governor.simulator.data.WriteResult;
import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.FieldType;
import dev.governor.simulator.org.SObjectDefinition;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Single-record REST under {@code /services/data/vXX.X/sobjects}: describe, create (and Platform Event
 * publish), retrieve, update, delete, and upsert by external id with Salesforce's status codes.
 */
@Path("/services/data/v{version}/sobjects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
public class SObjectsResource {

    private final RestContext context;
    private final RecordWriter writer;
    private final RecordStore store;
    private final SalesforceJson json;

    public SObjectsResource(RestContext context, RecordWriter writer, RecordStore store, SalesforceJson json) {
        this.context = context;
        this.writer = writer;
        this.store = store;
        this.json = json;
    }

    @GET
    public ObjectNode describeGlobal(@PathParam("version") String version) {
        ObjectNode body =
                json.mapper().createObjectNode().put("encoding", "UTF-8").put("maxBatchSize", 200);
        ArrayNode objects = body.putArray("sobjects");
        for (SObjectDefinition object : context.org().objects()) {
            objects.addObject()
                    .put("name", object.name())
                    .put("label", object.name())
                    .put("keyPrefix", object.keyPrefix())
                    .put(
                            "custom",
                            object.name().endsWith("__c") || object.name().endsWith("__e"))
                    .put("createable", true)
                    .put("updateable", !object.isPlatformEvent())
                    .putObject("urls")
                    .put("sobject", "/services/data/v" + version + "/sobjects/" + object.name());
        }
        return body;
    }

    @GET
    @Path("/{sobject}/describe")
    public ObjectNode describe(@PathParam("version") String version, @PathParam("sobject") String name) {
        SObjectDefinition object = context.object(name);
        String base = "/services/data/v" + version + "/sobjects/" + object.name();
        boolean custom = object.name().endsWith("__c") || object.name().endsWith("__e");
        ObjectNode body = json.mapper()
                .createObjectNode()
                .put("name", object.name())
                .put("label", object.name())
                .put("keyPrefix", object.keyPrefix())
                .put("custom", custom)
                .put("createable", true)
                .put("updateable", !object.isPlatformEvent())
                .put("deletable", !object.isPlatformEvent())
                .put("queryable", !object.isPlatformEvent());
        body.putObject("urls")
                .put("sobject", base)
                .put("describe", base + "/describe")
                .put("rowTemplate", base + "/{ID}");
        ArrayNode fields = body.putArray("fields");
        fields.addObject()
                .put("name", "Id")
                .put("label", "Record ID")
                .put("type", "id")
                .put("length", 18)
                .put("byteLength", 18)
                .put("precision", 0)
                .put("scale", 0)
                .put("digits", 0)
                .put("nillable", false)
                .put("createable", false)
                .put("updateable", false)
                .put("custom", false)
                .put("caseSensitive", false)
                .put("externalId", false)
                .put("idLookup", true)
                .put("unique", false)
                .put("defaultedOnCreate", true)
                .put("calculated", false)
                .put("autoNumber", false)
                .put("restrictedPicklist", false)
                .putArray("picklistValues");
        for (FieldDefinition field : object.fields()) {
            ObjectNode f = fields.addObject()
                    .put("name", field.name())
                    .put("label", field.name())
                    .put("type", field.type().describeName())
                    .put("length", field.length())
                    .put("byteLength", field.length() * 3)
                    .put("precision", field.type() == FieldType.DOUBLE ? field.precision() : 0)
                    .put("scale", field.scale())
                    .put("digits", field.type() == FieldType.INT ? field.precision() : 0)
                    .put("nillable", !field.required())
                    .put("createable", true)
                    .put("updateable", !object.isPlatformEvent())
                    .put("custom", field.name().endsWith("__c"))
                    .put("caseSensitive", field.caseSensitive())
                    .put("externalId", field.externalId())
                    .put("idLookup", field.externalId())
                    .put("unique", field.unique())
                    .put("defaultedOnCreate", field.type() == FieldType.BOOLEAN)
                    .put("calculated", false)
                    .put("autoNumber", false)
                    .put("restrictedPicklist", field.restricted());
            ArrayNode values = f.putArray("picklistValues");
            field.values()
                    .forEach(v ->
                            values.addObject().put("value", v).put("label", v).put("active", true));
            ArrayNode references = f.putArray("referenceTo");
            if (field.referenceTo() != null) {
                references.add(field.referenceTo());
            }
        }
        return body;
    }

    @POST
    @Path("/{sobject}")
    public Response create(@PathParam("sobject") String name, String body, RoutingContext rc) {
        SObjectDefinition object = context.object(name);
        WriteResult result = writer.create(
                        List.of(new RecordWriter.Input(object, context.parse(body))), true, context.transaction(rc))
                .get(0);
        if (!result.success()) {
            return json.error(400, result.errors().get(0));
        }
        ObjectNode answer = json.result(result);
        answer.remove("created");
        return Response.status(201).entity(answer).build();
    }

    @GET
    @Path("/{sobject}/{id}")
    public ObjectNode retrieve(
            @PathParam("version") String version, @PathParam("sobject") String name, @PathParam("id") String id) {
        SObjectDefinition object = context.object(name);
        StoredRecord record =
                store.byId(id).filter(r -> r.sobject().equals(object.name())).orElseThrow(ApiException::notFound);
        return recordJson(version, record);
    }

    @PATCH
    @Path("/{sobject}/{id}")
    public Response update(
            @PathParam("sobject") String name, @PathParam("id") String id, String body, RoutingContext rc) {
        SObjectDefinition object = context.object(name);
        ObjectNode record = (ObjectNode) objectBody(body);
        record.put("Id", id);
        WriteResult result = writer.update(
                        List.of(new RecordWriter.Input(object, record)), true, context.transaction(rc))
                .get(0);
        if (!result.success()) {
            return json.error(statusOf(result), result.errors().get(0));
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{sobject}/{id}")
    public Response delete(@PathParam("sobject") String name, @PathParam("id") String id, RoutingContext rc) {
        context.object(name);
        WriteResult result =
                writer.delete(List.of(id), true, context.transaction(rc)).get(0);
        if (!result.success()) {
            return json.error(statusOf(result), result.errors().get(0));
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/{sobject}/{field}/{value}")
    public ObjectNode retrieveByExternalId(
            @PathParam("version") String version,
            @PathParam("sobject") String name,
            @PathParam("field") String fieldName,
            @PathParam("value") String value) {
        SObjectDefinition object = context.object(name);
        FieldDefinition field = context.externalIdField(object, fieldName);
        List<StoredRecord> matches = store.byField(object, field, value);
        if (matches.isEmpty()) {
            throw ApiException.notFound();
        }
        return recordJson(version, matches.get(0));
    }

    /** Upsert by external id: 201 created, 200 (or 204 before the configured version) updated, 300 several matches. */
    @PATCH
    @Path("/{sobject}/{field}/{value}")
    public Response upsert(
            @PathParam("version") String version,
            @PathParam("sobject") String name,
            @PathParam("field") String fieldName,
            @PathParam("value") String value,
            String body,
            RoutingContext rc) {
        SObjectDefinition object = context.object(name);
        FieldDefinition field = context.externalIdField(object, fieldName);
        RecordWriter.SingleUpsert upsert =
                writer.upsertOne(object, field, value, objectBody(body), context.transaction(rc));
        if (upsert.result() == null) {
            ArrayNode urls = json.mapper().createArrayNode();
            upsert.matchingIds()
                    .forEach(id -> urls.add("/services/data/v" + version + "/sobjects/" + object.name() + "/" + id));
            return Response.status(300).entity(urls).build();
        }
        WriteResult result = upsert.result();
        if (!result.success()) {
            return json.error(400, result.errors().get(0));
        }
        if (Boolean.TRUE.equals(result.created())) {
            return Response.status(201).entity(json.result(result)).build();
        }
        return context.updateAnswersWithBody(version)
                ? Response.ok(json.result(result)).build()
                : Response.noContent().build();
    }

    private JsonNode objectBody(String body) {
        JsonNode node = context.parse(body);
        if (!node.isObject()) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", "Expected a JSON object for the record");
        }
        return node;
    }

    private ObjectNode recordJson(String version, StoredRecord record) {
        ObjectNode node = json.mapper().createObjectNode();
        node.putObject("attributes")
                .put("type", record.sobject())
                .put("url", "/services/data/v" + version + "/sobjects/" + record.sobject() + "/" + record.id());
        node.put("Id", record.id());
        record.fields().forEach((k, v) -> node.set(k, json.mapper().valueToTree(v)));
        return node;
    }

    /** The HTTP status a single-record call answers for a failed record: 404 for a missing one, else 400. */
    private static int statusOf(WriteResult result) {
        return "ENTITY_IS_DELETED".equals(result.errors().get(0).code()) ? 404 : 400;
    }
}
