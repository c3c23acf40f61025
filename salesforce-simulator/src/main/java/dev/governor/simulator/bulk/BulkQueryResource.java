package dev.governor.simulator.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.api.RestContext;
import dev.governor.simulator.data.SystemFields;
import dev.governor.simulator.error.ApiError;
import dev.governor.simulator.error.ApiException;
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
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Bulk API 2.0 query jobs ({@code /services/data/vXX.X/jobs/query}, v47.0 and later): create, status,
 * list, abort, delete, and results as CSV pages with {@code Sforce-NumberOfRecords} and
 * {@code Sforce-Locator} ({@code null} on the last page). Every call is an API call, as in a real org.
 */
@Path("/services/data/v{version}/jobs/query")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class BulkQueryResource {

    static final double FIRST_VERSION = 47.0;

    private final QueryJobs jobs;
    private final RestContext context;
    private final ObjectMapper json;
    private final int defaultMaxRecords;

    public BulkQueryResource(
            QueryJobs jobs, RestContext context, ObjectMapper json, dev.governor.simulator.SimulatorConfig config) {
        this.jobs = jobs;
        this.context = context;
        this.json = json;
        this.defaultMaxRecords = config.bulk().defaultMaxRecords();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode create(@PathParam("version") String version, String body, RoutingContext rc) {
        requireBulkVersion(version);
        JsonNode request = context.parse(body);
        String contentType = request.path("contentType").asText("CSV");
        if (!contentType.equals("CSV")) {
            throw ApiException.badRequest("INVALIDJOB", "InvalidJob : query jobs return CSV only");
        }
        QueryJob job = jobs.create(
                new QueryJobs.Request(
                        request.path("operation").asText(null),
                        request.path("query").asText(null),
                        request.path("columnDelimiter").asText(null),
                        request.path("lineEnding").asText(null)),
                context.session(rc),
                version);
        return describe(job, false);
    }

    @GET
    public ObjectNode list(@PathParam("version") String version) {
        requireBulkVersion(version);
        ObjectNode body = json.createObjectNode().put("done", true);
        ArrayNode records = body.putArray("records");
        for (QueryJob job : jobs.all()) {
            records.add(describe(job, false));
        }
        body.putNull("nextRecordsUrl");
        return body;
    }

    @GET
    @Path("/{id}")
    public ObjectNode status(@PathParam("version") String version, @PathParam("id") String id) {
        requireBulkVersion(version);
        return describe(job(id), true);
    }

    /** {@code {"state": "Aborted"}}, the only change a client may ask of a query job. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode abort(@PathParam("version") String version, @PathParam("id") String id, String body) {
        requireBulkVersion(version);
        QueryJob job = job(id);
        if (!"Aborted".equals(context.parse(body).path("state").asText())) {
            throw ApiException.badRequest("INVALIDJOBSTATE", "InvalidJobState : a query job can only be Aborted");
        }
        if (!jobs.abort(job)) {
            throw ApiException.badRequest(
                    "INVALIDJOBSTATE", "InvalidJobState : the job is " + job.state() + " and cannot be aborted");
        }
        return describe(job, false);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("version") String version, @PathParam("id") String id) {
        requireBulkVersion(version);
        QueryJob job = job(id);
        if (!jobs.delete(job)) {
            throw ApiException.badRequest(
                    "INVALIDJOBSTATE", "InvalidJobState : abort the job before deleting it; it is " + job.state());
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/results")
    @Produces("text/csv")
    public Response results(
            @PathParam("version") String version,
            @PathParam("id") String id,
            @QueryParam("locator") String locator,
            @QueryParam("maxRecords") Integer maxRecords) {
        requireBulkVersion(version);
        QueryJob job = job(id);
        if (!job.apiVersion().equals(version)) {
            throw new ApiException(
                    409,
                    ApiError.of(
                            "API_ERROR",
                            "The job was created with API version " + job.apiVersion() + "; read its results with it"));
        }
        if (job.state() != QueryJob.State.JobComplete) {
            throw ApiException.badRequest(
                    "INVALIDJOBSTATE",
                    "InvalidJobState : results are ready when the job is JobComplete; it is " + job.state());
        }
        if (maxRecords != null && maxRecords < 1) {
            throw ApiException.badRequest("INVALID_PARAMETER", "maxRecords must be a positive number");
        }
        List<List<Object>> rows = job.rows();
        int from = offset(locator, rows.size());
        int to = (int) Math.min(rows.size(), (long) from + (maxRecords == null ? defaultMaxRecords : maxRecords));
        String csv = CsvResults.render(job.columns(), rows.subList(from, to), job.columnDelimiter(), job.lineEnding());
        return Response.ok(csv, "text/csv")
                .header("Sforce-NumberOfRecords", to - from)
                .header("Sforce-Locator", to < rows.size() ? locatorOf(to) : "null")
                .build();
    }

    private ObjectNode describe(QueryJob job, boolean withProgress) {
        ObjectNode node = json.createObjectNode()
                .put("id", job.id())
                .put("operation", job.operation())
                .put("object", job.object())
                .put("createdById", job.createdById())
                .put("createdDate", SystemFields.format(job.createdDate()))
                .put("systemModstamp", SystemFields.format(job.systemModstamp()))
                .put("state", job.state().name())
                .put("concurrencyMode", "Parallel")
                .put("contentType", "CSV")
                .put("apiVersion", Double.parseDouble(job.apiVersion()))
                .put("lineEnding", job.lineEnding())
                .put("columnDelimiter", job.columnDelimiter());
        if (withProgress) {
            node.put("jobType", "V2Query")
                    .put("numberRecordsProcessed", job.numberRecordsProcessed())
                    .put("retries", 0)
                    .put("totalProcessingTime", job.processingMillis())
                    .put("isPkChunkingSupported", true);
            if (job.errorMessage() != null) {
                node.put("errorMessage", job.errorMessage());
            }
        }
        return node;
    }

    private QueryJob job(String id) {
        return jobs.find(id)
                .orElseThrow(
                        () -> new ApiException(404, ApiError.of("NOT_FOUND", "The requested resource does not exist")));
    }

    private static void requireBulkVersion(String version) {
        if (Double.parseDouble(version) < FIRST_VERSION) {
            throw new ApiException(404, ApiError.of("NOT_FOUND", "The requested resource does not exist"));
        }
    }

    /** Locators are opaque to clients: here the base64 of the next row's index, as real ones look. */
    static String locatorOf(int offset) {
        return Base64.getEncoder()
                .withoutPadding()
                .encodeToString(Integer.toString(offset).getBytes(StandardCharsets.US_ASCII));
    }

    static int offset(String locator, int size) {
        if (locator == null || locator.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(new String(Base64.getDecoder().decode(locator), StandardCharsets.US_ASCII));
            if (offset >= 0 && offset <= size) {
                return offset;
            }
        } catch (IllegalArgumentException e) {
            // not a locator of this job
        }
        throw ApiException.badRequest(
                "INVALID_LOCATOR", "InvalidLocator : " + locator + " is not a locator of this job");
    }
}
