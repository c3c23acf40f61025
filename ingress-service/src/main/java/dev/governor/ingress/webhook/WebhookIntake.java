package dev.governor.ingress.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.common.problem.ProblemType;
import dev.governor.common.record.RecordWrite;
import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.config.IngressConfig.WebhookSource;
import dev.governor.ingress.intake.CallerNames;
import dev.governor.ingress.intake.IntakeResult;
import dev.governor.ingress.intake.RecordIntake;
import dev.governor.ingress.intake.RecordRequestReader;
import dev.governor.ingress.intake.Refusal;
import dev.governor.ingress.intake.RequestLimits;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A delivery from a configured webhook source: authenticated by its HMAC signature (a bad or stale one is
 * 401 and nothing is buffered), mapped to a record write, and buffered with its delivery id as the
 * idempotency key, so a re-sent delivery gets the original answer and is never buffered twice.
 */
@ApplicationScoped
public class WebhookIntake {

    private final WebhookSources sources;
    private final RecordRequestReader reader;
    private final RequestLimits limits;
    private final RecordIntake intake;
    private final IngressConfig config;
    private final Clock clock;

    public WebhookIntake(
            WebhookSources sources,
            RecordRequestReader reader,
            RequestLimits limits,
            RecordIntake intake,
            IngressConfig config) {
        this.sources = sources;
        this.reader = reader;
        this.limits = limits;
        this.intake = intake;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** The delivery {@code body} for source {@code name}; {@code header} looks up the request's headers. */
    public Uni<IntakeResult> receive(String name, UnaryOperator<String> header, byte[] body) {
        return IntakeResult.refusalsAsResults(() -> {
            WebhookSource source = sources.find(name)
                    .orElseThrow(() -> Refusal.rejected(
                            "unknown_webhook_source",
                            ProblemType.NOT_FOUND,
                            "No webhook source named " + (name.matches("[A-Za-z0-9_-]{1,40}") ? name : "like that")));
            byte[] payloadBytes = body == null ? new byte[0] : body;
            limits.requireBodyWithinLimit(payloadBytes);
            Optional<String> signatureProblem = SignatureVerifier.problem(
                    source, header.apply(SignatureVerifier.signatureHeader(source)), payloadBytes, clock.instant());
            if (signatureProblem.isPresent()) {
                Log.infof("Refused a delivery for webhook source %s: %s", name, signatureProblem.get());
                throw Refusal.rejected(
                        "webhook_signature",
                        ProblemType.UNAUTHENTICATED,
                        "The webhook signature is missing, invalid or stale");
            }
            JsonNode payload = reader.parse(payloadBytes);
            String deliveryId = WebhookMapping.deliveryId(
                    source, source.deliveryIdHeader().map(header).orElse(null), payload, payloadBytes);
            limits.requireKey(deliveryId);
            RecordWrite write = read(source, deliveryId, payload);
            return intake.submit(new RecordIntake.Submission(
                    CallerNames.webhook(name),
                    deliveryId,
                    WebhookMapping.keyTtl(source, config),
                    "POST",
                    "/v1/webhooks/" + name,
                    payloadBytes,
                    URI.create("/ingress/webhooks/" + name),
                    List.of(write),
                    false));
        });
    }

    private RecordWrite read(WebhookSource source, String deliveryId, JsonNode payload) {
        WebhookMapping.Result mapped = WebhookMapping.map(source, deliveryId, payload);
        if (mapped.record() == null) {
            throw Refusal.invalid("webhook_unmappable", "The delivery cannot be mapped to a record", mapped.errors());
        }
        RecordRequestReader.Result read = reader.read(source.sobject(), mapped.record(), "", deliveryId);
        if (!read.ok()) {
            throw Refusal.invalid(
                    "webhook_unmappable", "The delivery maps to a record that is not valid", read.errors());
        }
        return read.write();
    }
}
