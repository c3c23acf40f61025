package dev.governor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    @Test
    void metricNamesAreWhatAnExpressionSelects() {
        assertThat(AlertRules.metricNames(
                        "max by (service) (1 - governor_salesforce_budget_remaining / governor_salesforce_budget_max)"
                                + " >= on (service) (1 - max by (service) (governor_salesforce_budget_reserve_ratio))"
                                + " or sum by (service) (increase(governor_salesforce_permits_total"
                                + "{outcome=\"budget_exhausted\"}[10m])) > 0.8e1"))
                .containsExactly(
                        "governor_salesforce_budget_max",
                        "governor_salesforce_budget_remaining",
                        "governor_salesforce_budget_reserve_ratio",
                        "governor_salesforce_permits_total");
        assertThat(AlertRules.metricNames("up{service=~\"governor-.*\"} == 0")).containsExactly("up");
    }

    @Test
    void everyAlertOfTheRulesFileSelectsSomeMetric() throws IOException {
        Path rules = Path.of("..", "deploy/monitoring/prometheus/governor.rules.yaml");
        assertThat(AlertRules.expressions(rules))
                .hasSizeGreaterThan(10)
                .allSatisfy((alert, expression) ->
                        assertThat(AlertRules.metricNames(expression)).as(alert).isNotEmpty());
    }
}
