package io.github.cameloffice365.governance;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.cameloffice365.component.Office365Constants;
import io.github.cameloffice365.dataset.DatasetCatalog;
import io.github.cameloffice365.governance.consent.ConsentDeniedException;
import io.github.cameloffice365.governance.consent.ConsentExpiredException;
import io.github.cameloffice365.governance.consent.ConsentRequest;
import io.github.cameloffice365.governance.consent.ConsentState;
import io.github.cameloffice365.governance.consent.ConsentWaitProcessor;
import io.github.cameloffice365.governance.consent.GraphApplicationOwners;
import io.github.cameloffice365.governance.consent.JdbcConsentLedger;
import io.github.cameloffice365.governance.consent.RequesterNotOwnerException;
import io.github.cameloffice365.governance.policy.OfficeRegion;
import io.github.cameloffice365.governance.policy.PolicyCheckException;
import io.github.cameloffice365.governance.policy.PolicyCheckProcessor;
import io.github.cameloffice365.graph.ManualClock;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.RecordedRequest;
import io.github.cameloffice365.simulator.arm.ArmHandler;
import io.github.cameloffice365.simulator.arm.AzureResources;
import io.github.cameloffice365.simulator.arm.AzureResources.StorageAccount;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole runs of the real office365 consumer against the Graph simulator's demo tenant, through the policy check and
 * the consent-wait processor: the simulator's request log shows that no Graph call at all, and so no data request,
 * is made for a context before it is approved.
 */
class GovernedRunTest {

    static final String TABLE = "BasicDataSet_v0.Message_v1";
    static final String SUBSCRIPTION = "3b7c1e2d-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    static final String ACCOUNT = "brackwaterlake";
    static final String DESTINATION = "https://" + ACCOUNT + ".blob.core.windows.net/mgdc/messages";
    static final String APPROVER = "demo.approver@brackwater.test";
    static final AzureResources AZURE = new AzureResources();

    static GraphSimulator simulator;
    static String officeRegion;

    @TempDir
    static Path folder;

    ManualClock clock = new ManualClock(Instant.now());
    JdbcConsentLedger ledger;
    String requester;
    CamelContext camel;
    MockEndpoint sink;
    final List<Throwable> runFailures = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = ArmHandler.mount(GraphSimulator.builder().tenant("demo"), AZURE).start();
        officeRegion = simulator.tenant().officeRegion();
        simulator.writeTrustStore(folder.resolve("truststore.p12"), "changeit".toCharArray());
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void describeAzureAndOpenTheLedger() {
        String location = OfficeRegion.find(officeRegion).orElseThrow().azureLocations().get(0);
        AZURE.clear()
                .subscription(SUBSCRIPTION, simulator.tenantId(), "Brackwater analytics")
                .storageAccount(StorageAccount.of(SUBSCRIPTION, "analytics", ACCOUNT, location));
        simulator.reset();
        ledger = JdbcConsentLedger.embedded(folder.resolve("consent-" + System.nanoTime()), Duration.ofHours(24),
                Duration.ofDays(180));
        TenantApplication application = simulator.tenant().applications().get(0);
        requester = simulator.tenant().user(application.ownerIds().get(0)).orElseThrow().userPrincipalName();
    }

    @AfterEach
    void stopTheRunAndCloseTheLedger() {
        if (camel != null) {
            camel.stop();
        }
        ledger.close();
    }

