package io.github.cameloffice365.governance.approval;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo tenant's unattended approver: a member of the approver group who signs in with the password grant and
 * approves every pending request through the approvers' REST API, exactly as a person on the page would. It exists so
 * that the one-command demo completes without anyone at the keyboard; a real tenant never runs it.
 */
public class DemoApprover {

    private static final Logger LOG = LoggerFactory.getLogger(DemoApprover.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    /** A token is renewed this long before it expires. */
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(2);

    private final ApproversConfiguration configuration;
    private final String username;
    private final String password;
    private final URI apiBaseUrl;
    private final HttpClient client;
    private final OpenIdProvider provider;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<String> refusedRequests = new HashSet<>();

    private String accessToken;
    private Instant tokenExpiresAt = Instant.MIN;

    /**
     * A demo approver.
     *
     * @param configuration the approvers' settings (authority, tenant, client id, scope)
     * @param username      the demo approver's sign-in name
     * @param password      the demo approver's password; never logged
     * @param apiBaseUrl    where the approvers' API listens, for example {@code http://127.0.0.1:8080}
     * @param sslContext    the TLS trust towards the authority (and the API when it is https)
     */
    public DemoApprover(ApproversConfiguration configuration, String username, String password, URI apiBaseUrl,
            SSLContext sslContext) {
        this(configuration, username, password, apiBaseUrl, sslContext, Clock.systemUTC());
    }

    DemoApprover(ApproversConfiguration configuration, String username, String password, URI apiBaseUrl,
            SSLContext sslContext, Clock clock) {
        Objects.requireNonNull(configuration, "configuration").validate();
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("The demo approver's username is missing; give the sign-in name of a"
                    + " member of the approver group");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("The demo approver's password is missing");
        }
        this.configuration = configuration;
        this.username = username;
        this.password = password;
        this.apiBaseUrl = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        this.clock = clock;
        this.client = HttpClient.newBuilder().sslContext(sslContext).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.provider = new OpenIdProvider(configuration.metadataUri(), configuration.getTenantId(),
                new JsonHttp(client, mapper), clock);
    }

    /**
     * Approves every pending request, except those it filed itself (the API refuses those, and it does not ask twice).
     *
     * @return the ids of the requests it approved
     * @throws IOException when the authority or the API cannot be reached or refuse the demo approver
     */
    public synchronized List<String> approvePending() throws IOException {
        JsonNode pending = send(HttpRequest.newBuilder(apiBaseUrl.resolve("/api/consent/requests?state=pending"))
                .GET(), 200);
        List<String> approved = new ArrayList<>();
        for (JsonNode request : pending.path("value")) {
            String id = request.path("id").asText();
            if (refusedRequests.contains(id)) {
                continue;
            }
            String table = request.path("context").path("table").asText();
            String body = mapper.writeValueAsString(Map.of("comment", "Approved by the demo approver"));
            HttpRequest.Builder approve = HttpRequest.newBuilder(apiBaseUrl.resolve(
                            "/api/consent/requests/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/approve"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            try {
                JsonNode decided = send(approve, 200);
                LOG.info("approved request {} for {} as {}", id, table, decided.path("decidedBy").asText(username));
                approved.add(id);
            } catch (RefusedException e) {
                refusedRequests.add(id);
                LOG.warn("The approvers' API refused the demo approver's approval of request {} for {}: {}. Another"
                        + " member of the approver group must decide it.", id, table, e.getMessage());
            }
        }
        return approved;
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws IOException {
        request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken());
        HttpResponse<String> response = exchange(request.build());
        JsonNode body = mapper.readTree(response.body().isEmpty() ? "{}" : response.body());
        if (response.statusCode() == 409) {
            throw new RefusedException(body.path("message").asText());
        }
        if (response.statusCode() != expectedStatus) {
            throw new IOException("The approvers' API answered " + response.statusCode() + " to "
                    + response.request().method() + " " + response.request().uri() + ": "
                    + body.path("message").asText(response.body()));
        }
        return body;
    }

    /** The demo approver's access token for the approvers' API, signing in again shortly before it expires. */
    private String accessToken() throws IOException {
        Instant now = clock.instant();
        if (accessToken != null && tokenExpiresAt.minus(TOKEN_MARGIN).isAfter(now)) {
            return accessToken;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", configuration.getClientId());
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid profile " + configuration.applicationIdUri() + "/" + configuration.getScope());
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI tokenEndpoint = provider.metadata().tokenEndpoint();
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(tokenEndpoint).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        JsonNode answer = mapper.readTree(response.body().isEmpty() ? "{}" : response.body());
        if (response.statusCode() != 200 || !answer.hasNonNull("access_token")) {
            throw new IOException("The demo approver " + username + " cannot sign in at " + tokenEndpoint + ": "
                    + answer.path("error").asText("status " + response.statusCode()) + " "
                    + answer.path("error_description").asText(""));
        }
        accessToken = answer.get("access_token").asText();
        tokenExpiresAt = now.plusSeconds(answer.path("expires_in").asLong(3600));
        LOG.debug("The demo approver {} signed in", username);
        return accessToken;
    }

    private HttpResponse<String> exchange(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling " + request.uri(), e);
        }
    }

    @Override
    public String toString() {
        return "DemoApprover[" + username + " at " + apiBaseUrl + "]";
    }

    /** The API refused a decision (409): self-approval, or the request was decided meanwhile. */
    private static final class RefusedException extends IOException {

        RefusedException(String message) {
            super(message);
        }
    }
}
