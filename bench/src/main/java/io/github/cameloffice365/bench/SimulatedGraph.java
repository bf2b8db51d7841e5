package io.github.cameloffice365.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.RecordedRequest;
import io.github.cameloffice365.simulator.tenant.GeneratedTenant;

/**
 * A Graph simulator on loopback serving a generated tenant, with Outlook's throttling limits relaxed so that the
 * simulator is not what a benchmark measures: 64 requests in flight per mailbox (Graph: 4), no request budget per
 * mailbox (Graph: 10,000 per 10 minutes), 16 worker threads, and no request log.
 */
final class SimulatedGraph implements AutoCloseable {

    /** Outlook's limit is 4; raised so that the simulator never answers 429 in a speed measurement. */
    static final int REQUESTS_IN_FLIGHT_PER_MAILBOX = 64;
    /** Threads serving requests; more than the clients ever keep in flight. */
    static final int WORKER_THREADS = 16;

    private static final String TRUST_STORE_PASSWORD = "changeit";

    private final GeneratedTenant tenant;
    private final int users;
    private final int messagesPerUser;
    private final GraphSimulator simulator;
    private final Path workDirectory;
    private final GraphConnection connection;

    private SimulatedGraph(GeneratedTenant tenant, int users, int messagesPerUser) {
        this.tenant = tenant;
        this.users = users;
        this.messagesPerUser = messagesPerUser;
        this.simulator = GraphSimulator.builder()
                .tenant(tenant.build())
                .requestLogLimit(0)
                .maxConcurrentRequestsPerMailbox(REQUESTS_IN_FLIGHT_PER_MAILBOX)
                .mailboxRequestLimit(Integer.MAX_VALUE, Duration.ofMinutes(10))
                .workerThreads(WORKER_THREADS)
                .start();
        try {
            this.workDirectory = Files.createTempDirectory("camel-office365-bench");
            Path trustStore = workDirectory.resolve("simulator-truststore.p12");
            simulator.writeTrustStore(trustStore, TRUST_STORE_PASSWORD.toCharArray());
            this.connection = new GraphConnection(simulator.baseUrl(), simulator.tenantId(),
                    simulator.applicationClientId(), simulator.applicationClientSecret(), trustStore,
                    TRUST_STORE_PASSWORD);
        } catch (IOException e) {
            simulator.close();
            throw new UncheckedIOException("Cannot write the simulator's trust store: " + e.getMessage(), e);
        }
    }

    /** Starts a simulator serving users with messages whose bodies have about {@code bodyBytes} characters. */
    static SimulatedGraph start(int users, int messagesPerUser, int bodyBytes) {
        GeneratedTenant tenant = GeneratedTenant.builder()
                .users(users)
                .messagesPerUser(messagesPerUser)
                .bodyBytes(bodyBytes)
                .attachments(false)
                .eventsPerUser(0)
                .contactsPerUser(0)
                .seed(7);
        return new SimulatedGraph(tenant, users, messagesPerUser);
    }

    /** Delays every request that reads a user's data by this much, as Graph's own server time would. */
    void addLatency(Duration perRequest) {
        simulator.faults().clear();
        if (!perRequest.isZero()) {
            simulator.faults().on(RecordedRequest::isDataRequest).delay(perRequest).always();
        }
    }

    GraphConnection connection() {
        return connection;
    }

    GraphSimulator simulator() {
        return simulator;
    }

    int users() {
        return users;
    }

    int messagesPerUser() {
        return messagesPerUser;
    }

    /** Every generated message: the first received at {@link GeneratedTenant#FIRST_RECEIVED}, 10 minutes apart. */
    long messages() {
        return (long) users * messagesPerUser;
    }

    /** A date window that holds every message of the tenant. */
    static Instant windowStart() {
        return GeneratedTenant.FIRST_RECEIVED;
    }

    /** The end of a window that holds every message of the tenant (exclusive). */
    Instant windowEnd() {
        return GeneratedTenant.FIRST_RECEIVED.plus(GeneratedTenant.MESSAGE_SPACING.multipliedBy(messagesPerUser + 1L));
    }

    /** The ids of the tenant's users, in generation order. */
    List<String> userIds() {
        List<String> ids = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            ids.add(tenant.userId(i));
        }
        return ids;
    }

    @Override
    public void close() {
        simulator.close();
        try {
            Files.deleteIfExists(connection.trustStore());
            Files.deleteIfExists(workDirectory);
        } catch (IOException e) {
            // a leftover temporary trust store harms nothing
        }
    }
}
