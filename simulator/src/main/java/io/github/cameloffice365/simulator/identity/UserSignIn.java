package io.github.cameloffice365.simulator.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.sun.net.httpserver.HttpHandler;

import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.tenant.Tenant;

/**
 * Adds users' sign-in to a simulator: the sign-in page at {@code /{tenant}/oauth2/v2.0/authorize}, the
 * {@code authorization_code} grant with PKCE and the {@code password} grant for the tenant's public clients, and
 * cross-origin access to the token endpoint from their redirect URIs' origins.
 *
 * <pre>{@code
 * GraphSimulator graph = UserSignIn.install(GraphSimulator.builder().tenant(tenant), tenant).start();
 * }</pre>
 */
public final class UserSignIn {

    private final List<Object> owners = new ArrayList<>();
    private AuthorizationCodes codes;

    private UserSignIn() {
    }

    /**
     * Adds the sign-in endpoints and grants to the builder of a simulator serving this tenant.
     *
     * @return the builder
     */
    public static GraphSimulator.Builder install(GraphSimulator.Builder builder, Tenant tenant) {
        UserSignIn signIn = new UserSignIn();
        builder.grantType("authorization_code", simulator -> new AuthorizationCodeGrant(signIn.codes(simulator),
                new UserTokens(simulator.tokenIssuer(), simulator.tokenLifetime())));
        builder.grantType("password", simulator -> new PasswordGrant(
                new UserTokens(simulator.tokenIssuer(), simulator.tokenLifetime())));
        List<String> names = new ArrayList<>(List.of(tenant.tenantId()));
        if (tenant.defaultDomain() != null) {
            names.add(tenant.defaultDomain());
        }
        for (String name : names) {
            Function<GraphSimulator, HttpHandler> signInPage =
                    simulator -> new AuthorizeHandler(simulator.tenant(), signIn.codes(simulator));
            Function<GraphSimulator, HttpHandler> tokenEndpoint = simulator -> new TokenEndpointCors(
                    simulator.tenant(), new IdentityHandler(simulator.tenant(), simulator::baseUrl,
                    simulator.grantTypes(), simulator.tokenIssuer()));
            builder.handler("/" + name + "/oauth2/v2.0/authorize", signInPage);
            builder.handler("/" + name + "/oauth2/v2.0/token", tokenEndpoint);
        }
        return builder;
    }

    /** One code store per simulator, shared by its sign-in page and its authorization code grant. */
    private synchronized AuthorizationCodes codes(GraphSimulator simulator) {
        if (codes == null || !owners.contains(simulator)) {
            owners.clear();
            owners.add(simulator);
            codes = new AuthorizationCodes(simulator.tokenIssuer().clock());
        }
        return codes;
    }
}
