package dev.governor.ingress.auth;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands every identity the OIDC extension has just verified from a bearer token to {@link VerifiedTokens}.
 * It runs last among the augmentors, so what is remembered is the identity as the application sees it.
 */
@ApplicationScoped
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {

    private final VerifiedTokens verified;

    public VerifiedTokenRecorder(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && identity.getAttribute(RememberedTokenIdentityProvider.REMEMBERED) == null) {
            TokenCredential token = identity.getCredential(AccessTokenCredential.class);
            if (token != null) {
                verified.remember(token.getToken(), identity);
            }
        }
        return Uni.createFrom().item(identity);
    }
}
