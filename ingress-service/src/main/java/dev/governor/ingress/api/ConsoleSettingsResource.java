package dev.governor.ingress.api;

import dev.governor.ingress.console.ConsoleConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the console's page needs before signing in: the issuer and its public client. Nothing secret. */
@Path("/console/settings")
@PermitAll
@Tag(name = "Console")
public class ConsoleSettingsResource {

    /**
     * @param issuer   the OIDC issuer to sign in with
     * @param clientId the console's public client there
     * @param scope    the scopes to ask for
     */
    @RegisterForReflection
    public record ConsoleSettings(String issuer, String clientId, String scope) {}

    private final ConsoleConfig config;

    public ConsoleSettingsResource(ConsoleConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The console's sign-in settings")
    public ConsoleSettings settings() {
        return new ConsoleSettings(config.issuer().toString(), config.clientId(), config.scope());
    }
}
