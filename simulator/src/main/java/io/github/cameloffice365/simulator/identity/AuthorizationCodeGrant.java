package io.github.cameloffice365.simulator.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantUser;

/**
 * The {@code authorization_code} grant of a public client with PKCE: the code from the sign-in page, the same
 * redirect URI, and the code verifier whose SHA-256 is the code challenge. Answers with the user's access token and,
 * when {@code openid} was asked for, an ID token carrying the sign-in's nonce.
 */
public final class AuthorizationCodeGrant implements GrantHandler {

    private final AuthorizationCodes codes;
    private final UserTokens tokens;

    /** A grant redeeming these codes into these tokens. */
    public AuthorizationCodeGrant(AuthorizationCodes codes, UserTokens tokens) {
        this.codes = codes;
        this.tokens = tokens;
    }

    @Override
    public ObjectNode grant(TokenRequest request) throws TokenErrorException {
        TenantApplication client = UserCredentials.publicClient(request.tenant(), request.parameter("client_id"));
        String code = request.requiredParameter("code");
        String redirectUri = request.requiredParameter("redirect_uri");
        String verifier = request.requiredParameter("code_verifier");

        // a code is spent by any attempt, as the identity platform does
        AuthorizationCodes.Issued issued = codes.redeem(code).orElseThrow(() -> new TokenErrorException(400,
                "invalid_grant", 70008, "The provided authorization code or refresh token has expired due to "
                        + "inactivity, or was already redeemed. Send a new interactive authorization request."));
        if (!issued.tenantId().equalsIgnoreCase(request.tenant().tenantId())
                || !issued.clientId().equalsIgnoreCase(client.clientId())) {
            throw new TokenErrorException(400, "invalid_grant", 70000, "The provided authorization code was issued "
                    + "to another client or tenant.");
        }
        if (!issued.redirectUri().equals(redirectUri)) {
            throw new TokenErrorException(400, "invalid_grant", 500112, "The reply address '" + redirectUri
                    + "' does not match the reply address '" + issued.redirectUri() + "' provided when requesting "
                    + "the authorization code.");
        }
        if (!MessageDigest.isEqual(challengeOf(verifier).getBytes(StandardCharsets.US_ASCII),
                issued.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throw new TokenErrorException(400, "invalid_grant", 501481,
                    "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
        }
        TenantUser user = request.tenant().user(issued.userId()).orElseThrow(() -> new TokenErrorException(400,
                "invalid_grant", 50034, "The user account does not exist in the directory."));
        return tokens.respond(request.baseUrl(), request.tenant(), client, user, issued.scope(), issued.nonce());
    }

    /** The S256 code challenge of a verifier: base64url of its SHA-256, without padding. */
    public static String challengeOf(String verifier) {
        try {
            return Jwt.base64Url(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
