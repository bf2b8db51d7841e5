package io.github.cameloffice365.simulator.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.http.Responses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * A compact JWS (header.claims.signature) signed with RS256.
 *
 * @param header the decoded header
 * @param claims the decoded claims
 * @param signingInput the bytes the signature covers
 * @param signature the signature bytes
 */
public record Jwt(ObjectNode header, ObjectNode claims, byte[] signingInput, byte[] signature) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Signs the claims with RS256 under this header and returns the compact form. */
    public static String sign(ObjectNode header, ObjectNode claims, PrivateKey key) {
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        String input = ENCODER.encodeToString(Responses.toBytes(header)) + "."
                + ENCODER.encodeToString(Responses.toBytes(claims));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + ENCODER.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token: " + e.getMessage(), e);
        }
    }

    /** Parses a compact JWS without checking its signature; a malformed token gives an IllegalArgumentException. */
    public static Jwt parse(String compact) {
        String[] parts = compact == null ? new String[0] : compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("The token is not a compact JWS (three dot-separated parts)");
        }
        try {
            JsonNode header = Json.MAPPER.readTree(DECODER.decode(parts[0]));
            JsonNode claims = Json.MAPPER.readTree(DECODER.decode(parts[1]));
            if (!(header instanceof ObjectNode) || !(claims instanceof ObjectNode)) {
                throw new IllegalArgumentException("The token's header and claims must be JSON objects");
            }
            return new Jwt((ObjectNode) header, (ObjectNode) claims,
                    (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), DECODER.decode(parts[2]));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The token is not well formed: " + e.getMessage(), e);
        }
    }

    /** The {@code alg} of the header. */
    public String algorithm() {
        return header.path("alg").asText("");
    }

    /** Whether the RS256 signature verifies with this key. */
    public boolean isSignedBy(PublicKey key) {
        if (!"RS256".equals(algorithm())) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Base64url without padding, as JOSE uses it. */
    public static String base64Url(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }
}
