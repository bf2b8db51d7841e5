package io.github.cameloffice365.simulator.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Graph error answer: thrown by a handler, written by the server in Graph's error shape.
 */
public class GraphException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    /** An error with the HTTP status, Graph's error code and its message. */
    public GraphException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Graph's error code, e.g. {@code Request_ResourceNotFound}. */
    public String code() {
        return code;
    }

    /** Adds a response header, e.g. {@code Retry-After}. */
    public GraphException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The response headers the error carries. */
    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    /** 400 with the given code. */
    public static GraphException badRequest(String code, String message) {
        return new GraphException(400, code, message);
    }

    /** 404 with the given code. */
    public static GraphException notFound(String code, String message) {
        return new GraphException(404, code, message);
    }
}
