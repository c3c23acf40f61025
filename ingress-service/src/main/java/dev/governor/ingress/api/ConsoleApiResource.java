package dev.governor.ingress.api;

import dev.governor.ingress.console.AdminApiForwarder;
import dev.governor.service.security.Scopes;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's door to the other services' admin APIs: {@code /console/api/{service}/v1/admin/…}, for
 * operators only (checked here, and again by the service, which gets the operator's own token).
 */
@Path("/console/api/{service}")
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "Console")
public class ConsoleApiResource {

    private final AdminApiForwarder forwarder;

    public ConsoleApiResource(AdminApiForwarder forwarder) {
        this.forwarder = forwarder;
    }

    @GET
    @Path("/{path: .+}")
    @Operation(summary = "Read a service's admin API as the signed-in operator")
    public Uni<Response> read(@PathParam("service") String service, @Context HttpServerRequest request) {
        return forward(service, request, null);
    }

    @POST
    @Path("/{path: .+}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Act through a service's admin API as the signed-in operator")
    public Uni<Response> act(@PathParam("service") String service, @Context HttpServerRequest request, byte[] body) {
        return forward(service, request, body == null ? new byte[0] : body);
    }

    private Uni<Response> forward(String service, HttpServerRequest request, byte[] body) {
        String prefix = "/console/api/" + service;
        String path = request.path()
                .substring(Math.min(prefix.length(), request.path().length()));
        return forwarder
                .forward(
                        service,
                        body == null ? HttpMethod.GET : HttpMethod.POST,
                        path,
                        request.query(),
                        request.headers()::get,
                        body)
                .map(answer -> {
                    Response.ResponseBuilder response =
                            Response.status(answer.status()).entity(answer.body());
                    answer.headers().forEach(response::header);
                    return response.build();
                });
    }
}
