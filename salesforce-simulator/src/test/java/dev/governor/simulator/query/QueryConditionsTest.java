package dev.governor.simulator.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.simulator.data.SystemFields;
import dev.governor.simulator.query.SoqlQuery.Condition;
import dev.governor.simulator.query.SoqlQuery.Operator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which stored values a SOQL condition matches, as the org decides it, without an org. */
class QueryConditionsTest {

    private static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");

    private static boolean matches(Object value, Operator operator, Object literal) {
        return QueryEngine.satisfies(value, new Condition("F", operator, Arrays.asList(literal)));
    }

    @Test
    void dateTimesCompareAsInstantsWhateverTheirOffset() {
        String stored = SystemFields.format(TEN);
        assertThat(stored).isEqualTo("2026-12-01T10:00:00.000+0000");
        assertThat(matches(stored, Operator.GREATER, TEN.minusSeconds(1))).isTrue();
        assertThat(matches(stored, Operator.GREATER, TEN)).isFalse();
        assertThat(matches(stored, Operator.GREATER_OR_EQUAL, TEN)).isTrue();
        assertThat(matches(stored, Operator.EQUALS, TEN)).isTrue();
        assertThat(matches(stored, Operator.LESS, TEN.plusMillis(1))).isTrue();
    }

    @Test
    void datesNumbersAndTextOrderAsTheirKind() {
        assertThat(matches("1990-01-31", Operator.GREATER_OR_EQUAL, LocalDate.parse("1990-01-31")))
                .isTrue();
        assertThat(matches("1990-01-30", Operator.GREATER_OR_EQUAL, LocalDate.parse("1990-01-31")))
                .isFalse();
        assertThat(matches(49, Operator.LESS, 50L)).isTrue();
        assertThat(matches(50.0, Operator.LESS_OR_EQUAL, 50L)).isTrue();
        assertThat(matches("beta", Operator.GREATER, "ALPHA")).isTrue();
    }

    @Test
    void aNullOrAValueOfAnotherKindMatchesNoComparison() {
        for (Operator operator :
                List.of(Operator.LESS, Operator.LESS_OR_EQUAL, Operator.GREATER, Operator.GREATER_OR_EQUAL)) {
            assertThat(matches(null, operator, 5L)).as("null %s", operator).isFalse();
            assertThat(matches("not a date", operator, TEN))
                    .as("text %s a date-time", operator)
                    .isFalse();
        }
    }

    @Test
    void likeMatchesPercentAndUnderscoreWithoutRegardToCase() {
        assertThat(QueryEngine.like("Acme Corp", "acme%")).isTrue();
        assertThat(QueryEngine.like("Acme Corp", "%CORP")).isTrue();
        assertThat(QueryEngine.like("A-1", "A_1")).isTrue();
        assertThat(QueryEngine.like("A-12", "A_1")).isFalse();
        assertThat(QueryEngine.like("50% off (today)", "50% off (%)")).isTrue();
        assertThat(QueryEngine.like("Beta", "Acme%")).isFalse();
        assertThat(matches(null, Operator.LIKE, "%")).isFalse();
    }
}
