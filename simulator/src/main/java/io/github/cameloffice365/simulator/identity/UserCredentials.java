package io.github.cameloffice365.simulator.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantUser;

/** Checks a test user's sign-in name and password, and which applications users may sign in to. */
final class UserCredentials {

    private UserCredentials() {
    }

    /**
     * The user with this sign-in name (user principal name) and password; empty when either is wrong, when the user
     * has no password in the fixtures (no interactive sign-in) or when the account is disabled.
     */
    static Optional<TenantUser> authenticate(Tenant tenant, String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Optional<TenantUser> user = tenant.user(username.trim())
                .filter(candidate -> username.trim().equalsIgnoreCase(candidate.userPrincipalName()));
        if (user.isEmpty() || user.get().password() == null
                || !user.get().properties().path("accountEnabled").asBoolean(true)) {
            return Optional.empty();
        }
        boolean same = MessageDigest.isEqual(user.get().password().getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
        return same ? user : Optional.empty();
    }

    /** The public client application a user signs in to, or the identity platform's error. */
    static TenantApplication publicClient(Tenant tenant, String clientId) throws TokenErrorException {
        if (clientId == null) {
            throw TokenErrorException.missingParameter("client_id");
        }
        TenantApplication application = tenant.application(clientId).orElseThrow(() -> new TokenErrorException(400,
                "unauthorized_client", 700016, "Application with identifier '" + clientId
                        + "' was not found in the directory '" + tenant.displayName() + "'."));
        if (!application.isPublicClient()) {
            throw new TokenErrorException(401, "invalid_client", 7000218, "The request body must contain the "
                    + "following parameter: 'client_assertion' or 'client_secret'. Application '" + clientId
                    + "' is not a public client.");
        }
        return application;
    }

    /** The identity platform's answer to a wrong user name or password. */
    static TokenErrorException invalidCredentials() {
        return new TokenErrorException(400, "invalid_grant", 50126,
                "Error validating credentials due to invalid username or password.");
    }
}
