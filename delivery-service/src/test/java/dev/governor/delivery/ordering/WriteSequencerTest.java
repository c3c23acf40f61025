package dev.governor.delivery.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sequencer's turns against real Redis: a version turned away because another of its record is in
 * flight holds back the later versions until it is written (else a partial write could reach the org
 * before its record's create), and frees them when it comes back superseded.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,simulator,oidc"))
class WriteSequencerTest {

    @Inject
    WriteSequencer sequencer;

    @Test
    void aVersionTurnedAwayBusyHoldsBackLaterVersionsUntilItIsWritten() {
        String record = "account:external_id__c:busy-" + UUID.randomUUID();
        assertThat(turn(record, 9, Map.of("phone", 9L))).isEqualTo(WriteTurn.Kind.WRITE);
        assertThat(turn(record, 17, Map.of("name", 17L)))
                .as("the create, while 9 is in flight")
                .isEqualTo(WriteTurn.Kind.BUSY);
        finish(record, 9, Map.of("phone", 9L));

        assertThat(turn(record, 22, Map.of("industry", 22L)))
                .as("a later partial write while the create waits")
                .isEqualTo(WriteTurn.Kind.BEHIND);
        assertThat(turn(record, 17, Map.of("name", 17L))).isEqualTo(WriteTurn.Kind.WRITE);
        finish(record, 17, Map.of("name", 17L));
        assertThat(turn(record, 22, Map.of("industry", 22L))).isEqualTo(WriteTurn.Kind.WRITE);
    }

    @Test
    void aBusyVersionThatComesBackSupersededFreesTheLaterOnes() {
        String record = "account:external_id__c:busy-" + UUID.randomUUID();
        assertThat(turn(record, 20, Map.of("name", 20L))).isEqualTo(WriteTurn.Kind.WRITE);
        assertThat(turn(record, 17, Map.of("name", 17L))).isEqualTo(WriteTurn.Kind.BUSY);
        finish(record, 20, Map.of("name", 20L));

        assertThat(turn(record, 17, Map.of("name", 17L))).isEqualTo(WriteTurn.Kind.SUPERSEDED);
        assertThat(turn(record, 25, Map.of("phone", 25L))).isEqualTo(WriteTurn.Kind.WRITE);
    }

    private WriteTurn.Kind turn(String record, long version, Map<String, Long> fields) {
        return sequencer
                .begin(List.of(new WriteSequencer.Ask(record, version, version, fields)))
                .await()
                .atMost(Duration.ofSeconds(10))
                .get(0)
                .kind();
    }

    private void finish(String record, long version, Map<String, Long> fields) {
        sequencer
                .finish(List.of(new WriteSequencer.Done(
                        record, version, version, fields, version, WriteSequencer.Done.NONE, 0, 0)))
                .await()
                .atMost(Duration.ofSeconds(10));
    }
}
