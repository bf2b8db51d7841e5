package io.github.cameloffice365.governance.approval;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One answer of the approvers' API: a status, a JSON body and any extra response headers.
 *
 * @param status  the HTTP status
 * @param body    the JSON body
 * @param headers extra headers (for example {@code WWW-Authenticate})
 */
public record ApiReply(int status, JsonNode body, Map<String, String> headers) {

    public ApiReply {
        headers = Map.copyOf(headers);
    }

    static ApiReply ok(JsonNode body) {
        return new ApiReply(200, body, Map.of());
    }

    /** An error answer: {@code {"error": code, "message": message}}. */
    static ApiReply error(int status, String code, String message) {
        return error(status, code, message, Map.of());
    }

    static ApiReply error(int status, String code, String message, Map<String, String> headers) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", code);
        body.put("message", message);
        return new ApiReply(status, body, headers);
    }
}
