package io.github.cameloffice365.simulator.dfs;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cameloffice365.simulator.identity.InvalidTokenException;
import io.github.cameloffice365.simulator.identity.TokenIssuer;

/**
 * Checks the {@code Authorization} header the way Azure Storage does for Microsoft Entra tokens: a bearer JWT, within
 * its lifetime, issued by an Entra token service, for the storage audience (the resource {@code
 * https://storage.azure.com} or the account's own endpoints). With a token issuer, the signature is checked too.
 * Shared keys and SAS tokens are not served: the project's sinks authenticate as a service principal only.
 */
final class BearerTokenCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTHENTICATION_FAILED = "Server failed to authenticate the request. Please refer to the"
                                                        + " information in the www-authenticate header.";

    private final String accountName;
    private final TokenIssuer issuer;
    private final Clock clock;

    BearerTokenCheck(String accountName, TokenIssuer issuer, Clock clock) {
        this.accountName = accountName;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The audiences Azure Storage accepts for this account. */
    List<String> acceptedAudiences() {
        return List.of("https://storage.azure.com", "https://storage.azure.com/",
                "https://" + accountName + ".dfs.core.windows.net", "https://" + accountName + ".dfs.core.windows.net/",
                "https://" + accountName + ".blob.core.windows.net", "https://" + accountName + ".blob.core.windows.net/");
    }

    /** Throws the service's 401 or 403 error when the header does not carry an acceptable token. */
    void check(String authorization, boolean hasSasSignature) {
        if (authorization == null) {
            if (hasSasSignature) {
                throw new DfsError(403, "AuthorizationFailure", "This request is not authorized to perform this operation.",
                        "The simulator accepts Microsoft Entra bearer tokens only, not SAS tokens.");
            }
            throw new DfsError(401, "NoAuthenticationInformation", AUTHENTICATION_FAILED,
                    "No Authorization header was sent.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new DfsError(403, "AuthorizationFailure", "This request is not authorized to perform this operation.",
                    "The simulator accepts Microsoft Entra bearer tokens only, not " + scheme(authorization) + ".");
        }
        String token = authorization.substring(7).trim();
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw invalid("The token is not a JWT.");
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (Exception e) {
            throw invalid("The token's claims cannot be read.");
        }
        if (issuer != null) {
            try {
                issuer.verify(token);
            } catch (InvalidTokenException e) {
                throw invalid("Signature validation failed. " + e.getMessage());
            }
        }
        long now = clock.instant().getEpochSecond();
        if (!claims.path("nbf").canConvertToLong() || !claims.path("exp").canConvertToLong()) {
            throw invalid("The token has no lifetime.");
        }
        if (now < claims.path("nbf").asLong()) {
            throw invalid("Lifetime validation failed. The token is not yet valid.");
        }
        if (now >= claims.path("exp").asLong()) {
            throw invalid("Lifetime validation failed. The token is expired.");
        }
        String issuer = claims.path("iss").asText("");
        if (!issuer.startsWith("https://sts.windows.net/") && !issuer.startsWith("https://login.microsoftonline.com/")) {
            throw invalid("Issuer validation failed. Issuer did not match.");
        }
        String audience = claims.path("aud").asText("");
        if (!acceptedAudiences().contains(audience)) {
            throw invalid("Audience validation failed. Audience did not match.");
        }
    }

    private static DfsError invalid(String detail) {
        return new DfsError(401, "InvalidAuthenticationInfo", AUTHENTICATION_FAILED, detail);
    }

    private static String scheme(String authorization) {
        int space = authorization.indexOf(' ');
        return (space > 0 ? authorization.substring(0, space) : "this scheme").toLowerCase(Locale.ROOT) + " credentials";
    }
}
