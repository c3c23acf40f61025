package dev.governor.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.data.RecordStore;
import dev.governor.simulator.data.RecordWriter;
import dev.governor.simulator.data.StoredRecord;
import dev.governor.simulator.data.SystemFields;
import dev.governor.simulator.data.WriteResult;
import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.org.FieldDefinition;
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
    private final Describes describes;

    public SObjectsResource(
            RestContext context, RecordWriter writer, RecordStore store, SalesforceJson json, Describes describes) {
        this.context = context;
        this.describes = describes;
        this.writer = writer;
        this.store = store;
        this.json = json;
    }

    @GET
    public ObjectNode describeGlobal(@PathParam("version") String version) {
        return describes.global(version);
    }

    @GET
    @Path("/{sobject}/describe")
    public ObjectNode describe(@PathParam("version") String version, @PathParam("sobject") String name) {
        return describes.object(context.object(name), version);
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
        for (String system : SystemFields.NAMES) {
            node.set(system, json.mapper().valueToTree(SystemFields.value(record, system)));
        }
        return node;
    }

    /** The HTTP status a single-record call answers for a failed record: 404 for a missing one, else 400. */
    private static int statusOf(WriteResult result) {
        return "ENTITY_IS_DELETED".equals(result.errors().get(0).code()) ? 404 : 400;
    }
}
