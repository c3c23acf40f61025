package dev.governor.common.redis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys grouped by their {@link HashSlot}, and the way back. A Redis Cluster runs a script or a pipelined
 * batch only over keys of one slot, so work on many keys is split into one piece per slot, and the
 * pieces' answers are put back in the order of the keys they answer.
 *
 * @param positions the keys' positions, grouped by slot: each group in the keys' order, the groups in the
 *     order their first key comes
 * @param size how many keys there are
 */
public record SlotGroups(List<List<Integer>> positions, int size) {

    public SlotGroups {
        positions = positions.stream().map(List::copyOf).toList();
    }

    public static SlotGroups of(List<String> keys) {
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            bySlot.computeIfAbsent(HashSlot.of(keys.get(i)), slot -> new ArrayList<>())
                    .add(i);
        }
        return new SlotGroups(List.copyOf(bySlot.values()), keys.size());
    }

    /** {@code items}, one per key, split into one list per slot. */
    public <T> List<List<T>> split(List<T> items) {
        if (items.size() != size) {
            throw new IllegalArgumentException(items.size() + " items for " + size + " keys");
        }
        return positions.stream()
                .map(group -> group.stream().map(items::get).toList())
                .toList();
    }

    /** Answers given per slot, in {@link #split} order, back in the order of the keys they answer. */
    public <T> List<T> inKeyOrder(List<List<T>> answers) {
        if (answers.size() != positions.size()) {
            throw new IllegalArgumentException(answers.size() + " answers for " + positions.size() + " slots");
        }
        List<T> inOrder = new ArrayList<>(Collections.nCopies(size, null));
        for (int g = 0; g < positions.size(); g++) {
            List<Integer> group = positions.get(g);
            List<T> answered = answers.get(g);
            if (answered.size() != group.size()) {
                throw new IllegalArgumentException(answered.size() + " answers for " + group.size() + " keys");
            }
            for (int i = 0; i < group.size(); i++) {
                inOrder.set(group.get(i), answered.get(i));
            }
        }
        return inOrder;
    }
}
