package io.github.cameloffice365.governance.consent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cameloffice365.graph.AccessTokenSource;
import io.github.cameloffice365.graph.GraphClient;
import io.github.cameloffice365.graph.GraphClientSettings;
import io.github.cameloffice365.graph.GraphRequest;
import io.github.cameloffice365.graph.GraphRequestException;
import io.github.cameloffice365.graph.GraphUrl;
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
    private static final Pattern APP_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
                                                          + "-[0-9a-fA-F]{12}");
    private static final String USER_TYPE = "#microsoft.graph.user";

    private final GraphClient graph;

    /**
     * Owners read from Graph through a client of its own, built with {@link #directoryClient}.
     *
     * @param graphBaseUrl Microsoft Graph's base URL, e.g. {@code https://graph.microsoft.com}; the only place the
     *                     token is sent to
     * @param graphTokens  app-only access tokens for Graph, allowed to read applications
     * @param sslContext   the TLS trust towards Graph
     * @throws IllegalArgumentException when the base URL is not an http(s) URL without a path
     */
    public GraphApplicationOwners(String graphBaseUrl, AccessTokenSource graphTokens, SSLContext sslContext) {
        this(directoryClient(graphBaseUrl, graphTokens, sslContext));
    }

    /**
     * Owners read from Graph through the given client.
     *
     * @param graph a client on the Graph base URL whose token may read applications
     */
    public GraphApplicationOwners(GraphClient graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    /**
     * A Graph client for the few directory reads an approver or a run start waits for: short timeouts and few,
     * short retries, so that an unreachable directory is told quickly rather than waited out.
     *
     * @param graphBaseUrl Microsoft Graph's base URL, e.g. {@code https://graph.microsoft.com}; the only place the
     *                     token is sent to
     * @param graphTokens  app-only access tokens for Graph
     * @param sslContext   the TLS trust towards Graph
     * @throws IllegalArgumentException when the base URL is not an http(s) URL without a path
     */
    public static GraphClient directoryClient(String graphBaseUrl, AccessTokenSource graphTokens,
            SSLContext sslContext) {
        GraphClientSettings settings = GraphClientSettings.builder()
                .graphBaseUrl(Objects.requireNonNull(graphBaseUrl, "graphBaseUrl"))
                .sslContext(Objects.requireNonNull(sslContext, "sslContext"))
                .connectTimeout(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(20))
                .maxRetries(2)
                .retryBaseDelay(Duration.ofMillis(500))
                .retryMaxDelay(Duration.ofSeconds(2))
                .build();
        return new GraphClient(settings, Objects.requireNonNull(graphTokens, "graphTokens"));
    }

    @Override
    public List<ApplicationOwner> ownersOf(String appId) throws IOException {
        if (appId == null || !APP_ID.matcher(appId).matches()) {
            throw new IOException("'" + appId + "' is not an application (client) id; expected a GUID");
        }
        String url = GraphUrl.of(graph.settings().graphBaseUrl()).path("v1.0/applications(appId='" + appId + "')")
                .path("owners").query("$select", "id,userPrincipalName").build();
        List<ApplicationOwner> owners = new ArrayList<>();
        try {
            graph.forEachItem(GraphRequest.directory(url), MAX_PAGES, owner -> {
                JsonNode type = owner.get("@odata.type");
                if (owner.hasNonNull("id") && (type == null || USER_TYPE.equals(type.asText()))) {
                    owners.add(new ApplicationOwner(owner.get("id").asText(),
                            owner.hasNonNull("userPrincipalName") ? owner.get("userPrincipalName").asText() : null));
                }
            });
        } catch (GraphRequestException e) {
            if (e.isNotFound()) {
                throw new IOException("No application with the application (client) id " + appId + " is registered"
                                      + " in the tenant (" + e.getMessage() + ")", e);
            }
            if (e.status() != GraphRequestException.NO_RESPONSE) {
                throw new IOException("Cannot read the owners of application " + appId + ": "
                                      + e.getMessage() + "; the application needs the Graph permission"
                                      + " Application.Read.All", e);
            }
            throw e;
        }
        LOG.debug("Application {} has {} owners who are users", appId, owners.size());
        return owners;
    }
}
