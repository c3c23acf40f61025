package dev.governor.service.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** An operator's replay of dead letters: named by id ({@code partition-offset}), or {@code all} not yet replayed. */
@RegisterForReflection
public record ReplayRequest(List<String> ids, Boolean all) {}
