package io.github.cameloffice365.simulator.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers the token endpoint for one {@code grant_type}.
 */
@FunctionalInterface
public interface GrantHandler {

    /**
     * The successful token response ({@code token_type}, {@code expires_in}, {@code access_token}, ...), or a
     * {@link TokenErrorException} for the identity platform's error answer.
     */
    ObjectNode grant(TokenRequest request) throws TokenErrorException;
}
