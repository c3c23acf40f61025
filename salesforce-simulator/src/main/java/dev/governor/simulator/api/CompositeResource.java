package dev.governor.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.cdc.ChangeEvents;
import dev.governor.simulator.cdc.ChangeTransaction;
import dev.governor.simulator.data.RecordStore;
import dev.governor.simulator.error.ApiError;
import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.org.OrgModel;
import dev.governor.simulator.query.QueryResource;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /composite}: up to 25 subrequests (at most 5 of them collections or queries) in one API
 * call, in order, with {@code @{referenceId.field}} references to earlier results. With
 * {@code allOrNone} a failure rolls every write back and the other subrequests answer PROCESSING_HALTED.
 */
@Path("/services/data/v{version}/composite")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@NonBlocking
public class CompositeResource {

    static final int MAX_SUBREQUESTS = 25;
    static final int MAX_COLLECTIONS_OR_QUERIES = 5;

    private static final Pattern SUBREQUEST_URL = Pattern.compile("^/services/data/v(\\d+\\.\\d)/([^?]*)(?:\\?(.*))?$");
    private static final Pattern REFERENCE = Pattern.compile("@\\{([A-Za-z0-9_]+)\\.([A-Za-z0-9_.\\[\\]]+)}");
    private static final Pattern INDEXED_PART = Pattern.compile("([A-Za-z0-9_]*)\\[(\\d+)]");
    private static final String HALTED =
            "The transaction was rolled back since another operation in the same transaction failed.";

    private final RestContext context;
    private final SObjectsResource sobjects;
    private final CollectionsResource collections;
    private final QueryResource query;
    private final SalesforceJson json;
    private final RecordStore store;
    private final OrgModel org;
    private final ChangeEvents changeEvents;

    public CompositeResource(
            RestContext context,
            SObjectsResource sobjects,
            CollectionsResource collections,
            QueryResource query,
            SalesforceJson json,
            RecordStore store,
            OrgModel org,
            ChangeEvents changeEvents) {
        this.context = context;
        this.sobjects = sobjects;
        this.collections = collections;
        this.query = query;
        this.json = json;
        this.store = store;
        this.org = org;
        this.changeEvents = changeEvents;
    }

    private record SubResult(int status, JsonNode body) {}

