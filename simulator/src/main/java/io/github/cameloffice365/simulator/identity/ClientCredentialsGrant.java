package io.github.cameloffice365.simulator.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code client_credentials} grant: a confidential client asks for {@code <resource>/.default} and gets an
 * app-only access token for that resource carrying its application roles.
 */
public final class ClientCredentialsGrant implements GrantHandler {

    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access", "email");

    private final TokenIssuer issuer;
    private final ClientAuthenticator authenticator;
    private final Duration lifetime;

    /** A grant minting tokens of this lifetime. */
    public ClientCredentialsGrant(TokenIssuer issuer, ClientAuthenticator authenticator, Duration lifetime) {
        this.issuer = issuer;
        this.authenticator = authenticator;
        this.lifetime = lifetime;
    }

    @Override
    public ObjectNode grant(TokenRequest request) throws TokenErrorException {
        ClientAuthenticator.AuthenticatedClient client = authenticator.authenticate(request);
        String resource = resourceOf(request.requiredParameter("scope"));
        ObjectNode claims = issuer.appOnlyClaims(request.tenant().tenantId(), client.application(), resource, lifetime,
                client.withCertificate());
        ObjectNode response = Json.object();
        response.put("token_type", "Bearer");
        response.put("expires_in", lifetime.toSeconds());
        response.put("ext_expires_in", lifetime.toSeconds());
        response.put("access_token", issuer.mint(claims));
        return response;
    }

    /** The one resource of a client-credentials scope list: {@code https://graph.microsoft.com/.default}. */
    static String resourceOf(String scope) throws TokenErrorException {
        List<String> resources = new ArrayList<>();
        for (String item : scope.trim().split("\\s+")) {
            if (OIDC_SCOPES.contains(item)) {
                continue;
            }
            if (!item.endsWith("/.default")) {
                throw new TokenErrorException(400, "invalid_scope", 1002012, "The provided value for scope " + item
                        + " is not valid. Client credential flows must have a scope value with /.default suffixed to "
                        + "the resource identifier (application ID URI).");
            }
            String resource = item.substring(0, item.length() - "/.default".length());
            while (resource.endsWith("/")) {
                resource = resource.substring(0, resource.length() - 1);
            }
            resources.add(resource);
        }
        if (resources.size() != 1) {
            throw new TokenErrorException(400, "invalid_scope", 70011, "The provided request must include one "
                    + "'scope' of the form <resource>/.default, got '" + scope + "'.");
        }
        return resources.get(0);
    }
}
