package dev.governor.ingress.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.common.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks before a body is read, and how each refusal is counted, without a server. */
class RequestLimitsTest {

    private static final RequestLimits LIMITS = new RequestLimits(TestConfigs.ingress());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "Application/JSON; charset=utf-8",
                " application/json ",
                "*/*",
                "application/*"
            })
    void jsonInAnySpellingIsJson(String contentType) {
        assertThat(RequestLimits.isJson(contentType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/json-patch+json", "json", ""})
    void anythingElseIsUnsupported(String contentType) {
        assertThatThrownBy(() -> RequestLimits.requireJson(contentType)).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE);
            assertThat(r.rejection()).isEqualTo("unsupported_media_type");
        });
        assertThat(RequestLimits.isJson(null)).isFalse();
    }

    @Test
    void aKeyIsRequiredPrintableAndShort() {
        assertThatThrownBy(() -> LIMITS.requireKey(" "))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.type()).isEqualTo(ProblemType.IDEMPOTENCY_KEY_MISSING));
        assertThatThrownBy(() -> LIMITS.requireKey("key with spaces"))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.rejection()).isEqualTo("idempotency_key_invalid"));
        assertThatThrownBy(() -> LIMITS.requireKey("k".repeat(300)))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.type()).isEqualTo(ProblemType.INVALID_REQUEST));
        assertThatCode(() -> LIMITS.requireKey("5f0c6d8e-1111-4c4c-8888-000000000001"))
                .doesNotThrowAnyException();
    }

    @Test
    void aBodyPastTheLimitIsTooLarge() {
        assertThatThrownBy(() -> LIMITS.requireBodyWithinLimit(new byte[1_048_577]))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE);
                    assertThat(r.outcome()).isEqualTo("rejected");
                });
        assertThatCode(() -> LIMITS.requireBodyWithinLimit(new byte[1_048_576])).doesNotThrowAnyException();
    }
}
