package dev.governor.salesforce.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorClassTest {

    private static ErrorClass classOf(String code, String message) {
        return ErrorClass.of(new SalesforceError(code, message, List.of()));
    }

    @Test
    void tellsTheTwoRequestLimitExceededKindsApart() {
        assertThat(classOf("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."))
                .isEqualTo(ErrorClass.DAILY_LIMIT);
        assertThat(classOf("REQUEST_LIMIT_EXCEEDED", "ConcurrentRequests (Concurrent API Requests) Limit exceeded."))
                .isEqualTo(ErrorClass.CONCURRENCY_LIMIT);
    }

    @Test
    void retriesLockErrorsEvenWhenWrapped() {
        assertThat(classOf("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record"))
                .isEqualTo(ErrorClass.TRANSIENT);
        assertThat(classOf(
                        "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
                        "Trigger: UNABLE_TO_LOCK_ROW, unable to obtain exclusive access"))
                .isEqualTo(ErrorClass.TRANSIENT);
        assertThat(classOf("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", "Trigger: division by zero"))
                .isEqualTo(ErrorClass.PERMANENT);
    }

    @Test
    void classifiesSessionServerAndValidationErrors() {
        assertThat(classOf("INVALID_SESSION_ID", "Session expired or invalid")).isEqualTo(ErrorClass.SESSION);
        assertThat(classOf("SERVER_UNAVAILABLE", "try again")).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(classOf("INVALID_OPERATION_WITH_EXPIRED_PASSWORD", "expired"))
                .isEqualTo(ErrorClass.FATAL);
        for (String permanent : List.of(
                "REQUIRED_FIELD_MISSING",
                "INVALID_FIELD",
                "STRING_TOO_LONG",
                "DUPLICATE_VALUE",
                "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "INVALID_CROSS_REFERENCE_KEY",
                "MALFORMED_ID",
                "ENTITY_IS_DELETED",
                "NOT_FOUND")) {
            assertThat(classOf(permanent, "x")).as(permanent).isEqualTo(ErrorClass.PERMANENT);
        }
    }
}
