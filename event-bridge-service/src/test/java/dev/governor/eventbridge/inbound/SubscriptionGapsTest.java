package dev.governor.eventbridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A subscription's gaps as read off the gap topic: all counted, only the latest kept for showing. */
class SubscriptionGapsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] gap(int n) {
        return ("{\"kind\": \"POSITION_LOST\", \"n\": " + n + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyGapIsCountedAndTheLatestTwentyAreShownOldestFirst() {
        SubscriptionStates.Gaps gaps = new SubscriptionStates.Gaps();
        for (int n = 1; n <= 25; n++) {
            gaps.add(gap(n));
        }
        assertThat(gaps.count()).isEqualTo(25);
        assertThat(gaps.latest(JSON))
                .extracting(g -> g.path("n").asInt())
                .containsExactly(6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25);
    }

    @Test
    void aGapRecordThatIsNotJsonIsCountedButNotShown() {
        SubscriptionStates.Gaps gaps = new SubscriptionStates.Gaps();
        gaps.add("not json {".getBytes(StandardCharsets.UTF_8));
        gaps.add(gap(2));
        assertThat(gaps.count()).isEqualTo(2);
        assertThat(gaps.latest(JSON))
                .extracting(JsonNode::toString)
                .containsExactly("{\"kind\":\"POSITION_LOST\",\"n\":2}");
    }
}
