package dev.governor.salesforce.auth;

import dev.governor.salesforce.error.ErrorClass;
import dev.governor.salesforce.error.SalesforceCallException;
import dev.governor.salesforce.error.SalesforceError;
import io.quarkus.oidc.client.NamedOidcClient;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Sessions for calling Salesforce, from the Quarkus OIDC client named {@code salesforce}. A session is
 * reused until the configured session timeout is near (Salesforce sends no {@code expires_in}), then
 * replaced; after a 401 INVALID_SESSION_ID the caller asks for a {@link #renew() new one} — once, never
 * in a loop. Concurrent callers share one token request.
 */
@ApplicationScoped
public class SalesforceSessions {

    static final String INSTANCE_URL = "instance_url";
    static final String IDENTITY_URL = "id";

    /** The OAuth error codes with which a token endpoint refuses the credentials themselves. */
    private static final List<String> REFUSALS = List.of(
            "\"invalid_grant\"",
            "\"invalid_client\"",
            "\"invalid_client_id\"",
            "\"unauthorized_client\"",
            "\"inactive_user\"",
            "\"inactive_org\"");

    private final OidcClient client;
    private final OrgEndpoints endpoints;
    private final TokensHelper tokens = new TokensHelper();

    public SalesforceSessions(@NamedOidcClient("salesforce") OidcClient client, OrgEndpoints endpoints) {
        this.client = client;
        this.endpoints = endpoints;
    }

    /** The current session, or a new one when there is none or it is about to expire. */
    public Uni<SalesforceSession> current() {
        return tokens.getTokens(client)
                .map(this::session)
                .onFailure(OidcClientException.class)
                .transform(SalesforceSessions::classified);
    }

    /** A new session, whatever the current one's age: for after the org refused it with 401. */
    public Uni<SalesforceSession> renew() {
        return tokens.getTokens(client, Map.of(), true)
                .map(this::session)
                .onFailure(OidcClientException.class)
                .transform(SalesforceSessions::classified);
    }

    /**
     * A login the org refused (its OAuth error names the grant or the client: a frozen integration user, a
     * replaced certificate, a wrong secret) is FATAL — nothing will succeed until someone fixes it, so
     * writes are held rather than spent on attempts; any other failure to log in is transient.
     */
    static SalesforceCallException classified(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        boolean refused = REFUSALS.stream().anyMatch(message::contains);
        return SalesforceCallException.of(
                refused ? ErrorClass.FATAL : ErrorClass.TRANSIENT,
                0,
                List.of(new SalesforceError(refused ? "LOGIN_REFUSED" : "LOGIN_UNAVAILABLE", message, List.of())),
                failure);
    }

    private SalesforceSession session(Tokens tokens) {
        String instanceUrl = tokens.get(INSTANCE_URL);
        if (instanceUrl == null || instanceUrl.isBlank()) {
            throw new IllegalStateException("The Salesforce token response has no instance_url");
        }
        return new SalesforceSession(
                tokens.getAccessToken(),
                endpoints.requireInstanceUrl(instanceUrl),
                SalesforceSession.orgIdOf(tokens.get(IDENTITY_URL)),
                SalesforceSession.userIdOf(tokens.get(IDENTITY_URL)));
    }
}
