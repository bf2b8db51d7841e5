package io.github.cameloffice365.governance.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.cameloffice365.component.Office365RunContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every consent ledger database must show. Subclasses give the database: the embedded one and
 * PostgreSQL run the same tests.
 */
abstract class AbstractConsentLedgerTest {

    static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");
    static final String REQUESTER = "megan.bowen@contoso.example";
    static final String APPROVER = "adele.vance@contoso.example";
    static final String OTHER_APPROVER = "lee.gu@contoso.example";

    JdbcConsentLedger ledger;

    /** A ledger on a database with no consent tables yet, or with the tables this test class left. */
    abstract JdbcConsentLedger openLedger(Duration requestLifetime, Duration approvalLifetime);

    /** Called before each test with no ledger open: remove whatever an earlier test stored. */
    abstract void resetDatabase() throws Exception;

    @BeforeEach
    void openFreshLedger() throws Exception {
        resetDatabase();
        ledger = openLedger(JdbcConsentLedger.DEFAULT_REQUEST_LIFETIME, JdbcConsentLedger.DEFAULT_APPROVAL_LIFETIME);
    }

    @AfterEach
    void closeLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void shouldFileARequestThatWaitsForConsentAndLapsesAfter24Hours() {
        Office365RunContext context = RunContexts.messages("subject", "sender", "receivedDateTime");

        ConsentRequest request = ledger.fileRequest(context, REQUESTER, T0);

        assertThat(request.state()).isEqualTo(ConsentState.REQUESTING_CONSENT);
        assertThat(request.consentKey()).isEqualTo(context.consentKey());
        assertThat(request.requestedBy()).isEqualTo(REQUESTER);
        assertThat(request.requestedAt()).isEqualTo(T0);
        assertThat(request.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(request.decidedBy()).isNull();
        assertThat(request.approvalExpiresAt()).isNull();
    }

    @Test
    void shouldStoreEveryFieldOfTheContextSoApproversSeeIt() {
        Office365RunContext context = RunContexts.messages("subject", "sender", "receivedDateTime");
        String id = ledger.fileRequest(context, REQUESTER, T0).id();

        ConsentRequest read = ledger.find(id, T0.plusSeconds(1)).orElseThrow();

        assertThat(read.context()).isEqualTo(context);
        assertThat(read.context().consentKey()).isEqualTo(read.consentKey());
    }

    @Test
    void shouldKeepAUserFilterScopeVerbatim() {
        Office365RunContext context = RunContexts.withFilter(RunContexts.messages("subject"),
                "https://graph.microsoft.com/v1.0/users?$filter=Department eq 'Finance' and accountEnabled eq true");
        String id = ledger.fileRequest(context, REQUESTER, T0).id();

        assertThat(ledger.find(id, T0).orElseThrow().context().userScopeFilterUri())
                .isEqualTo(context.userScopeFilterUri());
    }

    @Test
    void shouldApproveForOneHundredEightyDaysAndAuditWhoWhatWhenAndComment() {
        String id = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).id();
        Instant decidedAt = T0.plus(Duration.ofHours(2));

        ConsentRequest approved = ledger.approve(id, APPROVER, "Finance analytics, ticket 4711", decidedAt);

        assertThat(approved.state()).isEqualTo(ConsentState.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo(APPROVER);
        assertThat(approved.comment()).isEqualTo("Finance analytics, ticket 4711");
        assertThat(approved.decidedAt()).isEqualTo(decidedAt);
        assertThat(approved.approvalExpiresAt()).isEqualTo(decidedAt.plus(Duration.ofDays(180)));
        assertThat(ledger.audit(id)).containsExactly(
                new ConsentAuditEntry(id, "FILED", REQUESTER, null, T0),
                new ConsentAuditEntry(id, "APPROVED", APPROVER, "Finance analytics, ticket 4711", decidedAt));
    }

    @Test
    void shouldDenyAndKeepTheDenialWithItsComment() {
        String id = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).id();

        ledger.deny(id, APPROVER, "Mail bodies are out of scope", T0.plusSeconds(60));

        ConsentRequest denied = ledger.find(id, T0.plus(Duration.ofDays(400))).orElseThrow();
        assertThat(denied.state()).isEqualTo(ConsentState.DENIED);
        assertThat(denied.decidedBy()).isEqualTo(APPROVER);
        assertThat(denied.comment()).isEqualTo("Mail bodies are out of scope");
        assertThat(ledger.audit(id)).extracting(ConsentAuditEntry::action).containsExactly("FILED", "DENIED");
    }

    @Test
    void shouldRefuseSelfApprovalWhateverTheCaseAndAuditTheAttempt() {
        String id = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).id();

