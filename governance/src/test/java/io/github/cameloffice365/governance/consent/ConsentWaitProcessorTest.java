package io.github.cameloffice365.governance.consent;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.cameloffice365.component.Office365Constants;
import io.github.cameloffice365.component.Office365RunContext;
import io.github.cameloffice365.graph.CapturedLogs;
import io.github.cameloffice365.graph.ManualClock;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The consent-wait processor in a real route: a RunStart exchange goes through it to a mock that stands for the
 * extraction; the mock receiving the exchange means the run went on to read data.
 */
class ConsentWaitProcessorTest {

    static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");
    static final String REQUESTER = "megan.bowen@contoso.example";
    static final String APPROVER = "adele.vance@contoso.example";
    static final String REQUESTER_ID = "8d3f1b2a-6c4e-4f7a-9b0c-1d2e3f4a5b6c";
    /**
     * The directory as these tests of the consent decision need it: the requester owns the run's application. The
     * owners read from Graph are tested in GovernedRunTest and the approvers' tests, against the simulator.
     */
    static final ApplicationOwners REQUESTER_OWNS_THE_APPLICATION =
            appId -> appId.equals(RunContexts.SERVICE_PRINCIPAL) ? List.of(new ApplicationOwner(REQUESTER_ID, REQUESTER))
                    : List.of();

    @TempDir
    Path dataFolder;

    ManualClock clock = new ManualClock(T0);
    JdbcConsentLedger ledger;
    ConsentWaitProcessor consentWait;
    CamelContext camel;
    ProducerTemplate template;
    MockEndpoint extraction;
    ExecutorService runs = Executors.newCachedThreadPool();

    @BeforeEach
    void startRoute() throws Exception {
        ledger = JdbcConsentLedger.embedded(dataFolder.resolve("consent"), JdbcConsentLedger.DEFAULT_REQUEST_LIFETIME,
                JdbcConsentLedger.DEFAULT_APPROVAL_LIFETIME);
        consentWait = processor(ledger);
        startCamel();
    }

    @AfterEach
    void stopRoute() throws Exception {
        runs.shutdownNow();
        camel.stop();
        ledger.close();
    }

    @Test
    void shouldHoldTheRunWhilePendingAndLetItGoOnOnceApproved() throws Exception {
        Office365RunContext context = RunContexts.messages("subject", "sender");
        try (CapturedLogs log = new CapturedLogs(ConsentWaitProcessor.class)) {
            Future<Exchange> run = startRun(context);

            ConsentRequest pending = awaitPendingRequest();
            assertThat(pending.context()).isEqualTo(context);
            assertThat(pending.requestedBy()).isEqualTo(REQUESTER);
            assertThat(pending.requestedById()).as("the requester's object id, from the directory")
                    .isEqualTo(REQUESTER_ID);
            awaitPolls(pending, 3);
            assertThat(run).isNotDone();
            assertThat(extraction.getReceivedCounter()).isZero();

            ledger.approve(pending.id(), APPROVER, "quarterly report", clock.instant());

            Exchange done = run.get(10, TimeUnit.SECONDS);
            assertThat(done.getException()).isNull();
            assertThat(extraction.getReceivedCounter()).isEqualTo(1);
            assertThat(done.getMessage().getHeader(ConsentWaitProcessor.CONSENT_REQUEST_ID)).isEqualTo(pending.id());
            assertThat(log.info()).anySatisfy(line -> assertThat(line)
                    .startsWith("Consent requested for BasicDataSet_v0.Message_v1 groups [")
                    .contains("-> " + RunContexts.DESTINATION)
                    .contains("request " + pending.id() + " (RequestingConsent)")
                    .contains("at https://approvals.contoso.example/requests/" + pending.id()));
            assertThat(log.info()).anySatisfy(line -> assertThat(line)
                    .startsWith("Consent granted by " + APPROVER + " at " + T0 + " for BasicDataSet_v0.Message_v1"));
        }
    }

    @Test
    void shouldPassAnApprovedContextAtOnceWhateverTheDateWindow() throws Exception {
        Office365RunContext context = RunContexts.messages("subject");
        String id = ledger.fileRequest(context, REQUESTER, T0).id();
        ledger.approve(id, APPROVER, null, T0);
        clock.advance(Duration.ofDays(30));

        Exchange done = startRun(RunContexts.withWindow(context, Instant.parse("2024-02-01T00:00:00Z"),
                Instant.parse("2024-03-01T00:00:00Z"))).get(10, TimeUnit.SECONDS);

        assertThat(done.getException()).isNull();
        assertThat(extraction.getReceivedCounter()).isEqualTo(1);
        assertThat(ledger.list(Optional.empty(), clock.instant())).hasSize(1);
    }

