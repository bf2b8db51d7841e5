package io.github.cameloffice365.governance.policy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cameloffice365.graph.AccessTokenSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few Azure Resource Manager calls of the policy check, over the JDK HTTP client with an app-only token. The
 * token is only ever sent to the configured base URL: a {@code nextLink} elsewhere is refused. Throttling (429) and
 * server errors (500, 502, 503, 504) are retried a few times, honouring {@code Retry-After} up to a cap.
 */
public final class ArmClient {

    /** Azure Resource Manager of the public cloud. */
    public static final String DEFAULT_BASE_URL = "https://management.azure.com";
    /** The token scope of Azure Resource Manager. */
    public static final String DEFAULT_SCOPE = "https://management.azure.com/.default";

    private static final Logger LOG = LoggerFactory.getLogger(ArmClient.class);
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(10);

    private final URI baseUrl;
    private final String scope;
    private final AccessTokenSource tokens;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param baseUrl    Resource Manager's base URL, e.g. {@value #DEFAULT_BASE_URL}
     * @param scope      the token scope, e.g. {@value #DEFAULT_SCOPE}
     * @param tokens     where tokens come from
     * @param sslContext the TLS configuration, or null for the JVM's default
     * @param timeout    the connect and request timeout
     */
    public ArmClient(String baseUrl, String scope, AccessTokenSource tokens, SSLContext sslContext, Duration timeout) {
        this.baseUrl = URI.create(stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl")));
        this.scope = Objects.requireNonNull(scope, "scope");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
    }

    /** The base URL calls go to. */
    public String baseUrl() {
        return baseUrl.toString();
    }

    /** GETs a path (with its query) under the base URL, or an absolute URL on the same host (a nextLink). */
    public JsonNode get(String pathOrUrl) throws IOException, InterruptedException {
        return send("GET", resolve(pathOrUrl), null);
    }

    /** POSTs a JSON body (or none) to a path under the base URL. */
    public JsonNode post(String path, String body) throws IOException, InterruptedException {
        return send("POST", resolve(path), body);
    }

    private JsonNode send(String method, URI url, String body) throws IOException, InterruptedException {
        for (int attempt = 1;; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Authorization", "Bearer " + tokens.accessToken(scope))
                    .header("Accept", "application/json");
            if ("POST".equals(method)) {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
            } else {
                request.GET();
            }

            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new ArmRequestException(method + " " + url + " failed after " + attempt + " attempts: "
                                                  + e.getMessage(), 0, null, e);
                }
                pause(method, url, attempt, null, e.getMessage());
                continue;
            }

            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                LOG.trace("{} {} -> {}", method, url, status);
                return response.body() == null || response.body().isBlank()
                        ? json.createObjectNode() : json.readTree(response.body());
            }
            if (isRetriable(status) && attempt < MAX_ATTEMPTS) {
                pause(method, url, attempt, response.headers().firstValue("Retry-After").orElse(null),
                        "HTTP " + status);
                continue;
            }
            throw failure(method, url, response, attempt);
        }
    }

    private ArmRequestException failure(String method, URI url, HttpResponse<String> response, int attempts) {
        String code = null;
        String message = null;
        try {
            JsonNode error = json.readTree(response.body()).path("error");
            code = error.path("code").asText(null);
            message = error.path("message").asText(null);
        } catch (IOException | RuntimeException e) {
            message = null;
        }
        return new ArmRequestException(method + " " + url + " failed: " + response.statusCode()
                                       + (code == null ? "" : " " + code)
                                       + (message == null ? "" : " (Resource Manager: " + message + ")")
                                       + (attempts > 1 ? " after " + attempts + " attempts" : ""),
                response.statusCode(), code, null);
    }

    /** Waits before another attempt: the server's Retry-After when it gave one, else a short backoff. */
    private static void pause(String method, URI url, int attempt, String retryAfter, String why)
            throws InterruptedException {
        Duration delay = Duration.ofMillis(500L << (attempt - 1));
        if (retryAfter != null && retryAfter.strip().matches("\\d{1,6}")) {
            delay = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
        }
        if (delay.compareTo(MAX_RETRY_DELAY) > 0) {
            delay = MAX_RETRY_DELAY;
        }
        LOG.debug("{} {} failed ({}), attempt {} of {}; retrying in {}", method, url, why, attempt, MAX_ATTEMPTS, delay);
        Thread.sleep(delay.toMillis());
    }

    private static boolean isRetriable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    private URI resolve(String pathOrUrl) {
        if (pathOrUrl.startsWith("/")) {
            return URI.create(baseUrl + pathOrUrl);
        }
        URI absolute = URI.create(pathOrUrl);
        if (!sameOrigin(absolute, baseUrl)) {
            throw new IllegalArgumentException("Refusing to send the Resource Manager token to " + absolute.getScheme()
                                               + "://" + absolute.getAuthority() + ": only " + baseUrl + " is called");
        }
        return absolute;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
               && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
               && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
