package io.github.cameloffice365.graph;

/**
 * No access token could be obtained. The message names the authority, the client id and the identity provider's
 * error code; it never holds a client secret, a certificate password or a token.
 *
 * <p>It is unchecked on purpose: a token failure concerns the whole run, not one user, so code that handles
 * per-user {@link java.io.IOException}s does not swallow it.
 */
public class AccessTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    public AccessTokenException(String message, String errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** The identity provider's or msal4j's error code, e.g. {@code invalid_client}; null when there was none. */
    public String errorCode() {
        return errorCode;
    }
}
