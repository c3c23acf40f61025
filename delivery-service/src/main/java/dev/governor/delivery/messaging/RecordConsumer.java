package dev.governor.delivery.messaging;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.record.RecordWrite;
import dev.governor.delivery.writing.CollectionWriter;
import dev.governor.delivery.writing.PendingWrite;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes accepted record writes from Kafka in batches, writes them to Salesforce, and publishes what
 * became of each. The batch is acknowledged — its offsets committed — only once every record in it is
 * settled and its outcome (and dead letter, if any) is on Kafka: a crash before that redelivers the
 * batch, and the upsert by external id makes the redelivery harmless.
 */
@ApplicationScoped
public class RecordConsumer {

    /** The incoming channel; topic and consumer settings are in application.properties. */
    public static final String CHANNEL = "records";

    private final CollectionWriter writer;
    private final SettlementPublisher settlements;

    public RecordConsumer(CollectionWriter writer, SettlementPublisher settlements) {
        this.writer = writer;
        this.settlements = settlements;
    }

    @Incoming(CHANNEL)
    public Uni<Void> deliver(ConsumerRecords<String, RecordWrite> batch) {
        List<PendingWrite> pending = new ArrayList<>();
        for (ConsumerRecord<String, RecordWrite> record : batch) {
            Map<String, byte[]> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value());
            }
            byte[] id = headers.get(GovernorHeaders.CE_ID);
            if (record.value() == null || id == null) {
                Log.warnf("Skipping a record without a body or CloudEvent id at %s-%d@%d", record.topic(), record.partition(),
                        record.offset());
                continue;
            }
            pending.add(new PendingWrite(new String(id, StandardCharsets.UTF_8), record.value(), headers));
        }
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return writer.write(pending).flatMap(settlements::publish);
    }
}
