package io.github.cameloffice365.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cameloffice365.simulator.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small test client: GETs from the simulator over its trusted TLS, with or without a token.
 */
final class GraphClient {

    private final GraphSimulator simulator;
    private final HttpClient http;

    GraphClient(GraphSimulator simulator) {
        this.simulator = simulator;
        this.http = HttpClient.newBuilder().sslContext(simulator.sslContext()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** GET with a valid Graph token; the path is relative to the base URL, or an absolute URL. */
    HttpResponse<String> get(String pathOrUrl, String... headers) {
        return send(pathOrUrl, simulator.accessToken(), headers);
    }

    /** GET with this token ({@code null}: no Authorization header). */
    HttpResponse<String> send(String pathOrUrl, String token, String... headers) {
        String url = pathOrUrl.startsWith("https://") ? pathOrUrl : simulator.baseUrl() + pathOrUrl;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST a form (the token endpoint). */
    HttpResponse<String> postForm(String path, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }
}
