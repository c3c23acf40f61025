package dev.governor.service.admin;

import dev.governor.common.problem.Problem;
import dev.governor.common.problem.ProblemType;
import dev.governor.service.problem.ProblemException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an operator's replay request of a dead-letter topic selects, checked the same way by every
 * service's admin API: ids in {@code partition-offset} form or {@code all} (one of the two), a limit
 * between 1 and {@link #MAX_LIMIT}, and named ids that must all exist — each refusal a problem+json 400
 * or 404, nothing replayed.
 */
public final class ReplaySelection {

    public static final int MAX_LIMIT = 1000;
    private static final Pattern ID = Pattern.compile("\\d{1,6}-\\d{1,19}");

    private final Set<String> ids;
    private final boolean all;

    private ReplaySelection(Set<String> ids, boolean all) {
        this.ids = ids;
        this.all = all;
    }

    /** @param what what the topic holds, for the problem's text: "dead letters", "dead events" */
    public static ReplaySelection of(ReplayRequest request, String what) {
        boolean all = request != null && Boolean.TRUE.equals(request.all());
        List<String> named = request == null || request.ids() == null ? List.of() : request.ids();
        if (all == !named.isEmpty()) {
            throw ProblemException.of(
                    ProblemType.INVALID_REQUEST,
                    "Name the " + what + " in \"ids\", or set \"all\": true — one of the two");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : named) {
            if (id == null || !ID.matcher(id).matches()) {
                throw ProblemException.of(ProblemType.INVALID_REQUEST, "An id is partition-offset, like 0-42");
            }
            ids.add(id);
        }
        return new ReplaySelection(ids, all);
    }

    /** The named ids; empty when the request is for all. */
    public Set<String> ids() {
        return ids;
    }

    public boolean all() {
        return all;
    }

    /** How many entries to look for: the limit for "all", else the named ids. */
    public int wanted(int limit) {
        return all ? checkedLimit(limit) : ids.size();
    }

    /** Refuses the replay (404, nothing replayed) unless every named id was found. */
    public void requireFound(Collection<String> found, String what) {
        if (all || found.containsAll(ids)) {
            return;
        }
        Set<String> missing = new LinkedHashSet<>(ids);
        missing.removeAll(found);
        throw new ProblemException(
                Problem.of(ProblemType.NOT_FOUND, "No " + what + " with these ids; nothing was replayed")
                        .with("missing", missing),
                Map.of());
    }

    public static int checkedLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.of(ProblemType.INVALID_REQUEST, "limit is between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
