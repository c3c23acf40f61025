package dev.governor.salesforce.auth;

import dev.governor.salesforce.error.ErrorClass;
import dev.governor.salesforce.error.SalesforceCallException;
import dev.governor.salesforce.error.SalesforceError;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Governor may send the org's credentials and data: the login URL over https (checked at
 * start-up, so a deployment without one does not start), and API calls only to an {@code instance_url}
 * on one of Salesforce's domains — a token response that names another host is refused, so a spoofed or
 * misconfigured login endpoint cannot redirect the integration's records. The local stack and tests,
 * which talk to the simulator over http on loopback, switch the checks off.
 */
@ApplicationScoped
public class OrgEndpoints {

    /** What the endpoint checks allow. */
    @ConfigMapping(prefix = "governor.salesforce.endpoints")
    public interface Config {

        /** Domains an instance URL's host may be in (the host itself or a subdomain of one). */
        @WithDefault("salesforce.com,force.com,salesforce.mil,cloudforce.com")
        List<String> instanceDomains();

        /** Allow http and any host: for the simulator on a developer's machine or in tests only. */
        @WithDefault("false")
        boolean allowInsecure();
    }

    private final Config config;
    private final String loginUrl;

    public OrgEndpoints(Config config, @ConfigProperty(name = "governor.salesforce.login-url") String loginUrl) {
        this.config = config;
        this.loginUrl = loginUrl;
    }

    void checkLoginUrl(@Observes StartupEvent started) {
        if (!config.allowInsecure()
                && !"https".equalsIgnoreCase(URI.create(loginUrl).getScheme())) {
            throw new IllegalStateException("governor.salesforce.login-url must be an https URL (login.salesforce.com, "
                    + "test.salesforce.com or the org's My Domain), not " + loginUrl);
        }
    }

    /** Refuses (FATAL: delivery pauses rather than sends) an instance URL Governor must not call. */
    public String requireInstanceUrl(String instanceUrl) {
        if (config.allowInsecure() || allowed(instanceUrl)) {
            return instanceUrl;
        }
        throw SalesforceCallException.of(
                ErrorClass.FATAL,
                0,
                List.of(new SalesforceError(
                        "UNTRUSTED_INSTANCE_URL",
                        "The token response names an instance URL outside Salesforce's domains: " + instanceUrl,
                        List.of())),
                null);
    }

    boolean allowed(String instanceUrl) {
        URI uri;
        try {
            uri = URI.create(instanceUrl);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return config.instanceDomains().stream()
                .map(d -> d.trim().toLowerCase(Locale.ROOT))
                .anyMatch(domain -> host.equals(domain) || host.endsWith("." + domain));
    }
}
