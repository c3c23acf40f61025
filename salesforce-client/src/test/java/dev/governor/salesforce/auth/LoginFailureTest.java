package dev.governor.salesforce.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.salesforce.error.ErrorClass;
import dev.governor.salesforce.error.SalesforceCallException;
import io.quarkus.oidc.client.OidcClientException;
import org.junit.jupiter.api.Test;

/** How a failed login is classed, without an org: refused credentials hold writes, the rest is retried. */
class LoginFailureTest {

    @Test
    void credentialsTheTokenEndpointRefusesAreFatal() {
        for (String body : new String[] {
            "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}",
            "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}",
            "{\"error\":\"inactive_user\",\"error_description\":\"user is inactive\"}"
        }) {
            SalesforceCallException classified = SalesforceSessions.classified(new OidcClientException(body));
            assertThat(classified.errorClass()).as(body).isEqualTo(ErrorClass.FATAL);
            assertThat(classified.errors().get(0).code()).isEqualTo("LOGIN_REFUSED");
        }
    }

    @Test
    void aTokenEndpointThatCannotAnswerIsTransient() {
        SalesforceCallException classified =
                SalesforceSessions.classified(new OidcClientException("Connection refused: /127.0.0.1:8090"));
        assertThat(classified.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(classified.errors().get(0).code()).isEqualTo("LOGIN_UNAVAILABLE");
        assertThat(SalesforceSessions.classified(new OidcClientException("{\"error\":\"server_error\"}"))
                        .errorClass())
                .isEqualTo(ErrorClass.TRANSIENT);
    }
}
