package io.github.cameloffice365.governance.consent;

/** Nobody answered the request of the run's context within its lifetime; the next run files a new request. */
public class ConsentExpiredException extends ConsentException {

    public ConsentExpiredException(String message, ConsentRequest request) {
        super(message, request);
    }
}
