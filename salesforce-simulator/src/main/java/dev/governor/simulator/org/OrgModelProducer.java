package dev.governor.simulator.org;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.simulator.SimulatorConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Loads the org model once, at start-up. */
public class OrgModelProducer {

    @Produces
    @Singleton
    OrgModel orgModel(ObjectMapper json, SimulatorConfig config) {
        return OrgModelLoader.load(json, config.org().modelFile());
    }
}
