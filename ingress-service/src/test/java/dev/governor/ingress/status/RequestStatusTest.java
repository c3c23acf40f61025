package dev.governor.ingress.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.governor.common.record.RecordEnvelope;
import dev.governor.common.record.RecordOutcome;
import dev.governor.common.record.RecordOutcome.Status;
import dev.governor.common.record.RecordWrite;
import dev.governor.ingress.status.RequestStatus.State;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a request's status moves with delivery's outcomes, without a broker or Redis. */
class RequestStatusTest {

    private static final Instant ACCEPTED_AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LATER = ACCEPTED_AT.plusSeconds(5);

    private static RequestStatus accepted() {
        return RequestStatus.accepted(new RecordEnvelope(
                "t-1",
                URI.create("/ingress/records"),
                ACCEPTED_AT,
                "token:crm-sync",
                "key-1",
                new RecordWrite("Account", "External_Id__c", "A-1", Map.of("Name", "Acme"))));
    }

    private static RecordOutcome outcome(Status status, int attempts) {
        RecordOutcome.Error error = status == Status.CREATED || status == Status.UPDATED
                ? null
                : new RecordOutcome.Error("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access", List.of());
        return new RecordOutcome(
                "t-1", status, status == Status.CREATED ? "001000000000001AAA" : null, attempts, error);
    }

    @Test
    void aWrittenRecordIsDeliveredWithItsOperationAndId() {
        RequestStatus delivered = accepted().with(outcome(Status.CREATED, 1), LATER);
        assertThat(delivered.status()).isEqualTo(State.DELIVERED);
        assertThat(delivered.operation()).isEqualTo("CREATED");
        assertThat(delivered.salesforceId()).isEqualTo("001000000000001AAA");
        assertThat(delivered.updatedAt()).isEqualTo(LATER);
        assertThat(delivered.acceptedAt()).isEqualTo(ACCEPTED_AT);
        assertThat(delivered.caller()).isEqualTo("token:crm-sync");
    }

    @Test
    void outcomesThatCameBeforeTheAcceptedStatusFollowIt() {
        RequestStatus early = RequestStatus.knownOnlyBy("t-1")
                .with(outcome(Status.RETRYING, 1), LATER)
                .with(outcome(Status.CREATED, 2), LATER.plusSeconds(1));
        RequestStatus shown = accepted().followedBy(early);
        assertThat(shown.status()).isEqualTo(State.DELIVERED);
        assertThat(shown.salesforceId()).isEqualTo("001000000000001AAA");
        assertThat(shown.attempts()).isEqualTo(2);
        assertThat(shown.externalId()).isEqualTo("A-1");
        assertThat(shown.caller()).isEqualTo("token:crm-sync");
        assertThat(shown.history())
                .extracting(RequestStatus.Step::status, RequestStatus.Step::at)
                .containsExactly(
                        tuple(State.ACCEPTED, ACCEPTED_AT),
                        tuple(State.RETRYING, LATER),
                        tuple(State.DELIVERED, LATER.plusSeconds(1)));
    }

    @Test
    void retryingCarriesTheErrorAndTheNextOutcomeReplacesIt() {
        RequestStatus retrying = accepted().with(outcome(Status.RETRYING, 1), LATER);
        assertThat(retrying.status()).isEqualTo(State.RETRYING);
        assertThat(retrying.error().statusCode()).isEqualTo("UNABLE_TO_LOCK_ROW");

        RequestStatus delivered = retrying.with(outcome(Status.UPDATED, 2), LATER.plusSeconds(1));
        assertThat(delivered.status()).isEqualTo(State.DELIVERED);
        assertThat(delivered.operation()).isEqualTo("UPDATED");
        assertThat(delivered.error()).isNull();
        assertThat(delivered.attempts()).isEqualTo(2);
    }

    @Test
    void aLateRetryingOfAnEarlierAttemptDoesNotHideTheLaterOutcome() {
        RequestStatus delivered = accepted().with(outcome(Status.CREATED, 2), LATER);
        assertThat(delivered.with(outcome(Status.RETRYING, 1), LATER.plusSeconds(1)))
                .isSameAs(delivered);
    }

    @Test
    void aReplayedDeadLetterIsShownAgainOnceItSettles() {
        RequestStatus deadLettered = accepted().with(outcome(Status.DEAD_LETTERED, 1), LATER);
        assertThat(deadLettered.status()).isEqualTo(State.DEAD_LETTERED);
        RequestStatus replayed = deadLettered.with(outcome(Status.CREATED, 1), LATER.plusSeconds(60));
        assertThat(replayed.status()).isEqualTo(State.DELIVERED);
        assertThat(replayed.error()).isNull();
    }

    @Test
    void aDeliveredWriteFoundAlreadyWrittenOnARedeliveryStaysDelivered() {
        RequestStatus delivered = accepted().with(outcome(Status.UPDATED, 1), LATER);
        assertThat(delivered.with(new RecordOutcome("t-1", Status.SUPERSEDED, null, 1, null), LATER.plusSeconds(1)))
                .isSameAs(delivered);
    }

    @Test
    void theHistoryShowsEveryStateFromAcceptanceToNow() {
        RequestStatus delivered = accepted()
                .with(outcome(Status.RETRYING, 1), LATER)
                .with(outcome(Status.DEAD_LETTERED, 2), LATER.plusSeconds(1))
                .with(outcome(Status.CREATED, 2), LATER.plusSeconds(60));

        assertThat(delivered.history())
                .containsExactly(
                        new RequestStatus.Step(State.ACCEPTED, ACCEPTED_AT, null, null),
                        new RequestStatus.Step(State.RETRYING, LATER, 1, "UNABLE_TO_LOCK_ROW"),
                        new RequestStatus.Step(State.DEAD_LETTERED, LATER.plusSeconds(1), 2, "UNABLE_TO_LOCK_ROW"),
                        new RequestStatus.Step(State.DELIVERED, LATER.plusSeconds(60), 2, null));
        assertThat(accepted().with(outcome(Status.CREATED, 1), LATER).passed())
                .as("accepted then delivered stores no step")
                .isEmpty();
        assertThat(accepted().history()).extracting(RequestStatus.Step::status).containsExactly(State.ACCEPTED);
    }

    @Test
    void onlyTheLatestStatesPassedThroughAreKept() {
        RequestStatus status = accepted();
        for (int attempt = 1; attempt <= RequestStatus.PASSED_KEPT + 3; attempt++) {
            status = status.with(outcome(Status.RETRYING, attempt), LATER.plusSeconds(attempt));
        }
        assertThat(status.passed()).hasSize(RequestStatus.PASSED_KEPT);
        assertThat(status.passed().get(0).attempts()).isEqualTo(3);
        assertThat(status.history()).hasSize(RequestStatus.PASSED_KEPT + 2);
    }

    @Test
    void supersededHasNoOperation() {
        RequestStatus superseded = accepted().with(new RecordOutcome("t-1", Status.SUPERSEDED, null, 1, null), LATER);
        assertThat(superseded.status()).isEqualTo(State.SUPERSEDED);
        assertThat(superseded.operation()).isNull();
    }
}
