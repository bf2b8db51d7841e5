package io.github.cameloffice365.conformance;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.dataset.DatasetCatalog;

/**
 * The tenant Microsoft's samples were extracted from, as Graph resources: what a Graph simulator serves so that an
 * extraction can be compared with the samples.
 *
 * @param tenantId the tenant id (every row's {@code ptenant})
 * @param tables   the sample tables by table name
 */
public record SampleTenant(String tenantId, Map<String, SampleTable> tables) {

    public SampleTenant {
        Objects.requireNonNull(tenantId, "tenantId");
        tables = Map.copyOf(tables);
    }

    /** The sample table of this name, e.g. {@link DatasetCatalog#MESSAGE_V1}. */
    public SampleTable table(String tableName) {
        SampleTable table = tables.get(tableName);
        if (table == null) {
            throw new IllegalArgumentException("No samples of table " + tableName + "; samples exist of " + tables.keySet());
        }
        return table;
    }

    /** Every user id any sample row belongs to, sorted. */
    public List<String> userIds() {
        TreeSet<String> ids = new TreeSet<>();
        tables.values().forEach(table -> table.rows().forEach(row -> ids.add(row.userId())));
        return List.copyOf(ids);
    }

    /**
     * The Graph user resource of a user: the one the User_v1 samples hold, or, for a user that only owns mailbox
     * rows, a minimal enabled member ({@code id}, {@code userPrincipalName} set to the id, {@code accountEnabled},
     * {@code userType}).
     */
    public ObjectNode user(String id) {
        for (SampleRow row : table(DatasetCatalog.USER_V1).rows()) {
            JsonNode rowId = row.graphResource().get("id");
            if (rowId != null && id.equals(rowId.textValue())) {
                return row.graphResource().deepCopy();
            }
        }
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        user.put("id", id);
        user.put("userPrincipalName", id);
        user.put("accountEnabled", true);
        user.put("userType", "Member");
        return user;
    }

    /** The Graph user resources of every user of {@link #userIds()}. */
    public List<ObjectNode> users() {
        return userIds().stream().map(this::user).toList();
    }
}
