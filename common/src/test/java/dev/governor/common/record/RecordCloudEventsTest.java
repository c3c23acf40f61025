package dev.governor.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCloudEventsTest {

    private final RecordEnvelope envelope = new RecordEnvelope(
            "5f0c6d8e-1111-4c4c-8888-000000000001",
            URI.create("/ingress/records"),
            Instant.parse("2026-11-27T09:00:00.123Z"),
            "crm-sync",
            "b7f0b7e2-7f1f-4a55-9d0e-3c1a2b3c4d5e",
            new RecordWrite("Account", "External_Id__c", "ACME-42", Map.of("Name", "Acme")));

    @Test
    void metadataCarriesEveryAttribute() {
        OutgoingCloudEventMetadata<RecordWrite> metadata = RecordCloudEvents.metadataOf(envelope);

        assertThat(metadata.getId()).isEqualTo(envelope.trackingId());
        assertThat(metadata.getSource()).isEqualTo(envelope.source());
        assertThat(metadata.getType()).isEqualTo(RecordCloudEvents.TYPE_RECORD_UPSERT);
        assertThat(metadata.getSubject()).contains("account:external_id__c:acme-42");
        assertThat(metadata.getTimeStamp())
                .hasValueSatisfying(t -> assertThat(t.toInstant()).isEqualTo(envelope.acceptedAt()));
        assertThat(metadata.getDataContentType()).contains("application/json");
        assertThat(metadata.<String>getExtension(RecordCloudEvents.EXT_IDEMPOTENCY_KEY))
                .contains(envelope.idempotencyKey());
        assertThat(metadata.<String>getExtension(RecordCloudEvents.EXT_CALLER)).contains(envelope.caller());
    }

    @Test
    void optionalExtensionsMayBeAbsent() {
        RecordEnvelope anonymous = new RecordEnvelope(
                envelope.trackingId(), envelope.source(), envelope.acceptedAt(), null, null, envelope.write());

        OutgoingCloudEventMetadata<RecordWrite> metadata = RecordCloudEvents.metadataOf(anonymous);

        assertThat(metadata.<String>getExtension(RecordCloudEvents.EXT_CALLER)).isEmpty();
        assertThat(metadata.<String>getExtension(RecordCloudEvents.EXT_IDEMPOTENCY_KEY))
                .isEmpty();
    }

    @Test
    void kafkaKeyKeepsOneRecordOnOnePartition() {
        RecordWrite update = new RecordWrite("Account", "External_Id__c", "ACME-42", Map.of("Name", "Acme Corp"));

        assertThat(update.recordKey())
                .isEqualTo(envelope.write().recordKey())
                .isEqualTo("account:external_id__c:acme-42");
    }

    @Test
    void namesAndIdsThatDifferOnlyInLetterCaseAreOneRecord() {
        RecordWrite shouted = new RecordWrite("ACCOUNT", "external_id__C", "acme-42", Map.of("Phone", "1"));

        assertThat(shouted.recordKey()).isEqualTo(envelope.write().recordKey());
    }

    @Test
    void aCaseSensitiveExternalIdKeepsItsCase() {
        RecordWrite upper = new RecordWrite("Contact", "Legacy_Id__c", "AB-1", Map.of(), true);
        RecordWrite lower = new RecordWrite("Contact", "Legacy_Id__c", "ab-1", Map.of(), true);

        assertThat(upper.recordKey()).isEqualTo("contact:legacy_id__c:AB-1").isNotEqualTo(lower.recordKey());
    }
}
