package dev.governor.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.GovernorHeaders;
import dev.governor.common.record.RecordCloudEvents;
import dev.governor.common.record.RecordEnvelope;
import dev.governor.common.record.RecordWrite;
import dev.governor.common.topic.Topics;
import dev.governor.ingress.messaging.RecordPublisher;
import dev.governor.testsupport.CloudEventRecords;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A record envelope crosses the real broker with its CloudEvents attributes and data intact. */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
class RecordEnvelopeRoundTripTest {

    @Inject
    RecordPublisher publisher;

    @Inject
    ObjectMapper json;

    @Test
    void envelopeRoundTripsThroughKafkaAsABinaryModeCloudEvent() throws Exception {
        String trackingId = UUID.randomUUID().toString();
        String idempotencyKey = UUID.randomUUID().toString();
        RecordWrite write = new RecordWrite(
                "Account", "External_Id__c", "ACME-" + trackingId, Map.of("Name", "Acme", "NumberOfEmployees", 42));
        RecordEnvelope sent = new RecordEnvelope(
                trackingId,
                URI.create("/ingress/records"),
                Instant.parse("2026-11-27T09:00:00.123Z"),
                "crm-sync",
                idempotencyKey,
                write);

        publisher.publish(sent).await().atMost(Duration.ofSeconds(15));

        ConsumerRecord<String, String> received = TopicReader.sharedStack()
                .find(
                        Topics.RECORDS,
                        r -> trackingId.equals(CloudEventRecords.headers(r).get(GovernorHeaders.CE_ID)),
                        Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("record " + trackingId + " never reached " + Topics.RECORDS));

        Map<String, String> headers = CloudEventRecords.headers(received);
        assertThat(received.key()).isEqualTo("account:external_id__c:acme-" + trackingId.toLowerCase());
        assertThat(headers)
                .containsEntry(GovernorHeaders.CE_SPECVERSION, "1.0")
                .containsEntry(GovernorHeaders.CE_TYPE, RecordCloudEvents.TYPE_RECORD_UPSERT)
                .containsEntry(GovernorHeaders.CE_SOURCE, "/ingress/records")
                .containsEntry(GovernorHeaders.CE_SUBJECT, write.recordKey())
                .containsEntry("ce_" + RecordCloudEvents.EXT_CALLER, "crm-sync")
                .containsEntry("ce_" + RecordCloudEvents.EXT_IDEMPOTENCY_KEY, idempotencyKey)
                .containsEntry("content-type", "application/json");
        assertThat(OffsetDateTime.parse(headers.get(GovernorHeaders.CE_TIME)).toInstant())
                .isEqualTo(sent.acceptedAt());
        assertThat(json.readValue(received.value(), RecordWrite.class)).isEqualTo(write);
    }
}
