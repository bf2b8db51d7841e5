package io.github.cameloffice365.governance.consent;

/**
 * A run ended before reading anything because its context has no valid consent. The subclasses say why: denied,
 * expired, or still pending when the wait ended.
 */
public class ConsentException extends RuntimeException {

    private final transient ConsentRequest request;

    public ConsentException(String message, ConsentRequest request) {
        super(message);
        this.request = request;
    }

    /** The request the run waited on, as last read from the ledger. */
    public ConsentRequest getRequest() {
        return request;
    }
}
