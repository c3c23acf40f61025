package dev.governor.salesforce.limits;

/**
 * The org's daily allocation is used up to Governor's reserve line (or the org itself said
 * TotalRequests): no call may leave until the rolling window frees some. Callers pause, they do not spin.
 */
public class BudgetExhaustedException extends RuntimeException {

    public BudgetExhaustedException(String message) {
        super(message, null, false, false);
    }
}
