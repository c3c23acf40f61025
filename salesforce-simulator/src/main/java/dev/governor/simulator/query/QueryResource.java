package dev.governor.simulator.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.error.ApiException;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /query?q=} and {@code /queryAll?q=} with {@code nextRecordsUrl} paging; each page is one
 * API call. The batch size follows {@code Sforce-Query-Options: batchSize=n} (200 to 2,000; default 2,000).
 */
@Path("/services/data/v{version}")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class QueryResource {

    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize=(\\d+)");
    private static final Pattern LOCATOR = Pattern.compile("(01g\\w+)-(\\d+)");

    private final QueryEngine engine;
    private final QueryCursors cursors;
    private final ObjectMapper json;

    public QueryResource(QueryEngine engine, QueryCursors cursors, ObjectMapper json) {
        this.engine = engine;
        this.cursors = cursors;
        this.json = json;
    }

    @GET
    @Path("/query")
    public ObjectNode query(
            @PathParam("version") String version,
            @QueryParam("q") String soql,
            @HeaderParam("Sforce-Query-Options") String options) {
        return firstPage(version, soql, options, false);
    }

    @GET
    @Path("/queryAll")
    public ObjectNode queryAll(
            @PathParam("version") String version,
            @QueryParam("q") String soql,
            @HeaderParam("Sforce-Query-Options") String options) {
        return firstPage(version, soql, options, true);
    }

    @GET
    @Path("/query/{locator}")
    public ObjectNode nextPage(
            @PathParam("version") String version,
            @PathParam("locator") String locator,
            @HeaderParam("Sforce-Query-Options") String options) {
        Matcher m = LOCATOR.matcher(locator);
        if (!m.matches()) {
            throw ApiException.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        List<ObjectNode> results = cursors.results(m.group(1))
                .orElseThrow(() -> ApiException.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator"));
        return page(version, m.group(1), results, Integer.parseInt(m.group(2)), batchSize(options));
    }

    private ObjectNode firstPage(String version, String soql, String options, boolean includeDeleted) {
        SoqlQuery query = SoqlParser.parse(soql);
        if (query.count()) {
            // SELECT COUNT(): the number of matches, and no records
            int matches = engine.select(query, includeDeleted).records().size();
            ObjectNode body = json.createObjectNode().put("totalSize", matches).put("done", true);
            body.putArray("records");
            return body;
        }
        List<ObjectNode> results = engine.run(query, version, includeDeleted);
        int batch = batchSize(options);
        String cursor = results.size() > batch ? cursors.open(results) : null;
        return page(version, cursor, results, 0, batch);
    }

    private ObjectNode page(String version, String cursor, List<ObjectNode> results, int offset, int batch) {
        int end = Math.min(results.size(), offset + batch);
        boolean done = end >= results.size();
        ObjectNode body =
                json.createObjectNode().put("totalSize", results.size()).put("done", done);
        if (!done) {
            body.put("nextRecordsUrl", "/services/data/v" + version + "/query/" + cursor + "-" + end);
        } else if (cursor != null) {
            cursors.close(cursor);
        }
        ArrayNode records = body.putArray("records");
        results.subList(Math.min(offset, results.size()), end).forEach(records::add);
        return body;
    }

    private static int batchSize(String options) {
        if (options != null) {
            Matcher m = BATCH_SIZE.matcher(options);
            if (m.find()) {
                return Math.max(200, Math.min(2000, Integer.parseInt(m.group(1))));
            }
        }
        return 2000;
    }
}
