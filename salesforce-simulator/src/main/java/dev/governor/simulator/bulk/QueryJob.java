package dev.governor.simulator.bulk;

import java.time.Instant;
import java.util.List;

/**
 * One Bulk API 2.0 query job: what it was asked, its state (UploadComplete → InProgress → JobComplete,
 * or Aborted, or Failed), and once complete its result rows, read page by page with locators for as
 * long as the job exists.
 */
public final class QueryJob {

    public enum State {
        UploadComplete,
        InProgress,
        JobComplete,
        Aborted,
        Failed;

        boolean isFinal() {
            return this == JobComplete || this == Aborted || this == Failed;
        }
    }

    private final String id;
    private final String operation;
    private final String object;
    private final String query;
    private final String createdById;
    private final Instant createdDate;
    private final String apiVersion;
    private final String columnDelimiter;
    private final String lineEnding;
    private State state = State.UploadComplete;
    private Instant systemModstamp;
    private List<String> columns = List.of();
    private List<List<Object>> rows = List.of();
    private long processingMillis;
    private String errorMessage;

    QueryJob(
            String id,
            String operation,
            String object,
            String query,
            String createdById,
            Instant createdDate,
            String apiVersion,
            String columnDelimiter,
            String lineEnding) {
        this.id = id;
        this.operation = operation;
        this.object = object;
        this.query = query;
        this.createdById = createdById;
        this.createdDate = createdDate;
        this.systemModstamp = createdDate;
        this.apiVersion = apiVersion;
        this.columnDelimiter = columnDelimiter;
        this.lineEnding = lineEnding;
    }

    public String id() {
        return id;
    }

    public String operation() {
        return operation;
    }

    public String object() {
        return object;
    }

    String query() {
        return query;
    }

    public String createdById() {
        return createdById;
    }

    public Instant createdDate() {
        return createdDate;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String columnDelimiter() {
        return columnDelimiter;
    }

    public String lineEnding() {
        return lineEnding;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized Instant systemModstamp() {
        return systemModstamp;
    }

    public synchronized long numberRecordsProcessed() {
        return state == State.JobComplete ? rows.size() : 0;
    }

    public synchronized long processingMillis() {
        return processingMillis;
    }

    public synchronized String errorMessage() {
        return errorMessage;
    }

    synchronized List<String> columns() {
        return columns;
    }

    synchronized List<List<Object>> rows() {
        return rows;
    }

    /** Moves to InProgress unless aborted meanwhile; says whether it did. */
    synchronized boolean start(Instant now) {
        if (state != State.UploadComplete) {
            return false;
        }
        state = State.InProgress;
        systemModstamp = now;
        return true;
    }

    synchronized void complete(List<String> columns, List<List<Object>> rows, Instant now, long millis) {
        if (state == State.InProgress) {
            this.columns = List.copyOf(columns);
            this.rows = List.copyOf(rows);
            this.state = State.JobComplete;
            this.systemModstamp = now;
            this.processingMillis = millis;
        }
    }

    synchronized void fail(String message, Instant now) {
        if (!state.isFinal()) {
            state = State.Failed;
            errorMessage = message;
            systemModstamp = now;
        }
    }

    /** Aborts a job that has not finished; false when it already has. */
    synchronized boolean abort(Instant now) {
        if (state.isFinal()) {
            return false;
        }
        state = State.Aborted;
        systemModstamp = now;
        return true;
    }
}