    @Test
    void shouldReadNothingWhilePendingNorAfterADenialAndExtractOnlyOnceApproved() throws Exception {
        startRun("subject,receivedDateTime");
        ConsentRequest pending = awaitPendingRequest();
        awaitSomePolls();

        assertThat(graphCalls()).as("Graph calls while the request is pending").isEmpty();
        assertThat(simulator.dataRequests()).isEmpty();

        ledger.deny(pending.id(), APPROVER, "Not for this quarter", clock.instant());

        Throwable failure = awaitRunFailure();
        assertThat(failure).isInstanceOf(ConsentDeniedException.class)
                .hasMessageContaining("Consent denied by " + APPROVER)
                .hasMessageContaining("Not for this quarter");
        assertThat(graphCalls()).as("Graph calls after the denial").isEmpty();
        assertThat(sink.getReceivedCounter()).isZero();

        // a changed context asks again; its approval lets the run read
        stopRun();
        startRun("subject,receivedDateTime,importance");
        ConsentRequest renewed = awaitPendingRequest();
        awaitSomePolls();
        assertThat(graphCalls()).isEmpty();

        Instant approvedAt = Instant.now();
        ledger.approve(renewed.id(), APPROVER, "Approved for the demo", clock.instant());

        Exchange runEnd = awaitRunEnd();
        assertThat(runEnd.getMessage().getHeader(Office365Constants.ROW_COUNT, Long.class)).isPositive();
        assertThat(simulator.dataRequests()).isNotEmpty()
                .allSatisfy(request -> assertThat(request.receivedAt()).isAfterOrEqualTo(approvedAt));
    }

    @Test
    void shouldReadNothingWhenTheRequestLapsesAndAskAgainOnTheNextRun() throws Exception {
        startRun("subject");
        ConsentRequest lapsing = awaitPendingRequest();
        awaitSomePolls();

        clock.advance(Duration.ofHours(24));

        assertThat(awaitRunFailure()).isInstanceOf(ConsentExpiredException.class)
                .hasMessageStartingWith("Consent request expired");
        assertThat(graphCalls()).as("Graph calls after the lapse").isEmpty();
        assertThat(simulator.dataRequests()).isEmpty();

        stopRun();
        startRun("subject");
        ConsentRequest next = awaitPendingRequest();
        assertThat(next.id()).isNotEqualTo(lapsing.id());
        assertThat(graphCalls()).isEmpty();
    }

    @Test
    void shouldEndTheRunAtThePolicyCheckWithoutAskingConsentOrReadingAnything() throws Exception {
        AZURE.storageAccount(StorageAccount.of(SUBSCRIPTION, "analytics", ACCOUNT, "brazilsouth"));

        startRun("subject");

        assertThat(awaitRunFailure()).isInstanceOf(PolicyCheckException.class)
                .hasMessageContaining("rule destination-region: found storage account '" + ACCOUNT
                                      + "' in Azure region brazilsouth");
        assertThat(ledger.list(Optional.empty(), clock.instant())).isEmpty();
        assertThat(graphCalls()).isEmpty();
    }

    /** The calls to Graph itself (/v1.0): user lists, groups, mail...; not tokens, not Resource Manager. */
    @Test
    void shouldEndTheRunBeforeFilingOrReadingAnythingWhenTheRequesterDoesNotOwnTheApplication() throws Exception {
        TenantApplication application = simulator.tenant().applications().get(0);
        requester = simulator.tenant().users().stream()
                .filter(user -> !application.ownerIds().contains(user.id())).findFirst().orElseThrow()
                .userPrincipalName();

        startRun("subject,receivedDateTime");

        Throwable failure = awaitRunFailure();
        assertThat(failure).isInstanceOf(RequesterNotOwnerException.class)
                .hasMessageContaining("requestedBy is '" + requester + "', who is not an owner of the application "
                                      + application.clientId())
                .hasMessageContaining("Nothing was requested or read");
        assertThat(ledger.list(Optional.empty(), clock.instant())).as("consent requests filed").isEmpty();
        assertThat(simulator.dataRequests()).isEmpty();
        assertThat(graphCalls()).isEmpty();
        assertThat(simulator.requests()).as("the one Graph call: the application's owners")
                .filteredOn(r -> r.path().startsWith("/v1.0/")).singleElement()
                .satisfies(r -> assertThat(r.path()).endsWith("/owners"));
        assertThat(sink.getReceivedCounter()).isZero();
    }

    /** The Graph calls of the extraction; the consent-wait processor's look at the application's owners aside. */
    private List<RecordedRequest> graphCalls() {
        return simulator.requests().stream().filter(r -> r.path().startsWith("/v1.0/"))
                .filter(r -> !r.path().startsWith("/v1.0/applications(")).toList();
    }

