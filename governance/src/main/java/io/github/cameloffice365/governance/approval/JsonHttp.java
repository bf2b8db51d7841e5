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

/** The few JSON GETs the approvers' API makes of the sign-in authority: its metadata and its keys. */
final class JsonHttp {

    /** No metadata document or key set the API reads comes near this size. */
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient client;
    private final ObjectMapper mapper;

    JsonHttp(HttpClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /**
     * GETs a JSON document, without credentials.
     *
     * @throws IOException when the answer is not 200, naming the URL, the status and the error the body gives
     */
    JsonNode get(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
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
            throw new IOException("GET " + uri + " answered " + response.statusCode() + " " + errorMessage(body));
        }
        return mapper.readTree(body);
    }

    /** The authority's error message from an error body, or the start of the body. */
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
}
