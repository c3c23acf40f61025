package dev.governor.salesforce.api;

/**
 * One page of a Bulk API 2.0 query job's results: CSV with its header line, the number of records in it
 * ({@code Sforce-NumberOfRecords}), and the locator of the next page, null on the last.
 */
public record QueryResults(String csv, String nextLocator, long records) {

    public boolean last() {
        return nextLocator == null;
    }
}
