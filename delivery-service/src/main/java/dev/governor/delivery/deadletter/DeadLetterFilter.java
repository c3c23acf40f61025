package dev.governor.delivery.deadletter;

import java.time.Instant;
import java.util.Optional;

/**
 * Which dead letters an operator is looking for: of one object (any letter case, as Salesforce names
 * them), with one error code, dead-lettered within a time range ({@code from} inclusive, {@code to}
 * exclusive). An empty part matches everything.
 */
public record DeadLetterFilter(
        Optional<String> sobject, Optional<String> errorCode, Optional<Instant> from, Optional<Instant> to) {

    public static final DeadLetterFilter ALL =
            new DeadLetterFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public boolean matches(DeadLetter letter) {
        return sobject.map(s -> s.equalsIgnoreCase(letter.sobject())).orElse(true)
                && errorCode.map(c -> c.equals(letter.errorCode())).orElse(true)
                && from.map(f -> !letter.deadLetteredAt().isBefore(f)).orElse(true)
                && to.map(t -> letter.deadLetteredAt().isBefore(t)).orElse(true);
    }
}
