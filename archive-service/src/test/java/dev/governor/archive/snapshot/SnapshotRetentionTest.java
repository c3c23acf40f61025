package dev.governor.archive.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.archive.snapshot.SnapshotManifest.Kind;
import dev.governor.archive.snapshot.SnapshotManifest.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotRetentionTest {

    private static final Instant MONDAY = Instant.parse("2026-11-30T02:00:00Z");

    @Test
    void theNewestOfEachOfTheLastDaysAndWeeksIsKept() {
        List<SnapshotManifest> all = new ArrayList<>();
        for (int day = 0; day < 30; day++) {
            all.add(snapshot("d" + day, Kind.FULL, null, State.DONE, MONDAY.minusSeconds(86_400L * day)));
        }
        all.add(snapshot("d0-second", Kind.FULL, null, State.DONE, MONDAY.minusSeconds(3600)));

        assertThat(SnapshotRetention.keep(all, 3, 2))
                .as("three days; d0 is this week's newest, d1 (a Sunday) last week's")
                .containsExactlyInAnyOrder("d0", "d1", "d2");
        assertThat(SnapshotRetention.keep(all, 1, 3)).containsExactlyInAnyOrder("d0", "d1", "d8");
    }

    @Test
    void aKeptIncrementalKeepsTheChainItBuildsOn() {
        List<SnapshotManifest> all = List.of(
                snapshot("full", Kind.FULL, null, State.DONE, MONDAY.minusSeconds(86_400L * 3)),
                snapshot("incr-1", Kind.INCREMENTAL, "full", State.DONE, MONDAY.minusSeconds(86_400L * 2)),
                snapshot("incr-2", Kind.INCREMENTAL, "incr-1", State.DONE, MONDAY.minusSeconds(86_400L)),
                snapshot("running", Kind.INCREMENTAL, "incr-2", State.RUNNING, MONDAY),
                snapshot("failed", Kind.FULL, null, State.FAILED, MONDAY.minusSeconds(60)));

        assertThat(SnapshotRetention.keep(all, 1, 0)).containsExactlyInAnyOrder("incr-2", "incr-1", "full", "running");
    }

    private static SnapshotManifest snapshot(String id, Kind kind, String base, State state, Instant at) {
        return new SnapshotManifest(id, kind, base, state, null, at, at, null, Map.of());
    }
}
