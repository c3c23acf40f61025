package dev.governor.salesforce.limits;

/**
 * The call rate as the day's usage climbs: the configured rate until {@code slowDownFrom} of the
 * allocation is used, then linearly slower down to {@code slowestRate} of it at the reserve line, where
 * the limit guard stops altogether. Slowing early spreads what is left over the rest of the rolling day
 * instead of running into the wall at full speed.
 */
public final class AdaptiveRate {

    private AdaptiveRate() {}

    public static double effective(LimitGuardConfig config, double usedFraction) {
        double reserveLine = 1.0 - config.dailyReserve();
        double base = config.callsPerSecond();
        if (usedFraction <= config.slowDownFrom() || reserveLine <= config.slowDownFrom()) {
            return base;
        }
        double left = Math.max(0, (reserveLine - usedFraction) / (reserveLine - config.slowDownFrom()));
        return base * (config.slowestRate() + (1 - config.slowestRate()) * left);
    }
}
