package dev.governor.salesforce.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.salesforce.error.ErrorClass;
import dev.governor.salesforce.error.SalesforceCallException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the org's credentials and data may go, without a running service. */
class OrgEndpointsTest {

    private static OrgEndpoints endpoints(boolean allowInsecure, String loginUrl) {
        return new OrgEndpoints(
                new OrgEndpoints.Config() {
                    @Override
                    public List<String> instanceDomains() {
                        return List.of("salesforce.com", "force.com");
                    }

                    @Override
                    public boolean allowInsecure() {
                        return allowInsecure;
                    }
                },
                loginUrl);
    }

    @Test
    void anInstanceUrlMustBeHttpsOnOneOfSalesforcesDomains() {
        OrgEndpoints strict = endpoints(false, "https://login.salesforce.com");

        assertThat(strict.allowed("https://acme.my.salesforce.com")).isTrue();
        assertThat(strict.allowed("https://acme--uat.sandbox.my.salesforce.com"))
                .isTrue();
        assertThat(strict.allowed("https://acme.lightning.force.com")).isTrue();
        assertThat(strict.allowed("http://acme.my.salesforce.com"))
                .as("plain http")
                .isFalse();
        assertThat(strict.allowed("https://acme.my.salesforce.com.evil.example"))
                .isFalse();
        assertThat(strict.allowed("https://evilsalesforce.com")).isFalse();
        assertThat(strict.allowed("https://127.0.0.1:8090")).isFalse();
        assertThat(strict.allowed("not a url")).isFalse();
        assertThatThrownBy(() -> strict.requireInstanceUrl("https://attacker.example"))
                .isInstanceOfSatisfying(
                        SalesforceCallException.class,
                        e -> assertThat(e.is(ErrorClass.FATAL)).isTrue());
    }

    @Test
    void aLoginUrlWithoutHttpsStopsTheStartUnlessInsecureIsAllowed() {
        assertThatThrownBy(() -> endpoints(false, "http://login.salesforce.com").checkLoginUrl(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("https");
        endpoints(false, "https://login.salesforce.com").checkLoginUrl(null);
        endpoints(true, "http://127.0.0.1:8090").checkLoginUrl(null);
        assertThat(endpoints(true, "http://127.0.0.1:8090").requireInstanceUrl("http://127.0.0.1:8090"))
                .isEqualTo("http://127.0.0.1:8090");
    }
}
