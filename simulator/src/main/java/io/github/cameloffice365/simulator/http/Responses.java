package io.github.cameloffice365.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes complete responses. Every body is sent with a {@code Content-Length}, never chunked, unless a handler
 * streams a large page through {@link SpillingResponseBody}.
 */
public final class Responses {

    /** The content type Graph gives its JSON responses. */
    public static final String GRAPH_JSON =
            "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
    /** The content type of the identity platform's JSON responses. */
    public static final String PLAIN_JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    /** Sends a Graph JSON body. */
    public static void sendGraphJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, GRAPH_JSON, toBytes(body));
    }

    /** Sends a plain JSON body (the token endpoint and the OpenID documents). */
    public static void sendPlainJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, PLAIN_JSON, toBytes(body));
    }

    /** Sends the bytes with their exact length; an empty body is sent without one. */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Serialises a JSON node to UTF-8. */
    public static byte[] toBytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
