package io.github.cameloffice365.simulator.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.GraphException;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.http.Responses;
import io.github.cameloffice365.simulator.tenant.ItemSource;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantGroup;
import io.github.cameloffice365.simulator.tenant.TenantUser;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The directory part of Graph: {@code /users}, {@code /users/{id}}, {@code /users/{id}/manager},
 * {@code /users/{id}/directReports}, {@code /groups}, {@code /groups/{id}}, {@code /groups/{id}/members},
 * {@code /groups/{id}/transitiveMembers} (with the {@code microsoft.graph.user} cast) and
 * {@code /applications(appId='{appId}')/owners}.
 */
final class DirectoryResources {

    /** Graph's directory default page size. */
    static final int DEFAULT_PAGE_SIZE = 100;
    /** Graph's directory maximum {@code $top}. */
    static final int MAX_PAGE_SIZE = 999;
    private static final String INVALID_PAGE_TOKEN = "Directory_ExpiredPageToken";

    private final Tenant tenant;
    private final CollectionResponder collections;
    private final ScriptedPages scripts;

    DirectoryResources(Tenant tenant, CollectionResponder collections, ScriptedPages scripts) {
        this.tenant = tenant;
        this.collections = collections;
        this.scripts = scripts;
    }

    /** The error code of an unknown page token on directory collections. */
    static String invalidPageTokenCode() {
        return INVALID_PAGE_TOKEN;
    }

    void listUsers(GraphRequest request) throws IOException {
        UserProjection projection = UserProjection.of(request.query().select(), true);
        Predicate<ObjectNode> filter = request.query().get("$filter").map(UserFilter::compile).orElse(user -> true);
        List<ObjectNode> users = tenant.users().stream().map(TenantUser::properties).toList();
        collections.respond(request, new CollectionResponder.Collection(
                request.metadataUrl() + "users" + projection.contextSuffix(),
                () -> ItemView.of(ItemSource.of(users), filter), pageSize(request), projection::apply, true));
    }

    void getUser(GraphRequest request, String idOrName) throws IOException {
        TenantUser user = user(idOrName);
        UserProjection projection = UserProjection.of(request.query().select(), false);
        ObjectNode body = Json.object();
        body.put("@odata.context", request.metadataUrl() + "users" + projection.contextSuffix() + "/$entity");
        body.setAll(projection.apply(user.properties()));
        Responses.sendGraphJson(request.exchange(), 200, body);
    }

    void getManager(GraphRequest request, String idOrName) throws IOException {
        TenantUser user = user(idOrName);
        TenantUser manager = user.manager().flatMap(tenant::user).orElseThrow(() -> notFound(
                "Resource 'manager' does not exist or one of its queried reference-property objects are not "
                        + "present."));
        UserProjection projection = UserProjection.of(request.query().select(), false);
        ObjectNode body = Json.object();
        body.put("@odata.context", request.metadataUrl() + "directoryObjects/$entity");
        body.setAll(projection.applyAsDirectoryObject(manager.properties()));
        Responses.sendGraphJson(request.exchange(), 200, body);
    }

    void listDirectReports(GraphRequest request, String idOrName) throws IOException {
        TenantUser user = user(idOrName);
        UserProjection projection = UserProjection.of(request.query().select(), true);
        List<ObjectNode> reports = tenant.directReports(user.id()).stream().map(TenantUser::properties).toList();
        collections.respond(request, new CollectionResponder.Collection(
                request.metadataUrl() + "directoryObjects" + projection.contextSuffix(),
                () -> ItemView.of(ItemSource.of(reports), item -> true), pageSize(request),
                projection::applyAsDirectoryObject, true));
    }

    void listGroups(GraphRequest request) throws IOException {
        List<ObjectNode> groups = tenant.groups().values().stream().map(TenantGroup::properties).toList();
        collections.respond(request, new CollectionResponder.Collection(request.metadataUrl() + "groups",
                () -> ItemView.of(ItemSource.of(groups), item -> true), pageSize(request), ObjectNode::deepCopy, true));
    }

    void getGroup(GraphRequest request, String groupId) throws IOException {
        ObjectNode body = Json.object();
        body.put("@odata.context", request.metadataUrl() + "groups/$entity");
        body.setAll(group(groupId).properties());
        Responses.sendGraphJson(request.exchange(), 200, body);
    }