    @Test
    void shouldFailAtOnceNamingWhoDeniedAndTheirComment() throws Exception {
        Future<Exchange> run = startRun(RunContexts.messages("subject", "body"));
        ConsentRequest pending = awaitPendingRequest();

        ledger.deny(pending.id(), APPROVER, "Mail bodies are out of scope", clock.instant());

        assertThat(failureOf(run)).isInstanceOf(ConsentDeniedException.class)
                .hasMessageStartingWith("Consent denied by " + APPROVER + " at " + T0)
                .hasMessageContaining("comment: \"Mail bodies are out of scope\"")
                .hasMessageContaining(pending.id());
        assertThat(extraction.getReceivedCounter()).isZero();
    }

    @Test
    void shouldFailEveryLaterRunOfADeniedContextWithoutFilingAgain() throws Exception {
        Office365RunContext context = RunContexts.messages("subject", "body");
        String id = ledger.fileRequest(context, REQUESTER, T0).id();
        ledger.deny(id, APPROVER, null, T0);
        clock.advance(Duration.ofDays(3));

        assertThat(failureOf(startRun(context))).isInstanceOf(ConsentDeniedException.class)
                .hasMessageContaining("(no comment)");
        assertThat(ledger.list(Optional.empty(), clock.instant())).hasSize(1);
        assertThat(extraction.getReceivedCounter()).isZero();
    }

