package io.github.cameloffice365.governance.consent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.github.cameloffice365.component.Office365RunContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A denial stands for its context ("fails continually"): every later run of the context fails, whoever requests it and
 * whatever other requesters file for that context in the meantime, until a request of the context is approved after it.
 */
class DeniedContextTest {

    private static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");
    private static final String REQUESTER = "megan.bowen@contoso.example";
    private static final String OTHER_REQUESTER = "lee.gu@contoso.example";
    private static final String APPROVER = "adele.vance@contoso.example";

    @TempDir
    Path dataFolder;

    private JdbcConsentLedger ledger;

    @BeforeEach
    void openLedger() {
        ledger = JdbcConsentLedger.embedded(dataFolder.resolve("consent"), JdbcConsentLedger.DEFAULT_REQUEST_LIFETIME,
                JdbcConsentLedger.DEFAULT_APPROVAL_LIFETIME);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void shouldKeepFailingTheDeniedRequesterAfterAnotherRequesterFiledForTheSameContext() {
        Office365RunContext context = RunContexts.messages("subject", "body");
        ConsentWaitProcessor megansRuns = processor(REQUESTER);
        String denied = ledger.fileRequest(context, REQUESTER, T0).id();
        ledger.deny(denied, APPROVER, "Mail bodies are out of scope", T0);
        assertThatThrownBy(() -> megansRuns.awaitConsent(context)).isInstanceOf(ConsentDeniedException.class);

        ledger.fileRequest(context, OTHER_REQUESTER, T0.plusSeconds(60));

        assertThatThrownBy(() -> megansRuns.awaitConsent(context))
                .as("the denied requester's next run of the denied context")
                .isInstanceOf(ConsentDeniedException.class);
    }

    @Test
    void shouldFailAnotherRequestersRunOfTheDeniedContextWithoutFilingForIt() {
        Office365RunContext context = RunContexts.messages("subject", "body");
        String denied = ledger.fileRequest(context, REQUESTER, T0).id();
        ledger.deny(denied, APPROVER, "Mail bodies are out of scope", T0);

        assertThatThrownBy(() -> processor(OTHER_REQUESTER).awaitConsent(context))
                .isInstanceOf(ConsentDeniedException.class)
                .hasMessageContaining(APPROVER)
                .hasMessageContaining("Mail bodies are out of scope");
        assertThat(ledger.list(Optional.empty(), T0.plusSeconds(120))).hasSize(1);
    }

    @Test
    void shouldEndTheDenialOnceARequestOfTheContextIsApprovedAfterIt() {
        Office365RunContext context = RunContexts.messages("subject", "body");
        String earlier = ledger.fileRequest(context, OTHER_REQUESTER, T0).id();
        String denied = ledger.fileRequest(context, REQUESTER, T0.plusSeconds(10)).id();
        ledger.deny(denied, APPROVER, "Mail bodies are out of scope", T0.plusSeconds(20));
        ledger.approve(earlier, APPROVER, "Approved for the audit", T0.plusSeconds(30));

        assertThat(processor(OTHER_REQUESTER).awaitConsent(context).id()).isEqualTo(earlier);
        assertThatThrownBy(() -> processor(REQUESTER).awaitConsent(context))
                .as("the denied requester asks again, and waits for a decision on a new request")
                .isInstanceOf(ConsentPendingException.class);
        assertThat(ledger.list(Optional.of(ConsentState.REQUESTING_CONSENT), T0.plusSeconds(120))).singleElement()
                .satisfies(request -> assertThat(request.requestedBy()).isEqualTo(REQUESTER));
    }

    private ConsentWaitProcessor processor(String requestedBy) {
        ConsentWaitProcessor processor = new ConsentWaitProcessor(ledger, requestedBy);
        processor.setClock(Clock.fixed(T0.plusSeconds(120), ZoneOffset.UTC));
        processor.setWaitTimeout(Duration.ofMillis(300));
        processor.setPollInterval(Duration.ofMillis(50));
        return processor;
    }
}
