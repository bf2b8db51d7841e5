package io.github.cameloffice365.simulator.http;

import com.sun.net.httpserver.HttpExchange;

import java.util.UUID;

/**
 * Gives every exchange Graph's correlation headers: a fresh {@code request-id}, and {@code client-request-id}
 * echoing the caller's value (or the request id when the caller sent none).
 */
public final class RequestIds {

    private static final String REQUEST_ID = "simulator.request-id";
    private static final String CLIENT_REQUEST_ID = "simulator.client-request-id";

    private RequestIds() {
    }

    /** Assigns the ids to the exchange and sets them as response headers. */
    public static void assign(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        String clientRequestId = exchange.getRequestHeaders().getFirst("client-request-id");
        if (clientRequestId == null || clientRequestId.isBlank()) {
            clientRequestId = requestId;
        }
        exchange.setAttribute(REQUEST_ID, requestId);
        exchange.setAttribute(CLIENT_REQUEST_ID, clientRequestId);
        exchange.getResponseHeaders().set("request-id", requestId);
        exchange.getResponseHeaders().set("client-request-id", clientRequestId);
        exchange.getResponseHeaders().set("x-ms-ags-diagnostic",
                "{\"ServerInfo\":{\"DataCenter\":\"Loopback\",\"Slice\":\"E\",\"Ring\":\"0\",\"ScaleUnit\":\"000\"}}");
    }

    /** The request id given to this exchange. */
    public static String requestId(HttpExchange exchange) {
        Object id = exchange.getAttribute(REQUEST_ID);
        return id == null ? "" : id.toString();
    }

    /** The client request id of this exchange. */
    public static String clientRequestId(HttpExchange exchange) {
        Object id = exchange.getAttribute(CLIENT_REQUEST_ID);
        return id == null ? "" : id.toString();
    }
}
