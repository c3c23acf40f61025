package dev.governor.ingress.api;

import dev.governor.common.problem.ProblemType;
import dev.governor.ingress.reads.CachedReads;
import dev.governor.service.problem.ProblemException;
import dev.governor.service.security.Scopes;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reads of Salesforce data, answered from the cache when it can and from the org (through the limit guard)
 * when it must: records by Id or External ID, and named queries. Only configured objects, fields and queries
 * are served. Answers carry an entity tag, their age and freshness, and say whether they were a hit.
 */
@Path("/v1")
@Tag(name = "Reads")
@RolesAllowed(Scopes.READ)
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public class ReadsResource {

    /** Whether the answer came from the cache ({@code HIT}, {@code STALE}) or from the org ({@code MISS}). */
    public static final String CACHE_HEADER = "X-Governor-Cache";

    private final CachedReads reads;

    public ReadsResource(CachedReads reads) {
        this.reads = reads;
    }

    @GET
    @Path("/sobjects/{object}/{id}")
    @Operation(summary = "A record by Id; fields= names the fields (among those served)")
    public Uni<Response> record(
            @PathParam("object") String object,
            @PathParam("id") String id,
            @QueryParam("fields") String fields,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        return reads.record(object, id, fields(fields)).map(answer -> respond(answer, ifNoneMatch));
    }

    @GET
    @Path("/sobjects/{object}/{field}/{value}")
    @Operation(summary = "A record by the value of an External ID field; fields= names the fields")
    public Uni<Response> recordByExternalId(
            @PathParam("object") String object,
            @PathParam("field") String field,
            @PathParam("value") String value,
            @QueryParam("fields") String fields,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        return reads.recordByExternalId(object, field, value, fields(fields))
                .map(answer -> respond(answer, ifNoneMatch));
    }

    @GET
    @Path("/queries/{name}")
    @Operation(summary = "A named query's records; each parameter as a query parameter of its declared type")
    public Uni<Response> query(
            @PathParam("name") String name, @Context UriInfo uri, @HeaderParam("If-None-Match") String ifNoneMatch) {
        Map<String, String> params = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((param, values) -> {
            if (values.size() != 1) {
                throw ProblemException.of(ProblemType.INVALID_REQUEST, "Give the parameter " + param + " once");
            }
            params.put(param, values.get(0));
        });
        return reads.query(name, params).map(answer -> respond(answer, ifNoneMatch));
    }

    private static Optional<List<String>> fields(String fields) {
        if (fields == null || fields.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(fields.split(","))
                .map(String::trim)
                .filter(f -> !f.isEmpty())
                .toList());
    }

    private static Response respond(CachedReads.Answer answer, String ifNoneMatch) {
        String etag = "\"" + answer.etag() + "\"";
        boolean unchanged = ifNoneMatch != null
                && Arrays.stream(ifNoneMatch.split(","))
                        .map(String::trim)
                        .anyMatch(t -> t.equals(etag) || t.equals("*"));
        Response.ResponseBuilder response =
                unchanged ? Response.notModified() : Response.ok(answer.body(), MediaType.APPLICATION_JSON);
        return response.header("ETag", etag)
                .header("Cache-Control", "private, max-age=" + answer.freshForSeconds())
                .header("Age", answer.ageSeconds())
                .header(CACHE_HEADER, answer.source().name())
                .build();
    }
}
