package dev.governor.ingress.intake;

import dev.governor.ingress.config.IngressConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The ingress's configuration as the application reads it (defaults plus a payments-style webhook source), for plain
 * tests.
 */
public final class TestConfigs {

    private TestConfigs() {}

    public static IngressConfig ingress() {
        return ingress(Map.of());
    }

    /** The same, with {@code extra} properties over it. */
    public static IngressConfig ingress(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "governor.ingress.records.key-external-id-field.\"Case\"", "Webhook_Delivery_Id__c",
                "governor.ingress.webhooks.payments.scheme", "stripe",
                "governor.ingress.webhooks.payments.secrets", "whsec_test",
                "governor.ingress.webhooks.payments.delivery-id-pointer", "/id",
                "governor.ingress.webhooks.payments.sobject", "Governor_Order__c",
                "governor.ingress.webhooks.payments.external-id-field", "Order_Number__c",
                "governor.ingress.webhooks.payments.external-id-pointer", "/data/object/metadata/order_number",
                "governor.ingress.webhooks.payments.fields.\"Name\"", "/data/object/metadata/order_number",
                "governor.ingress.webhooks.payments.fields.\"Amount__c\"", "/data/object/amount"));
        properties.putAll(extra);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(IngressConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(IngressConfig.class);
    }
}
