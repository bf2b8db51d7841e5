package io.github.cameloffice365.governance.approval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.governance.consent.ConsentLedger;
import io.github.cameloffice365.governance.consent.GraphApplicationOwners;
import io.github.cameloffice365.graph.GraphClient;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * The approvers' REST API and page, as routes on {@code platform-http}:
 * <ul>
 * <li>{@code GET /api/consent/requests[?state=pending|approved|denied|expired]}: the requests, newest first</li>
 * <li>{@code GET /api/consent/requests/{id}}: one request with its audit trail</li>
 * <li>{@code POST /api/consent/requests/{id}/approve} and {@code .../deny} with {@code {"comment": "..."}}</li>
 * <li>{@code GET /api/consent/me}: the signed-in approver</li>
 * <li>{@code GET /api/consent/config}: what the page needs to sign in (public)</li>
 * <li>{@code GET /approvals} and {@code GET /approvals/assets/{name}}: the page</li>
 * </ul>
 * Every API call carries {@code Authorization: Bearer <access token>}. Nothing uses cookies, so there is no session a
 * third-party site could ride on (no CSRF surface); every answer carries a strict Content-Security-Policy.
 */
public class ApproversRoutes extends RouteBuilder {

    private static final String JSON = "application/json; charset=utf-8";
    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> ASSETS = Map.of(
            "approvals.js", "text/javascript; charset=utf-8",
            "approvals.css", "text/css; charset=utf-8");
    private static final String ASSET_FOLDER = "/io/github/cameloffice365/governance/approval/page/";
    /** A decision body is a short JSON object; anything larger is refused unread. */
    private static final int MAX_BODY_CHARS = 16 * 1024;
    /** The only headers the API reads from a request or writes to a response. */
    private static final Set<String> REQUEST_HEADERS = Set.of("authorization", "content-type");
    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "cache-control",
            "content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy",
            "cross-origin-opener-policy", "cross-origin-resource-policy", "www-authenticate", "location");

    private final ApproversConfiguration configuration;
    private final ApprovalApi api;
    private final OpenIdProvider provider;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * The routes over a ledger, reading the authority and Graph over the JVM's default TLS trust.
     *
     * @param configuration the approvers' settings; validated here
     * @param ledger        the consent ledger
     * @param graphToken    an app-only access token for Microsoft Graph, allowed to read group members and applications
     *                      (GroupMember.Read.All, Application.Read.All)
     */
    public ApproversRoutes(ApproversConfiguration configuration, ConsentLedger ledger, Supplier<String> graphToken) {
        this(configuration, ledger, graphToken, defaultSslContext(), Clock.systemUTC());
    }

    /**
     * The routes over a ledger, with the TLS trust used towards the authority and Graph and the clock that decides
     * token lifetimes and request expiry.
     */
    public ApproversRoutes(ApproversConfiguration configuration, ConsentLedger ledger, Supplier<String> graphToken,
            SSLContext sslContext, Clock clock) {
        Objects.requireNonNull(configuration, "configuration").validate();
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(graphToken, "graphToken");
        this.configuration = configuration;
        HttpClient client = HttpClient.newBuilder().sslContext(sslContext).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        JsonHttp http = new JsonHttp(client, mapper);
        this.provider = new OpenIdProvider(configuration.metadataUri(), configuration.getTenantId(), http, clock);
        AccessTokenValidator tokens = new AccessTokenValidator(provider, configuration, clock, mapper);
        // the supplier hands out the application's Graph tokens only: the scope the client asks for is Graph's
        GraphClient graph = GraphApplicationOwners.directoryClient(configuration.graphBase(), scope -> graphToken.get(),
                sslContext);
        ApproverGroupMembership membership = new ApproverGroupMembership(configuration, graph, clock);
        GraphApplicationOwners owners = new GraphApplicationOwners(graph);
        this.api = new ApprovalApi(tokens, membership, owners, ledger, clock, mapper);
    }

    @Override
    public void configure() {
        from(endpoint("/api/consent/requests", "GET")).routeId("approvers-list-requests")
                .process(exchange -> reply(exchange, api.list(authorization(exchange), query(exchange, "state"))));
        from(endpoint("/api/consent/requests/{id}", "GET")).routeId("approvers-get-request")
                .process(exchange -> reply(exchange, api.get(authorization(exchange), pathParameter(exchange, "id"))));
        from(endpoint("/api/consent/requests/{id}/approve", "POST")).routeId("approvers-approve-request")
                .process(exchange -> reply(exchange, withBody(exchange, body ->
                        api.approve(authorization(exchange), pathParameter(exchange, "id"), body))));
        from(endpoint("/api/consent/requests/{id}/deny", "POST")).routeId("approvers-deny-request")
                .process(exchange -> reply(exchange, withBody(exchange, body ->
                        api.deny(authorization(exchange), pathParameter(exchange, "id"), body))));
        from(endpoint("/api/consent/me", "GET")).routeId("approvers-me")
                .process(exchange -> reply(exchange, api.me(authorization(exchange))));
        from(endpoint("/api/consent/config", "GET")).routeId("approvers-page-config")
                .process(exchange -> reply(exchange, pageConfiguration()));
        from(endpoint("/approvals", "GET")).routeId("approvers-page")
                .process(exchange -> asset(exchange, "index.html", "text/html; charset=utf-8"));
        from(endpoint("/approvals/assets/{name}", "GET")).routeId("approvers-page-assets")
                .process(exchange -> {
                    String name = pathParameter(exchange, "name");
                    if (name != null && ASSETS.containsKey(name)) {
                        asset(exchange, name, ASSETS.get(name));
                    } else {
                        reply(exchange, ApiReply.error(404, "not_found", "No such file."));
                    }
                });
    }

    private PlatformHttpEndpoint endpoint(String path, String method) {
        PlatformHttpEndpoint endpoint = getContext().getEndpoint(
                "platform-http:" + path + "?httpMethodRestrict=" + method + "&muteException=true",
                PlatformHttpEndpoint.class);
        endpoint.setHeaderFilterStrategy(allowListed());
        return endpoint;
    }

    /** Only the headers the API knows pass in or out: a request header is never echoed back. */
    private static DefaultHeaderFilterStrategy allowListed() {
        DefaultHeaderFilterStrategy strategy = new DefaultHeaderFilterStrategy();
        strategy.setFilterOnMatch(false);
        strategy.setLowerCase(true);
        strategy.setInFilter(REQUEST_HEADERS);
        strategy.setOutFilter(RESPONSE_HEADERS);
        return strategy;
    }

    /** What the page needs to sign an approver in: the authority's endpoints, the client id and the scopes. */
    private ApiReply pageConfiguration() {
        try {
            OpenIdProvider.Metadata metadata = provider.metadata();
            ObjectNode body = mapper.createObjectNode();
            body.put("authorizationEndpoint", metadata.authorizationEndpoint().toString());
            body.put("tokenEndpoint", metadata.tokenEndpoint().toString());
            body.put("clientId", configuration.getClientId());
            body.put("tenantId", configuration.getTenantId());
            body.put("scope", "openid profile " + configuration.applicationIdUri() + "/" + configuration.getScope());
            return ApiReply.ok(body);
        } catch (IOException e) {
            log.warn("Cannot read the sign-in authority's metadata: {}. Check the option authority.", e.getMessage());
            return ApiReply.error(503, "authority_unavailable", "The sign-in authority cannot be reached.");
        }
    }

    private void reply(Exchange exchange, ApiReply reply) throws IOException {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        message.setHeader(Exchange.CONTENT_TYPE, JSON);
        message.setHeader("Cache-Control", "no-store");
        message.setHeader("Content-Security-Policy", API_POLICY);
        securityHeaders(message);
        reply.headers().forEach(message::setHeader);
        message.setBody(mapper.writeValueAsBytes(reply.body()));
    }

    private void asset(Exchange exchange, String name, String contentType) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader("Cache-Control", "no-cache");
        message.setHeader("Content-Security-Policy", pagePolicy());
        securityHeaders(message);
        message.setBody(readAsset(name));
    }

    /**
     * The page runs only its own script and style, talks only to this server and the authority's token endpoint,
     * and may not be framed.
     */
    private String pagePolicy() {
        String authority = "";
        try {
            URI token = provider.metadata().tokenEndpoint();
            authority = " " + token.getScheme() + "://" + token.getRawAuthority();
        } catch (IOException e) {
            log.debug("The page's policy names no authority: {}", e.getMessage());
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'"
               + authority + "; form-action 'self'" + authority + "; base-uri 'none'; frame-ancestors 'none'";
    }

    private static void securityHeaders(Message message) {
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("X-Frame-Options", "DENY");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        message.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    }

    private static byte[] readAsset(String name) {
        try (InputStream in = ApproversRoutes.class.getResourceAsStream(ASSET_FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("The approvals page's file " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String authorization(Exchange exchange) {
        Object value = exchange.getMessage().getHeader("Authorization");
        // a request with two Authorization headers is not trusted with either
        return value instanceof String text ? text : null;
    }

    private static ApiReply withBody(Exchange exchange, Function<String, ApiReply> action) {
        String body = exchange.getMessage().getBody(String.class);
        if (body != null && body.length() > MAX_BODY_CHARS) {
            return ApiReply.error(413, "body_too_large", "The body is larger than " + MAX_BODY_CHARS + " characters.");
        }
        return action.apply(body);
    }

    /**
     * A parameter of the route's path. Request headers and query parameters of the same name never reach the
     * exchange (only the allow-listed headers do), so the value is the path's own.
     */
    private static String pathParameter(Exchange exchange, String name) {
        Object value = exchange.getMessage().getHeader(name);
        return value instanceof String text ? text : null;
    }

    /** A query parameter, decoded; null when absent. */
    private static String query(Exchange exchange, String name) {
        String query = exchange.getMessage().getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static SSLContext defaultSslContext() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no default TLS context", e);
        }
    }
}
