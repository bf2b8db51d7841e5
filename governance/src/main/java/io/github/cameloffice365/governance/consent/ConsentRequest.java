package io.github.cameloffice365.governance.consent;

import java.time.Instant;

import io.github.cameloffice365.component.Office365RunContext;

/**
 * One data-access request for one context, and the decision on it.
 *
 * @param id           the request id
 * @param consentKey   the key of the context ({@link Office365RunContext#consentKey()})
 * @param state        the state at the time it was read
 * @param context      the context the request is for (table, columns, scope, destination, requester, tenant)
 * @param requestedBy  the human requester (MGDC: the owner of the service principal); never allowed to approve
 * @param requestedAt  when it was filed
 * @param expiresAt    when it lapses if nobody answers
 * @param decidedBy    who approved or denied it, or null
 * @param comment      the approver's comment, or null
 * @param decidedAt    when it was approved or denied, or null
 * @param approvalExpiresAt when an approval lapses, or null
 * @param requestedById the requester's object id in the tenant, as the directory told it when the request was filed,
 *                      or null for a request filed without it
 */
public record ConsentRequest(
        String id,
        String consentKey,
        ConsentState state,
        Office365RunContext context,
        String requestedBy,
        Instant requestedAt,
        Instant expiresAt,
        String decidedBy,
        String comment,
        Instant decidedAt,
        Instant approvalExpiresAt,
        String requestedById) {

    /** A request whose requester's object id is not known. */
    public ConsentRequest(String id, String consentKey, ConsentState state, Office365RunContext context,
                          String requestedBy, Instant requestedAt, Instant expiresAt, String decidedBy, String comment,
                          Instant decidedAt, Instant approvalExpiresAt) {
        this(id, consentKey, state, context, requestedBy, requestedAt, expiresAt, decidedBy, comment, decidedAt,
                approvalExpiresAt, null);
    }
}
