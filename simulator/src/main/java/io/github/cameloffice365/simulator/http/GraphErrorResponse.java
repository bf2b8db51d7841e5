package io.github.cameloffice365.simulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Graph's error shape: {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}}.
 */
public final class GraphErrorResponse {

    private static final DateTimeFormatter INNER_ERROR_DATE = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private GraphErrorResponse() {
    }

    /** The error body for this exchange. */
    public static ObjectNode body(HttpExchange exchange, String code, String message) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(INNER_ERROR_DATE));
        inner.put("request-id", RequestIds.requestId(exchange));
        inner.put("client-request-id", RequestIds.clientRequestId(exchange));
        return root;
    }

    /** Sends the error with a {@code Content-Length}. */
    public static void send(HttpExchange exchange, int status, String code, String message) throws IOException {
        Responses.sendGraphJson(exchange, status, body(exchange, code, message));
    }

    /** The error code Graph commonly uses for a bare status, for faults that do not name one. */
    public static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "InvalidAuthenticationToken";
            case 403 -> "Forbidden";
            case 404 -> "ResourceNotFound";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalServerError";
            case 502 -> "BadGateway";
            case 503 -> "ServiceUnavailable";
            case 504 -> "GatewayTimeout";
            default -> "UnknownError";
        };
    }
}
