package io.github.cameloffice365.governance.approval;

/** An access token that is missing, malformed, or not valid for the approvers' API; answered with 401. */
public class InvalidAccessTokenException extends Exception {

    public InvalidAccessTokenException(String message) {
        super(message);
    }
}
