package io.github.cameloffice365.simulator.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorization codes the sign-in page hands out, each redeemable once at the token endpoint within
 * {@link #LIFETIME}.
 */
public final class AuthorizationCodes {

    /** How long a code may wait before it is redeemed. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> codes = new ConcurrentHashMap<>();
    private final Clock clock;

    /** Codes whose lifetime this clock measures. */
    public AuthorizationCodes(Clock clock) {
        this.clock = clock;
    }

    /**
     * What a code stands for.
     *
     * @param tenantId      the tenant signed in to
     * @param clientId      the client the code was issued to
     * @param redirectUri   the redirect URI of the authorization request
     * @param codeChallenge the PKCE code challenge (S256)
     * @param nonce         the nonce for the ID token, or null
     * @param userId        the signed-in user
     * @param scope         the scopes asked for
     * @param expiresAt     when the code lapses
     */
    public record Issued(String tenantId, String clientId, String redirectUri, String codeChallenge, String nonce,
            String userId, String scope, Instant expiresAt) {
    }

    /** Issues a code for a sign-in. */
    public String issue(String tenantId, String clientId, String redirectUri, String codeChallenge, String nonce,
            String userId, String scope) {
        purgeLapsed();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Jwt.base64Url(bytes);
        codes.put(code, new Issued(tenantId, clientId, redirectUri, codeChallenge, nonce, userId, scope,
                clock.instant().plus(LIFETIME)));
        return code;
    }

    /** Takes a code out: it is never redeemable again, whatever the outcome. Empty when unknown or lapsed. */
    public Optional<Issued> redeem(String code) {
        Issued issued = code == null ? null : codes.remove(code);
        if (issued == null || !issued.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(issued);
    }

    private void purgeLapsed() {
        Instant now = clock.instant();
        codes.values().removeIf(issued -> !issued.expiresAt().isAfter(now));
    }
}
