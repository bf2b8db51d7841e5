package io.github.cameloffice365.governance.consent;

/**
 * The run's requester ({@code requestedBy}) is not an owner of the application that runs the extraction, or that
 * cannot be told: the run ends before any request is filed and before anything is read.
 */
public class RequesterNotOwnerException extends ConsentException {

    public RequesterNotOwnerException(String message) {
        super(message, null);
    }

    public RequesterNotOwnerException(String message, Throwable cause) {
        super(message, null);
        initCause(cause);
    }
}
