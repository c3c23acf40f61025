package dev.governor.archive.restore;

import dev.governor.service.kafka.KafkaSettings;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The producer restores write with: every in-sync replica acknowledges, and a retried send is never doubled. */
public final class RestoreProducers {

    private RestoreProducers() {}

    public static KafkaProducer<byte[], byte[]> create(Map<String, Object> kafka, String clientId) {
        Map<String, Object> settings = KafkaSettings.connection(kafka);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
