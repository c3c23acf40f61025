package dev.governor.simulator.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Results of queries larger than one batch, kept until their last page is read, like Salesforce's
 * query locators ({@code nextRecordsUrl = /services/data/vXX.X/query/01g…-2000}).
 */
@ApplicationScoped
public class QueryCursors {

    private final Map<String, List<ObjectNode>> open = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Keeps the results and returns the cursor id. */
    public String open(List<ObjectNode> results) {
        String id = String.format("01g5g%010d", ids.incrementAndGet());
        open.put(id, results);
        return id;
    }

    public Optional<List<ObjectNode>> results(String cursorId) {
        return Optional.ofNullable(open.get(cursorId));
    }

    public void close(String cursorId) {
        open.remove(cursorId);
    }

    public void reset() {
        open.clear();
    }
}
