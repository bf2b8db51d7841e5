package io.github.cameloffice365.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Graph client within Outlook's limits: at most a few requests in flight per mailbox, at most so many
 * mailboxes with requests in flight at once, and no request to a mailbox while a 429 has paused it. Directory
 * requests (no mailbox) share one gate of their own, because Entra ID throttles them per app and tenant.
 */
final class MailboxGates {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxGates.class);
    private static final String DIRECTORY = "";

    private final ConcurrentMap<String, Gate> gates = new ConcurrentHashMap<>();
    private final Semaphore activeMailboxes;
    private final int requestsPerMailbox;
    private final Clock clock;
    private final Sleeper sleeper;

    MailboxGates(int maxConcurrentMailboxes, int requestsPerMailbox, Clock clock, Sleeper sleeper) {
        this.activeMailboxes = new Semaphore(maxConcurrentMailboxes, true);
        this.requestsPerMailbox = requestsPerMailbox;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Waits until the mailbox may send one more request: a free slot of the mailbox, the end of any pause, and a free
     * mailbox slot overall. The returned pass must be closed when the response has been read.
     */
    Pass enter(String mailbox) throws InterruptedException {
        Gate gate = gates.computeIfAbsent(key(mailbox), k -> new Gate(requestsPerMailbox));
        gate.slots.acquire();
        try {
            awaitPauseEnd(mailbox, gate);
            gate.activate(activeMailboxes);
        } catch (InterruptedException | RuntimeException e) {
            gate.slots.release();
            throw e;
        }
        return new Pass(gate, activeMailboxes);
    }

    /** Holds every request to the mailbox back until the given instant (a 429 with its Retry-After). */
    void pause(String mailbox, Instant until) {
        gates.computeIfAbsent(key(mailbox), k -> new Gate(requestsPerMailbox)).pauseUntil(until);
    }

    /** Sleeps while the mailbox is paused; a pause that a later 429 extends is waited for again. */
    private void awaitPauseEnd(String mailbox, Gate gate) throws InterruptedException {
        Instant waitedFor = null;
        while (true) {
            Instant until = gate.pausedUntil;
            Instant now = clock.instant();
            // the second condition ends the loop with a clock that a test sleeper does not move
            if (until == null || !until.isAfter(now) || until.equals(waitedFor)) {
                return;
            }
            Duration wait = Duration.between(now, until);
            LOG.debug("Requests for {} are paused by a 429 for another {} ms", describe(mailbox), wait.toMillis());
            sleeper.sleep(wait);
            waitedFor = until;
        }
    }

    private static String key(String mailbox) {
        return mailbox == null ? DIRECTORY : mailbox;
    }

    private static String describe(String mailbox) {
        return mailbox == null ? "the directory" : "user " + mailbox;
    }

    /** The state of one mailbox. */
    private static final class Gate {
        private final Semaphore slots;
        private volatile Instant pausedUntil;
        private int inFlight;

        Gate(int requestsPerMailbox) {
            this.slots = new Semaphore(requestsPerMailbox, true);
        }

        synchronized void pauseUntil(Instant until) {
            if (pausedUntil == null || until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }

        /*
         * Blocking on the global semaphore while holding this monitor is safe: it only happens when no request of this
         * mailbox is in flight, so no thread needs the monitor to leave.
         */
        synchronized void activate(Semaphore activeMailboxes) throws InterruptedException {
            if (inFlight == 0) {
                activeMailboxes.acquire();
            }
            inFlight++;
        }

        synchronized void deactivate(Semaphore activeMailboxes) {
            inFlight--;
            if (inFlight == 0) {
                activeMailboxes.release();
            }
        }
    }

    /** The right to have one request in flight; close it once. */
    static final class Pass implements AutoCloseable {
        private final Gate gate;
        private final Semaphore activeMailboxes;
        private boolean closed;

        private Pass(Gate gate, Semaphore activeMailboxes) {
            this.gate = gate;
            this.activeMailboxes = activeMailboxes;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                gate.deactivate(activeMailboxes);
                gate.slots.release();
            }
        }
    }
}
