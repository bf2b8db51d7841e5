package io.github.cameloffice365.governance.approval;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import io.github.cameloffice365.governance.consent.ConsentRequest;
import io.github.cameloffice365.governance.consent.ConsentState;
import io.github.cameloffice365.governance.consent.RunContexts;
import io.github.cameloffice365.graph.CapturedLogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.cameloffice365.governance.approval.ApproversTestBed.ALICE;
import static io.github.cameloffice365.governance.approval.ApproversTestBed.BOB;
import static io.github.cameloffice365.governance.approval.ApproversTestBed.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's unattended approver, signing in with the password grant and approving through the REST API. */
class DemoApproverTest {

    private ApproversTestBed bed;

    @BeforeEach
    void start() throws Exception {
        bed = new ApproversTestBed();
    }

    @AfterEach
    void stop() throws Exception {
        bed.close();
    }

    @Test
    void shouldApproveEveryPendingRequestThroughTheApiAndLogWhoApprovedWhat() throws Exception {
        ConsentRequest first = bed.ledger().fileRequest(RunContexts.messages("Id", "Subject"), BOB.upn(),
                Instant.now());
        ConsentRequest second = bed.ledger().fileRequest(RunContexts.messages("Id", "Sender"), BOB.upn(),
                Instant.now());
        DemoApprover approver = new DemoApprover(bed.configuration(), ALICE.upn(), PASSWORD, bed.baseUrl(),
                bed.graph().sslContext());

        List<String> approved;
        List<String> demoLog;
        List<String> apiLog;
        try (CapturedLogs demo = new CapturedLogs(DemoApprover.class); CapturedLogs api = new CapturedLogs(ApprovalApi.class)) {
            approved = approver.approvePending();
            demoLog = demo.info();
            apiLog = api.info();
        }

        assertThat(approved).containsExactlyInAnyOrder(first.id(), second.id());
        for (ConsentRequest filed : List.of(first, second)) {
            ConsentRequest stored = bed.ledger().find(filed.id(), Instant.now()).orElseThrow();
            assertThat(stored.state()).isEqualTo(ConsentState.APPROVED);
            assertThat(stored.decidedBy()).isEqualTo(ALICE.upn());
            assertThat(demoLog).contains("approved request " + filed.id() + " for " + filed.context().table()
                    + " as " + ALICE.upn());
            assertThat(apiLog).contains("Consent request " + filed.id() + " for " + filed.context().table()
                    + " approved by " + ALICE.upn());
        }
        assertThat(approver.approvePending()).isEmpty();
    }

    @Test
    void shouldLeaveItsOwnRequestToAnotherApproverAndNotAskTwice() throws Exception {
        ConsentRequest own = bed.ledger().fileRequest(RunContexts.messages("Id", "Importance"), BOB.upn(),
                Instant.now());
        DemoApprover approver = new DemoApprover(bed.configuration(), BOB.upn(), PASSWORD, bed.baseUrl(),
                bed.graph().sslContext());

        try (CapturedLogs demo = new CapturedLogs(DemoApprover.class)) {
            assertThat(approver.approvePending()).isEmpty();
            assertThat(approver.approvePending()).isEmpty();

            assertThat(demo.lines().stream().filter(line -> line.startsWith("WARN"))).singleElement().asString()
                    .contains(own.id(), "Requestor and approver are the same. Self-approval is not allowed.");
        }
        assertThat(bed.ledger().find(own.id(), Instant.now()).orElseThrow().state())
                .isEqualTo(ConsentState.REQUESTING_CONSENT);
    }

    @Test
    void shouldFailClearlyWithAWrongPasswordAndNeverShowIt() {
        DemoApprover approver = new DemoApprover(bed.configuration(), ALICE.upn(), "wrong-secret-value",
                bed.baseUrl(), bed.graph().sslContext());

        assertThatThrownBy(approver::approvePending).isInstanceOf(IOException.class)
                .hasMessageContaining("The demo approver " + ALICE.upn() + " cannot sign in")
                .hasMessageContaining("invalid_grant")
                .hasMessageNotContaining("wrong-secret-value");
    }
}
