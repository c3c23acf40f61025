package dev.governor.archive.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.archive.snapshot.SnapshotManifest;
import dev.governor.archive.snapshot.SnapshotManifest.Kind;
import dev.governor.archive.snapshot.SnapshotManifest.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotChainTest {

    private static final Instant T = Instant.parse("2026-12-01T02:00:00Z");

    private static final List<SnapshotManifest> ALL = List.of(
            snapshot("full-1", Kind.FULL, null, State.DONE, 0),
            snapshot("incr-1", Kind.INCREMENTAL, "full-1", State.DONE, 1),
            snapshot("incr-2", Kind.INCREMENTAL, "incr-1", State.DONE, 2),
            snapshot("full-2", Kind.FULL, null, State.DONE, 3),
            snapshot("incr-3", Kind.INCREMENTAL, "full-2", State.FAILED, 4),
            snapshot("incr-4", Kind.INCREMENTAL, "gone", State.DONE, 5));

    @Test
    void aNamedIncrementalBringsTheFullAndEveryIncrementalBetweenOldestFirst() {
        assertThat(SnapshotChain.ending("incr-2", null, ALL).ids()).containsExactly("full-1", "incr-1", "incr-2");
        assertThat(SnapshotChain.ending("full-2", null, ALL).ids()).containsExactly("full-2");
    }

    @Test
    void aPointInTimeTakesTheNewestSnapshotFinishedByThen() {
        assertThat(SnapshotChain.ending(null, T.plusSeconds(3600 + 1800), ALL).ids())
                .containsExactly("full-1", "incr-1");
        assertThat(SnapshotChain.ending(null, T.plusSeconds(3 * 3600 + 120), ALL)
                        .last()
                        .id())
                .isEqualTo("full-2");
    }

    @Test
    void unfinishedOrBrokenChainsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SnapshotChain.ending("incr-3", null, ALL)).hasMessageContaining("FAILED");
        assertThatThrownBy(() -> SnapshotChain.ending("incr-4", null, ALL)).hasMessageContaining("builds on gone");
        assertThatThrownBy(() -> SnapshotChain.ending("nope", null, ALL)).hasMessageContaining("No snapshot");
        assertThatThrownBy(() -> SnapshotChain.ending(null, T.minusSeconds(1), ALL))
                .hasMessageContaining("had finished by");
    }

    @Test
    void withoutAPointTheNewestFinishedSnapshotIsRestoredEvenIfItsChainIsBroken() {
        assertThatThrownBy(() -> SnapshotChain.ending(null, null, ALL)).hasMessageContaining("builds on gone");
        assertThat(SnapshotChain.ending(null, null, ALL.subList(0, 5)).ids()).containsExactly("full-2");
    }

    private static SnapshotManifest snapshot(String id, Kind kind, String base, State state, int hour) {
        Instant at = T.plusSeconds(3600L * hour);
        return new SnapshotManifest(id, kind, base, state, null, at, at.plusSeconds(60), at.plusSeconds(60), Map.of());
    }
}
