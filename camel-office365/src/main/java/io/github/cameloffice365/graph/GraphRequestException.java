package io.github.cameloffice365.graph;

import java.io.IOException;

/**
 * A Graph request that failed for good: Graph answered with an error that is not retried, or the retries ran out.
 * The message reads on its own, e.g.
 * {@code GET https://graph.microsoft.com/v1.0/users/alice@contoso.test/messages failed for user alice@contoso.test:
 * 429 ApplicationThrottled after 4 attempts (Graph: Application is over its MailboxConcurrency limit.;
 * request-id 7c1...)}. It never holds a token.
 */
public class GraphRequestException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The {@link #status()} of a request that got no HTTP response at all (connection or timeout failure). */
    public static final int NO_RESPONSE = 0;

    private final String method;
    private final String url;
    private final String mailbox;
    private final int status;
    private final String errorCode;
    private final String graphMessage;
    private final int attempts;
    private final String requestId;

    /**
     * @param method       the HTTP method, e.g. GET
     * @param url          the URL of the failed request
     * @param mailbox      the mailbox the request read, or null for a directory request
     * @param status       the HTTP status of the last attempt, or {@link #NO_RESPONSE}
     * @param errorCode    Graph's error code (error.code), or null
     * @param graphMessage Graph's error message (error.message), or a description of the failure when Graph gave none
     * @param attempts     how many times the request was sent
     * @param requestId    Graph's request-id of the last attempt, or the client-request-id the client sent, or null
     * @param cause        the last I/O error, or null
     */
    public GraphRequestException(String method, String url, String mailbox, int status, String errorCode,
            String graphMessage, int attempts, String requestId, Throwable cause) {
        super(describe(method, url, mailbox, status, errorCode, graphMessage, attempts, requestId), cause);
        this.method = method;
        this.url = url;
        this.mailbox = mailbox;
        this.status = status;
        this.errorCode = errorCode;
        this.graphMessage = graphMessage;
        this.attempts = attempts;
        this.requestId = requestId;
    }

    private static String describe(String method, String url, String mailbox, int status, String errorCode,
            String graphMessage, int attempts, String requestId) {
        StringBuilder text = new StringBuilder().append(method).append(' ').append(url).append(" failed");
        if (mailbox != null) {
            text.append(" for user ").append(mailbox);
        }
        text.append(": ").append(status == NO_RESPONSE ? "no response" : String.valueOf(status));
        if (errorCode != null && !errorCode.isEmpty()) {
            text.append(' ').append(errorCode);
        }
        text.append(" after ").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
        boolean hasMessage = graphMessage != null && !graphMessage.isBlank();
        if (hasMessage || requestId != null) {
            text.append(" (");
            if (hasMessage) {
                text.append(errorCode != null && !errorCode.isEmpty() ? "Graph: " : "").append(graphMessage.strip());
            }
            if (requestId != null) {
                text.append(hasMessage ? "; " : "").append("request-id ").append(requestId);
            }
            text.append(')');
        }
        return text.toString();
    }

    /** The HTTP method of the failed request. */
    public String method() {
        return method;
    }

    /** The URL of the failed request. */
    public String url() {
        return url;
    }

    /** The mailbox (user id or user principal name) the request read, or null for a directory request. */
    public String mailbox() {
        return mailbox;
    }

    /** The HTTP status of the last attempt, or {@link #NO_RESPONSE} when no response came. */
    public int status() {
        return status;
    }

    /** Graph's error code, e.g. {@code MailboxNotEnabledForRESTAPI}, or null. */
    public String errorCode() {
        return errorCode;
    }

    /** Graph's error message, or the description of the I/O failure; may be null. */
    public String graphMessage() {
        return graphMessage;
    }

    /** How many times the request was sent. */
    public int attempts() {
        return attempts;
    }

    /** Graph's request-id of the last attempt (or the client-request-id the client sent), or null. */
    public String requestId() {
        return requestId;
    }

    /** Whether Graph answered 429 Too Many Requests to the last attempt. */
    public boolean isThrottled() {
        return status == 429;
    }

    /** Whether Graph answered 404 Not Found. */
    public boolean isNotFound() {
        return status == 404;
    }
}
