package io.github.cameloffice365.governance.consent;

import java.time.Instant;

/**
 * One line of a request's audit trail.
 *
 * @param requestId the request
 * @param action    what happened: FILED, APPROVED, DENIED, EXPIRED, SELF_APPROVAL_REFUSED
 * @param actor     who did it
 * @param comment   the comment given, or null
 * @param at        when
 */
public record ConsentAuditEntry(String requestId, String action, String actor, String comment, Instant at) {
}
