package io.github.cameloffice365.governance.approval;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.component.Office365RunContext;
import io.github.cameloffice365.governance.consent.ConsentAuditEntry;
import io.github.cameloffice365.governance.consent.ConsentRequest;
import io.github.cameloffice365.governance.consent.ConsentState;

/** How the approvers' API writes consent requests: every field of the request and of its context. */
final class ConsentRequestJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ConsentRequestJson() {
    }

    /** The name of a state in the API and on the page: pending, approved, denied or expired. */
    static String stateName(ConsentState state) {
        return state == ConsentState.REQUESTING_CONSENT ? "pending" : state.name().toLowerCase(Locale.ROOT);
    }

    /** The state named by the API's {@code state} parameter: a name from {@link #stateName} or the enum's name. */
    static Optional<ConsentState> parseState(String name) {
        for (ConsentState state : ConsentState.values()) {
            if (stateName(state).equalsIgnoreCase(name) || state.name().equalsIgnoreCase(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    static ArrayNode list(List<ConsentRequest> requests) {
        ArrayNode array = JSON.arrayNode();
        requests.forEach(request -> array.add(request(request)));
        return array;
    }

    static ObjectNode request(ConsentRequest request) {
        ObjectNode node = JSON.objectNode();
        node.put("id", request.id());
        node.put("state", stateName(request.state()));
        node.put("ledgerState", request.state().name());
        node.put("consentKey", request.consentKey());
        node.put("requestedBy", request.requestedBy());
        node.put("requestedById", request.requestedById());
        node.put("requestedAt", text(request.requestedAt()));
        node.put("expiresAt", text(request.expiresAt()));
        node.put("decidedBy", request.decidedBy());
        node.put("decidedAt", text(request.decidedAt()));
        node.put("comment", request.comment());
        node.put("approvalExpiresAt", text(request.approvalExpiresAt()));
        node.set("context", context(request.context()));
        return node;
    }

    static ObjectNode withAudit(ConsentRequest request, List<ConsentAuditEntry> audit) {
        ObjectNode node = request(request);
        ArrayNode trail = node.putArray("audit");
        for (ConsentAuditEntry entry : audit) {
            ObjectNode line = trail.addObject();
            line.put("action", entry.action());
            line.put("actor", entry.actor());
            line.put("comment", entry.comment());
            line.put("at", text(entry.at()));
        }
        return node;
    }

    private static ObjectNode context(Office365RunContext context) {
        ObjectNode node = JSON.objectNode();
        node.put("table", context.table());
        ArrayNode columns = node.putArray("columns");
        context.columns().forEach(columns::add);
        node.put("scope", context.scopeDescription());
        ArrayNode groups = node.putArray("allowedGroups");
        context.allowedGroups().forEach(groups::add);
        node.put("userScopeFilterUri", context.userScopeFilterUri());
        node.put("destination", context.destination());
        node.put("requester", context.requester());
        node.put("office365TenantId", context.office365TenantId());
        node.put("servicePrincipalTenantId", context.servicePrincipalTenantId());
        node.put("runId", context.runId());
        node.put("dateFilterColumn", context.dateFilterColumn());
        node.put("startTime", text(context.startTime()));
        node.put("endTime", text(context.endTime()));
        return node;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
