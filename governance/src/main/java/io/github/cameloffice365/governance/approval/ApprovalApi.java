package io.github.cameloffice365.governance.approval;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.governance.consent.ApplicationOwner;
import io.github.cameloffice365.governance.consent.ApplicationOwners;
import io.github.cameloffice365.governance.consent.ConsentLedger;
import io.github.cameloffice365.governance.consent.ConsentRequest;
import io.github.cameloffice365.governance.consent.ConsentState;
import io.github.cameloffice365.governance.consent.SelfApprovalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the approvers' API does, apart from HTTP: authenticates the caller, checks the approver group, and lists,
 * shows, approves and denies consent requests in the ledger. Every answer is an {@link ApiReply}; no exception leaves.
 */
public class ApprovalApi {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalApi.class);

    /** The message MGDC's approvers know for a refused self-approval. */
    public static final String SELF_APPROVAL_MESSAGE =
            "Requestor and approver are the same. Self-approval is not allowed.";

    static final int MAX_COMMENT_LENGTH = 2000;
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,100}");

    private final AccessTokenValidator tokens;
    private final ApproverGroupMembership membership;
    private final ApplicationOwners owners;
    private final ConsentLedger ledger;
    private final Clock clock;
    private final ObjectMapper mapper;

    ApprovalApi(AccessTokenValidator tokens, ApproverGroupMembership membership, ApplicationOwners owners,
            ConsentLedger ledger, Clock clock, ObjectMapper mapper) {
        this.tokens = tokens;
        this.membership = membership;
        this.owners = owners;
        this.ledger = ledger;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** The requests, newest first, only those in the named state when one is named. */
    public ApiReply list(String authorization, String stateParameter) {
        return asApprover(authorization, approver -> {
            Optional<ConsentState> state = Optional.empty();
            if (stateParameter != null && !stateParameter.isBlank()) {
                state = ConsentRequestJson.parseState(stateParameter.strip());
                if (state.isEmpty()) {
                    return ApiReply.error(400, "invalid_state", "The parameter state has the value '"
                            + stateParameter + "'; accepted are pending, approved, denied and expired.");
                }
            }
            ObjectNode body = mapper.createObjectNode();
            body.set("value", ConsentRequestJson.list(ledger.list(state, clock.instant())));
            return ApiReply.ok(body);
        });
    }

    /** One request with its audit trail. */
    public ApiReply get(String authorization, String requestId) {
        return asApprover(authorization, approver -> withRequest(requestId, request ->
                ApiReply.ok(ConsentRequestJson.withAudit(request, ledger.audit(request.id())))));
    }

    /** Approves a pending request; the body is {@code {"comment": "..."}}. */
    public ApiReply approve(String authorization, String requestId, String body) {
        return decide(authorization, requestId, body, true);
    }

    /** Denies a pending request; the body is {@code {"comment": "..."}}. */
    public ApiReply deny(String authorization, String requestId, String body) {
        return decide(authorization, requestId, body, false);
    }

    /** Who the caller is, for the page: the identity in the token and whether the approver group admits them. */
    public ApiReply me(String authorization) {
        return asApprover(authorization, approver -> {
            ObjectNode body = mapper.createObjectNode();
            body.put("objectId", approver.objectId());
            body.put("username", approver.preferredUsername());
            body.put("displayName", approver.displayName());
            return ApiReply.ok(body);
        });
    }

    private ApiReply decide(String authorization, String requestId, String body, boolean approve) {
        return asApprover(authorization, approver -> withRequest(requestId, request -> {
            String comment;
            try {
                comment = comment(body);
            } catch (IllegalArgumentException e) {
                return ApiReply.error(400, "invalid_body", "The body must be a JSON object such as"
                        + " {\"comment\": \"...\"}, with a comment of at most " + MAX_COMMENT_LENGTH + " characters.");
            }

            // whoever owns the requesting application could have filed the request: no owner decides it
            boolean owner;
            try {
                owner = isRequester(request, approver) || ownsRequestingApplication(request, approver);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot read the owners of the application that requests {}: {}. Check that the application"
                        + " has the Graph permission Application.Read.All.", request.id(), e.getMessage());
                return ApiReply.error(503, "directory_unavailable", "The owners of the requesting application cannot"
                        + " be read from the directory; try again shortly.");
            }
            String actor = approver.preferredUsername();
            try {
                if (owner) {
                    ledger.refuseSelfApproval(request.id(), actor, comment, clock.instant());
                }
                ConsentRequest decided = approve
                        ? ledger.approve(request.id(), actor, comment, clock.instant())
                        : ledger.deny(request.id(), actor, comment, clock.instant());
                LOG.info("Consent request {} for {} {} by {}", decided.id(), decided.context().table(),
                        approve ? "approved" : "denied", actor);
                return ApiReply.ok(ConsentRequestJson.withAudit(decided, ledger.audit(decided.id())));
            } catch (SelfApprovalException e) {
                LOG.warn("Refused {} of consent request {} by {}, an owner of the requesting application; another"
                        + " member of the approver group must decide it", approve ? "approval" : "denial",
                        request.id(), actor);
                return ApiReply.error(409, "self_approval", SELF_APPROVAL_MESSAGE);
            } catch (IllegalStateException e) {
                return notPending(request.id());
            }
        }));
    }

    private ApiReply notPending(String requestId) {
        String state = ledger.find(requestId, clock.instant())
                .map(current -> ConsentRequestJson.stateName(current.state())).orElse("unknown");
        return ApiReply.error(409, "not_pending", "Request " + requestId + " is " + state
                + ", not pending; only a pending request can be approved or denied.");
    }

    private static boolean isRequester(ConsentRequest request, ApproverIdentity approver) {
        String requestedBy = request.requestedBy();
        String requestedById = request.requestedById();
        return requestedBy != null && (requestedBy.equalsIgnoreCase(approver.preferredUsername())
                || requestedBy.equalsIgnoreCase(approver.objectId()))
                || requestedById != null && requestedById.equalsIgnoreCase(approver.objectId());
    }

    /** Whether the approver owns the application (service principal) that requests, as the directory says now. */
    private boolean ownsRequestingApplication(ConsentRequest request, ApproverIdentity approver) throws IOException {
        String requester = request.context() == null ? null : request.context().requester();
        if (requester == null || requester.isBlank()) {
            throw new IOException("request " + request.id() + " names no requesting application");
        }
        int at = requester.indexOf('@');
        String appId = at < 0 ? requester : requester.substring(0, at);
        for (ApplicationOwner owner : owners.ownersOf(appId)) {
            if (owner.objectId().equalsIgnoreCase(approver.objectId())
                    || owner.userPrincipalName() != null
                    && owner.userPrincipalName().equalsIgnoreCase(approver.preferredUsername())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The comment of a decision body, or null when none is given.
     *
     * @throws IllegalArgumentException when the body is not a JSON object with at most a short text comment
     */
    private String comment(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        JsonNode comment = json.get("comment");
        if (comment == null || comment.isNull()) {
            return null;
        }
        if (!comment.isTextual() || comment.asText().length() > MAX_COMMENT_LENGTH) {
            throw new IllegalArgumentException("not a short text");
        }
        String text = comment.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private ApiReply withRequest(String requestId, RequestAction action) {
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            return ApiReply.error(400, "invalid_request_id", "'" + requestId + "' is not a request id.");
        }
        Optional<ConsentRequest> request = ledger.find(requestId, clock.instant());
        if (request.isEmpty()) {
            return ApiReply.error(404, "not_found", "There is no consent request " + requestId + ".");
        }
        return action.apply(request.get());
    }

    private ApiReply asApprover(String authorization, ApproverAction action) {
        ApproverIdentity approver;
        try {
            approver = tokens.validate(authorization);
        } catch (InvalidAccessTokenException e) {
            LOG.debug("Refused a request to the approvers' API: {}", e.getMessage());
            return ApiReply.error(401, "invalid_token", e.getMessage(), Map.of("WWW-Authenticate",
                    "Bearer error=\"invalid_token\", error_description=\"" + headerSafe(e.getMessage()) + "\""));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot check an approver's token: {}. Check the option authority and that the authority is"
                    + " reachable.", e.getMessage());
            return ApiReply.error(503, "authority_unavailable",
                    "The sign-in authority cannot be reached to check your token; try again shortly.");
        }

        ApproverGroupMembership.Standing standing;
        try {
            standing = membership.standingOf(approver.objectId());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read the approver group: {}. Check the option approverGroupId and the application's"
                    + " permission to read group members.", e.getMessage());
            return ApiReply.error(503, "directory_unavailable",
                    "The approver group cannot be read from the directory; try again shortly.");
        }
        if (standing == ApproverGroupMembership.Standing.GUEST) {
            return ApiReply.error(403, "guest_not_allowed", approver.preferredUsername()
                    + " is a guest in this tenant; guests cannot approve consent requests.");
        }
        if (standing == ApproverGroupMembership.Standing.NOT_MEMBER) {
            return ApiReply.error(403, "not_an_approver", approver.preferredUsername()
                    + " is not a member of the approver group, so cannot see or decide consent requests."
                    + " Ask a tenant administrator to add you to the approver group.");
        }

        try {
            return action.apply(approver);
        } catch (RuntimeException e) {
            LOG.warn("The approvers' API failed: {}. Check that the consent ledger's database is reachable.",
                    e.toString(), e);
            return ApiReply.error(500, "internal_error", "The request could not be completed; see the server log.");
        }
    }

    /**
     * The text as an RFC 6750 {@code error_description}: printable ASCII without quote or backslash. Anything else
     * (a line break above all, which would end the header) becomes a question mark; a double quote becomes a single
     * one.
     */
    static String headerSafe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                safe.append('\'');
            } else {
                safe.append(c >= 0x20 && c <= 0x7E && c != '\\' ? c : '?');
            }
        }
        return safe.toString();
    }

    @FunctionalInterface
    private interface ApproverAction {
        ApiReply apply(ApproverIdentity approver);
    }

    @FunctionalInterface
    private interface RequestAction {
        ApiReply apply(ConsentRequest request);
    }
}
