package dev.governor.ingress.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.common.problem.Problem;
import dev.governor.common.problem.ProblemType;
import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.config.IngressConfig.WebhookSource;
import dev.governor.ingress.intake.IngressMetrics;
import dev.governor.ingress.intake.RecordIntake;
import dev.governor.ingress.intake.RecordRequestReader;
import dev.governor.ingress.webhook.SignatureVerifier;
import dev.governor.ingress.webhook.WebhookMapping;
import dev.governor.ingress.webhook.WebhookSources;
import dev.governor.service.problem.ProblemException;
import io.quarkus.logging.Log;
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
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final WebhookSources sources;
    private final RecordRequestReader reader;
    private final RecordIntake intake;
    private final IngressMetrics metrics;
    private final IngressConfig config;

    public WebhooksResource(
            WebhookSources sources,
            RecordRequestReader reader,
            RecordIntake intake,
            IngressMetrics metrics,
            IngressConfig config) {
        this.config = config;
        this.sources = sources;
        this.reader = reader;
        this.intake = intake;
        this.metrics = metrics;
    }

    @POST
    @Path("/{source}")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(
            summary = "Receive a signed webhook delivery",
            description =
                    "Verified by the source's HMAC signature; mapped to a record write; answered 202 once buffered in Kafka.")
    public Uni<Response> receive(@PathParam("source") String name, HttpServerRequest request, byte[] body) {
        WebhookSource source = sources.find(name).orElseThrow(() -> {
            metrics.rejected("unknown_webhook_source");
            return ProblemException.of(
                    ProblemType.NOT_FOUND,
                    "No webhook source named " + (name.matches("[A-Za-z0-9_-]{1,40}") ? name : "like that"));
        });
        byte[] payloadBytes = body == null ? new byte[0] : body;
        intake.requireBodyWithinLimit(payloadBytes);
        Optional<String> signatureProblem = SignatureVerifier.problem(
                source, request.getHeader(SignatureVerifier.signatureHeader(source)), payloadBytes, Instant.now());
        if (signatureProblem.isPresent()) {
            metrics.rejected("webhook_signature");
            Log.infof("Refused a delivery for webhook source %s: %s", name, signatureProblem.get());
            throw new ProblemException(
                    Problem.of(ProblemType.UNAUTHENTICATED, "The webhook signature is missing, invalid or stale"),
                    Map.of());
        }
        JsonNode payload = reader.parse(payloadBytes);
        String deliveryId = WebhookMapping.deliveryId(
                source, source.deliveryIdHeader().map(request::getHeader).orElse(null), payload, payloadBytes);
        intake.requireKey(deliveryId);
        WebhookMapping.Result mapped = WebhookMapping.map(source, deliveryId, payload);
        if (mapped.record() == null) {
            metrics.rejected("webhook_unmappable");
            throw RecordRequestReader.invalid("The delivery cannot be mapped to a record", mapped.errors());
        }
        RecordRequestReader.Result read = reader.read(source.sobject(), mapped.record(), "", deliveryId);
        if (!read.ok()) {
            metrics.rejected("webhook_unmappable");
            throw RecordRequestReader.invalid("The delivery maps to a record that is not valid", read.errors());
        }
        return intake.submit(new RecordIntake.Submission(
                "webhook:" + name,
                deliveryId,
                WebhookMapping.keyTtl(source, config),
                "POST",
                "/v1/webhooks/" + name,
                payloadBytes,
                URI.create("/ingress/webhooks/" + name),
                List.of(read.write()),
                false));
    }
}
