package dev.governor.archive.restore;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** What a restore reads and writes: the answer of a dry run, and the start of a job. */
@RegisterForReflection
public record RestorePlan(String topic, String target, List<String> objects, long records, long bytes) {}
