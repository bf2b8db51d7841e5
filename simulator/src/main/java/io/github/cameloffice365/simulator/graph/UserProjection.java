package io.github.cameloffice365.simulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.GraphException;
import io.github.cameloffice365.simulator.http.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which user properties a response carries: the default set without {@code $select}, else exactly the selected
 * ones (Graph adds nothing, not even {@code id}). Selecting a SharePoint-profile property on a collection is
 * refused as Graph refuses it.
 */
final class UserProjection {

    private final List<String> properties;

    private UserProjection(List<String> properties) {
        this.properties = properties;
    }

    /** The projection for a {@code $select} (null for the default set). */
    static UserProjection of(List<String> select, boolean collection) {
        if (select == null || select.isEmpty()) {
            return new UserProjection(UserProperties.DEFAULT);
        }
        List<String> properties = new ArrayList<>();
        for (String name : select) {
            if (name.equals("*")) {
                properties.addAll(UserProperties.all());
                continue;
            }
            String canonical = UserProperties.canonical(name).orElseThrow(() -> GraphException.badRequest(
                    "Request_BadRequest", "Could not find a property named '" + name
                            + "' on type 'Microsoft.DirectoryServices.User'."));
            if (collection && UserProperties.SHAREPOINT_PROFILE.contains(canonical.toLowerCase(Locale.ROOT))) {
                throw GraphException.badRequest("BadRequest",
                        "The request is currently not supported on the targeted entity set");
            }
            properties.add(canonical);
        }
        return new UserProjection(properties);
    }

    /** Whether the projection is the default set. */
    boolean isDefault() {
        return properties == UserProperties.DEFAULT;
    }

    /** The selected properties, as written in {@code @odata.context}. */
    String contextSuffix() {
        return isDefault() ? "" : "(" + String.join(",", properties) + ")";
    }

    /** The served object: the projected properties in order, absent ones as null. */
    ObjectNode apply(ObjectNode user) {
        ObjectNode served = Json.object();
        for (String property : properties) {
            JsonNode value = user.get(property);
            served.set(property, value == null ? served.nullNode() : value);
        }
        return served;
    }

    /** The served object of a directory object: {@code @odata.type} first. */
    ObjectNode applyAsDirectoryObject(ObjectNode user) {
        ObjectNode served = Json.object();
        served.put("@odata.type", "#microsoft.graph.user");
        served.setAll(apply(user));
        return served;
    }
}
