package io.github.cameloffice365.governance.consent;

import java.time.Instant;
import java.util.Comparator;
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

    /**
     * Files a new request for the context, recording the requester's object id too (the owner of the requesting
     * application, as the directory told it). The default forgets the object id; {@link JdbcConsentLedger} keeps it.
     */
    default ConsentRequest fileRequest(Office365RunContext context, String requestedBy, String requestedById,
                                       Instant now) {
        return fileRequest(context, requestedBy, now);
    }

    /** The request with this id, as of now. */
    Optional<ConsentRequest> find(String requestId, Instant now);

    /** The newest request filed for this consent key, as of now. */
    Optional<ConsentRequest> latestFor(String consentKey, Instant now);

    /**
     * The request of this consent key decided last (approved or denied, including an approval that has lapsed since),
     * as of now; whoever filed it. A denial stands for its context until a later decision approves it again.
     * <p>
     * The default reads every request; a ledger with an index does better.
     */
    default Optional<ConsentRequest> latestDecidedFor(String consentKey, Instant now) {
        return list(Optional.empty(), now).stream()
                .filter(request -> request.consentKey().equals(consentKey) && request.decidedAt() != null)
                .max(Comparator.comparing(ConsentRequest::decidedAt).thenComparing(ConsentRequest::requestedAt));
    }

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

    /**
     * Refuses a decision on a pending request by someone who may not decide it (an owner of the requesting
     * application), records the refusal in the audit trail, and throws. The default records nothing;
     * {@link JdbcConsentLedger} audits it.
     *
     * @throws SelfApprovalException always
     */
    default void refuseSelfApproval(String requestId, String approver, String comment, Instant now) {
        throw new SelfApprovalException(requestId, approver);
    }

    /** The audit trail of one request, oldest first. */
    List<ConsentAuditEntry> audit(String requestId);
}
