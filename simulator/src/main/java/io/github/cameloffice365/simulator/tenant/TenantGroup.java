package io.github.cameloffice365.simulator.tenant;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A group and its direct members (ids of users, groups, devices or org contacts).
 *
 * @param properties the Graph group object as served (id, displayName, mailEnabled, securityEnabled, ...)
 * @param memberIds the direct members' directory object ids, in order
 */
public record TenantGroup(ObjectNode properties, List<String> memberIds) {

    /** Copies the member list. */
    public TenantGroup {
        memberIds = List.copyOf(memberIds);
    }

    /** The group's id. */
    public String id() {
        return properties.path("id").asText();
    }
}
