package dev.governor.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.governor.simulator.SimulatorConfig;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /services/data/}: the API versions (no session, not counted); the resources of one version
 * are {@link ResourceMapResource}.
 */
@Path("/services/data")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class VersionsResource {

    private static final String[] SEASONS = {"Winter", "Spring", "Summer"};

    private final SimulatorConfig config;
    private final SalesforceJson json;

    public VersionsResource(SimulatorConfig config, SalesforceJson json) {
        this.config = config;
        this.json = json;
    }

    @GET
    public ArrayNode versions() {
        ArrayNode versions = json.mapper().createArrayNode();
        for (String version : config.org().apiVersions()) {
            versions.addObject()
                    .put("label", label(version))
                    .put("url", "/services/data/v" + version)
                    .put("version", version);
        }
        return versions;
    }

    /** Salesforce's release names: v50.0 was Winter '21, three releases a year since. */
    static String label(String version) {
        int releasesSince50 = (int) Double.parseDouble(version) - 50;
        int year = 21 + Math.floorDiv(releasesSince50, 3);
        return SEASONS[Math.floorMod(releasesSince50, 3)] + " '" + year;
    }
}
