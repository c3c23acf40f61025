package dev.governor.salesforce.auth;

/**
 * A Salesforce API session: the bearer token and the instance its API lives on (the token response's
 * {@code instance_url}, so the API base follows the token instead of being configured twice).
 */
public record SalesforceSession(String accessToken, String instanceUrl) {

    @Override
    public String toString() {
        return "SalesforceSession[instanceUrl=" + instanceUrl + ", accessToken=<redacted>]";
    }
}
