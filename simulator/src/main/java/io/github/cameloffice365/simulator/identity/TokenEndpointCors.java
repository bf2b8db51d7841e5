package io.github.cameloffice365.simulator.identity;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.cameloffice365.simulator.http.Responses;
import io.github.cameloffice365.simulator.tenant.Tenant;

/**
 * Lets a single-page application redeem its authorization code from the browser: the token endpoint answers
 * cross-origin requests from the origin of a redirect URI registered for one of the tenant's public clients (as the
 * identity platform does for redirect URIs of the single-page application platform), and no other origin.
 */
public final class TokenEndpointCors implements HttpHandler {

    private final Tenant tenant;
    private final HttpHandler tokenEndpoint;

    /** Wraps the tenant's token endpoint. */
    public TokenEndpointCors(Tenant tenant, HttpHandler tokenEndpoint) {
        this.tenant = tenant;
        this.tokenEndpoint = tokenEndpoint;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        boolean allowed = origin != null && RedirectUris.isRegisteredOrigin(tenant.applications().stream()
                .filter(application -> application.isPublicClient()).toList(), origin);
        if (allowed) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            exchange.getResponseHeaders().add("Vary", "Origin");
        }
        if (exchange.getRequestMethod().equals("OPTIONS")) {
            if (allowed) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
                exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
            }
            Responses.send(exchange, allowed ? 204 : 403, null, new byte[0]);
            return;
        }
        tokenEndpoint.handle(exchange);
    }
}
