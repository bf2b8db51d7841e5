package io.github.cameloffice365.simulator.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.http.Responses;
import io.github.cameloffice365.simulator.http.UrlCodec;
import io.github.cameloffice365.simulator.tenant.Tenant;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The identity platform's endpoints of one tenant (named by id or default domain):
 * {@code POST /{tenant}/oauth2/v2.0/token}, {@code GET /{tenant}/v2.0/.well-known/openid-configuration} and
 * {@code GET /{tenant}/discovery/v2.0/keys}. The token endpoint hands each request to the handler of its
 * {@code grant_type}.
 */
public final class IdentityHandler implements HttpHandler {

    private final Tenant tenant;
    private final Supplier<String> baseUrl;
    private final GrantTypeRegistry grantTypes;
    private final TokenIssuer issuer;

    /** The endpoints of this tenant; the base URL is read when a request comes (the port is known by then). */
    public IdentityHandler(Tenant tenant, Supplier<String> baseUrl, GrantTypeRegistry grantTypes, TokenIssuer issuer) {
        this.tenant = tenant;
        this.baseUrl = baseUrl;
        this.grantTypes = grantTypes;
        this.issuer = issuer;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = UrlCodec.decodePath(exchange.getRequestURI().getRawPath());
        String[] segments = path.substring(1).split("/", 2);
        String tenantName = segments[0];
        String rest = segments.length > 1 ? "/" + segments[1] : "";
        if (!isThisTenant(tenantName)) {
            sendError(exchange, new TokenErrorException(400, "invalid_request", 90002, "Tenant '" + tenantName
                    + "' not found. Check to make sure you have the correct tenant ID and are signing into the "
                    + "correct cloud."));
            return;
        }
        String method = exchange.getRequestMethod();
        switch (rest) {
            case "/oauth2/v2.0/token" -> {
                if (method.equals("POST")) {
                    token(exchange);
                } else {
                    Responses.send(exchange, 405, null, new byte[0]);
                }
            }
            case "/v2.0/.well-known/openid-configuration", "/.well-known/openid-configuration" ->
                    Responses.sendPlainJson(exchange, 200, openIdConfiguration());
            case "/discovery/v2.0/keys", "/discovery/keys" -> Responses.sendPlainJson(exchange, 200, issuer.jwks());
            default -> Responses.send(exchange, 404, null, new byte[0]);
        }
    }

    private boolean isThisTenant(String name) {
        return name.equalsIgnoreCase(tenant.tenantId()) || name.equalsIgnoreCase(tenant.defaultDomain());
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = formParameters(exchange);
        String grantType = parameters.get("grant_type");
        String endpoint = baseUrl.get() + exchange.getRequestURI().getRawPath();
        try {
            if (grantType == null || grantType.isEmpty()) {
                throw TokenErrorException.missingParameter("grant_type");
            }
            GrantHandler handler = grantTypes.find(grantType).orElseThrow(() -> new TokenErrorException(400,
                    "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + grantType
                            + "'."));
            ObjectNode response = handler.grant(new TokenRequest(tenant, parameters, endpoint, baseUrl.get()));
            exchange.getResponseHeaders().set("Cache-Control", "no-store, no-cache");
            Responses.sendPlainJson(exchange, 200, response);
        } catch (TokenErrorException e) {
            sendError(exchange, e);
        }
    }

    private void sendError(HttpExchange exchange, TokenErrorException error) throws IOException {
        Responses.sendPlainJson(exchange, error.status(), error.body(baseUrl.get()));
    }

    private static Map<String, String> formParameters(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        UrlCodec.parseQuery(body).forEach(entry -> parameters.putIfAbsent(entry.getKey(), entry.getValue()));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                parameters.putIfAbsent("client_id", UrlCodec.decodeQueryComponent(decoded.substring(0, colon)));
                parameters.putIfAbsent("client_secret", UrlCodec.decodeQueryComponent(decoded.substring(colon + 1)));
            }
        }
        return parameters;
    }

    private ObjectNode openIdConfiguration() {
        String tenantBase = baseUrl.get() + "/" + tenant.tenantId();
        ObjectNode document = Json.object();
        document.put("token_endpoint", tenantBase + "/oauth2/v2.0/token");
        strings(document.putArray("token_endpoint_auth_methods_supported"), "client_secret_post", "private_key_jwt",
                "client_secret_basic");
        document.put("jwks_uri", tenantBase + "/discovery/v2.0/keys");
        strings(document.putArray("response_modes_supported"), "query", "fragment", "form_post");
        strings(document.putArray("subject_types_supported"), "pairwise");
        strings(document.putArray("id_token_signing_alg_values_supported"), "RS256");
        strings(document.putArray("response_types_supported"), "code", "id_token", "code id_token",
                "id_token token");
        strings(document.putArray("scopes_supported"), "openid", "profile", "email", "offline_access");
        document.put("issuer", tenantBase + "/v2.0");
        document.put("request_uri_parameter_supported", false);
        document.put("authorization_endpoint", tenantBase + "/oauth2/v2.0/authorize");
        document.put("end_session_endpoint", tenantBase + "/oauth2/v2.0/logout");
        strings(document.putArray("grant_types_supported"), grantTypes.grantTypes().toArray(new String[0]));
        document.put("tenant_region_scope", tenant.officeRegion());
        document.put("cloud_instance_name", "simulator.invalid");
        return document;
    }

    private static void strings(ArrayNode array, String... values) {
        for (String value : values) {
            array.add(value);
        }
    }
}
