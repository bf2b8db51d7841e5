package io.github.cameloffice365.governance.approval;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
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
    private final Supplier<String> graphToken;
    private final JsonHttp http;
    private final Clock clock;
    private final Duration ttl;

    private Map<String, String> userTypeByObjectId;
    private Instant readAt = Instant.MIN;

    ApproverGroupMembership(ApproversConfiguration configuration, Supplier<String> graphToken, JsonHttp http,
            Clock clock) {
        this.graphBase = configuration.graphBase();
        this.groupId = configuration.getApproverGroupId();
        this.graphToken = graphToken;
        this.http = http;
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
        String select = URLEncoder.encode("id,userType", StandardCharsets.UTF_8);
        URI next = URI.create(graphBase + "/v1.0/groups/" + groupId + "/transitiveMembers?$select=" + select);
        String token = graphToken.get();
        Map<String, String> read = new HashMap<>();
        int pages = 0;
        while (next != null) {
            if (++pages > MAX_PAGES) {
                throw new IOException("The approver group " + groupId + " lists more than " + MAX_PAGES
                        + " pages of members; an approver group this large is not supported");
            }
            JsonNode page;
            try {
                page = http.get(next, token);
            } catch (JsonHttp.HttpStatusException e) {
                if (e.status() == 404) {
                    throw new IOException("The approver group " + groupId + " does not exist in the tenant; check"
                            + " the option approverGroupId", e);
                }
                throw e;
            }
            for (JsonNode member : page.path("value")) {
                if (isUser(member)) {
                    read.put(member.path("id").asText().toLowerCase(Locale.ROOT),
                            member.path("userType").asText("Member").toLowerCase(Locale.ROOT));
                }
            }
            // the next link is followed byte for byte, as Graph asks, but only on Graph: the token goes nowhere else
            JsonNode nextLink = page.get("@odata.nextLink");
            next = nextLink == null || nextLink.isNull() ? null : onGraph(nextLink.asText());
        }
        LOG.debug("Read {} users of the approver group {}", read.size(), groupId);
        return read;
    }

    /**
     * The next link as a URI, refused unless its scheme, host and port are the Graph base URL's: the application's
     * token is only ever sent to Graph.
     */
    private URI onGraph(String nextLink) throws IOException {
        URI uri;
        try {
            uri = new URI(nextLink);
        } catch (URISyntaxException e) {
            throw new IOException("Graph's listing of the approver group " + groupId + " names a next page that is not"
                    + " a URL; the listing is abandoned", e);
        }
        if (!sameOrigin(uri, URI.create(graphBase))) {
            throw new IOException("Graph's listing of the approver group " + groupId + " names a next page at "
                    + origin(uri) + ", which is not the Graph base URL " + graphBase + "; the application's token is"
                    + " only sent to the Graph base URL, so the listing is abandoned");
        }
        return uri;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    /** Scheme, host and port only: a link's path and query are not worth repeating in a message. */
    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static boolean isUser(JsonNode member) {
        JsonNode type = member.get("@odata.type");
        return member.hasNonNull("id") && (type == null || "#microsoft.graph.user".equals(type.asText()));
    }
}
