package io.github.cameloffice365.graph;

/**
 * Hands out OAuth 2.0 access tokens for a resource scope, e.g. {@code https://graph.microsoft.com/.default}.
 * Implementations are thread-safe and cache tokens: the Graph client asks for a token before every request.
 */
@FunctionalInterface
public interface AccessTokenSource {

    /**
     * Returns a valid access token for the scope.
     *
     * @throws AccessTokenException when no token can be obtained; the message names the authority and client id,
     *                              never a secret or a token
     */
    String accessToken(String scope);
}
