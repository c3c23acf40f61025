package dev.governor.archive.recovery;

import dev.governor.archive.snapshot.SnapshotManifest;
import dev.governor.archive.snapshot.SnapshotManifest.Kind;
import dev.governor.archive.snapshot.SnapshotManifest.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The snapshots that together hold the org's state at one point: a full snapshot and the incrementals built
 * on it, oldest first, ending with the one chosen. Pure.
 */
public record SnapshotChain(List<SnapshotManifest> snapshots) {

    /**
     * The chain ending with the snapshot named, else the newest finished one taken by {@code at}, else the
     * newest finished one.
     *
     * @throws IllegalArgumentException when there is no such snapshot, it has not finished, or a snapshot
     *     it builds on is gone
     */
    public static SnapshotChain ending(String id, Instant at, List<SnapshotManifest> all) {
        Map<String, SnapshotManifest> byId =
                all.stream().collect(Collectors.toMap(SnapshotManifest::id, Function.identity(), (a, b) -> a));
        SnapshotManifest last;
        if (id != null) {
            last = Optional.ofNullable(byId.get(id))
                    .orElseThrow(() -> new IllegalArgumentException("No snapshot has the id " + id));
            if (last.state() != State.DONE) {
                throw new IllegalArgumentException("Snapshot " + id + " is " + last.state() + ", not DONE");
            }
        } else {
            last = all.stream()
                    .filter(m -> m.state() == State.DONE)
                    .filter(m -> at == null || !m.finishedAt().isAfter(at))
                    .max((a, b) -> a.finishedAt().compareTo(b.finishedAt()))
                    .orElseThrow(() -> new IllegalArgumentException(
                            at == null ? "No snapshot has finished yet" : "No snapshot had finished by " + at));
        }
        List<SnapshotManifest> chain = new ArrayList<>();
        SnapshotManifest current = last;
        while (true) {
            chain.add(current);
            if (current.kind() == Kind.FULL) {
                break;
            }
            String base = current.base();
            current = Optional.ofNullable(base == null ? null : byId.get(base))
                    .filter(m -> m.state() == State.DONE)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "Snapshot " + chain.get(chain.size() - 1).id() + " builds on " + base
                                    + ", which is gone or unfinished"));
        }
        Collections.reverse(chain);
        return new SnapshotChain(List.copyOf(chain));
    }

    /** The snapshot the chain ends with: the point in time it restores. */
    public SnapshotManifest last() {
        return snapshots.get(snapshots.size() - 1);
    }

    public List<String> ids() {
        return snapshots.stream().map(SnapshotManifest::id).toList();
    }
}
