package io.github.cameloffice365.simulator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cameloffice365.simulator.RecordedRequest;
import io.github.cameloffice365.simulator.http.Responses;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One scripted fault: which requests it hits, what it does (answer a status, drop the connection, or delay the
 * request and let it through), and how many times. A new fault fires once until {@link #times(int)} or
 * {@link #always()} says otherwise.
 */
public final class Fault {

    private final Predicate<RecordedRequest> matcher;
    private final String description;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final AtomicInteger remaining = new AtomicInteger(1);
    private final AtomicInteger fired = new AtomicInteger();
    private volatile int status;
    private volatile String contentType;
    private volatile byte[] body;
    private volatile String errorCode;
    private volatile String errorMessage;
    private volatile boolean dropConnection;
    private volatile Duration delay = Duration.ZERO;

    Fault(Predicate<RecordedRequest> matcher, String description) {
        this.matcher = matcher;
        this.description = description;
    }

    /** Answers with this status (with a Graph error body unless one is given). */
    public Fault respond(int statusCode) {
        this.status = statusCode;
        return this;
    }

    /** Adds a response header, e.g. {@code Retry-After}. */
    public Fault header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The response body as JSON text. */
    public Fault jsonBody(String json) {
        this.contentType = Responses.GRAPH_JSON;
        this.body = json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** The response body as a JSON node. */
    public Fault jsonBody(JsonNode json) {
        this.contentType = Responses.GRAPH_JSON;
        this.body = Responses.toBytes(json);
        return this;
    }

    /** Any response body. */
    public Fault body(String type, byte[] content) {
        this.contentType = type;
        this.body = content.clone();
        return this;
    }

    /** A Graph error body with this code and message (the default body names the status's usual code). */
    public Fault graphError(String code, String message) {
        this.errorCode = code;
        this.errorMessage = message;
        return this;
    }

    /** Closes the connection without any answer. */
    public Fault dropConnection() {
        this.dropConnection = true;
        return this;
    }

    /** Holds the request this long first; without a status the request then proceeds normally. */
    public Fault delay(Duration duration) {
        this.delay = duration;
        return this;
    }

    /** Fires this many times, then lets requests through. */
    public Fault times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + count);
        }
        remaining.set(count);
        return this;
    }

    /** Fires on every matching request until the faults are cleared. */
    public Fault always() {
        remaining.set(Integer.MAX_VALUE);
        return this;
    }

    /** How many times it has fired. */
    public int timesFired() {
        return fired.get();
    }

    boolean matches(RecordedRequest request) {
        return matcher.test(request);
    }

    /** Takes one firing if any is left. */
    boolean tryFire() {
        while (true) {
            int left = remaining.get();
            if (left <= 0) {
                return false;
            }
            if (left == Integer.MAX_VALUE || remaining.compareAndSet(left, left - 1)) {
                fired.incrementAndGet();
                return true;
            }
        }
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    String contentType() {
        return contentType;
    }

    byte[] body() {
        return body;
    }

    String errorCode() {
        return errorCode;
    }

    String errorMessage() {
        return errorMessage;
    }

    boolean dropsConnection() {
        return dropConnection;
    }

    Duration delayBefore() {
        return delay;
    }

    @Override
    public String toString() {
        return "Fault[" + description + (dropConnection ? ", drop connection" : "")
                + (status > 0 ? ", status " + status : "") + ", fired " + fired.get() + "]";
    }
}
