package dev.governor.simulator.bulk;

import dev.governor.simulator.SimulatorClock;
import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.auth.Session;
import dev.governor.simulator.data.RecordIds;
import dev.governor.simulator.data.StoredRecord;
import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.query.QueryEngine;
import dev.governor.simulator.query.SoqlParser;
import dev.governor.simulator.query.SoqlQuery;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The org's Bulk API 2.0 query jobs. A job is checked when it is created (what Bulk cannot run, and the
 * SOQL the REST query accepts), starts at once, takes its snapshot of the org when it starts (queryAll's
 * includes deleted records) and completes after the configured processing time, on timers of the event
 * loop, never blocking a request.
 */
@ApplicationScoped
public class QueryJobs {

    private final Map<String, QueryJob> jobs = new ConcurrentHashMap<>();
    private final RecordIds ids = new RecordIds();
    private final QueryEngine engine;
    private final SimulatorClock clock;
    private final SimulatorConfig.Bulk config;
    private final Vertx vertx;

    public QueryJobs(QueryEngine engine, SimulatorClock clock, SimulatorConfig config, Vertx vertx) {
        this.engine = engine;
        this.clock = clock;
        this.config = config.bulk();
        this.vertx = vertx;
    }

    /** What a client asks for when it creates a job. */
    public record Request(String operation, String query, String columnDelimiter, String lineEnding) {}

    public QueryJob create(Request request, Session session, String apiVersion) {
        boolean all = switch (request.operation() == null ? "" : request.operation()) {
            case "query" -> false;
            case "queryAll" -> true;
            default ->
                throw ApiException.badRequest(
                        "INVALIDJOB", "InvalidJob : operation must be query or queryAll, not " + request.operation());
        };
        String delimiter = request.columnDelimiter() == null ? "COMMA" : request.columnDelimiter();
        String lineEnding = request.lineEnding() == null ? "LF" : request.lineEnding();
        if (!CsvResults.DELIMITERS.containsKey(delimiter)) {
            throw ApiException.badRequest("INVALIDJOB", "InvalidJob : unknown columnDelimiter " + delimiter);
        }
        if (!CsvResults.LINE_ENDINGS.containsKey(lineEnding)) {
            throw ApiException.badRequest("INVALIDJOB", "InvalidJob : unknown lineEnding " + lineEnding);
        }
        if (request.query() == null || request.query().isBlank()) {
            throw ApiException.badRequest("INVALIDJOB", "InvalidJob : a query job needs a query");
        }
        Optional<String> refusal = BulkQueryRefusals.refusal(request.query());
        if (refusal.isPresent()) {
            throw ApiException.badRequest("API_ERROR", refusal.get());
        }
        SoqlQuery query = SoqlParser.parse(request.query());
        QueryEngine.Selection checked = engine.select(query, all); // an unknown object or field fails here
        QueryJob job = new QueryJob(
                ids.next("750"),
                request.operation(),
                checked.object().name(),
                request.query(),
                session.userId(),
                clock.now(),
                apiVersion,
                delimiter,
                lineEnding);
        jobs.put(job.id(), job);
        vertx.setTimer(1, started -> run(job, query, all));
        return job;
    }

    public Optional<QueryJob> find(String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id));
    }

    /** Every job, oldest first. */
    public List<QueryJob> all() {
        List<QueryJob> list = new ArrayList<>(jobs.values());
        list.sort((a, b) -> a.createdDate().compareTo(b.createdDate()));
        return list;
    }

    /** Removes a finished job and its results; false when it is still running. */
    public boolean delete(QueryJob job) {
        if (!job.state().isFinal()) {
            return false;
        }
        jobs.remove(job.id());
        return true;
    }

    public boolean abort(QueryJob job) {
        return job.abort(clock.now());
    }

    public void reset() {
        jobs.clear();
        ids.reset();
    }

    private void run(QueryJob job, SoqlQuery query, boolean all) {
        if (!job.start(clock.now())) {
            return; // aborted before it started
        }
        long started = System.nanoTime();
        List<List<Object>> rows;
        QueryEngine.Selection selection;
        try {
            selection = engine.select(query, all);
            rows = new ArrayList<>(selection.records().size());
            for (StoredRecord record : selection.records()) {
                List<Object> row = new ArrayList<>(selection.columns().size());
                for (String column : selection.columns()) {
                    row.add(engine.valueOf(record, column));
                }
                rows.add(row);
            }
        } catch (ApiException e) {
            job.fail(e.errors().get(0).message(), clock.now());
            return;
        }
        List<String> columns = selection.columns();
        vertx.setTimer(
                Math.max(1, config.processingTime().toMillis()),
                done -> job.complete(
                        columns,
                        rows,
                        clock.now(),
                        (System.nanoTime() - started) / 1_000_000
                                + config.processingTime().toMillis()));
    }
}
