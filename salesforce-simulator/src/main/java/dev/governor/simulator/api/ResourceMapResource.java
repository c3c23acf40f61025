package dev.governor.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /services/data/vXX.X}: the resources of a version, which clients read first. A class of its
 * own: Quarkus REST matches the longest class path and does not fall back to a shorter one.
 */
@Path("/services/data/v{version}")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class ResourceMapResource {

    private final ObjectMapper json;

    public ResourceMapResource(ObjectMapper json) {
        this.json = json;
    }

    @GET
    public ObjectNode resources(@PathParam("version") String version) {
        String base = "/services/data/v" + version;
        return json.createObjectNode()
                .put("sobjects", base + "/sobjects")
                .put("query", base + "/query")
                .put("queryAll", base + "/queryAll")
                .put("composite", base + "/composite")
                .put("limits", base + "/limits")
                .put("jobs", base + "/jobs");
    }
}
