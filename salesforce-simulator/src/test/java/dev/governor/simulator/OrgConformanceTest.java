package dev.governor.simulator;

import static dev.governor.simulator.Org.V;

import org.junit.jupiter.api.BeforeEach;

/**
 * What every REST conformance test starts from: a fresh org and a session of the connected app. Each
 * subclass is a {@code @QuarkusTest} with {@link ConnectedAppKeys}.
 */
abstract class OrgConformanceTest {

    /** The sObject Collections upsert of Accounts by their External ID field. */
    static final String UPSERT = V + "/composite/sobjects/Account/External_Id__c";

    /** An access token of a fresh session. */
    String token;

    @BeforeEach
    void freshOrg() {
        Org.reset();
        token = Org.token();
    }
}
