package dev.governor.eventbridge.outbound;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A dead event as the admin API shows it: its id on the dead-letter topic ({@code partition-offset}), the
 * route, the source event's id (when it had one), why it is dead, where it came from, its body as text,
 * and whether an operator replayed it.
 */
@RegisterForReflection
public record DeadEvent(
        String id,
        String route,
        String sourceId,
        String reason,
        String origin,
        Instant sourceTime,
        Instant deadAt,
        String body,
        boolean replayed) {}
