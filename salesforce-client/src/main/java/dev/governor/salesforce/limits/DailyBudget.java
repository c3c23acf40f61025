package dev.governor.salesforce.limits;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The org's daily API allocation as Salesforce last reported it to any of Governor's services, and the line
 * Governor stops at.
 *
 * @param used         calls the org has made today, by every client
 * @param max          the org's daily allocation
 * @param reserveRatio the share of it Governor leaves to others
 * @param stopsAt      the call count at which Governor stops: the allocation less that share
 */
@RegisterForReflection
public record DailyBudget(long used, long max, double reserveRatio, long stopsAt) {

    public static DailyBudget of(long used, long max, double reserveRatio) {
        return new DailyBudget(used, max, reserveRatio, (long) Math.floor(max * (1 - reserveRatio)));
    }
}
