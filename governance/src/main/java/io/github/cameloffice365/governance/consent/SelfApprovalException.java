package io.github.cameloffice365.governance.consent;

/** Thrown when the requester of a consent request tries to approve or deny it. */
public class SelfApprovalException extends RuntimeException {

    public SelfApprovalException(String requestId, String approver) {
        super("Requestor and approver are the same. Self-approval is not allowed (request " + requestId
              + ", approver " + approver + ").");
    }
}
