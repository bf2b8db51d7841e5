package io.github.cameloffice365.governance.approval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks the bearer token of a request to the approvers' API: an RS256 JSON Web Token signed by one of the authority's
 * current keys, issued by the configured authority (its version 2.0 issuer, or the version 1.0 issuer of the tenant)
 * for the approvers' app, in the configured tenant, on behalf of a user (a delegated {@code scp} that holds the
 * configured scope), and valid now.
 */
public class AccessTokenValidator {

    /** Far larger than any Entra ID access token; anything longer is refused unread. */
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;
    /**
     * Entra ID writes this issuer into version 1.0 access tokens, which an app registration gets unless its manifest
     * asks for version 2.0; the metadata names only the version 2.0 issuer.
     */
    private static final String V1_ISSUER_PREFIX = "https://sts.windows.net/";

    private final OpenIdProvider provider;
    private final Set<String> audiences;
    private final String tenantId;
    private final String v1Issuer;
    private final String scope;
    private final Duration clockSkew;
    private final Clock clock;
    private final ObjectMapper mapper;

    AccessTokenValidator(OpenIdProvider provider, ApproversConfiguration configuration, Clock clock,
            ObjectMapper mapper) {
        this.provider = provider;
        this.audiences = Set.of(configuration.getClientId().toLowerCase(Locale.ROOT),
                configuration.applicationIdUri().toLowerCase(Locale.ROOT));
        this.tenantId = configuration.getTenantId();
        this.v1Issuer = V1_ISSUER_PREFIX + tenantId + "/";
        this.scope = configuration.getScope();
        this.clockSkew = configuration.getClockSkew();
        this.clock = clock;
        this.mapper = mapper;
    }

    /**
     * The identity in the {@code Authorization} header's bearer token.
     *
     * @throws InvalidAccessTokenException saying why the token is refused (never quoting the token)
     * @throws IOException                 when the authority's metadata or keys cannot be read
     */
    public ApproverIdentity validate(String authorizationHeader) throws InvalidAccessTokenException, IOException {
        String token = bearerToken(authorizationHeader);
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidAccessTokenException("The bearer token is not a signed JSON Web Token (three parts).");
        }
        JsonNode header = decodeJson(parts[0], "header");
        JsonNode claims = decodeJson(parts[1], "payload");

        // the algorithm is fixed: a token may not choose how it is checked; the header is unverified, so its value
        // is never repeated (it would reach the WWW-Authenticate header)
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new InvalidAccessTokenException("The token is not signed with RS256; only RS256 is accepted.");
        }
        String keyId = header.path("kid").asText("");
        Optional<RSAPublicKey> key = keyId.isEmpty() ? Optional.empty() : provider.signingKey(keyId);
        if (key.isEmpty()) {
            throw new InvalidAccessTokenException("The token is signed with a key the authority does not publish.");
        }
        if (!hasValidSignature(parts, key.get())) {
            throw new InvalidAccessTokenException("The token's signature is not valid.");
        }

        checkIssuerAudienceAndTenant(claims);
        checkLifetime(claims);
        return identityOf(claims);
    }

    private static String bearerToken(String authorizationHeader) throws InvalidAccessTokenException {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw new InvalidAccessTokenException("Sign in first: the request has no bearer token.");
        }
        String value = authorizationHeader.strip();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new InvalidAccessTokenException("The Authorization header must be 'Bearer <access token>'.");
        }
        String token = value.substring(7).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidAccessTokenException("The bearer token is empty or too long.");
        }
        return token;
    }

    private JsonNode decodeJson(String part, String name) throws InvalidAccessTokenException {
        try {
            JsonNode node = mapper.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw new InvalidAccessTokenException("The token's " + name + " is not a JSON object.");
            }
            return node;
        } catch (IllegalArgumentException | IOException e) {
            throw new InvalidAccessTokenException("The token's " + name + " cannot be read.");
        }
    }

    private static boolean hasValidSignature(String[] parts, RSAPublicKey key) throws InvalidAccessTokenException {
        try {
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidAccessTokenException("The token's signature cannot be read.");
        }
    }

    private void checkIssuerAudienceAndTenant(JsonNode claims) throws InvalidAccessTokenException, IOException {
        String issuer = claims.path("iss").asText("");
        if (!issuer.equals(provider.metadata().issuer()) && !issuer.equals(v1Issuer)) {
            throw new InvalidAccessTokenException("The token was issued by '" + issuer + "', not by the approvers'"
                    + " authority.");
        }
        if (!hasAudience(claims.get("aud"))) {
            throw new InvalidAccessTokenException("The token is not meant for the approvers' app (audience "
                    + claims.path("aud") + ").");
        }
        if (!tenantId.equalsIgnoreCase(claims.path("tid").asText(""))) {
            throw new InvalidAccessTokenException("The token belongs to another tenant.");
        }
        Set<String> scopes = Set.copyOf(Arrays.asList(claims.path("scp").asText("").split(" ")));
        if (!scopes.contains(scope)) {
            throw new InvalidAccessTokenException("The token does not carry the delegated permission '" + scope
                    + "'; approvers sign in as themselves, not as an application.");
        }
    }

    private boolean hasAudience(JsonNode audience) {
        if (audience == null) {
            return false;
        }
        if (audience.isArray()) {
            for (JsonNode one : audience) {
                if (audiences.contains(one.asText().toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }
        return audiences.contains(audience.asText().toLowerCase(Locale.ROOT));
    }

    private void checkLifetime(JsonNode claims) throws InvalidAccessTokenException {
        Instant now = clock.instant();
        if (!claims.path("exp").canConvertToLong()) {
            throw new InvalidAccessTokenException("The token has no expiry.");
        }
        if (now.minus(clockSkew).isAfter(Instant.ofEpochSecond(claims.get("exp").asLong()))) {
            throw new InvalidAccessTokenException("The token has expired; sign in again.");
        }
        if (claims.has("nbf") && now.plus(clockSkew).isBefore(Instant.ofEpochSecond(claims.get("nbf").asLong()))) {
            throw new InvalidAccessTokenException("The token is not valid yet.");
        }
    }

    private static ApproverIdentity identityOf(JsonNode claims) throws InvalidAccessTokenException {
        String objectId = claims.path("oid").asText("");
        String username = claims.path("preferred_username").asText(claims.path("upn").asText(""));
        if (objectId.isEmpty() || username.isEmpty()) {
            throw new InvalidAccessTokenException("The token names no user (oid and preferred_username).");
        }
        String displayName = claims.path("name").asText(username);
        return new ApproverIdentity(objectId, username, displayName, claims.path("tid").asText());
    }
}
