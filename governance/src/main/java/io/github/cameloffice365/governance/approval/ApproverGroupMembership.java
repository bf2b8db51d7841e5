package io.github.cameloffice365.governance.approval;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cameloffice365.graph.GraphClient;
import io.github.cameloffice365.graph.GraphRequest;
import io.github.cameloffice365.graph.GraphRequestException;
import io.github.cameloffice365.graph.GraphUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a user may act as an approver: a member, direct or through nested groups, of the approver group, and not a
 * guest. The group's users are read from Microsoft Graph ({@code /groups/{id}/transitiveMembers}, following every
 * {@code @odata.nextLink}) with the application's own token, and remembered for a short while.
 */
public class ApproverGroupMembership {

    private static final Logger LOG = LoggerFactory.getLogger(ApproverGroupMembership.class);

    /** An approver group is small; a listing longer than this many pages is a fault, not a group. */
    private static final int MAX_PAGES = 200;
    private static final String GUEST = "guest";

    /** What the approver group says about one user. */
    public enum Standing {
        /** A member who is not a guest: may approve. */
        MEMBER,
        /** A guest member: guests never approve. */
        GUEST,
        /** Not in the group. */
        NOT_MEMBER
    }

    private final String graphBase;
    private final String groupId;
    private final GraphClient graph;
    private final Clock clock;
    private final Duration ttl;

    private Map<String, String> userTypeByObjectId;
    private Instant readAt = Instant.MIN;

    ApproverGroupMembership(ApproversConfiguration configuration, GraphClient graph, Clock clock) {
        this.graphBase = configuration.graphBase();
        this.groupId = configuration.getApproverGroupId();
        this.graph = graph;
        this.clock = clock;
        this.ttl = configuration.getMembershipCacheTtl();
    }

    /** The standing of the user with this object id in the approver group. */
    public Standing standingOf(String objectId) throws IOException {
        String userType = members().get(objectId.toLowerCase(Locale.ROOT));
        if (userType == null) {
            return Standing.NOT_MEMBER;
        }
        return GUEST.equals(userType) ? Standing.GUEST : Standing.MEMBER;
    }

    private synchronized Map<String, String> members() throws IOException {
        Instant now = clock.instant();
        if (userTypeByObjectId == null || !readAt.plus(ttl).isAfter(now)) {
            userTypeByObjectId = readMembers();
            readAt = now;
        }
        return userTypeByObjectId;
    }

    private Map<String, String> readMembers() throws IOException {
        String url = GraphUrl.of(graphBase).path("v1.0/groups").segment(groupId).path("transitiveMembers")
                .query("$select", "id,userType").build();
        Map<String, String> read = new HashMap<>();
        try {
            // the client follows each next link as Graph wrote it, and only on the Graph base URL
            graph.forEachItem(GraphRequest.directory(url), MAX_PAGES, member -> {
                if (isUser(member)) {
                    read.put(member.path("id").asText().toLowerCase(Locale.ROOT),
                            member.path("userType").asText("Member").toLowerCase(Locale.ROOT));
                }
            });
        } catch (GraphRequestException e) {
            if (e.isNotFound()) {
                throw new IOException("The approver group " + groupId + " does not exist in the tenant; check"
                        + " the option approverGroupId", e);
            }
            throw e;
        }
        LOG.debug("Read {} users of the approver group {}", read.size(), groupId);
        return read;
    }

    private static boolean isUser(JsonNode member) {
        JsonNode type = member.get("@odata.type");
        return member.hasNonNull("id") && (type == null || "#microsoft.graph.user".equals(type.asText()));
    }
}
