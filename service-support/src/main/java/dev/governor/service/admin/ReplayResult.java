package dev.governor.service.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** What a replay put back: how many, and which ids. */
@RegisterForReflection
public record ReplayResult(int replayed, List<String> ids) {}
