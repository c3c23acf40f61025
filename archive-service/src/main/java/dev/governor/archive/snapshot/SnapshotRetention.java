package dev.governor.archive.snapshot;

import dev.governor.archive.snapshot.SnapshotManifest.State;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which snapshots to keep: the newest finished one of each of the last {@code daily} days that have one,
 * and of each of the last {@code weekly} ISO weeks (UTC); every snapshot still running or paused (a failed
 * one goes); and, for each
 * kept incremental snapshot, the chain of snapshots it builds on back to its full one, without which it
 * restores nothing. Everything else may go. Pure.
 */
final class SnapshotRetention {

    private SnapshotRetention() {}

    static Set<String> keep(List<SnapshotManifest> snapshots, int daily, int weekly) {
        List<SnapshotManifest> done = new ArrayList<>(
                snapshots.stream().filter(s -> s.state() == State.DONE).toList());
        done.sort(Comparator.comparing(SnapshotManifest::startedAt).reversed());
        Set<String> keep = new LinkedHashSet<>();
        Set<LocalDate> days = new HashSet<>();
        Set<String> weeks = new HashSet<>();
        for (SnapshotManifest snapshot : done) {
            LocalDate day = snapshot.startedAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (!days.contains(day) && days.size() < daily) {
                days.add(day);
                keep.add(snapshot.id());
            }
            String week = day.get(IsoFields.WEEK_BASED_YEAR) + "-" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            if (!weeks.contains(week) && weeks.size() < weekly) {
                weeks.add(week);
                keep.add(snapshot.id());
            }
        }
        snapshots.stream()
                .filter(s -> s.state() == State.RUNNING || s.state() == State.PAUSED)
                .forEach(s -> keep.add(s.id()));
        Map<String, SnapshotManifest> byId = new HashMap<>();
        snapshots.forEach(s -> byId.put(s.id(), s));
        for (String id : List.copyOf(keep)) {
            SnapshotManifest snapshot = byId.get(id);
            while (snapshot != null && snapshot.base() != null) {
                keep.add(snapshot.base());
                snapshot = byId.get(snapshot.base());
            }
        }
        return keep;
    }
}
