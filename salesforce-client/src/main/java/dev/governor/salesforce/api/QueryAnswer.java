package dev.governor.salesforce.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The records a SOQL query answered, every page followed.
 *
 * @param records   the records, in the order the org gave them
 * @param truncated whether the org had more than the pages the caller allowed
 */
public record QueryAnswer(List<JsonNode> records, boolean truncated) {}
