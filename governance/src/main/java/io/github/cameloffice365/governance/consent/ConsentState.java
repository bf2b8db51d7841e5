package io.github.cameloffice365.governance.consent;

/** The states of a consent request, as MGDC's approvers see them. */
public enum ConsentState {

    /** Filed and waiting for an approver; a run of its context waits. */
    REQUESTING_CONSENT,
    /** Approved; runs of its context extract until the approval lapses. */
    APPROVED,
    /** Denied; runs of its context fail at once. */
    DENIED,
    /** Nobody answered within the request lifetime, or the approval lapsed; the next run files a new request. */
    EXPIRED
}
