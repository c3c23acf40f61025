package dev.governor.salesforce.auth;

import java.util.Arrays;

/**
 * A Salesforce API session: the bearer token, the instance its API lives on (the token response's
 * {@code instance_url}, so the API base follows the token instead of being configured twice), and the
 * org's id and the integration user's id (both from the token response's identity URL): the Pub/Sub API
 * takes the org as the tenant, and a published event names the user as its creator.
 */
public record SalesforceSession(String accessToken, String instanceUrl, String orgId, String userId) {

    /** The org id in an identity URL such as {@code https://login.salesforce.com/id/00D…/005…}; null if none. */
    public static String orgIdOf(String identityUrl) {
        String[] parts = identityParts(identityUrl);
        return parts == null ? null : parts[0];
    }

    /** The user id in an identity URL; null if none. */
    public static String userIdOf(String identityUrl) {
        String[] parts = identityParts(identityUrl);
        return parts == null || parts.length < 2 || !parts[1].startsWith("005") ? null : parts[1];
    }

    private static String[] identityParts(String identityUrl) {
        if (identityUrl == null) {
            return null;
        }
        String[] parts = identityUrl.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals("id") && parts[i + 1].startsWith("00D")) {
                return Arrays.copyOfRange(parts, i + 1, Math.min(parts.length, i + 3));
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "SalesforceSession[instanceUrl=" + instanceUrl + ", orgId=" + orgId + ", userId=" + userId
                + ", accessToken=<redacted>]";
    }
}