    @Test
    void shouldFailWithRequestExpiredWhenNobodyAnswersAndFileANewRequestOnTheNextRun() throws Exception {
        Office365RunContext context = RunContexts.messages("subject");
        Future<Exchange> first = startRun(context);
        ConsentRequest lapsing = awaitPendingRequest();

        clock.advance(Duration.ofHours(24));

        assertThat(failureOf(first)).isInstanceOf(ConsentExpiredException.class)
                .hasMessageStartingWith("Consent request expired")
                .hasMessageContaining(lapsing.id())
                .hasMessageContaining("the next run files a new request");

        Future<Exchange> second = startRun(context);
        ConsentRequest renewed = awaitPendingRequest();
        assertThat(renewed.id()).isNotEqualTo(lapsing.id());
        ledger.approve(renewed.id(), APPROVER, null, clock.instant());
        assertThat(second.get(10, TimeUnit.SECONDS).getException()).isNull();
        assertThat(extraction.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void shouldKeepWaitingWhenTheRequesterTriesToApproveAndGoOnWhenAnApproverDoes() throws Exception {
        Future<Exchange> run = startRun(RunContexts.messages("subject"));
        ConsentRequest pending = awaitPendingRequest();

        assertThatThrownBy(() -> ledger.approve(pending.id(), REQUESTER, null, clock.instant()))
                .isInstanceOf(SelfApprovalException.class);
        awaitPolls(pending, 2);
        assertThat(run).isNotDone();
        assertThat(extraction.getReceivedCounter()).isZero();

        ledger.approve(pending.id(), APPROVER, null, clock.instant());
        assertThat(run.get(10, TimeUnit.SECONDS).getException()).isNull();
    }

    @Test
    void shouldAskAgainWhenTheColumnsChange() throws Exception {
        String approved = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).id();
        ledger.approve(approved, APPROVER, null, T0);
        consentWait.setWaitTimeout(Duration.ofMillis(300));

        Throwable failure = failureOf(startRun(RunContexts.messages("subject", "bodyPreview")));

        assertThat(failure).isInstanceOf(ConsentPendingException.class);
        List<ConsentRequest> pending = ledger.list(Optional.of(ConsentState.REQUESTING_CONSENT), clock.instant());
        assertThat(pending).singleElement()
                .satisfies(r -> assertThat(r.context().columns()).containsExactly("subject", "bodyPreview"));
        assertThat(extraction.getReceivedCounter()).isZero();
    }

    @Test
    void shouldAskAgainWhenTheRequesterChanges() throws Exception {
        Office365RunContext context = RunContexts.messages("subject");
        String approved = ledger.fileRequest(context, "someone.else@contoso.example", T0).id();
        ledger.approve(approved, APPROVER, null, T0);
        consentWait.setWaitTimeout(Duration.ofMillis(300));

        assertThat(failureOf(startRun(context))).isInstanceOf(ConsentPendingException.class);
        assertThat(ledger.latestFor(context.consentKey(), clock.instant()).orElseThrow().requestedBy())
                .isEqualTo(REQUESTER);
    }

    @Test
    void shouldFailAfterTheWaitTimeoutLeavingTheRequestPendingForTheNextRun() throws Exception {
        Office365RunContext context = RunContexts.messages("subject");
        consentWait.setWaitTimeout(Duration.ofMillis(300));

        Throwable failure = failureOf(startRun(context));
        ConsentRequest pending = ledger.latestFor(context.consentKey(), clock.instant()).orElseThrow();

        assertThat(failure).isInstanceOf(ConsentPendingException.class)
                .hasMessageStartingWith("Consent still pending after waiting PT0.3S for a decision")
                .hasMessageContaining("request " + pending.id())
                .hasMessageContaining("stays open until " + T0.plus(Duration.ofHours(24)))
                .hasMessageContaining("the next run waits on it again");
        assertThat(pending.state()).isEqualTo(ConsentState.REQUESTING_CONSENT);

        consentWait.setWaitTimeout(Duration.ofSeconds(30));
        Future<Exchange> next = startRun(context);
        awaitPolls(pending, 2);
        ledger.approve(pending.id(), APPROVER, null, clock.instant());
        assertThat(next.get(10, TimeUnit.SECONDS).getException()).isNull();
        assertThat(ledger.list(Optional.empty(), clock.instant())).hasSize(1);
    }

    @Test
    void shouldLoseNothingWhenTheApplicationRestartsWhileARequestIsPending() throws Exception {
        Office365RunContext context = RunContexts.messages("subject");
        Future<Exchange> run = startRun(context);
        ConsentRequest pending = awaitPendingRequest();

        // the application stops: the route, then the ledger's database
        camel.stop();
        assertThat(failureOf(run)).isInstanceOf(ConsentPendingException.class)
                .hasMessageStartingWith("Consent still pending when the route stopped");
        ledger.close();

        ledger = JdbcConsentLedger.embedded(dataFolder.resolve("consent"), JdbcConsentLedger.DEFAULT_REQUEST_LIFETIME,
                JdbcConsentLedger.DEFAULT_APPROVAL_LIFETIME);
        consentWait = processor(ledger);
        startCamel();
        Future<Exchange> afterRestart = startRun(context);
        awaitPolls(pending, 2);
        assertThat(ledger.list(Optional.empty(), clock.instant())).extracting(ConsentRequest::id)
                .containsExactly(pending.id());

        ledger.approve(pending.id(), APPROVER, null, clock.instant());
        assertThat(afterRestart.get(10, TimeUnit.SECONDS).getException()).isNull();
        assertThat(ledger.audit(pending.id())).extracting(ConsentAuditEntry::action).containsExactly("FILED", "APPROVED");
    }

    @Test
    void shouldWorkAsABeanStepAsTheYamlRoutesUseIt() throws Exception {
        CamelContext beans = new DefaultCamelContext();
        beans.getRegistry().bind("consentWait", consentWait);
        beans.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").bean("consentWait").to("mock:extraction");
            }
        });
        beans.start();
        try {
            Office365RunContext context = RunContexts.messages("subject");
            String id = ledger.fileRequest(context, REQUESTER, T0).id();
            ledger.approve(id, APPROVER, null, T0);

            Exchange done = beans.createProducerTemplate().request("direct:run", exchange -> {
                exchange.getMessage().setBody(context);
                exchange.getMessage().setHeader(Office365Constants.EXCHANGE_KIND, Office365Constants.KIND_RUN_START);
            });

            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getHeader(ConsentWaitProcessor.CONSENT_REQUEST_ID)).isEqualTo(id);
        } finally {
            beans.stop();
        }
    }

    @Test
    void shouldLetPartsAndRunEndPassWithoutLookingAtTheLedger() {
        template.sendBodyAndHeader("direct:run", new byte[] { '{', '}', '\n' }, Office365Constants.EXCHANGE_KIND,
                Office365Constants.KIND_PART);
        template.sendBodyAndHeader("direct:run", "{}", Office365Constants.EXCHANGE_KIND, Office365Constants.KIND_RUN_END);

        assertThat(extraction.getReceivedCounter()).isEqualTo(2);
        assertThat(ledger.list(Optional.empty(), clock.instant())).isEmpty();
    }

    @Test
    void shouldRefuseToStartWithoutARequesterNamingTheOption() {
        ConsentWaitProcessor unnamed = new ConsentWaitProcessor(ledger, null);

        assertThatThrownBy(unnamed::start).satisfies(e -> assertThat(innermost(e))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consentWait option requestedBy is 'null'")
                .hasMessageContaining("user principal name"));
        assertThatThrownBy(() -> {
            ConsentWaitProcessor zero = processor(ledger);
            zero.setPollInterval(Duration.ZERO);
            zero.validate();
        }).hasMessageContaining("consentWait option pollInterval is 'PT0S'");
    }

    @Test
    void shouldRefuseToStartWithoutTheApplicationsOwnersNamingTheOption() {
        ConsentWaitProcessor unchecked = processor(ledger);
        unchecked.setApplicationOwners(null);

        assertThatThrownBy(unchecked::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consentWait option applicationOwners is required");
    }

    @Test
    void shouldFailARunOfARequesterWhoDoesNotOwnTheApplicationBeforeFilingAnything() throws Exception {
        consentWait.setRequestedBy("lee.gu@contoso.example");

        assertThat(failureOf(startRun(RunContexts.messages("subject")))).isInstanceOf(RequesterNotOwnerException.class)
                .hasMessageContaining("requestedBy is 'lee.gu@contoso.example', who is not an owner of the application "
                                      + RunContexts.SERVICE_PRINCIPAL)
                .hasMessageContaining("its owners: " + REQUESTER);
        assertThat(ledger.list(Optional.empty(), clock.instant())).isEmpty();
        assertThat(extraction.getReceivedCounter()).isZero();
    }

    @Test
    void shouldFailARunWhoseApplicationsOwnersCannotBeReadBeforeFilingAnything() throws Exception {
        consentWait.setApplicationOwners(appId -> {
            throw new java.io.IOException("Graph answered 403 Authorization_RequestDenied");
        });

        assertThat(failureOf(startRun(RunContexts.messages("subject")))).isInstanceOf(RequesterNotOwnerException.class)
                .hasMessageContaining("Cannot tell whether consentWait option requestedBy '" + REQUESTER + "'")
                .hasMessageContaining("Application.Read.All");
        assertThat(ledger.list(Optional.empty(), clock.instant())).isEmpty();
        assertThat(extraction.getReceivedCounter()).isZero();
    }

    @Test
    void shouldFailARunStartWithoutARunContext() {
        assertThatThrownBy(() -> template.requestBodyAndHeader("direct:run", "not a context",
                Office365Constants.EXCHANGE_KIND, Office365Constants.KIND_RUN_START))
                .isInstanceOf(CamelExecutionException.class)
                .cause().hasMessageContaining("no Office365RunContext body");
        assertThat(extraction.getReceivedCounter()).isZero();
    }

    private ConsentWaitProcessor processor(ConsentLedger on) {
        ConsentWaitProcessor processor = new ConsentWaitProcessor(on, REQUESTER);
        processor.setApplicationOwners(REQUESTER_OWNS_THE_APPLICATION);
        processor.setPollInterval(Duration.ofMillis(20));
        processor.setWaitTimeout(Duration.ofSeconds(30));
        processor.setClock(clock);
        processor.setApprovalUrl("https://approvals.contoso.example/requests/{requestId}");
        return processor;
    }

    private void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").routeId("extract").process(consentWait).to("mock:extraction");
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
        extraction = camel.getEndpoint("mock:extraction", MockEndpoint.class);
    }

    private Future<Exchange> startRun(Office365RunContext context) {
        return runs.submit(() -> template.request("direct:run", exchange -> {
            exchange.getMessage().setBody(context);
            exchange.getMessage().setHeaders(Map.of(Office365Constants.EXCHANGE_KIND, Office365Constants.KIND_RUN_START,
                    Office365Constants.RUN_ID, context.runId()));
        }));
    }

    private ConsentRequest awaitPendingRequest() {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> ledger.list(Optional.of(ConsentState.REQUESTING_CONSENT), clock.instant()),
                list -> list.size() == 1).get(0);
    }

    /** Waits until the processor has looked at the ledger a few more times, seen from the outside as time passing. */
    private void awaitPolls(ConsentRequest pending, int polls) throws InterruptedException {
        Thread.sleep(consentWait.getPollInterval().toMillis() * (polls + 1));
        assertThat(ledger.find(pending.id(), clock.instant()).orElseThrow().state())
                .isEqualTo(ConsentState.REQUESTING_CONSENT);
    }

    private static Throwable innermost(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Throwable failureOf(Future<Exchange> run) throws InterruptedException, ExecutionException,
            java.util.concurrent.TimeoutException {
        Exchange exchange = run.get(10, TimeUnit.SECONDS);
        assertThat(exchange.getException()).as("the run failed").isNotNull();
        return exchange.getException();
    }
}
