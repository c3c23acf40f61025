package dev.governor.service.security;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The audit trail of operators' actions: one log line per action, saying who (the operator's token
 * {@code sub}) did what to which ids, in a stable shape a log pipeline can select ({@code AUDIT}).
 */
public final class AdminAudit {

    private AdminAudit() {}

    public static void record(SecurityIdentity operator, String action) {
        Log.infof("AUDIT operator=%s action=\"%s\"", operator.getPrincipal().getName(), action);
    }
}
