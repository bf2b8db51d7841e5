package io.github.cameloffice365.scope;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.github.cameloffice365.graph.GraphClient;
import io.github.cameloffice365.graph.GraphClientSettings;
import io.github.cameloffice365.graph.GraphRequest;
import io.github.cameloffice365.graph.GraphRequestException;
import io.github.cameloffice365.graph.GraphUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link UserScope} into the list of users a run reads, through Graph's directory:
 * <ul>
 * <li>all users: {@code GET /v1.0/users};</li>
 * <li>groups: {@code GET /v1.0/groups/{id}/transitiveMembers} for each group, keeping the members that are users
 * (not groups, devices, contacts or service principals) and each user once;</li>
 * <li>filter: {@code GET /v1.0/users?$filter=...}, the filter of userScopeFilterUri sent to the configured Graph
 * base URL.</li>
 * </ul>
 * Every request asks for the same few properties ({@link DirectoryUser#SELECT}) and follows every page. The result
 * is distinct and sorted by id, so that shards of the same scope never overlap.
 */
public final class UserScopeResolver {

    private static final Logger LOG = LoggerFactory.getLogger(UserScopeResolver.class);
    private static final String USER_TYPE = "#microsoft.graph.user";
    /** The largest page Graph serves for users and group members. */
    private static final String PAGE_SIZE = "999";

    private final GraphClient client;
    private final String graphBaseUrl;

    public UserScopeResolver(GraphClient client, String graphBaseUrl) {
        this.client = Objects.requireNonNull(client, "client");
        this.graphBaseUrl = GraphClientSettings.normalizeBaseUrl(graphBaseUrl);
    }

    /**
     * The users of the scope, distinct, sorted by id.
     *
     * @throws UserScopeException    when a group does not exist or Graph rejects the filter; the message names the
     *                               option and shows Graph's explanation
     * @throws GraphRequestException when Graph fails otherwise
     */
    public List<DirectoryUser> resolve(UserScope scope) throws IOException {
        Map<String, DirectoryUser> users = new TreeMap<>();
        if (scope instanceof UserScope.AllUsers) {
            readUsers(GraphRequest.directory(usersUrl().build()), users);
        } else if (scope instanceof UserScope.Groups groups) {
            for (String groupId : groups.groupIds()) {
                readGroupMembers(groupId, users);
            }
        } else if (scope instanceof UserScope.Filter filter) {
            readFilteredUsers(filter, users);
        } else {
            throw new IllegalArgumentException("unknown user scope " + scope);
        }
        LOG.debug("Scope {} holds {} users", scope.describe(), users.size());
        return List.copyOf(new ArrayList<>(users.values()));
    }

    private GraphUrl usersUrl() {
        return GraphUrl.of(graphBaseUrl).path("v1.0/users").query("$select", DirectoryUser.SELECT)
                .query("$top", PAGE_SIZE);
    }

    private void readUsers(GraphRequest request, Map<String, DirectoryUser> users) throws IOException {
        client.forEachItem(request, item -> {
            DirectoryUser user = DirectoryUser.fromGraph(item);
            users.putIfAbsent(user.id(), user);
        });
    }

    private void readGroupMembers(String groupId, Map<String, DirectoryUser> users) throws IOException {
        String url = GraphUrl.of(graphBaseUrl).path("v1.0/groups").segment(groupId).path("transitiveMembers")
                .query("$select", DirectoryUser.SELECT).query("$top", PAGE_SIZE).build();
        int[] counts = new int[2];
        try {
            client.forEachItem(GraphRequest.directory(url), item -> {
                counts[0]++;
                // members are directory objects: users, but also groups, devices, org contacts, service principals
                if (USER_TYPE.equals(item.path("@odata.type").asText())) {
                    DirectoryUser user = DirectoryUser.fromGraph(item);
                    users.putIfAbsent(user.id(), user);
                    counts[1]++;
                }
            });
        } catch (GraphRequestException e) {
            if (e.isNotFound()) {
                throw new UserScopeException("allowedGroups", "allowedGroups: the group '" + groupId
                        + "' does not exist in the tenant (" + e.getMessage() + "); check the group object id", e);
            }
            if (e.status() == 400) {
                throw new UserScopeException("allowedGroups", "allowedGroups: Graph rejects the group id '"
                        + groupId + "' (" + e.getMessage() + ")", e);
            }
            throw e;
        }
        LOG.debug("Group {} has {} transitive members, {} of them users", groupId, counts[0], counts[1]);
    }

    private void readFilteredUsers(UserScope.Filter filter, Map<String, DirectoryUser> users) throws IOException {
        GraphUrl url = usersUrl().query("$filter", filter.filter());
        GraphRequest request;
        if (filter.count()) {
            // Graph's advanced query operators need both of these
            request = GraphRequest.directory(url.query("$count", "true").build()).withHeader("ConsistencyLevel",
                    "eventual");
        } else {
            request = GraphRequest.directory(url.build());
        }
        try {
            readUsers(request, users);
        } catch (GraphRequestException e) {
            if (e.status() == 400) {
                throw new UserScopeException("userScopeFilterUri", "userScopeFilterUri: Graph rejects the filter '"
                        + filter.filter() + "' of '" + filter.uri() + "': "
                        + (e.graphMessage() != null ? e.graphMessage() : "no explanation given")
                        + (e.errorCode() != null ? " (" + e.errorCode() + ")" : "")
                        + ". Correct the $filter in userScopeFilterUri; see Graph's documentation of the user"
                        + " properties that support $filter", e);
            }
            throw e;
        }
    }
}
