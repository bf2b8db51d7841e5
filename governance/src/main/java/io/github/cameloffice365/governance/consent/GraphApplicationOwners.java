package io.github.cameloffice365.governance.consent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owners of an application, read from Microsoft Graph with the application's own app-only token:
 * {@code GET /v1.0/applications(appId='{appId}')/owners?$select=id,userPrincipalName}, following every
 * {@code @odata.nextLink} on the Graph base URL. The application needs the Graph permission
 * {@code Application.Read.All}. The token is only ever sent to the Graph base URL: a next link elsewhere is refused.
 */
public class GraphApplicationOwners implements ApplicationOwners {

    private static final Logger LOG = LoggerFactory.getLogger(GraphApplicationOwners.class);

    /** An application has a handful of owners; a listing longer than this many pages is a fault. */
    private static final int MAX_PAGES = 50;
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern APP_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
                                                          + "-[0-9a-fA-F]{12}");
    private static final String USER_TYPE = "#microsoft.graph.user";

    private final URI graphOrigin;
    private final String graphBase;
    private final Supplier<String> graphToken;
    private final HttpClient client;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Owners read from Graph.
     *
     * @param graphBaseUrl Microsoft Graph's base URL, e.g. {@code https://graph.microsoft.com}; the only place the
     *                     token is sent to
     * @param graphToken   an app-only access token for Graph, allowed to read applications
     * @param sslContext   the TLS trust towards Graph
     * @throws IllegalArgumentException when the base URL is not an http(s) URL
     */
    public GraphApplicationOwners(String graphBaseUrl, Supplier<String> graphToken, SSLContext sslContext) {
        this.graphBase = trimSlash(Objects.requireNonNull(graphBaseUrl, "graphBaseUrl"));
        this.graphOrigin = URI.create(graphBase);
        if (graphOrigin.getScheme() == null || graphOrigin.getHost() == null
            || !graphOrigin.getScheme().toLowerCase(Locale.ROOT).matches("https?")) {
            throw new IllegalArgumentException("graphBaseUrl is '" + graphBaseUrl + "': expected an https URL such as"
                                               + " https://graph.microsoft.com");
        }
        this.graphToken = Objects.requireNonNull(graphToken, "graphToken");
        this.client = HttpClient.newBuilder().sslContext(Objects.requireNonNull(sslContext, "sslContext"))
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public List<ApplicationOwner> ownersOf(String appId) throws IOException {
        if (appId == null || !APP_ID.matcher(appId).matches()) {
            throw new IOException("'" + appId + "' is not an application (client) id; expected a GUID");
        }
        URI next = URI.create(graphBase + "/v1.0/applications(appId='" + appId + "')/owners?$select=id,"
                              + "userPrincipalName");
        String token = graphToken.get();
        List<ApplicationOwner> owners = new ArrayList<>();
        int pages = 0;
        while (next != null) {
            if (++pages > MAX_PAGES) {
                throw new IOException("Graph lists more than " + MAX_PAGES + " pages of owners of application "
                                      + appId + "; the listing is abandoned");
            }
            JsonNode page = get(next, token, appId);
            for (JsonNode owner : page.path("value")) {
                JsonNode type = owner.get("@odata.type");
                if (owner.hasNonNull("id") && (type == null || USER_TYPE.equals(type.asText()))) {
                    owners.add(new ApplicationOwner(owner.get("id").asText(),
                            owner.hasNonNull("userPrincipalName") ? owner.get("userPrincipalName").asText() : null));
                }
            }
            JsonNode nextLink = page.get("@odata.nextLink");
            next = nextLink == null || nextLink.isNull() ? null : onGraph(nextLink.asText(), appId);
        }
        LOG.debug("Application {} has {} owners who are users", appId, owners.size());
        return owners;
    }

    private JsonNode get(URI uri, String token, String appId) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reading the owners of application " + appId, e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException("Graph's answer listing the owners of application " + appId + " is larger than "
                                  + MAX_BODY_BYTES + " bytes");
        }
        if (response.statusCode() == 404) {
            throw new IOException("No application with the application (client) id " + appId + " is registered in"
                                  + " the tenant (Graph answered 404 " + graphError(body) + ")");
        }
        if (response.statusCode() != 200) {
            throw new IOException("Graph answered " + response.statusCode() + " " + graphError(body) + " when asked"
                                  + " for the owners of application " + appId + "; the application needs the Graph"
                                  + " permission Application.Read.All");
        }
        JsonNode page = mapper.readTree(body);
        if (page == null || !page.isObject()) {
            throw new IOException("Graph's answer listing the owners of application " + appId + " is not a JSON"
                                  + " object");
        }
        return page;
    }

    /** The next link as a URI, refused unless it is on the Graph base URL (scheme, host and port). */
    private URI onGraph(String nextLink, String appId) throws IOException {
        URI uri;
        try {
            uri = new URI(nextLink);
        } catch (URISyntaxException e) {
            throw new IOException("Graph's listing of the owners of application " + appId + " names a next page that"
                                  + " is not a URL", e);
        }
        if (!sameOrigin(uri, graphOrigin)) {
            throw new IOException("Graph's listing of the owners of application " + appId + " names a next page on"
                                  + " another origin than the Graph base URL " + graphBase + "; the application's"
                                  + " token is only sent to the Graph base URL, so the listing is abandoned");
        }
        return uri;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
               && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
               && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    /** Graph's error code and message, or the start of the body. */
    private String graphError(byte[] body) {
        try {
            JsonNode error = mapper.readTree(body);
            if (error != null && error.path("error").isObject()) {
                return error.path("error").path("code").asText() + ": " + error.path("error").path("message").asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        return text.isBlank() ? "(no body)" : text;
    }

    private static String trimSlash(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
