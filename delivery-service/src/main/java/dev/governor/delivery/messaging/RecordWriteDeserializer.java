package dev.governor.delivery.messaging;

import dev.governor.common.record.RecordWrite;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads record write values from {@code governor.records.v1}. */
public class RecordWriteDeserializer extends ObjectMapperDeserializer<RecordWrite> {

    public RecordWriteDeserializer() {
        super(RecordWrite.class);
    }
}
