package io.github.cameloffice365.governance.consent;

/** An approver denied the request of the run's context; the message names who and quotes their comment. */
public class ConsentDeniedException extends ConsentException {

    public ConsentDeniedException(String message, ConsentRequest request) {
        super(message, request);
    }
}
