package io.github.cameloffice365.governance.consent;

/**
 * The run stopped waiting while the request of its context was still pending: the wait timed out or the route
 * stopped. The request stays open and the next run of the same context waits on it again.
 */
public class ConsentPendingException extends ConsentException {

    public ConsentPendingException(String message, ConsentRequest request) {
        super(message, request);
    }
}
