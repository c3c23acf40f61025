package dev.governor.ingress.intake;

/**
 * Who sent a write, as its status and idempotency keys record it. Token callers are {@code token:<sub>},
 * webhook sources {@code webhook:<name>}: namespaces neither can share, so neither can read the other's
 * status or replay the other's answers.
 */
public final class CallerNames {

    private CallerNames() {}

    public static String token(String subject) {
        return "token:" + subject;
    }

    public static String webhook(String source) {
        return "webhook:" + source;
    }
}
