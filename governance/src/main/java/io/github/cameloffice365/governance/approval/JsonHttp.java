package io.github.cameloffice365.governance.approval;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The few JSON GETs the approvers' API makes: the authority's metadata and keys, and the approver group in Graph. */
final class JsonHttp {

    /** No metadata document, key set or Graph page the API reads comes near this size. */
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient client;
    private final ObjectMapper mapper;

    JsonHttp(HttpClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /**
     * GETs a JSON document.
     *
     * @param bearerToken a token for the Authorization header, or null; never part of an error message. The caller
     *                    sends a token only to the origin it belongs to: a URL read from an answer (a nextLink) is
     *                    checked against that origin first
     * @throws HttpStatusException when the answer is not 200
     */
    JsonNode get(URI uri, String bearerToken) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reading " + uri, e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException("The answer of " + uri + " is larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (response.statusCode() != 200) {
            throw new HttpStatusException(uri, response.statusCode(), errorMessage(body));
        }
        return mapper.readTree(body);
    }

    /** Graph's and the authority's error message from an error body, or the start of the body. */
    private String errorMessage(byte[] body) {
        try {
            JsonNode error = mapper.readTree(body);
            if (error != null && error.path("error").isObject()) {
                return error.path("error").path("code").asText() + ": " + error.path("error").path("message").asText();
            }
            if (error != null && error.hasNonNull("error_description")) {
                return error.path("error").asText() + ": " + error.path("error_description").asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String text = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
        return text.isBlank() ? "(no body)" : text;
    }

    /** A JSON GET answered with a status other than 200. */
    static final class HttpStatusException extends IOException {

        private final int status;

        HttpStatusException(URI uri, int status, String message) {
            super("GET " + uri + " answered " + status + " " + message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
