package io.github.cameloffice365.simulator.graph;

import io.github.cameloffice365.simulator.http.GraphException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outlook's throttling, per application and mailbox: at most {@code maxConcurrent} requests in flight and
 * {@code maxRequests} per window (Outlook: 4, and 10,000 per 10 minutes). Over either limit the request gets
 * 429 {@code ApplicationThrottled} with {@code Retry-After} in seconds.
 */
public final class MailboxThrottle {

    private final int maxConcurrent;
    private final int maxRequests;
    private final Duration window;
    private final Clock clock;
    private final Map<String, MailboxUsage> usage = new ConcurrentHashMap<>();

    /** A throttle with these limits. */
    public MailboxThrottle(int maxConcurrent, int maxRequests, Duration window, Clock clock) {
        this.maxConcurrent = maxConcurrent;
        this.maxRequests = maxRequests;
        this.window = window;
        this.clock = clock;
    }

    /** Released when the request's response is complete. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        /** Ends the request. */
        @Override
        void close();
    }

    /** A permit for a request; 429 when the application is over a limit for the mailbox. */
    Permit acquire(String applicationId, String mailbox) {
        MailboxUsage mailboxUsage = usage.computeIfAbsent(applicationId + "|" + mailbox, key -> new MailboxUsage());
        synchronized (mailboxUsage) {
            Instant now = clock.instant();
            if (mailboxUsage.windowStart == null || !now.isBefore(mailboxUsage.windowStart.plus(window))) {
                mailboxUsage.windowStart = now;
                mailboxUsage.requestsInWindow = 0;
            }
            if (mailboxUsage.requestsInWindow >= maxRequests) {
                Duration wait = Duration.between(now, mailboxUsage.windowStart.plus(window));
                throw throttled("Application is over its MailboxRequests limit.", wait);
            }
            if (mailboxUsage.inFlight >= maxConcurrent) {
                throw throttled("Application is over its MailboxConcurrency limit.", Duration.ofSeconds(1));
            }
            mailboxUsage.requestsInWindow++;
            mailboxUsage.inFlight++;
        }
        return () -> {
            synchronized (mailboxUsage) {
                mailboxUsage.inFlight--;
            }
        };
    }

    /** Forgets all counts (requests in flight keep their permits). */
    public void reset() {
        for (MailboxUsage mailboxUsage : usage.values()) {
            synchronized (mailboxUsage) {
                mailboxUsage.windowStart = null;
                mailboxUsage.requestsInWindow = 0;
            }
        }
    }

    private static GraphException throttled(String message, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new GraphException(429, "ApplicationThrottled", message).withHeader("Retry-After",
                Long.toString(seconds));
    }

    private static final class MailboxUsage {
        private Instant windowStart;
        private int requestsInWindow;
        private int inFlight;
    }
}
