package io.github.cameloffice365.conformance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.cameloffice365.dataset.Dataset;
import io.github.cameloffice365.dataset.DatasetCatalog;

/**
 * Turns MGDC rows back into the Microsoft Graph v1.0 resources they were extracted from: the inverse of the row
 * writer, written independently of it so that a conversion the writer misses shows up as a difference.
 *
 * <p>For each row it
 * <ul>
 *   <li>removes the metadata columns, keeping {@code puser} as the user (mailbox) the resource belongs to and
 *       {@code ptenant} as the tenant;</li>
 *   <li>turns every {@code microsoft.graph.<enumType>'<value>'} literal back into the plain Graph value;</li>
 *   <li>turns an object's {@code ODataType} back into its {@code @odata.type} annotation, first as Graph writes it,
 *       and gives file attachments the {@code @odata.mediaContentType} Graph adds;</li>
 *   <li>turns the values whose Graph type is Date ({@code recurrence.range.startDate/endDate}) or timeOfDay
 *       ({@code workingHours.startTime/endTime}) back into Graph's forms ({@code 2012-02-07},
 *       {@code 08:00:00.0000000}); timestamps stay as they are, at second precision;</li>
 *   <li>adds what Graph sends and MGDC drops: the {@code @odata.etag} of an item with a change key, and the
 *       {@code userPurpose} of mailbox settings.</li>
 * </ul>
 * A message without internet headers stays without them, as Graph leaves them out.
 */
public final class SampleToGraph {

    private static final Pattern MGDC_ENUM = Pattern.compile("microsoft\\.graph\\.[A-Za-z]+'(.*)'", Pattern.DOTALL);

    private static final Set<String> METADATA = Set.of("ODataType", "puser", "ptenant", "pAdditionalInfo", "datarow",
            "userrow", "pagerow", "rowinformation");

    /** Graph properties of type Date, by dotted path (collections transparent). */
    private static final Set<String> GRAPH_DATES = Set.of("recurrence.range.startDate", "recurrence.range.endDate");

    /** Graph properties of type timeOfDay, by dotted path. */
    private static final Set<String> GRAPH_TIMES_OF_DAY = Set.of("workingHours.startTime", "workingHours.endTime");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SampleToGraph() {
    }

    /**
     * The tenant the samples describe: for each sample table its Graph resources per user and its expected rows,
     * the tenant id, and the users.
     *
     * @param samplesDirectory the samples folder, e.g. from {@link MgdcSamples#directory()}
     * @throws IllegalStateException when the samples name more than one tenant
     */
    public static SampleTenant tenantFrom(Path samplesDirectory) {
        String tenantId = null;
        Map<String, SampleTable> tables = new LinkedHashMap<>();
        for (String tableName : MgdcSamples.TABLES) {
            Dataset dataset = DatasetCatalog.get(tableName);
            List<SampleRow> rows = new ArrayList<>();
            List<String> lines = MgdcSamples.lines(samplesDirectory, tableName);
            for (int i = 0; i < lines.size(); i++) {
                ObjectNode row = MgdcSamples.parseRow(lines.get(i));
                String rowTenant = tenantOf(row);
                if (tenantId == null) {
                    tenantId = rowTenant;
                } else if (!tenantId.equals(rowTenant)) {
                    throw new IllegalStateException("The samples name two tenants: " + tenantId + " and " + rowTenant
                            + " (" + tableName + ", line " + (i + 1) + ")");
                }
                rows.add(new SampleRow(tableName, i + 1, userOf(row), toGraph(row), row, lines.get(i)));
            }
            tables.put(tableName, new SampleTable(dataset, rows));
        }
        return new SampleTenant(tenantId, tables);
    }

    /** The id of the user (mailbox) a row was extracted from: its {@code puser}. */
    public static String userOf(ObjectNode row) {
        return requiredText(row, "puser");
    }

    /** The tenant a row belongs to: its {@code ptenant}. */
    public static String tenantOf(ObjectNode row) {
        return requiredText(row, "ptenant");
    }

    /** The Graph v1.0 resource one MGDC row was written from. */
    public static ObjectNode toGraph(ObjectNode row) {
        ObjectNode resource = NODES.objectNode();
        JsonNode changeKey = row.get("changeKey");
        if (changeKey != null && changeKey.isTextual()) {
            resource.put("@odata.etag", "W/\"" + changeKey.textValue() + "\"");
        }
        row.properties().forEach(property -> {
            if (!METADATA.contains(property.getKey())) {
                resource.set(property.getKey(), toGraph(property.getValue(), property.getKey()));
            }
        });
        JsonNode odataType = row.get("ODataType");
        if (odataType != null && "#microsoft.graph.mailboxSettings".equals(odataType.textValue())) {
            resource.put("userPurpose", "user");
        }
        return resource;
    }

    private static JsonNode toGraph(JsonNode value, String path) {
        if (value.isObject()) {
            ObjectNode graph = NODES.objectNode();
            JsonNode odataType = value.get("ODataType");
            if (odataType != null) {
                graph.set("@odata.type", odataType);
                if ("#microsoft.graph.fileAttachment".equals(odataType.textValue()) && value.has("contentType")) {
                    graph.set("@odata.mediaContentType", value.get("contentType"));
                }
            }
            value.properties().forEach(property -> {
                if (!property.getKey().equals("ODataType")) {
                    graph.set(property.getKey(), toGraph(property.getValue(), path + "." + property.getKey()));
                }
            });
            return graph;
        }
        if (value.isArray()) {
            ArrayNode graph = NODES.arrayNode(value.size());
            value.forEach(element -> graph.add(toGraph(element, path)));
            return graph;
        }
        if (value.isTextual()) {
            return TextNode.valueOf(toGraphText(value.textValue(), path));
        }
        return value.deepCopy();
    }

    private static String toGraphText(String text, String path) {
        Matcher enumLiteral = MGDC_ENUM.matcher(text);
        if (enumLiteral.matches()) {
            return enumLiteral.group(1);
        }
        if (GRAPH_DATES.contains(path) && text.endsWith("T00:00:00Z")) {
            return text.substring(0, text.indexOf('T'));
        }
        if (GRAPH_TIMES_OF_DAY.contains(path) && text.startsWith("1970-01-01T") && text.endsWith("Z")) {
            return text.substring("1970-01-01T".length(), text.length() - 1) + ".0000000";
        }
        return text;
    }

    private static String requiredText(ObjectNode row, String key) {
        JsonNode value = row.get(key);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("An MGDC row must have the text column " + key);
        }
        return value.textValue();
    }
}
