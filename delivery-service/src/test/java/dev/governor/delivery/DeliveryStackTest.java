package dev.governor.delivery;

import static io.restassured.RestAssured.given;

import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.InjectPrivateStack;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStack;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every delivery test shares: the private stack it runs on (Kafka, Redis, the simulator, the OIDC
 * issuer — each subclass names it in its {@code @WithTestResource}), the kit that drives it, and a
 * simulator without faults after each test.
 */
@NeedsStack
abstract class DeliveryStackTest {

    @InjectPrivateStack
    PrivateStack stack;

    DeliveryTestKit kit;

    @BeforeEach
    void kit() {
        kit = new DeliveryTestKit(stack);
    }

    @AfterEach
    void noFaults() {
        kit.clearFaults();
    }

    /** A request to delivery's own API with the caller's token from the stack's issuer. */
    RequestSpecification as(String caller) {
        return given().auth().oauth2(CallerTokens.of(caller, stack));
    }
}
