package dev.governor.ingress.intake;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;

/** What the intake made of a request: the records accepted, an earlier answer replayed, or a refusal. */
public sealed interface IntakeResult {

    /**
     * Records buffered in Kafka, one tracking id each.
     *
     * @param batch            whether the request was a batch (answered as {@code {"records": [...]}})
     * @param body             the answer's JSON, the same bytes a replay of the request gets
     * @param keyUnchecked     accepted while the key store was unreachable, as configured
     * @param recordsUnchecked how many passed on their shape alone (no description of the object at hand)
     */
    record Accepted(
            List<AcceptedRecord> records, boolean batch, String body, boolean keyUnchecked, int recordsUnchecked)
            implements IntakeResult {

        /** Where a single record's status is; a batch has one per record. */
        public String location() {
            return batch ? null : records.get(0).statusUrl();
        }
    }

    /** The same request was answered before: the same answer again, byte for byte. */
    record Replayed(int status, String location, String body) implements IntakeResult {}

    record Refused(Refusal refusal) implements IntakeResult {}

    /** Runs intake steps; a refusal anywhere in them, thrown at once or failed later, is their result. */
    static Uni<IntakeResult> refusalsAsResults(Supplier<Uni<IntakeResult>> steps) {
        Uni<IntakeResult> result;
        try {
            result = steps.get();
        } catch (Refusal refusal) {
            return Uni.createFrom().item(new Refused(refusal));
        }
        return result.onFailure(Refusal.class).recoverWithItem(e -> new Refused((Refusal) e));
    }
}
