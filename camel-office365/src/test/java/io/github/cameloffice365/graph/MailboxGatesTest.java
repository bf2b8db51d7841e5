package io.github.cameloffice365.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MailboxGatesTest {

    private static final Instant START = Instant.parse("2024-03-01T12:00:00Z");
    private static final Duration QUIET = Duration.ofMillis(300);

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopThreads() throws InterruptedException {
        release.countDown();
        threads.shutdownNow();
        assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    /** Starts a request to the mailbox that holds its pass until {@link #release} opens; counts it once inside. */
    private void holdPass(MailboxGates gates, String mailbox, AtomicInteger inside, List<MailboxGates.Pass> passes) {
        threads.submit(() -> {
            MailboxGates.Pass pass = gates.enter(mailbox);
            passes.add(pass);
            inside.incrementAndGet();
            release.await();
            return null;
        });
    }

    @Test
    void shouldKeepAtMostFourRequestsOfOneMailboxInFlight() {
        ManualClock clock = new ManualClock(START);
        MailboxGates gates = new MailboxGates(8, 4, clock, clock);
        AtomicInteger inside = new AtomicInteger();
        List<MailboxGates.Pass> passes = new CopyOnWriteArrayList<>();

        for (int i = 0; i < 6; i++) {
            holdPass(gates, "alice", inside, passes);
        }

        await().during(QUIET).atMost(Duration.ofSeconds(5)).until(() -> inside.get() == 4);
        passes.get(0).close();
        await().atMost(Duration.ofSeconds(5)).until(() -> inside.get() == 5);
    }

    @Test
    void shouldLetOnlyMaxConcurrentMailboxesHaveRequestsInFlight() {
        ManualClock clock = new ManualClock(START);
        MailboxGates gates = new MailboxGates(2, 4, clock, clock);
        AtomicInteger inside = new AtomicInteger();
        List<MailboxGates.Pass> passes = new CopyOnWriteArrayList<>();

        holdPass(gates, "alice", inside, passes);
        await().atMost(Duration.ofSeconds(5)).until(() -> inside.get() == 1);
        holdPass(gates, "bob", inside, passes);
        await().atMost(Duration.ofSeconds(5)).until(() -> inside.get() == 2);
        // a second request of an active mailbox needs no further mailbox slot
        holdPass(gates, "alice", inside, passes);
        await().atMost(Duration.ofSeconds(5)).until(() -> inside.get() == 3);
        holdPass(gates, "carol", inside, passes);

        await().during(QUIET).atMost(Duration.ofSeconds(5)).until(() -> inside.get() == 3);
        passes.get(0).close();
        // alice still has a request in flight, so she keeps her mailbox slot
        await().during(QUIET).atMost(Duration.ofSeconds(5)).until(() -> inside.get() == 3);
        passes.get(2).close();
        await().atMost(Duration.ofSeconds(5)).until(() -> inside.get() == 4);
    }

    @Test
    void shouldHoldBackRequestsToAPausedMailboxOnly() throws InterruptedException {
        ManualClock clock = new ManualClock(START);
        MailboxGates gates = new MailboxGates(8, 4, clock, clock);

        gates.pause("alice", START.plusSeconds(5));
        gates.enter("bob").close();
        assertThat(clock.sleeps()).isEmpty();

        gates.enter("alice").close();
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(5));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(5));

        gates.enter("alice").close();
        assertThat(clock.sleeps()).hasSize(1);
    }

    @Test
    void shouldKeepTheLongerPauseAndPauseTheDirectoryOnItsOwn() throws InterruptedException {
        ManualClock clock = new ManualClock(START);
        MailboxGates gates = new MailboxGates(8, 4, clock, clock);

        gates.pause(null, START.plusSeconds(10));
        gates.pause(null, START.plusSeconds(3));
        gates.enter("alice").close();
        gates.enter(null).close();

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void shouldNotLoopForeverWhenTheSleeperDoesNotMoveTheClock() throws InterruptedException {
        ManualClock clock = new ManualClock(START);
        AtomicInteger sleeps = new AtomicInteger();
        MailboxGates gates = new MailboxGates(8, 4, clock, duration -> sleeps.incrementAndGet());

        gates.pause("alice", START.plusSeconds(5));
        gates.enter("alice").close();

        assertThat(sleeps).hasValue(1);
    }
}
