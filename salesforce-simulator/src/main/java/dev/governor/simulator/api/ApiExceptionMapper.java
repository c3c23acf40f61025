package dev.governor.simulator.api;

import dev.governor.simulator.error.ApiException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns a refused request into Salesforce's top-level error array. */
public class ApiExceptionMapper {

    private final SalesforceJson json;

    public ApiExceptionMapper(SalesforceJson json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        return Response.status(e.status())
                .entity(json.errorArray(e.errors()))
                .type("application/json")
                .build();
    }
}
