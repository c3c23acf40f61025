package dev.governor.ingress.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token that {@link VerifiedTokens} still remembers with the identity it was verified
 * as; any other token falls through (a null item) to the OIDC extension's provider, which verifies it.
 * It runs before the OIDC provider (a higher priority); a token that fails verification is never
 * remembered, so it fails every time.
 */
@ApplicationScoped
public class RememberedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Marks an identity that came from memory, so {@link VerifiedTokenRecorder} does not store it again. */
    static final String REMEMBERED = "governor.ingress.token-remembered";

    private final VerifiedTokens verified;

    public RememberedTokenIdentityProvider(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!verified.enabled()) {
            return Uni.createFrom().nullItem();
        }
        VerifiedTokens.RememberedIdentity remembered =
                verified.find(request.getToken().getToken());
        if (remembered == null) {
            return Uni.createFrom().nullItem();
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(remembered.principal())
                .addRoles(remembered.roles())
                .addPermissions(remembered.permissions())
                .addCredentials(remembered.credentials())
                .addAttributes(remembered.attributes())
                .addAttribute(REMEMBERED, Boolean.TRUE);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            identity.addAttribute(RoutingContext.class.getName(), routing);
            Object blockingApi = routing.get(AuthenticationRequestContext.class.getName());
            if (blockingApi != null) {
                identity.addAttribute(AuthenticationRequestContext.class.getName(), blockingApi);
            }
        }
        return Uni.createFrom().item(identity.build());
    }
}
