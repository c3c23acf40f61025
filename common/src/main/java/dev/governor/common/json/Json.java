package dev.governor.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Jackson without its checked exceptions, for the two cases Governor has: writing a value of its own
 * (which cannot fail unless the code is wrong) and reading text from elsewhere (which may not be JSON of
 * the expected shape, and the caller decides what that means).
 */
public final class Json {

    private Json() {}

    /** The value as JSON text; a value Jackson cannot write is a programming error. */
    public static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The value as UTF-8 JSON bytes; a value Jackson cannot write is a programming error. */
    public static byte[] writeBytes(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The text read as {@code type}; empty when it is not JSON of that shape. */
    public static <T> Optional<T> read(ObjectMapper mapper, String text, Class<T> type) {
        try {
            return Optional.ofNullable(mapper.readValue(text, type));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The text as a JSON tree; empty when it is not JSON. */
    public static Optional<JsonNode> tree(ObjectMapper mapper, String text) {
        try {
            return Optional.ofNullable(mapper.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
