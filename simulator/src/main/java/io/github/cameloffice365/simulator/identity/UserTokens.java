package io.github.cameloffice365.simulator.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantUser;

/**
 * The token response of a user's sign-in (authorization code or password grant): an access token with the user's
 * delegated scopes for one resource, and an ID token when {@code openid} is asked for. Tokens for an API of the tenant
 * ({@code api://<clientId>/<scope>} or {@code <clientId>/<scope>}) are version 2.0 (issuer
 * {@code <base>/<tenantId>/v2.0}, audience the API's client id); tokens for Microsoft Graph are version 1.0, as Entra
 * ID issues them.
 */
public final class UserTokens {

    /** Microsoft Graph, the resource of scopes without a resource prefix. */
    static final String GRAPH = "https://graph.microsoft.com";
    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access", "email");

    private final TokenIssuer issuer;
    private final Duration lifetime;

    /** User tokens of this lifetime, signed by the simulator's issuer. */
    public UserTokens(TokenIssuer issuer, Duration lifetime) {
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    /** The version 2.0 issuer of a tenant, as its OpenID Connect metadata names it. */
    public static String issuerV2(String baseUrl, String tenantId) {
        return baseUrl + "/" + tenantId + "/v2.0";
    }

    /**
     * The token response for a user signed in to a client application.
     *
     * @param baseUrl the simulator's base URL
     * @param scope   the space-separated scopes asked for
     * @param nonce   the nonce of the sign-in, for the ID token, or null
     */
    public ObjectNode respond(String baseUrl, Tenant tenant, TenantApplication client, TenantUser user, String scope,
            String nonce) throws TokenErrorException {
        Requested requested = requested(tenant, scope);
        long now = issuer.clock().instant().getEpochSecond();
        ObjectNode access = Json.object();
        boolean ownApi = !requested.resource().equals(GRAPH);
        access.put("aud", ownApi ? requested.resource() : GRAPH);
        access.put("iss", ownApi ? issuerV2(baseUrl, tenant.tenantId()) : TokenIssuer.accessTokenIssuer(tenant.tenantId()));
        access.put("iat", now);
        access.put("nbf", now);
        access.put("exp", now + lifetime.toSeconds());
        access.put("aio", UUID.randomUUID().toString());
        access.put("azp", client.clientId());
        access.put("appid", client.clientId());
        access.put("azpacr", "0");
        access.put("name", displayName(user));
        access.put("oid", user.id());
        access.put("preferred_username", user.userPrincipalName());
        access.put("upn", user.userPrincipalName());
        access.put("scp", String.join(" ", requested.permissions()));
        access.put("sub", subject(user, client));
        access.put("tid", tenant.tenantId());
        access.put("uti", UUID.randomUUID().toString().replace("-", ""));
        access.put("ver", ownApi ? "2.0" : "1.0");

        ObjectNode response = Json.object();
        response.put("token_type", "Bearer");
        response.put("scope", String.join(" ", requested.granted()));
        response.put("expires_in", lifetime.toSeconds());
        response.put("ext_expires_in", lifetime.toSeconds());
        response.put("access_token", issuer.mint(access));
        if (requested.openId()) {
            response.put("id_token", issuer.mint(idToken(baseUrl, tenant, client, user, nonce, now)));
        }
        return response;
    }

    private ObjectNode idToken(String baseUrl, Tenant tenant, TenantApplication client, TenantUser user, String nonce,
            long now) {
        ObjectNode claims = Json.object();
        claims.put("aud", client.clientId());
        claims.put("iss", issuerV2(baseUrl, tenant.tenantId()));
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + lifetime.toSeconds());
        claims.put("name", displayName(user));
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        claims.put("oid", user.id());
        claims.put("preferred_username", user.userPrincipalName());
        claims.put("sub", subject(user, client));
        claims.put("tid", tenant.tenantId());
        claims.put("ver", "2.0");
        return claims;
    }

    /** The scopes asked for, split into OpenID Connect scopes and the delegated permissions of one resource. */
    private record Requested(boolean openId, String resource, List<String> permissions, List<String> granted) {
    }

    private static Requested requested(Tenant tenant, String scope) throws TokenErrorException {
        boolean openId = false;
        Set<String> resources = new LinkedHashSet<>();
        List<String> permissions = new ArrayList<>();
        List<String> granted = new ArrayList<>();
        for (String item : scope == null ? new String[0] : scope.trim().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            if (OIDC_SCOPES.contains(item)) {
                openId |= item.equals("openid");
                granted.add(item);
                continue;
            }
            int slash = item.lastIndexOf('/');
            String resource = slash < 0 ? GRAPH : item.substring(0, slash);
            String permission = slash < 0 ? item : item.substring(slash + 1);
            resources.add(resourceId(tenant, resource));
            if (!permission.equals(".default")) {
                permissions.add(permission);
            }
            granted.add(item);
        }
        if (resources.size() > 1) {
            throw new TokenErrorException(400, "invalid_request", 28000, "Provided value for the input parameter "
                    + "scope is not valid because it contains more than one resource. Scope " + scope
                    + " is not valid.");
        }
        if (resources.isEmpty()) {
            resources.add(GRAPH);
            permissions.add("User.Read");
            granted.add("User.Read");
        }
        return new Requested(openId, resources.iterator().next(), permissions, granted);
    }

    /** A resource as a token's audience: an API of the tenant by its client id, anything else as named. */
    private static String resourceId(Tenant tenant, String resource) throws TokenErrorException {
        String trimmed = resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource;
        if (trimmed.equalsIgnoreCase(GRAPH)) {
            return GRAPH;
        }
        String clientId = trimmed.toLowerCase(Locale.ROOT).startsWith("api://") ? trimmed.substring(6) : trimmed;
        return tenant.application(clientId).map(TenantApplication::clientId).orElseThrow(() ->
                new TokenErrorException(400, "invalid_resource", 500011, "The resource principal named " + resource
                        + " was not found in the tenant named " + tenant.displayName() + "."));
    }

    private static String displayName(TenantUser user) {
        return user.properties().path("displayName").asText(user.userPrincipalName());
    }

    /** The pairwise subject of a user for an application, stable for the pair. */
    private static String subject(TenantUser user, TenantApplication client) {
        return Jwt.base64Url(UUID.nameUUIDFromBytes((user.id() + "/" + client.clientId())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString().getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
