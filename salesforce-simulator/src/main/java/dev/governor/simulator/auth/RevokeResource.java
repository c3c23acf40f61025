package dev.governor.simulator.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * {@code /services/oauth2/revoke}: ends a session, as a client's logout does (the form's or the query's
 * {@code token}); the API answers 401 INVALID_SESSION_ID to it from then on. An unknown token is 400
 * {@code invalid_token}. Not counted against the API budget.
 */
@Path("/services/oauth2/revoke")
public class RevokeResource {

    private final Sessions sessions;
    private final ObjectMapper json;

    public RevokeResource(Sessions sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(MultivaluedMap<String, String> form) {
        return revoke(form.getFirst("token"));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@QueryParam("token") String token) {
        if (token != null && sessions.revoke(token)) {
            return Response.ok().build();
        }
        return Response.status(400)
                .type(MediaType.APPLICATION_JSON)
                .entity(json.createObjectNode().put("error", "invalid_token").put("error_description", "invalid token"))
                .build();
    }
}