    @POST
    public ObjectNode composite(String body, RoutingContext rc) {
        JsonNode root = context.parse(body);
        JsonNode subrequests = root.path("compositeRequest");
        if (!subrequests.isArray() || subrequests.isEmpty()) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", "compositeRequest must be a non-empty array");
        }
        if (subrequests.size() > MAX_SUBREQUESTS) {
            throw ApiException.badRequest(
                    "LIMIT_EXCEEDED", "Exceeded max limit of subrequests allowed (" + MAX_SUBREQUESTS + ")");
        }
        int heavy = 0;
        for (JsonNode sub : subrequests) {
            String url = sub.path("url").asText("");
            heavy += url.contains("/composite/sobjects") || url.contains("/query") ? 1 : 0;
        }
        if (heavy > MAX_COLLECTIONS_OR_QUERIES) {
            throw ApiException.badRequest(
                    "LIMIT_EXCEEDED",
                    "A composite request may contain at most " + MAX_COLLECTIONS_OR_QUERIES
                            + " sObject Collections or query subrequests");
        }
        boolean allOrNone = root.path("allOrNone").asBoolean(false);
        synchronized (store) {
            RecordStore.Snapshot before = allOrNone ? store.snapshot() : null;
            // With allOrNone the composite request is one transaction; without, each subrequest is its own.
            ChangeTransaction transaction = allOrNone ? context.openTransaction(rc) : null;
            Map<String, JsonNode> references = new HashMap<>();
            SubResult[] results = new SubResult[subrequests.size()];
            int failedAt = -1;
            for (int i = 0; i < subrequests.size(); i++) {
                JsonNode sub = subrequests.get(i);
                try {
                    results[i] = execute(resolve(sub, references), rc);
                } catch (ApiException e) {
                    results[i] = new SubResult(e.status(), json.errorArray(e.errors()));
                }
                if (results[i].status() < 300) {
                    references.put(sub.path("referenceId").asText(""), results[i].body());
                } else if (allOrNone) {
                    failedAt = i;
                    break;
                }
            }
            if (failedAt >= 0) {
                store.restore(before, org);
                transaction.discard();
                for (int i = 0; i < results.length; i++) {
                    if (i != failedAt) {
                        results[i] =
                                new SubResult(400, json.errorArray(List.of(ApiError.of("PROCESSING_HALTED", HALTED))));
                    }
                }
            }
            if (transaction != null) {
                changeEvents.publish(transaction);
            }
            ObjectNode answer = json.mapper().createObjectNode();
            ArrayNode responses = answer.putArray("compositeResponse");
            for (int i = 0; i < results.length; i++) {
                ObjectNode r = responses.addObject();
                r.set("body", results[i].body());
                r.putObject("httpHeaders");
                r.put("httpStatusCode", results[i].status());
                r.put("referenceId", subrequests.get(i).path("referenceId").asText(null));
            }
            return answer;
        }
    }

    /** A subrequest with its {@code @{ref.path}} references replaced by earlier results' values. */
    private JsonNode resolve(JsonNode sub, Map<String, JsonNode> references) {
        String text = sub.toString();
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = lookup(references.get(m.group(1)), m.group(2));
            if (value == null || value.isMissingNode() || value.isNull()) {
                throw ApiException.badRequest(
                        "PROCESSING_HALTED",
                        "Invalid reference specified. No value for " + m.group(1) + "." + m.group(2) + " found in "
                                + m.group(1) + ".");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.asText()));
        }
        m.appendTail(out);
        return context.parse(out.toString());
    }

    private static JsonNode lookup(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            Matcher indexed = INDEXED_PART.matcher(part);
            if (indexed.matches()) {
                node = indexed.group(1).isEmpty() ? node : node.get(indexed.group(1));
                node = node == null ? null : node.get(Integer.parseInt(indexed.group(2)));
            } else {
                node = node.get(part);
            }
        }
        return node;
    }

    private SubResult execute(JsonNode sub, RoutingContext rc) {
        String method = sub.path("method").asText("GET").toUpperCase();
        Matcher url = SUBREQUEST_URL.matcher(sub.path("url").asText(""));
        if (!url.matches()) {
            throw ApiException.notFound();
        }
        String version = url.group(1);
        String[] path = url.group(2).split("/");
        Map<String, String> params = queryParams(url.group(3));
        String body = sub.has("body") ? sub.get("body").toString() : null;
        return dispatch(method, version, path, params, body, rc);
    }

    private SubResult dispatch(
            String method, String version, String[] path, Map<String, String> params, String body, RoutingContext rc) {
        if (path[0].equals("sobjects") && path.length == 2 && method.equals("POST")) {
            return of(sobjects.create(path[1], body, rc));
        }
        if (path[0].equals("sobjects") && path.length == 3) {
            return switch (method) {
                case "GET" -> new SubResult(200, sobjects.retrieve(version, path[1], path[2]));
                case "PATCH" -> of(sobjects.update(path[1], path[2], body, rc));
                case "DELETE" -> of(sobjects.delete(path[1], path[2], rc));
                default -> throw ApiException.notFound();
            };
        }
        if (path[0].equals("sobjects") && path.length == 4) {
            return switch (method) {
                case "GET" -> new SubResult(200, sobjects.retrieveByExternalId(version, path[1], path[2], path[3]));
                case "PATCH" -> of(sobjects.upsert(version, path[1], path[2], path[3], body, rc));
                default -> throw ApiException.notFound();
            };
        }
        if (path[0].equals("composite") && path.length >= 2 && path[1].equals("sobjects")) {
            if (path.length == 4 && method.equals("PATCH")) {
                return new SubResult(200, collections.upsert(path[2], path[3], body, rc));
            }
            return switch (method) {
                case "POST" -> new SubResult(200, collections.create(body, rc));
                case "PATCH" -> new SubResult(200, collections.update(body, rc));
                case "DELETE" ->
                    new SubResult(
                            200,
                            collections.delete(
                                    params.get("ids"),
                                    Boolean.parseBoolean(params.getOrDefault("allOrNone", "false")),
                                    rc));
                default -> throw ApiException.notFound();
            };
        }
        if ((path[0].equals("query") || path[0].equals("queryAll")) && path.length == 1 && method.equals("GET")) {
            return new SubResult(
                    200,
                    path[0].equals("query")
                            ? query.query(version, params.get("q"), null)
                            : query.queryAll(version, params.get("q"), null));
        }
        throw ApiException.notFound();
    }

    private SubResult of(Response response) {
        Object entity = response.getEntity();
        return new SubResult(response.getStatus(), entity instanceof JsonNode node ? node : null);
    }

    private static Map<String, String> queryParams(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }
}