    private void startRun(String columns) throws Exception {
        runFailures.clear();
        PolicyCheckProcessor policyCheck = new PolicyCheckProcessor();
        policyCheck.setOfficeRegion(officeRegion);
        policyCheck.setArmBaseUrl(simulator.baseUrl());
        // the route writes to a mock; the sink judged is the one a Blob route would have
        policyCheck.setSinkEndpointUri("azure-storage-blob://" + ACCOUNT + "/mgdc?credentialType=AZURE_IDENTITY");
        ConsentWaitProcessor consentWait = new ConsentWaitProcessor(ledger, requester);
        consentWait.setApplicationOwners(new GraphApplicationOwners(simulator.baseUrl(),
                scope -> simulator.accessToken(), simulator.sslContext()));
        consentWait.setPollInterval(Duration.ofMillis(50));
        consentWait.setWaitTimeout(Duration.ofSeconds(60));
        consentWait.setClock(clock);

        camel = new DefaultCamelContext();
        camel.getRegistry().bind("simulatorTls", simulatorTls());
        camel.getRegistry().bind("runFailures", (ExceptionHandler) new RecordingExceptionHandler());
        String dateColumn = DatasetCatalog.find(TABLE).orElseThrow().dateFilterColumns().get(0).name();
        String uri = "office365:" + TABLE + "?office365TenantId=" + simulator.tenantId()
                     + "&servicePrincipalId=" + simulator.applicationClientId()
                     + "&servicePrincipalKey=RAW(" + simulator.applicationClientSecret() + ")"
                     + "&graphBaseUrl=" + simulator.baseUrl() + "&authorityHost=" + simulator.authorityHost()
                     + "&sslContextParameters=#simulatorTls&destination=" + DESTINATION
                     + "&outputColumns=" + columns + "&dateFilterColumn=" + dateColumn
                     + "&startTime=2019-01-01T00:00:00Z&endTime=2027-01-01T00:00:00Z"
                     + "&repeatCount=1&initialDelay=0&exceptionHandler=#runFailures";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("extract")
                        .choice()
                            .when(header(Office365Constants.EXCHANGE_KIND).isEqualTo(Office365Constants.KIND_RUN_START))
                                .process(policyCheck)
                                .process(consentWait)
                            .otherwise()
                                .to("mock:sink")
                        .end();
            }
        });
        camel.start();
        sink = camel.getEndpoint("mock:sink", MockEndpoint.class);
    }

    private void stopRun() {
        camel.stop();
        camel = null;
    }

    private SSLContextParameters simulatorTls() {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("file:" + folder.resolve("truststore.p12").toAbsolutePath());
        trustStore.setType("PKCS12");
        trustStore.setPassword("changeit");
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trustManagers);
        return tls;
    }

    private ConsentRequest awaitPendingRequest() {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> ledger.list(Optional.of(ConsentState.REQUESTING_CONSENT), clock.instant()),
                list -> list.size() == 1).get(0);
    }

    /** Lets the waiting run look at the ledger several times. */
    private static void awaitSomePolls() throws InterruptedException {
        Thread.sleep(500);
    }

    private Throwable awaitRunFailure() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !runFailures.isEmpty());
        return runFailures.get(0);
    }

    private Exchange awaitRunEnd() {
        await().atMost(Duration.ofSeconds(60)).until(() -> sink.getExchanges().stream().anyMatch(
                e -> Office365Constants.KIND_RUN_END.equals(e.getMessage().getHeader(Office365Constants.EXCHANGE_KIND))));
        assertThat(runFailures).isEmpty();
        return sink.getExchanges().stream().filter(
                e -> Office365Constants.KIND_RUN_END.equals(e.getMessage().getHeader(Office365Constants.EXCHANGE_KIND)))
                .findFirst().orElseThrow();
    }

    /** Collects what the consumer hands to its exception handler: the failure that ended a run. */
    private final class RecordingExceptionHandler implements ExceptionHandler {

        @Override
        public void handleException(Throwable exception) {
            runFailures.add(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            runFailures.add(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            runFailures.add(exception);
        }
    }
}
