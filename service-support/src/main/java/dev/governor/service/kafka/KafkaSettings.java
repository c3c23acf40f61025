package dev.governor.service.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The connection settings of the configured Kafka cluster ({@code kafka.*}: bootstrap servers, security)
 * for a service's own Kafka clients, without what belongs to SmallRye's channels.
 */
public final class KafkaSettings {

    private static final Set<String> CONNECTION_PREFIXES =
            Set.of("bootstrap.servers", "security.", "sasl.", "ssl.", "client.dns.lookup", "request.timeout.ms");

    private KafkaSettings() {}

    public static Map<String, Object> connection(Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (CONNECTION_PREFIXES.stream().anyMatch(key::startsWith)) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
