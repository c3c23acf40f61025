package dev.governor.simulator;

import static dev.governor.simulator.ConnectedAppKeys.CONSUMER_KEY;
import static dev.governor.simulator.ConnectedAppKeys.USERNAME;
import static dev.governor.simulator.ConnectedAppKeys.appKey;
import static dev.governor.simulator.ConnectedAppKeys.claims;
import static dev.governor.simulator.ConnectedAppKeys.jwt;
import static dev.governor.simulator.Org.V;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token endpoint and sessions, request by request, as Salesforce answers them. */
@NeedsStack
@QuarkusTest
@WithTestResource(ConnectedAppKeys.class)
class OAuthConformanceTest {

    private static final String LOGIN = "https://login.salesforce.com";

    @BeforeEach
    void freshOrg() {
        Org.reset();
    }

    private static ValidatableResponse jwtBearer(String assertion) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .formParam("assertion", assertion)
                .post("/services/oauth2/token")
                .then();
    }

    @Test
    void jwtBearerGrantAnswersLikeSalesforceWithoutExpiresIn() {
        jwtBearer(jwt(claims(CONSUMER_KEY, USERNAME, LOGIN, 180), appKey()))
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("access_token", startsWith("00D5g000004SIMA!"))
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("api"))
                .body("instance_url", startsWith("http://localhost:"))
                .body("id", matchesPattern("https://login\\.salesforce\\.com/id/00D5g000004SIMAEAW/005\\w{15}"))
                .body("issued_at", matchesPattern("\\d{13}"))
                .body("signature", matchesPattern("[A-Za-z0-9+/=]{44}"))
                .body("expires_in", nullValue())
                .body("refresh_token", nullValue());
    }

    @Test
    void jwtBearerRefusesABadSignatureAnUnknownAppAndAWrongAudience() {
        jwtBearer(jwt(claims(CONSUMER_KEY, USERNAME, LOGIN, 180), ConnectedAppKeys.FOREIGN_KEYS.getPrivate()))
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("invalid assertion"));
        jwtBearer(jwt(claims("someone-else", USERNAME, LOGIN, 180), appKey()))
                .statusCode(400)
                .body("error", equalTo("invalid_client_id"))
                .body("error_description", equalTo("client identifier invalid"));
        jwtBearer(jwt(claims(CONSUMER_KEY, USERNAME, "https://example.my.salesforce.com", 180), appKey()))
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("audience is invalid"));
        jwtBearer("not-a-jwt").statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void jwtBearerAllowsThreeMinutesOfClockSkewAndNoMore() {
        jwtBearer(jwt(claims(CONSUMER_KEY, USERNAME, LOGIN, -120), appKey())).statusCode(200);
        jwtBearer(jwt(claims(CONSUMER_KEY, USERNAME, LOGIN, -240), appKey()))
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("expired authorization code"));
    }

    @Test
    void jwtBearerRefusesAUserWhoHasNotApprovedTheApp() {
        jwtBearer(jwt(claims(CONSUMER_KEY, "stranger@example.com", LOGIN, 180), appKey()))
                .statusCode(400)
                .body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("user hasn't approved this consumer"));
    }

    @Test
    void clientCredentialsGrantChecksTheSecret() {
        assertThat(Org.token()).startsWith("00D5g000004SIMA!");
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", CONSUMER_KEY)
                .formParam("client_secret", "wrong")
                .post("/services/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_client"))
                .body("error_description", equalTo("invalid client credentials"));
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .post("/services/oauth2/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void aSessionExpiresAfterTheOrgsTimeoutWith401InvalidSessionId() {
        String token = Org.token();
        Org.as(token).get(V + "/limits").then().statusCode(200);

        Org.advanceClock(2 * 3600 + 1);

        Org.as(token)
                .get(V + "/limits")
                .then()
                .statusCode(401)
                .body("[0].errorCode", equalTo("INVALID_SESSION_ID"))
                .body("[0].message", equalTo("Session expired or invalid"));
    }

    @Test
    void revokedAndMissingTokensGet401AndAreNotCounted() {
        String token = Org.token();
        given().post("/simulator/sessions/revoke").then().statusCode(200).body("revoked", equalTo(1));

        Org.as(token).get(V + "/limits").then().statusCode(401).body("[0].errorCode", equalTo("INVALID_SESSION_ID"));
        given().get(V + "/limits").then().statusCode(401).header("Sforce-Limit-Info", nullValue());
        given().header("Authorization", "Bearer forged")
                .get(V + "/limits")
                .then()
                .statusCode(401);

        Org.stats().then().body("apiCalls", equalTo(0)).body("refused.INVALID_SESSION_ID", equalTo(3));
    }
}