    /**
     * Members of a group: direct ones, or all of them with nested groups expanded; with the user cast, users only
     * (and no {@code @odata.type}).
     */
    void listMembers(GraphRequest request, String groupId, boolean transitive, boolean usersOnly) throws IOException {
        TenantGroup group = group(groupId);
        if (request.query().get("$filter").isPresent()) {
            throw GraphException.badRequest("Request_UnsupportedQuery", "$filter on group members needs the "
                    + "advanced query capabilities (ConsistencyLevel: eventual), which this service does not offer.");
        }
        UserProjection projection = UserProjection.of(request.query().select(), true);
        List<ObjectNode> members = new ArrayList<>();
        for (String memberId : transitive ? transitiveMemberIds(group) : group.memberIds()) {
            ObjectNode served = servedMember(memberId, projection, usersOnly);
            if (served != null) {
                members.add(served);
            }
        }
        String context = request.metadataUrl() + (usersOnly ? "users" : "directoryObjects")
                + projection.contextSuffix();
        collections.respond(request, new CollectionResponder.Collection(context,
                () -> ItemView.of(ItemSource.of(members), item -> true), pageSize(request), item -> item, true));
    }

    /**
     * The owners of an application, as directory objects (users with {@code @odata.type}); an unknown application id
     * is 404 {@code Request_ResourceNotFound}, as Graph answers it.
     */
    void listApplicationOwners(GraphRequest request, String appId) throws IOException {
        TenantApplication application = tenant.application(appId).orElseThrow(() -> notFound("Resource '" + appId
                + "' does not exist or one of its queried reference-property objects are not present."));
        UserProjection projection = UserProjection.of(request.query().select(), true);
        List<ObjectNode> owners = new ArrayList<>();
        for (String ownerId : application.ownerIds()) {
            ObjectNode served = servedMember(ownerId, projection, false);
            if (served != null) {
                owners.add(served);
            }
        }
        collections.respond(request, new CollectionResponder.Collection(
                request.metadataUrl() + "directoryObjects" + projection.contextSuffix(),
                () -> ItemView.of(ItemSource.of(owners), item -> true), pageSize(request), item -> item, true));
    }

    private ObjectNode servedMember(String memberId, UserProjection projection, boolean usersOnly) {
        var user = tenant.user(memberId);
        if (user.isPresent()) {
            return usersOnly ? projection.apply(user.get().properties())
                    : projection.applyAsDirectoryObject(user.get().properties());
        }
        if (usersOnly) {
            return null;
        }
        var nested = tenant.group(memberId);
        if (nested.isPresent()) {
            ObjectNode served = Json.object();
            served.put("@odata.type", "#microsoft.graph.group");
            served.setAll(nested.get().properties());
            return served;
        }
        ObjectNode other = tenant.directoryObjects().get(memberId);
        return other == null ? null : other.deepCopy();
    }

    private List<String> transitiveMemberIds(TenantGroup root) {
        Set<String> members = new LinkedHashSet<>();
        Set<String> visitedGroups = new LinkedHashSet<>();
        visitedGroups.add(root.id());
        Deque<TenantGroup> pending = new ArrayDeque<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            for (String memberId : pending.poll().memberIds()) {
                if (memberId.equals(root.id())) {
                    continue;
                }
                members.add(memberId);
                tenant.group(memberId).filter(nested -> visitedGroups.add(nested.id())).ifPresent(pending::add);
            }
        }
        return new ArrayList<>(members);
    }

    private int pageSize(GraphRequest request) {
        int requested = request.query().top(MAX_PAGE_SIZE, "Request_BadRequest").orElse(DEFAULT_PAGE_SIZE);
        return scripts.effectivePageSize(request.path(), requested);
    }

    private TenantUser user(String idOrName) {
        return tenant.user(idOrName).orElseThrow(() -> notFound("Resource '" + idOrName
                + "' does not exist or one of its queried reference-property objects are not present."));
    }

    private TenantGroup group(String groupId) {
        return tenant.group(groupId).orElseThrow(() -> notFound("Resource '" + groupId
                + "' does not exist or one of its queried reference-property objects are not present."));
    }

    private static GraphException notFound(String message) {
        return GraphException.notFound("Request_ResourceNotFound", message);
    }
}
