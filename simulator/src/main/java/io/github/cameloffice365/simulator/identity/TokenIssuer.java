package io.github.cameloffice365.simulator.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.tenant.TenantApplication;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * Mints and verifies the simulator's tokens: RS256 JWTs signed by a key made at start, published as a JWKS.
 * Other parts (an authorization-code grant, an OIDC sign-in page) mint their own claims through {@link #mint}.
 */
public final class TokenIssuer {

    /** Clock skew tolerated when checking {@code exp} and {@code nbf}. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final KeyPair keyPair;
    private final String keyId;
    private final Clock clock;

    /** An issuer with a fresh 2048-bit RSA key. */
    public TokenIssuer(Clock clock) {
        this.clock = clock;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keyPair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
        this.keyId = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** The {@code iss} of access tokens for a tenant, as Entra's v1 tokens carry it. */
    public static String accessTokenIssuer(String tenantId) {
        return "https://sts.windows.net/" + tenantId + "/";
    }

    /** The clock the issuer reads. */
    public Clock clock() {
        return clock;
    }

    /** The key id ({@code kid}) of the signing key. */
    public String keyId() {
        return keyId;
    }

    /** Signs these claims; the header carries {@code kid} and {@code x5t}. */
    public String mint(ObjectNode claims) {
        ObjectNode header = Json.object();
        header.put("kid", keyId);
        header.put("x5t", keyId);
        return Jwt.sign(header, claims, keyPair.getPrivate());
    }

    /**
     * The claims of an app-only access token for this application and resource, unsigned, so a caller may add to
     * them before {@link #mint}: aud, iss, tid, appid, azp, oid, roles, iat, nbf, exp.
     */
    public ObjectNode appOnlyClaims(String tenantId, TenantApplication application, String resource,
            Duration lifetime, boolean signedInWithCertificate) {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = Json.object();
        claims.put("aud", resource);
        claims.put("iss", accessTokenIssuer(tenantId));
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + lifetime.toSeconds());
        claims.put("aio", UUID.randomUUID().toString());
        claims.put("app_displayname", application.displayName());
        claims.put("appid", application.clientId());
        claims.put("appidacr", signedInWithCertificate ? "2" : "1");
        claims.put("azp", application.clientId());
        claims.put("idp", accessTokenIssuer(tenantId));
        claims.put("idtyp", "app");
        claims.put("oid", servicePrincipalId(tenantId, application.clientId()));
        ArrayNode roles = claims.putArray("roles");
        application.roles().forEach(roles::add);
        claims.put("sub", servicePrincipalId(tenantId, application.clientId()));
        claims.put("tid", tenantId);
        claims.put("uti", UUID.randomUUID().toString().replace("-", ""));
        claims.put("ver", "1.0");
        return claims;
    }

    /** The object id of an application's service principal in a tenant (stable for the pair). */
    public static String servicePrincipalId(String tenantId, String clientId) {
        return UUID.nameUUIDFromBytes(("sp/" + tenantId + "/" + clientId).toLowerCase(Locale.ROOT)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Checks a token's signature and lifetime and returns it; audience and tenant are for the caller to check.
     */
    public Jwt verify(String token) throws InvalidTokenException {
        Jwt jwt;
        try {
            jwt = Jwt.parse(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED, e.getMessage());
        }
        if (!jwt.isSignedBy(keyPair.getPublic())) {
            throw new InvalidTokenException(InvalidTokenException.Reason.BAD_SIGNATURE,
                    "The token's signature does not verify with the simulator's signing key");
        }
        long now = clock.instant().getEpochSecond();
        long skew = CLOCK_SKEW.toSeconds();
        if (jwt.claims().path("exp").asLong(0) + skew < now) {
            throw new InvalidTokenException(InvalidTokenException.Reason.EXPIRED, "The token has expired");
        }
        if (jwt.claims().path("nbf").asLong(0) - skew > now) {
            throw new InvalidTokenException(InvalidTokenException.Reason.NOT_YET_VALID, "The token is not yet valid");
        }
        return jwt;
    }

    /** The JSON Web Key Set publishing the signing key. */
    public ObjectNode jwks() {
        RSAPublicKey publicKey = (RSAPublicKey) keyPair.getPublic();
        ObjectNode root = Json.object();
        ObjectNode key = root.putArray("keys").addObject();
        key.put("kty", "RSA");
        key.put("use", "sig");
        key.put("kid", keyId);
        key.put("x5t", keyId);
        key.put("n", Jwt.base64Url(unsigned(publicKey.getModulus())));
        key.put("e", Jwt.base64Url(unsigned(publicKey.getPublicExponent())));
        key.put("alg", "RS256");
        return root;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }
}
