package dev.governor.simulator.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.SimulatorConfig.ConnectedApp;
import dev.governor.simulator.faults.Faults;
import dev.governor.simulator.limits.ApiCalls;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code POST /services/oauth2/token}: the JWT bearer and client-credentials grants, answered exactly as
 * Salesforce answers them — {@code instance_url}, {@code issued_at} in epoch milliseconds as a string,
 * and no {@code expires_in}. Token requests do not count against the API budget.
 */
@Path("/services/oauth2/token")
public class TokenResource {

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String CLIENT_CREDENTIALS = "client_credentials";

    private final JwtBearerGrant jwtBearer;
    private final ConnectedApps apps;
    private final Sessions sessions;
    private final SimulatorConfig config;
    private final ApiCalls calls;
    private final ObjectMapper json;
    private final Faults faults;

    public TokenResource(
            JwtBearerGrant jwtBearer,
            ConnectedApps apps,
            Sessions sessions,
            SimulatorConfig config,
            ApiCalls calls,
            ObjectMapper json,
            Faults faults) {
        this.faults = faults;
        this.jwtBearer = jwtBearer;
        this.apps = apps;
        this.sessions = sessions;
        this.config = config;
        this.calls = calls;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(MultivaluedMap<String, String> form, HttpServerRequest request) {
        String grantType = form.getFirst("grant_type");
        try {
            if (faults.plan().refuseLogins()) {
                throw new OAuthError("invalid_grant", "authentication failure");
            }
            Session session;
            ConnectedApp app;
            if (JWT_BEARER.equals(grantType)) {
                JwtBearerGrant.Grant grant = jwtBearer.verify(form.getFirst("assertion"));
                app = grant.app();
                session = sessions.open(app.consumerKey(), grant.username());
            } else if (CLIENT_CREDENTIALS.equals(grantType)) {
                app = clientCredentials(form.getFirst("client_id"), form.getFirst("client_secret"));
                session = sessions.open(app.consumerKey(), app.users().get(0));
            } else {
                throw new OAuthError("unsupported_grant_type", "grant type not supported");
            }
            calls.recordToken(app.consumerKey(), true);
            return Response.ok(success(session, app, instanceUrl(request)))
                    .header("Cache-Control", "no-cache,no-store")
                    .build();
        } catch (OAuthError e) {
            calls.recordToken(form.getFirst("client_id"), false);
            ObjectNode body = json.createObjectNode().put("error", e.error()).put("error_description", e.description());
            return Response.status(400)
                    .entity(body)
                    .type(MediaType.APPLICATION_JSON)
                    .build();
        }
    }

    private ConnectedApp clientCredentials(String clientId, String clientSecret) throws OAuthError {
        ConnectedApp app = apps.byConsumerKey(clientId)
                .orElseThrow(() -> new OAuthError("invalid_client_id", "client identifier invalid"));
        if (app.consumerSecret().isEmpty() || !app.consumerSecret().get().equals(clientSecret)) {
            throw new OAuthError("invalid_client", "invalid client credentials");
        }
        return app;
    }

    private ObjectNode success(Session session, ConnectedApp app, String instanceUrl) {
        String issuedAt = Long.toString(session.issuedAt().toEpochMilli());
        String id = "https://login.salesforce.com/id/" + config.org().id() + "/" + session.userId();
        return json.createObjectNode()
                .put("access_token", session.accessToken())
                .put("signature", signature(id + issuedAt, app.consumerSecret().orElse(app.consumerKey())))
                .put("scope", "api")
                .put("instance_url", instanceUrl)
                .put("id", id)
                .put("token_type", "Bearer")
                .put("issued_at", issuedAt);
    }

    private String instanceUrl(HttpServerRequest request) {
        return InstanceUrl.of(config, request);
    }

    /** Salesforce's signature: HMAC-SHA256 of id and issued_at, keyed with the consumer secret. */
    private static String signature(String data, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
