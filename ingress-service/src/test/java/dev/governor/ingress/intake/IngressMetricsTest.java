package dev.governor.ingress.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.common.problem.ProblemType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every request is counted once, by what the intake made of it, without a server. */
class IngressMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngressMetrics metrics = new IngressMetrics(registry);

    private double requests(String outcome) {
        return registry.counter("governor_ingress_requests", "outcome", outcome).count();
    }

    private static AcceptedRecord record(String trackingId) {
        return new AcceptedRecord(
                trackingId, "ACCEPTED", "Account", "External_Id__c", "A-1", "/v1/records/" + trackingId);
    }

    @Test
    void anAcceptedBatchIsOneRequestAndEachOfItsRecords() {
        metrics.count(new IntakeResult.Accepted(List.of(record("t-1"), record("t-2")), true, "{}", false, 0));
        assertThat(requests("accepted")).isEqualTo(1);
        assertThat(registry.counter("governor_ingress_records_accepted").count())
                .isEqualTo(2);
        assertThat(requests("unchecked")).isZero();
    }

    @Test
    void writesTakenWithoutTheKeyStoreOrADescriptionAreCountedAsSuch() {
        metrics.count(new IntakeResult.Accepted(List.of(record("t-1")), false, "{}", true, 1));
        assertThat(requests("accepted")).isEqualTo(1);
        assertThat(requests("unchecked")).isEqualTo(1);
        assertThat(registry.counter("governor_ingress_records_unchecked").count())
                .isEqualTo(1);
    }

    @Test
    void aReplayAndEachKindOfRefusalHaveTheirOutcome() {
        metrics.count(new IntakeResult.Replayed(202, "/v1/records/t-1", "{}"));
        metrics.count(new IntakeResult.Refused(
                Refusal.invalid("invalid_record", "The record is not valid", List.of(new FieldError("/x", "no")))));
        metrics.count(new IntakeResult.Refused(Refusal.conflict(
                "key_reused", ProblemType.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was already used")));
        metrics.count(new IntakeResult.Refused(Refusal.unavailable("overloaded", "At capacity", 1)));

        assertThat(requests("replayed")).isEqualTo(1);
        assertThat(requests("rejected")).isEqualTo(1);
        assertThat(registry.counter("governor_ingress_rejections", "reason", "invalid_record")
                        .count())
                .isEqualTo(1);
        assertThat(requests("key_reused")).isEqualTo(1);
        assertThat(requests("overloaded")).isEqualTo(1);
        assertThat(registry.find("governor_ingress_rejections").counters())
                .as("only bad input is a rejection")
                .hasSize(1);
    }
}
