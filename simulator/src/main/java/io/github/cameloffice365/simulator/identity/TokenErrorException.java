package io.github.cameloffice365.simulator.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.Json;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An error answer of the token endpoint, in the identity platform's shape: {@code error},
 * {@code error_description} starting with {@code AADSTSnnnn:}, {@code error_codes}, timestamp and trace ids.
 */
public final class TokenErrorException extends Exception {

    private final int status;
    private final String error;
    private final int errorCode;

    /**
     * An error.
     *
     * @param status the HTTP status (400 or 401)
     * @param error the OAuth error, e.g. {@code invalid_client}
     * @param errorCode the AADSTS number
     * @param description the description, without the AADSTS prefix
     */
    public TokenErrorException(int status, String error, int errorCode, String description) {
        super("AADSTS" + errorCode + ": " + description);
        this.status = status;
        this.error = error;
        this.errorCode = errorCode;
    }

    /** 400 {@code invalid_request} for a missing parameter. */
    public static TokenErrorException missingParameter(String name) {
        return new TokenErrorException(400, "invalid_request", 900144,
                "The request body must contain the following parameter: '" + name + "'.");
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The OAuth error. */
    public String error() {
        return error;
    }

    /** The response body. */
    public ObjectNode body(String errorUriBase) {
        String traceId = UUID.randomUUID().toString();
        String correlationId = UUID.randomUUID().toString();
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", getMessage() + " Trace ID: " + traceId + " Correlation ID: " + correlationId
                + " Timestamp: " + timestamp);
        body.putArray("error_codes").add(errorCode);
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", errorUriBase + "/error?code=" + errorCode);
        return body;
    }
}
