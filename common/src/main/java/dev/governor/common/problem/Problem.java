package dev.governor.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem details body, served as {@value #MEDIA_TYPE}. Extension members (for example
 * {@code errors} for per-field validation failures) are written at the top level.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private URI type;
    private String title;
    private int status;
    private String detail;
    private URI instance;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    /** For JSON readers. */
    public Problem() {}

    private Problem(ProblemType problemType, String detail) {
        this.type = problemType.type();
        this.title = problemType.title();
        this.status = problemType.status();
        this.detail = detail;
    }

    public static Problem of(ProblemType problemType, String detail) {
        return new Problem(problemType, detail);
    }

    public Problem with(String extension, Object value) {
        extensions.put(extension, value);
        return this;
    }

    public URI getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public URI getInstance() {
        return instance;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    @JsonAnySetter
    void setExtension(String name, Object value) {
        extensions.put(name, value);
    }

    void setType(URI type) {
        this.type = type;
    }

    void setTitle(String title) {
        this.title = title;
    }

    void setStatus(int status) {
        this.status = status;
    }

    void setDetail(String detail) {
        this.detail = detail;
    }

    void setInstance(URI instance) {
        this.instance = instance;
    }
}
