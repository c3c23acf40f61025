package dev.governor.archive.recovery;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * What to put back into the org from its snapshots.
 *
 * @param snapshot      the snapshot whose state to restore (with the full and incrementals it builds on); by
 *                      default the newest finished one, or the newest finished by {@code at}
 * @param at            restore the state of the newest snapshot finished by then
 * @param objects       which of the snapshot's objects; by default all of them
 * @param dryRun        only count what would be written, per object
 * @param ratePerSecond record writes a second put on the records topic (delivery still writes them within
 *                      the org's limits)
 */
@RegisterForReflection
public record OrgRestoreRequest(
        String snapshot, Instant at, List<String> objects, Boolean dryRun, Integer ratePerSecond) {

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }
}
