package dev.governor.salesforce.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitInfoTest {

    @Test
    void readsApiUsageAmongOtherLimits() {
        assertThat(LimitInfo.parse("api-usage=18/15000")).contains(new LimitInfo(18, 15000));
        assertThat(LimitInfo.parse("per-app-api-usage=3/100(appName=x), api-usage=25/5000"))
                .contains(new LimitInfo(25, 5000));
        assertThat(LimitInfo.parse(null)).isEmpty();
        assertThat(LimitInfo.parse("nothing")).isEmpty();
    }

    @Test
    void reportsTheUsedShareAndWhatRemains() {
        LimitInfo info = new LimitInfo(900, 1000);
        assertThat(info.usedFraction()).isEqualTo(0.9);
        assertThat(info.remaining()).isEqualTo(100);
        assertThat(new LimitInfo(1200, 1000).remaining()).isZero();
    }
}
