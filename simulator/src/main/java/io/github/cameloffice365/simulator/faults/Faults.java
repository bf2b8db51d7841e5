package io.github.cameloffice365.simulator.faults;

import com.sun.net.httpserver.HttpExchange;
import io.github.cameloffice365.simulator.RecordedRequest;
import io.github.cameloffice365.simulator.http.GraphErrorResponse;
import io.github.cameloffice365.simulator.http.PathPattern;
import io.github.cameloffice365.simulator.http.Responses;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The faults scripted for the next requests, e.g.
 * {@code faults.on("GET", "/v1.0/users/{id}/messages").respond(429).header("Retry-After", "2").times(4)}.
 * The first matching fault with firings left applies; faults act after authentication and throttling.
 */
public final class Faults {

    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    /** A fault for requests with this method and a decoded path matching the pattern (see {@link PathPattern}). */
    public Fault on(String method, String pathPattern) {
        String expectedMethod = method.toUpperCase(Locale.ROOT);
        PathPattern pattern = PathPattern.of(pathPattern);
        return add(request -> request.method().equals(expectedMethod) && pattern.matches(request.path()),
                expectedMethod + " " + pathPattern);
    }

    /** A fault for requests this predicate accepts. */
    public Fault on(Predicate<RecordedRequest> predicate) {
        return add(Objects.requireNonNull(predicate, "predicate"), "predicate");
    }

    private Fault add(Predicate<RecordedRequest> matcher, String description) {
        Fault fault = new Fault(matcher, description);
        faults.add(fault);
        return fault;
    }

    /** Removes every fault. */
    public void clear() {
        faults.clear();
    }

    /** The faults, in the order they were added. */
    public List<Fault> list() {
        return List.copyOf(faults);
    }

    /**
     * Applies the first matching fault: returns {@code true} when the exchange has been answered, {@code false}
     * when the request should proceed (no fault, or only a delay). A dropped connection is a
     * {@link ConnectionDroppedException}.
     */
    public boolean apply(HttpExchange exchange, RecordedRequest request) throws IOException {
        for (Fault fault : faults) {
            if (fault.matches(request) && fault.tryFire()) {
                return fire(fault, exchange);
            }
        }
        return false;
    }

    private static boolean fire(Fault fault, HttpExchange exchange) throws IOException {
        if (!fault.delayBefore().isZero()) {
            try {
                Thread.sleep(fault.delayBefore().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while delaying a request", e);
            }
        }
        if (fault.dropsConnection()) {
            throw new ConnectionDroppedException();
        }
        if (fault.status() == 0) {
            return false;
        }
        fault.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (fault.body() != null) {
            Responses.send(exchange, fault.status(), fault.contentType(), fault.body());
        } else {
            String code = fault.errorCode() != null ? fault.errorCode() : GraphErrorResponse.defaultCode(fault.status());
            String message = fault.errorMessage() != null ? fault.errorMessage()
                    : "Simulated fault: status " + fault.status() + ".";
            GraphErrorResponse.send(exchange, fault.status(), code, message);
        }
        return true;
    }

    /** Thrown to make the server close the connection without an answer. */
    public static final class ConnectionDroppedException extends RuntimeException {
        ConnectionDroppedException() {
            super("Connection dropped by a scripted fault", null, false, false);
        }
    }
}
