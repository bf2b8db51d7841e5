package io.github.cameloffice365.governance.approval;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authority that signs approvers in, as its OpenID Connect metadata describes it: issuer, endpoints and signing
 * keys. The metadata is read once; the key set is kept and read again when a token names a key it does not hold (the
 * authority rolled its keys), at most once per {@link #MIN_KEY_REFRESH}, and at least once per {@link #MAX_KEY_AGE}.
 */
public class OpenIdProvider {

    private static final Logger LOG = LoggerFactory.getLogger(OpenIdProvider.class);

    /** A token naming an unknown key never makes the API ask the authority more often than this. */
    static final Duration MIN_KEY_REFRESH = Duration.ofSeconds(30);
    static final Duration MAX_KEY_AGE = Duration.ofHours(24);

    private final URI metadataUri;
    private final String tenantId;
    private final JsonHttp http;
    private final Clock clock;

    private Metadata metadata;
    private Map<String, RSAPublicKey> keys = Map.of();
    private Instant keysReadAt = Instant.MIN;

    OpenIdProvider(URI metadataUri, String tenantId, JsonHttp http, Clock clock) {
        this.metadataUri = metadataUri;
        this.tenantId = tenantId;
        this.http = http;
        this.clock = clock;
    }

    /** The issuer, endpoints and key set location of the authority. */
    public record Metadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri) {
    }

    /** The metadata of the authority, read on first use. */
    public synchronized Metadata metadata() throws IOException {
        if (metadata == null) {
            JsonNode document = http.get(metadataUri);
            String issuer = required(document, "issuer").replace("{tenantid}", tenantId);
            metadata = new Metadata(issuer,
                    URI.create(required(document, "authorization_endpoint")),
                    URI.create(required(document, "token_endpoint")),
                    URI.create(required(document, "jwks_uri")));
            LOG.debug("Read the OpenID Connect metadata of {}: issuer {}", metadataUri, issuer);
        }
        return metadata;
    }

    /** The RSA signing key with this key id, reading the key set again if it is unknown and may be new. */
    synchronized Optional<RSAPublicKey> signingKey(String keyId) throws IOException {
        Instant now = clock.instant();
        boolean stale = keysReadAt.plus(MAX_KEY_AGE).isBefore(now);
        boolean unknownAndMayRefresh = !keys.containsKey(keyId) && keysReadAt.plus(MIN_KEY_REFRESH).isBefore(now);
        if (stale || unknownAndMayRefresh) {
            keys = readKeys(metadata().jwksUri());
            keysReadAt = now;
        }
        return Optional.ofNullable(keys.get(keyId));
    }

    private Map<String, RSAPublicKey> readKeys(URI jwksUri) throws IOException {
        JsonNode set = http.get(jwksUri);
        Map<String, RSAPublicKey> read = new HashMap<>();
        for (JsonNode key : set.path("keys")) {
            boolean signingRsa = "RSA".equals(key.path("kty").asText())
                    && (!key.has("use") || "sig".equals(key.path("use").asText()));
            if (signingRsa && key.hasNonNull("kid") && key.hasNonNull("n") && key.hasNonNull("e")) {
                read.put(key.get("kid").asText(), rsaKey(key.get("n").asText(), key.get("e").asText()));
            }
        }
        LOG.debug("Read {} signing keys from {}", read.size(), jwksUri);
        return Map.copyOf(read);
    }

    private static RSAPublicKey rsaKey(String modulus, String exponent) throws IOException {
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            RSAPublicKeySpec spec = new RSAPublicKeySpec(new BigInteger(1, decoder.decode(modulus)),
                    new BigInteger(1, decoder.decode(exponent)));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("The authority's key set holds an RSA key that cannot be read: " + e.getMessage(), e);
        }
    }

    private String required(JsonNode document, String field) throws IOException {
        JsonNode value = document.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IOException("The OpenID Connect metadata at " + metadataUri + " has no " + field);
        }
        return value.asText();
    }
}
