package io.github.cameloffice365.simulator.identity;

/**
 * A token the simulator did not issue, or no longer accepts.
 */
public final class InvalidTokenException extends Exception {

    /** Why the token was refused. */
    public enum Reason {
        /** Not a compact JWS. */
        MALFORMED,
        /** The signature does not verify with the simulator's key. */
        BAD_SIGNATURE,
        /** {@code exp} has passed. */
        EXPIRED,
        /** {@code nbf} is still ahead. */
        NOT_YET_VALID
    }

    private final Reason reason;

    /** A refusal for this reason. */
    public InvalidTokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the token was refused. */
    public Reason reason() {
        return reason;
    }
}
