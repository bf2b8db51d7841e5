package io.github.cameloffice365.simulator.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantUser;

/**
 * The {@code password} grant (resource owner password credentials) of a public client: a test user's sign-in name and
 * password for the user's tokens, without a browser. The demo's unattended approver signs in this way.
 */
public final class PasswordGrant implements GrantHandler {

    private final UserTokens tokens;

    /** A grant answering with these tokens. */
    public PasswordGrant(UserTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public ObjectNode grant(TokenRequest request) throws TokenErrorException {
        TenantApplication client = UserCredentials.publicClient(request.tenant(), request.parameter("client_id"));
        String username = request.requiredParameter("username");
        String password = request.requiredParameter("password");
        TenantUser user = UserCredentials.authenticate(request.tenant(), username, password)
                .orElseThrow(UserCredentials::invalidCredentials);
        return tokens.respond(request.baseUrl(), request.tenant(), client, user, request.parameter("scope"), null);
    }
}
