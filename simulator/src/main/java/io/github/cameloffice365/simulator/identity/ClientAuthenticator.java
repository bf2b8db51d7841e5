package io.github.cameloffice365.simulator.identity;

import io.github.cameloffice365.simulator.tenant.TenantApplication;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * Authenticates a confidential client at the token endpoint: by its client secret, or by a client assertion
 * (an RS256 JWT whose issuer and subject are the client id, whose audience is the token endpoint, signed by a
 * certificate registered for the application).
 */
public final class ClientAuthenticator {

    /** The only client assertion type the identity platform accepts. */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final Clock clock;

    /** An authenticator reading this clock for assertion lifetimes. */
    public ClientAuthenticator(Clock clock) {
        this.clock = clock;
    }

    /**
     * A client that proved who it is.
     *
     * @param application the registered application
     * @param withCertificate whether it signed in with a certificate (else with its secret)
     */
    public record AuthenticatedClient(TenantApplication application, boolean withCertificate) {
    }

    /** The application the request authenticates as, or the identity platform's error. */
    public AuthenticatedClient authenticate(TokenRequest request) throws TokenErrorException {
        String assertion = request.parameter("client_assertion");
        String clientId = request.parameter("client_id");
        if (clientId == null && assertion != null) {
            clientId = issuerOf(assertion);
        }
        if (clientId == null) {
            throw TokenErrorException.missingParameter("client_id");
        }
        TenantApplication application = findApplication(request, clientId);
        if (assertion != null) {
            verifyAssertion(request, application, assertion);
            return new AuthenticatedClient(application, true);
        }
        String secret = request.parameter("client_secret");
        if (secret == null) {
            throw new TokenErrorException(401, "invalid_client", 7000218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }
        if (application.clientSecret() == null || !MessageDigest.isEqual(
                application.clientSecret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            throw new TokenErrorException(401, "invalid_client", 7000215,
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret "
                            + "value, not the client secret ID, for a secret added to app '" + clientId + "'.");
        }
        return new AuthenticatedClient(application, false);
    }

    private static TenantApplication findApplication(TokenRequest request, String clientId)
            throws TokenErrorException {
        return request.tenant().application(clientId).orElseThrow(() -> new TokenErrorException(400,
                "unauthorized_client", 700016, "Application with identifier '" + clientId
                        + "' was not found in the directory '" + request.tenant().displayName() + "'. This can happen "
                        + "if the application has not been installed by the administrator of the tenant or consented "
                        + "to by any user in the tenant. You may have sent your authentication request to the wrong "
                        + "tenant."));
    }

    private void verifyAssertion(TokenRequest request, TenantApplication application, String assertion)
            throws TokenErrorException {
        if (!JWT_BEARER.equals(request.parameter("client_assertion_type"))) {
            throw new TokenErrorException(400, "invalid_request", 50027, "Invalid client_assertion_type '"
                    + request.parameter("client_assertion_type") + "'; expected '" + JWT_BEARER + "'.");
        }
        Jwt jwt;
        try {
            jwt = Jwt.parse(assertion);
        } catch (IllegalArgumentException e) {
            throw new TokenErrorException(400, "invalid_request", 50027,
                    "JWT token is invalid or malformed: " + e.getMessage());
        }
        String issuer = jwt.claims().path("iss").asText("");
        String subject = jwt.claims().path("sub").asText("");
        if (!issuer.equalsIgnoreCase(application.clientId()) || !subject.equalsIgnoreCase(application.clientId())) {
            throw new TokenErrorException(401, "invalid_client", 700021,
                    "Client assertion application identifier doesn't match 'client_id' parameter.");
        }
        X509Certificate certificate = signingCertificate(application, jwt);
        if (!jwt.isSignedBy(certificate.getPublicKey())) {
            throw new TokenErrorException(401, "invalid_client", 700027,
                    "Client assertion failed signature validation.");
        }
        long now = clock.instant().getEpochSecond();
        long skew = TokenIssuer.CLOCK_SKEW.toSeconds();
        long expires = jwt.claims().path("exp").asLong(0);
        long notBefore = jwt.claims().path("nbf").asLong(0);
        if (expires + skew < now || notBefore - skew > now) {
            throw new TokenErrorException(401, "invalid_client", 700024,
                    "Client assertion is not within its valid time range.");
        }
        String audience = jwt.claims().path("aud").asText("");
        if (!isTokenEndpointOf(request, audience)) {
            throw new TokenErrorException(401, "invalid_client", 700027, "Client assertion audience '" + audience
                    + "' is not the token endpoint '" + request.tokenEndpointUrl() + "'.");
        }
    }

    private static boolean isTokenEndpointOf(TokenRequest request, String audience) {
        String base = request.baseUrl() + "/";
        for (String tenantName : List.of(request.tenant().tenantId(), String.valueOf(request.tenant().defaultDomain()))) {
            if (audience.equalsIgnoreCase(base + tenantName + "/oauth2/v2.0/token")
                    || audience.equalsIgnoreCase(base + tenantName + "/oauth2/token")
                    || audience.equalsIgnoreCase(base + tenantName + "/v2.0")) {
                return true;
            }
        }
        return audience.equalsIgnoreCase(request.tokenEndpointUrl());
    }

    private static X509Certificate signingCertificate(TenantApplication application, Jwt jwt)
            throws TokenErrorException {
        String sha256Thumbprint = jwt.header().path("x5t#S256").asText(null);
        String sha1Thumbprint = jwt.header().path("x5t").asText(null);
        for (X509Certificate certificate : application.certificates()) {
            if (sameThumbprint(sha256Thumbprint, thumbprint(certificate, "SHA-256"))
                    || sameThumbprint(sha1Thumbprint, thumbprint(certificate, "SHA-1"))) {
                return certificate;
            }
        }
        throw new TokenErrorException(401, "invalid_client", 700027, "The certificate with identifier used to sign "
                + "the client assertion is not registered on application. [Reason - The key was not found., "
                + "Thumbprint of key used by client: '" + (sha256Thumbprint != null ? sha256Thumbprint : sha1Thumbprint)
                + "'].");
    }

    /** Compares thumbprints whether sent base64url (JOSE) or plain base64 (as msal4j sends them). */
    private static boolean sameThumbprint(String sent, String expected) {
        return sent != null && normalised(sent).equals(normalised(expected));
    }

    private static String normalised(String thumbprint) {
        return thumbprint.replace('-', '+').replace('_', '/').replace("=", "");
    }

    /** The base64url thumbprint of a certificate, as JOSE's {@code x5t} / {@code x5t#S256} carry it. */
    public static String thumbprint(X509Certificate certificate, String digest) {
        try {
            return Jwt.base64Url(MessageDigest.getInstance(digest).digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot compute a " + digest + " thumbprint", e);
        }
    }

    private static String issuerOf(String assertion) {
        try {
            return Jwt.parse(assertion).claims().path("iss").asText(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
