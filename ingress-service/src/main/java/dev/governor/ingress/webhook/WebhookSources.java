package dev.governor.ingress.webhook;

import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.config.IngressConfig.WebhookSource;
import dev.governor.ingress.intake.ApiNames;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The configured webhook sources, checked once at start-up so a bad configuration fails fast. */
@ApplicationScoped
@Startup
public class WebhookSources {

    private final IngressConfig config;

    public WebhookSources(IngressConfig config) {
        this.config = config;
        config.webhooks().forEach(WebhookSources::check);
        Log.infof("Webhook sources: %s", config.webhooks().keySet());
    }

    public Optional<WebhookSource> find(String name) {
        return Optional.ofNullable(config.webhooks().get(name));
    }

    private static void check(String name, WebhookSource source) {
        if (source.secrets().isEmpty() || source.secrets().stream().anyMatch(String::isBlank)) {
            throw new IllegalStateException("Webhook source " + name + " needs at least one non-empty secret");
        }
        if (source.deliveryIdHeader().isEmpty() && source.deliveryIdPointer().isEmpty()) {
            throw new IllegalStateException(
                    "Webhook source " + name + " needs delivery-id-header or delivery-id-pointer");
        }
        if (!ApiNames.isValid(source.sobject())
                || !ApiNames.isValid(source.externalIdField())
                || !source.fields().keySet().stream().allMatch(ApiNames::isValid)) {
            throw new IllegalStateException("Webhook source " + name + " names an invalid sObject or field");
        }
    }
}
