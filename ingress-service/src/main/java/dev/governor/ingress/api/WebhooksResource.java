package dev.governor.ingress.api;

import dev.governor.ingress.webhook.WebhookIntake;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/webhooks/{source}}: deliveries from configured sources, authenticated by their HMAC
 * signature (not a bearer token). A bad or stale signature is 401 and nothing is buffered. The delivery
 * id is the idempotency key, so a re-sent delivery gets the original answer and is never buffered twice.
 */
@Path("/v1/webhooks")
@Tag(name = "Webhooks")
public class WebhooksResource {

    private final WebhookIntake intake;
    private final IntakeAnswers answers;

    public WebhooksResource(WebhookIntake intake, IntakeAnswers answers) {
        this.intake = intake;
        this.answers = answers;
    }

    @POST
    @Path("/{source}")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(
            summary = "Receive a signed webhook delivery",
            description =
                    "Verified by the source's HMAC signature; mapped to a record write; answered 202 once buffered "
                            + "in Kafka.")
    public Uni<Response> receive(@PathParam("source") String name, HttpServerRequest request, byte[] body) {
        return intake.receive(name, request::getHeader, body).map(answers::answer);
    }
}
