package dev.governor.ingress.messaging;

import dev.governor.common.record.RecordOutcome;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads outcome values from {@code governor.outcomes.v1}. */
public class RecordOutcomeDeserializer extends ObjectMapperDeserializer<RecordOutcome> {

    public RecordOutcomeDeserializer() {
        super(RecordOutcome.class);
    }
}
