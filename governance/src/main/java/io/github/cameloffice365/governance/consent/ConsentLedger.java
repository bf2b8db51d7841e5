package io.github.cameloffice365.governance.consent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.github.cameloffice365.component.Office365RunContext;

/**
 * The durable record of consent requests and decisions, with an append-only audit trail. States that depend on time
 * (a lapsed request, a lapsed approval) are reported as {@link ConsentState#EXPIRED} by every read.
 */
public interface ConsentLedger {

    /** Files a new request for the context, in state {@link ConsentState#REQUESTING_CONSENT}. */
    ConsentRequest fileRequest(Office365RunContext context, String requestedBy, Instant now);

    /** The request with this id, as of now. */
    Optional<ConsentRequest> find(String requestId, Instant now);

    /** The newest request filed for this consent key, as of now. */
    Optional<ConsentRequest> latestFor(String consentKey, Instant now);

    /** Every request, newest first, as of now; only those in the given state when one is given. */
    List<ConsentRequest> list(Optional<ConsentState> state, Instant now);

    /**
     * Approves a pending request.
     *
     * @throws SelfApprovalException when the approver is the requester
     * @throws IllegalStateException when the request is not pending
     */
    ConsentRequest approve(String requestId, String approver, String comment, Instant now);

    /**
     * Denies a pending request.
     *
     * @throws SelfApprovalException when the approver is the requester
     * @throws IllegalStateException when the request is not pending
     */
    ConsentRequest deny(String requestId, String approver, String comment, Instant now);

    /** The audit trail of one request, oldest first. */
    List<ConsentAuditEntry> audit(String requestId);
}
