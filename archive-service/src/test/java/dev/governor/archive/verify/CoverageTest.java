package dev.governor.archive.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.archive.format.ObjectFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {

    @Test
    void contiguousObjectsCoverOneRange() {
        Coverage coverage = Coverage.of(List.of(facts(10, 19), facts(0, 9), facts(20, 24)), 0, 25);

        assertThat(coverage.archived()).containsExactly(new OffsetRange(0, 24));
        assertThat(coverage.gaps()).isEmpty();
        assertThat(coverage.overlaps()).isEmpty();
        assertThat(coverage.records()).isEqualTo(25);
    }

    @Test
    void gapsBetweenBeforeAndAfterTheObjectsAreFound() {
        Coverage coverage = Coverage.of(List.of(facts(5, 9), facts(12, 19)), 2, 30);

        assertThat(coverage.archived()).containsExactly(new OffsetRange(5, 9), new OffsetRange(12, 19));
        assertThat(coverage.gaps())
                .containsExactly(new OffsetRange(2, 4), new OffsetRange(10, 11), new OffsetRange(20, 29));
    }

    @Test
    void overlapsAreFound() {
        Coverage coverage = Coverage.of(List.of(facts(0, 9), facts(5, 14), facts(15, 20)), 0, 21);

        assertThat(coverage.overlaps()).containsExactly(new OffsetRange(5, 9));
        assertThat(coverage.archived()).containsExactly(new OffsetRange(0, 20));
        assertThat(coverage.gaps()).isEmpty();
    }

    @Test
    void objectsOlderThanTheTopicAreNoGapAndNothingCommittedIsNoGap() {
        assertThat(Coverage.of(List.of(facts(0, 9)), 50, 10).gaps()).isEmpty();
        assertThat(Coverage.of(List.of(), 0, -1).gaps()).isEmpty();
        assertThat(Coverage.of(List.of(), 3, 8).gaps()).containsExactly(new OffsetRange(3, 7));
    }

    private static ObjectFacts facts(long first, long last) {
        return new ObjectFacts(first, last, last - first + 1);
    }
}