        assertThatThrownBy(() -> ledger.approve(id, "Megan.Bowen@Contoso.example", "looks fine to me", T0))
                .isInstanceOf(SelfApprovalException.class)
                .hasMessageContaining("Self-approval is not allowed")
                .hasMessageContaining(id);
        assertThatThrownBy(() -> ledger.deny(id, REQUESTER, null, T0)).isInstanceOf(SelfApprovalException.class);

        assertThat(ledger.find(id, T0).orElseThrow().state()).isEqualTo(ConsentState.REQUESTING_CONSENT);
        assertThat(ledger.audit(id)).extracting(ConsentAuditEntry::action)
                .containsExactly("FILED", "SELF_APPROVAL_REFUSED", "SELF_APPROVAL_REFUSED");
        assertThat(ledger.audit(id).get(1).actor()).isEqualTo("Megan.Bowen@Contoso.example");
    }

    @Test
    void shouldRefuseApprovalByTheServicePrincipalThatRequests() {
        Office365RunContext context = RunContexts.messages("subject");
        String id = ledger.fileRequest(context, REQUESTER, T0).id();

        assertThatThrownBy(() -> ledger.approve(id, context.requester(), null, T0))
                .isInstanceOf(SelfApprovalException.class);
    }

    @Test
    void shouldReadAnUnansweredRequestAsExpiredAfterItsLifetimeAndAuditTheLapseOnce() {
        String id = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).id();
        Instant lapse = T0.plus(Duration.ofHours(24));

        assertThat(ledger.find(id, lapse.minusMillis(1)).orElseThrow().state())
                .isEqualTo(ConsentState.REQUESTING_CONSENT);
        assertThat(ledger.find(id, lapse).orElseThrow().state()).isEqualTo(ConsentState.EXPIRED);
        assertThat(ledger.find(id, lapse.plusSeconds(5)).orElseThrow().state()).isEqualTo(ConsentState.EXPIRED);

        assertThat(ledger.audit(id)).containsExactly(
                new ConsentAuditEntry(id, "FILED", REQUESTER, null, T0),
                new ConsentAuditEntry(id, "EXPIRED", JdbcConsentLedger.SYSTEM_ACTOR, "nobody answered within PT24H",
                        lapse));
    }

    @Test
    void shouldRefuseToApproveALapsedRequest() {
        String id = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).id();

        assertThatThrownBy(() -> ledger.approve(id, APPROVER, null, T0.plus(Duration.ofHours(25))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(id)
                .hasMessageContaining("expired: nobody answered it before " + T0.plus(Duration.ofHours(24)));
        assertThat(ledger.audit(id)).extracting(ConsentAuditEntry::action).containsExactly("FILED", "EXPIRED");
    }

    @Test
    void shouldLetAnApprovalLapseAfterOneHundredEightyDays() {
        String id = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).id();
        ledger.approve(id, APPROVER, null, T0);
        Instant lapse = T0.plus(Duration.ofDays(180));

        assertThat(ledger.find(id, lapse.minusSeconds(1)).orElseThrow().state()).isEqualTo(ConsentState.APPROVED);
        ConsentRequest lapsed = ledger.latestFor(RunContexts.messages("subject").consentKey(), lapse).orElseThrow();

        assertThat(lapsed.state()).isEqualTo(ConsentState.EXPIRED);
        assertThat(lapsed.decidedBy()).isEqualTo(APPROVER);
        assertThat(ledger.audit(id)).extracting(ConsentAuditEntry::action)
                .containsExactly("FILED", "APPROVED", "EXPIRED");
    }

    @Test
    void shouldUseConfiguredLifetimes() {
        ledger.close();
        ledger = openLedger(Duration.ofMinutes(10), Duration.ofDays(30));
        String id = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).id();

        assertThat(ledger.find(id, T0.plus(Duration.ofMinutes(10))).orElseThrow().state())
                .isEqualTo(ConsentState.EXPIRED);

        String second = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0.plus(Duration.ofHours(1))).id();
        ConsentRequest approved = ledger.approve(second, APPROVER, null, T0.plus(Duration.ofHours(1)));
        assertThat(approved.approvalExpiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)).plus(Duration.ofDays(30)));
    }

    @Test
    void shouldRefuseASecondDecisionNamingTheFirst() {
        String id = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).id();
        ledger.approve(id, APPROVER, null, T0.plusSeconds(10));

        assertThatThrownBy(() -> ledger.deny(id, OTHER_APPROVER, "no", T0.plusSeconds(20)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already approved by " + APPROVER + " at " + T0.plusSeconds(10));
        assertThat(ledger.find(id, T0.plusSeconds(30)).orElseThrow().state()).isEqualTo(ConsentState.APPROVED);
    }

    @Test
    void shouldReturnThePendingRequestInsteadOfFilingASecondOne() {
        Office365RunContext context = RunContexts.messages("subject");
        ConsentRequest first = ledger.fileRequest(context, REQUESTER, T0);

        ConsentRequest again = ledger.fileRequest(context, REQUESTER, T0.plus(Duration.ofHours(3)));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.expiresAt()).isEqualTo(first.expiresAt());
        assertThat(ledger.list(Optional.empty(), T0.plus(Duration.ofHours(3)))).hasSize(1);
    }

    @Test
    void shouldFileANewRequestAfterTheLapseAndPointTheKeyAtIt() {
        Office365RunContext context = RunContexts.messages("subject");
        ConsentRequest first = ledger.fileRequest(context, REQUESTER, T0);
        Instant nextDay = T0.plus(Duration.ofHours(30));

        ConsentRequest second = ledger.fileRequest(context, REQUESTER, nextDay);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.state()).isEqualTo(ConsentState.REQUESTING_CONSENT);
        assertThat(ledger.latestFor(context.consentKey(), nextDay).orElseThrow().id()).isEqualTo(second.id());
        assertThat(ledger.find(first.id(), nextDay).orElseThrow().state()).isEqualTo(ConsentState.EXPIRED);
    }

    @Test
    void shouldKeepContextsWithOtherColumnsOrDestinationsApart() {
        Office365RunContext context = RunContexts.messages("subject", "sender");
        String id = ledger.fileRequest(context, REQUESTER, T0).id();
        ledger.approve(id, APPROVER, null, T0);

        assertThat(ledger.latestFor(RunContexts.messages("subject", "sender", "bodyPreview").consentKey(), T0)).isEmpty();
        assertThat(ledger.latestFor(RunContexts.withDestination(context,
                "https://otherlake.blob.core.windows.net/mgdc").consentKey(), T0)).isEmpty();
        assertThat(ledger.latestFor(RunContexts.messages("sender", "subject").consentKey(), T0).orElseThrow().id())
                .isEqualTo(id);
    }

    @Test
    void shouldListNewestFirstAndFilterByStateAsOfNow() {
        String pending = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).id();
        String approved = ledger.fileRequest(RunContexts.messages("sender"), REQUESTER, T0.plusSeconds(1)).id();
        String denied = ledger.fileRequest(RunContexts.messages("toRecipients"), REQUESTER, T0.plusSeconds(2)).id();
        ledger.approve(approved, APPROVER, null, T0.plusSeconds(3));
        ledger.deny(denied, APPROVER, null, T0.plusSeconds(3));

        assertThat(ledger.list(Optional.empty(), T0.plusSeconds(4))).extracting(ConsentRequest::id)
                .containsExactly(denied, approved, pending);
        assertThat(ledger.list(Optional.of(ConsentState.REQUESTING_CONSENT), T0.plusSeconds(4)))
                .extracting(ConsentRequest::id).containsExactly(pending);
        assertThat(ledger.list(Optional.of(ConsentState.EXPIRED), T0.plus(Duration.ofHours(25))))
                .extracting(ConsentRequest::id).containsExactly(pending);
        assertThat(ledger.list(Optional.of(ConsentState.EXPIRED), T0.plus(Duration.ofDays(181))))
                .extracting(ConsentRequest::id).containsExactly(approved, pending);
    }

    @Test
    void shouldReportTheContextsLastDecisionWhoeverFiledItAndSeeAnApprovalLapse() {
        Office365RunContext context = RunContexts.messages("subject");
        assertThat(ledger.latestDecidedFor(context.consentKey(), T0)).isEmpty();
        String earlier = ledger.fileRequest(context, "alex.wilber@contoso.example", T0).id();
        String denied = ledger.fileRequest(context, REQUESTER, T0.plusSeconds(10)).id();
        ledger.deny(denied, APPROVER, "not now", T0.plusSeconds(20));
        ledger.fileRequest(RunContexts.messages("subject", "sender"), REQUESTER, T0.plusSeconds(30));

        assertThat(ledger.latestDecidedFor(context.consentKey(), T0.plusSeconds(40)).orElseThrow())
                .satisfies(last -> assertThat(last.id()).isEqualTo(denied))
                .satisfies(last -> assertThat(last.state()).isEqualTo(ConsentState.DENIED));

        ledger.approve(earlier, OTHER_APPROVER, null, T0.plusSeconds(50));
        assertThat(ledger.latestDecidedFor(context.consentKey(), T0.plusSeconds(60)).orElseThrow().id())
                .isEqualTo(earlier);
        assertThat(ledger.latestDecidedFor(context.consentKey(), T0.plus(Duration.ofDays(181))).orElseThrow().state())
                .isEqualTo(ConsentState.EXPIRED);
    }

    @Test
    void shouldKeepTheRequestersObjectIdAndRefuseApprovalUnderIt() {
        String objectId = "8d3f1b2a-6c4e-4f7a-9b0c-1d2e3f4a5b6c";
        ConsentRequest filed = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, objectId, T0);

        assertThat(ledger.find(filed.id(), T0).orElseThrow().requestedById()).isEqualTo(objectId);
        assertThatThrownBy(() -> ledger.approve(filed.id(), objectId.toUpperCase(), null, T0))
                .isInstanceOf(SelfApprovalException.class);
        assertThat(ledger.find(filed.id(), T0).orElseThrow().state()).isEqualTo(ConsentState.REQUESTING_CONSENT);
    }

    @Test
    void shouldAuditARefusedSelfApprovalOfAnOwnerWhoDidNotFile() {
        ConsentRequest filed = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0);

        assertThatThrownBy(() -> ledger.refuseSelfApproval(filed.id(), "co.owner@contoso.example", "mine too", T0))
                .isInstanceOf(SelfApprovalException.class);
        assertThat(ledger.audit(filed.id())).last().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("SELF_APPROVAL_REFUSED");
            assertThat(entry.actor()).isEqualTo("co.owner@contoso.example");
        });
        assertThat(ledger.find(filed.id(), T0).orElseThrow().state()).isEqualTo(ConsentState.REQUESTING_CONSENT);
    }

    @Test
    void shouldAnswerUnknownIdsWithNothingOrANamedError() {
        assertThat(ledger.find("no-such-request", T0)).isEmpty();
        assertThat(ledger.latestFor("no-such-key", T0)).isEmpty();
        assertThat(ledger.audit("no-such-request")).isEmpty();
        assertThatThrownBy(() -> ledger.approve("no-such-request", APPROVER, null, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'no-such-request'");
    }

    @Test
    void shouldRequireTheRequesterAndTheApprover() {
        assertThatThrownBy(() -> ledger.fileRequest(RunContexts.messages("subject"), " ", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestedBy");
        String id = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).id();
        assertThatThrownBy(() -> ledger.approve(id, null, null, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("approver");
    }

    @Test
    void shouldKeepEverythingWhenTheLedgerIsOpenedAgain() {
        Office365RunContext context = RunContexts.messages("subject");
        String pending = ledger.fileRequest(context, REQUESTER, T0).id();
        ledger.close();

        ledger = openLedger(JdbcConsentLedger.DEFAULT_REQUEST_LIFETIME, JdbcConsentLedger.DEFAULT_APPROVAL_LIFETIME);

        assertThat(ledger.latestFor(context.consentKey(), T0.plusSeconds(5)).orElseThrow().id()).isEqualTo(pending);
        ledger.approve(pending, APPROVER, "after the restart", T0.plusSeconds(10));
        assertThat(ledger.audit(pending)).extracting(ConsentAuditEntry::action).containsExactly("FILED", "APPROVED");
    }

    @Test
    void shouldFileOneRequestWhenReplicasFileTheSameContextAtOnce() throws Exception {
        Office365RunContext context = RunContexts.messages("subject", "sender");
        List<Callable<String>> filings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            filings.add(() -> ledger.fileRequest(context, REQUESTER, T0).id());
        }

        Set<String> ids = new HashSet<>(runAtOnce(filings));

        assertThat(ids).hasSize(1);
        assertThat(ledger.list(Optional.empty(), T0)).hasSize(1);
        assertThat(ledger.audit(ids.iterator().next())).extracting(ConsentAuditEntry::action).containsExactly("FILED");
    }

    @Test
    void shouldRecordOneDecisionWhenApproversDecideAtOnce() throws Exception {
        String id = ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).id();
        List<Callable<String>> decisions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            decisions.add(() -> attempt(() -> ledger.approve(id, APPROVER, null, T0.plusSeconds(1))));
            decisions.add(() -> attempt(() -> ledger.deny(id, OTHER_APPROVER, null, T0.plusSeconds(1))));
        }

        List<String> outcomes = runAtOnce(decisions);

        assertThat(outcomes).filteredOn(o -> o.startsWith("ok")).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.startsWith("refused")).hasSize(5);
        List<ConsentAuditEntry> trail = ledger.audit(id);
        assertThat(trail).hasSize(2);
        assertThat(trail.get(1).action()).isEqualTo(ledger.find(id, T0.plusSeconds(2)).orElseThrow().state().name());
    }

    private static String attempt(Callable<ConsentRequest> decision) throws Exception {
        try {
            return "ok " + decision.call().state();
        } catch (IllegalStateException e) {
            return "refused " + e.getMessage();
        }
    }

    private static List<String> runAtOnce(List<Callable<String>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
