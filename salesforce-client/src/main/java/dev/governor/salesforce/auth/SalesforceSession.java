package dev.governor.salesforce.auth;

/**
 * A Salesforce API session: the bearer token, the instance its API lives on (the token response's
 * {@code instance_url}, so the API base follows the token instead of being configured twice), and the
 * org's id (from the token response's identity URL), which the Pub/Sub API takes as the tenant.
 */
public record SalesforceSession(String accessToken, String instanceUrl, String orgId) {

    /** The org id in an identity URL such as {@code https://login.salesforce.com/id/00D…/005…}; null if none. */
    public static String orgIdOf(String identityUrl) {
        if (identityUrl == null) {
            return null;
        }
        String[] parts = identityUrl.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals("id") && parts[i + 1].startsWith("00D")) {
                return parts[i + 1];
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "SalesforceSession[instanceUrl=" + instanceUrl + ", orgId=" + orgId + ", accessToken=<redacted>]";
    }
}
