package dev.governor.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.data.WriteResult;
import dev.governor.simulator.error.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Writes Salesforce's response shapes: top-level error arrays ({@code errorCode}) and per-record results ({@code
 * statusCode}).
 */
@ApplicationScoped
public class SalesforceJson {

    private final ObjectMapper json;

    public SalesforceJson(ObjectMapper json) {
        this.json = json;
    }

    /** {@code [{"message": ..., "errorCode": ..., "fields": [...]}]}; {@code fields} only where there are some. */
    public ArrayNode errorArray(List<ApiError> errors) {
        ArrayNode array = json.createArrayNode();
        for (ApiError error : errors) {
            ObjectNode node = array.addObject().put("message", error.message()).put("errorCode", error.code());
            if (!error.fields().isEmpty()) {
                error.fields().forEach(node.putArray("fields")::add);
            }
        }
        return array;
    }

    public Response error(int status, ApiError error) {
        return Response.status(status)
                .entity(errorArray(List.of(error)))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    /** {@code {"id", "success", "errors": [{"statusCode", "message", "fields"}], "created"}}. */
    public ObjectNode result(WriteResult result) {
        ObjectNode node = json.createObjectNode();
        node.put("id", result.id());
        node.put("success", result.success());
        ArrayNode errors = node.putArray("errors");
        for (ApiError error : result.errors()) {
            ObjectNode e = errors.addObject().put("statusCode", error.code()).put("message", error.message());
            error.fields().forEach(e.putArray("fields")::add);
            if (error.fields().isEmpty()) {
                e.putArray("fields");
            }
        }
        if (result.created() != null) {
            node.put("created", result.created());
        }
        return node;
    }

    public ArrayNode results(List<WriteResult> results) {
        ArrayNode array = json.createArrayNode();
        results.forEach(r -> array.add(result(r)));
        return array;
    }

    public ObjectMapper mapper() {
        return json;
    }
}
