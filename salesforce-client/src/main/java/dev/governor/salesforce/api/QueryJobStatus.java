package dev.governor.salesforce.api;

/**
 * A Bulk API 2.0 query job as Salesforce reports it: {@code UploadComplete} and {@code InProgress} while it
 * runs, then {@code JobComplete}, {@code Failed} (with its error message) or {@code Aborted}.
 */
public record QueryJobStatus(String id, String state, long recordsProcessed, String errorMessage) {

    public boolean complete() {
        return "JobComplete".equals(state);
    }

    /** Ended without results: failed or aborted. */
    public boolean ended() {
        return "Failed".equals(state) || "Aborted".equals(state);
    }
}
