package dev.governor.salesforce.limits;

/**
 * Where an org's shared state lives in Redis. The org's name is the key's hash tag, so that every key of
 * one org sits in one slot of a Redis Cluster and the limit guard's scripts, which touch several of
 * them at once, run there unchanged.
 */
public final class OrgKeys {

    private OrgKeys() {}

    /** The prefix of every key of the org: {@code governor:salesforce:v2:{<org>}:}. */
    public static String prefix(String org) {
        return "governor:salesforce:v2:{" + org + "}:";
    }
}
