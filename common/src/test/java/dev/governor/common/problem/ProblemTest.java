package dev.governor.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writesRfc9457MembersAndExtensionsAtTopLevel() throws Exception {
        Problem problem = Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, "Key abc was used for another body")
                .with("errors", List.of("body differs"));

        JsonNode body = json.readTree(json.writeValueAsString(problem));

        assertThat(body.get("type").asText()).isEqualTo("https://governor.dev/problems/idempotency-key-reused");
        assertThat(body.get("status").asInt()).isEqualTo(422);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).contains("abc");
        assertThat(body.get("errors").get(0).asText()).isEqualTo("body differs");
        assertThat(body.has("instance")).isFalse();
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        Problem problem = Problem.of(ProblemType.SERVICE_UNAVAILABLE, "Kafka is not reachable")
                .with("retryAfter", 5);

        Problem back = json.readValue(json.writeValueAsString(problem), Problem.class);

        assertThat(back.getType()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE.type());
        assertThat(back.getStatus()).isEqualTo(503);
        assertThat(back.getExtensions()).containsEntry("retryAfter", 5);
    }

    @Test
    void everyTypeHasAStableDistinctUri() {
        assertThat(List.of(ProblemType.values()).stream()
                        .map(ProblemType::type)
                        .distinct()
                        .count())
                .isEqualTo(ProblemType.values().length);
    }
}
