package dev.governor.salesforce.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Salesforce REST endpoints Governor calls, as a reactive REST client. Bodies stay JSON text and
 * every status comes back as a response (no exception mapping), because Salesforce answers errors in two
 * shapes and the limit header matters on failures too; {@link SalesforceClient} reads them.
 */
@Path("/services/data/v{version}")
interface SalesforceRestApi {

    @PATCH
    @Path("/composite/sobjects/{sobject}/{externalIdField}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> upsertCollection(
            @PathParam("version") String version,
            @PathParam("sobject") String sobject,
            @PathParam("externalIdField") String externalIdField,
            @HeaderParam("Authorization") String authorization,
            String body);

    @GET
    @Path("/sobjects/{sobject}/describe")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> describe(
            @PathParam("version") String version,
            @PathParam("sobject") String sobject,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/sobjects/{sobject}/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> record(
            @PathParam("version") String version,
            @PathParam("sobject") String sobject,
            @PathParam("id") String id,
            @QueryParam("fields") String fields,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/sobjects/{sobject}/{field}/{value}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> recordByExternalId(
            @PathParam("version") String version,
            @PathParam("sobject") String sobject,
            @PathParam("field") String field,
            @PathParam("value") String value,
            @QueryParam("fields") String fields,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/query")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> query(
            @PathParam("version") String version,
            @QueryParam("q") String soql,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/query/{cursor}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> queryMore(
            @PathParam("version") String version,
            @PathParam("cursor") String cursor,
            @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/jobs/query")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> createQueryJob(
            @PathParam("version") String version, @HeaderParam("Authorization") String authorization, String body);

    @GET
    @Path("/jobs/query/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> queryJob(
            @PathParam("version") String version,
            @PathParam("id") String id,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/jobs/query/{id}/results")
    @Produces("text/csv")
    Uni<Response> queryResults(
            @PathParam("version") String version,
            @PathParam("id") String id,
            @QueryParam("locator") String locator,
            @QueryParam("maxRecords") int maxRecords,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/limits")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> limits(@PathParam("version") String version, @HeaderParam("Authorization") String authorization);
}
