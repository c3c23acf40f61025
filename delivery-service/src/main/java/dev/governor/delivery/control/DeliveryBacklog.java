package dev.governor.delivery.control;

import dev.governor.service.kafka.ConsumerBacklog;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The writes waiting for delivery, across every replica: records and retries not yet consumed by
 * delivery's consumer groups, as the broker counts them. Blocking; call it from a worker thread.
 */
@ApplicationScoped
public class DeliveryBacklog {

    private static final List<String> CHANNELS = List.of("records", "retry-1", "retry-2", "retry-3");

    private final Map<String, Object> kafka;
    private final Map<String, List<String>> topicsByGroup = new LinkedHashMap<>();

    public DeliveryBacklog(@Identifier("default-kafka-broker") Map<String, Object> kafka, Config config) {
        this.kafka = kafka;
        for (String channel : CHANNELS) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            topicsByGroup.put(
                    config.getValue(prefix + "group.id", String.class),
                    List.of(config.getValue(prefix + "topic", String.class)));
        }
    }

    /** Records on the records and retry topics that delivery has not taken yet. */
    public long waiting() {
        return ConsumerBacklog.of(kafka, topicsByGroup);
    }
}
