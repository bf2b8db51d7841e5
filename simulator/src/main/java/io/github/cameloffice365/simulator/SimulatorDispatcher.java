package io.github.cameloffice365.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.cameloffice365.simulator.faults.Faults;
import io.github.cameloffice365.simulator.graph.GraphGate;
import io.github.cameloffice365.simulator.graph.MailboxThrottle;
import io.github.cameloffice365.simulator.http.GraphErrorResponse;
import io.github.cameloffice365.simulator.http.GraphException;
import io.github.cameloffice365.simulator.http.RequestIds;
import io.github.cameloffice365.simulator.http.UrlCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * The server's one entry: records each request, gives it Graph's correlation ids, lets {@code /v1.0} calls through
 * the {@link GraphGate}, applies scripted faults, and hands the request to the handler mounted at the longest
 * matching path prefix. Graph errors thrown by handlers are written in Graph's shape.
 */
final class SimulatorDispatcher implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorDispatcher.class);
    private static final String GRAPH_PREFIX = "/v1.0/";

    private final Map<String, HttpHandler> mounts;
    private final GraphGate gate;
    private final Faults faults;
    private final RequestLog log;
    private final Clock clock;

    SimulatorDispatcher(Map<String, HttpHandler> mounts, GraphGate gate, Faults faults, RequestLog log, Clock clock) {
        this.mounts = mounts;
        this.gate = gate;
        this.faults = faults;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String path = UrlCodec.decodePath(rawPath);
        RecordedRequest recorded = new RecordedRequest(exchange.getRequestMethod(),
                rawQuery == null ? rawPath : rawPath + "?" + rawQuery, exchange.getRequestHeaders(), clock.instant(),
                RecordedRequest.readsUserData(path));
        log.add(recorded);
        RequestIds.assign(exchange);
        LOG.trace("{} {}", recorded.method(), recorded.pathAndQuery());
        try {
            serve(exchange, path, recorded);
        } catch (GraphException e) {
            sendError(exchange, e);
        } catch (Faults.ConnectionDroppedException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("The simulator failed on {} {}: {}; this is a simulator defect, please report it",
                    recorded.method(), recorded.pathAndQuery(), e.toString(), e);
            sendError(exchange, new GraphException(500, "generalException", "The simulator failed: " + e));
        }
    }

    private void serve(HttpExchange exchange, String path, RecordedRequest recorded) throws IOException {
        MailboxThrottle.Permit permit = path.startsWith(GRAPH_PREFIX) ? gate.admit(exchange) : () -> { };
        try (permit) {
            if (faults.apply(exchange, recorded)) {
                return;
            }
            HttpHandler handler = handlerFor(path);
            if (handler == null) {
                throw GraphException.notFound("ResourceNotFound", "No resource is served at '" + path + "'.");
            }
            handler.handle(exchange);
        }
    }

    private HttpHandler handlerFor(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String best = null;
        for (String prefix : mounts.keySet()) {
            if (lower.startsWith(prefix.toLowerCase(Locale.ROOT)) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : mounts.get(best);
    }

    private static void sendError(HttpExchange exchange, GraphException error) {
        try {
            error.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            GraphErrorResponse.send(exchange, error.status(), error.code(), error.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not send the error answer (the response had begun): {}", e.toString());
            exchange.close();
        }
    }
}
