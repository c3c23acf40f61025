package dev.governor.simulator.cdc;

/**
 * Who made a change, as a change event's header tells it.
 *
 * @param clientId   the connected app's consumer key
 * @param userId     the user the session runs as ({@code commitUser})
 * @param api        the API the write came through: {@code rest}, {@code soap}, {@code bulk}
 * @param apiVersion its version, e.g. {@code 62.0}
 */
public record ChangeAuthor(String clientId, String userId, String api, String apiVersion) {

    /** {@code changeOrigin}: {@code com/salesforce/api/rest/62.0;client=<consumer key>}. */
    public String changeOrigin() {
        return "com/salesforce/api/" + api + "/" + apiVersion + ";client=" + clientId;
    }
}
