package io.github.cameloffice365.simulator.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.cameloffice365.simulator.http.GraphException;
import io.github.cameloffice365.simulator.http.UrlCodec;
import io.github.cameloffice365.simulator.identity.InvalidTokenException;
import io.github.cameloffice365.simulator.identity.TokenIssuer;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantUser;

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every {@code /v1.0} request passes before it is served: a valid Bearer token of this tenant for the Graph
 * audience (else 401 {@code InvalidAuthenticationToken}), then Outlook's throttle for mailbox calls.
 */
public final class GraphGate {

    /** The audiences a Graph token may carry. */
    public static final Set<String> GRAPH_AUDIENCES = Set.of("https://graph.microsoft.com",
            "https://graph.microsoft.com/", "00000003-0000-0000-c000-000000000000");
    private static final Set<String> MAILBOX_RESOURCES = Set.of("messages", "mailfolders", "events", "calendarview",
            "calendar", "calendars", "contacts", "contactfolders", "mailboxsettings");

    private final Tenant tenant;
    private final TokenIssuer issuer;
    private final MailboxThrottle throttle;
    private final Supplier<String> ownBaseUrl;

    /**
     * A gate for this tenant. Besides Graph's own audiences it accepts the simulator's base URL, which is what a client
     * derives its token scope from when it is pointed at the simulator ({@code <base>/.default}).
     */
    public GraphGate(Tenant tenant, TokenIssuer issuer, MailboxThrottle throttle, Supplier<String> ownBaseUrl) {
        this.tenant = tenant;
        this.issuer = issuer;
        this.throttle = throttle;
        this.ownBaseUrl = ownBaseUrl;
    }

    /** Checks the request's token and takes a throttle permit; a GraphException answers the request instead. */
    public MailboxThrottle.Permit admit(HttpExchange exchange) {
        ObjectNode claims = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        String mailbox = mailboxOf(UrlCodec.decodePath(exchange.getRequestURI().getRawPath()));
        if (mailbox == null) {
            return () -> { };
        }
        return throttle.acquire(claims.path("appid").asText(claims.path("azp").asText("")), mailbox);
    }

    private ObjectNode authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            throw unauthorized("Access token is empty.");
        }
        ObjectNode claims;
        try {
            claims = issuer.verify(authorization.substring(7).trim()).claims();
        } catch (InvalidTokenException e) {
            throw unauthorized(switch (e.reason()) {
                case EXPIRED -> "Lifetime validation failed, the token is expired.";
                case NOT_YET_VALID -> "Lifetime validation failed, the token is not yet valid.";
                case MALFORMED -> "IDX14100: JWT is not well formed.";
                case BAD_SIGNATURE -> "Access token validation failure. Invalid signature.";
            });
        }
        if (!isGraphAudience(claims.path("aud").asText())) {
            throw unauthorized("Access token validation failure. Invalid audience.");
        }
        if (!tenant.tenantId().equalsIgnoreCase(claims.path("tid").asText())) {
            throw unauthorized("Access token validation failure. The token was issued for another tenant.");
        }
        return claims;
    }

    private boolean isGraphAudience(String audience) {
        String own = ownBaseUrl.get();
        return GRAPH_AUDIENCES.contains(audience) || audience.equals(own) || audience.equals(own + "/");
    }

    /** The mailbox a decoded path reads (the user id when known), or {@code null} for directory calls. */
    private String mailboxOf(String path) {
        String[] segments = path.split("/");
        if (segments.length < 5 || !segments[2].equalsIgnoreCase("users")
                || !MAILBOX_RESOURCES.contains(segments[4].toLowerCase(Locale.ROOT))) {
            return null;
        }
        return tenant.user(segments[3]).map(TenantUser::id).orElse(segments[3].toLowerCase(Locale.ROOT));
    }

    private static GraphException unauthorized(String message) {
        return new GraphException(401, "InvalidAuthenticationToken", message).withHeader("WWW-Authenticate",
                "Bearer realm=\"\", client_id=\"00000003-0000-0000-c000-000000000000\"");
    }
}
