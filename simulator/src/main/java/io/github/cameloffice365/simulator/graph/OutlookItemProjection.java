package io.github.cameloffice365.simulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.GraphException;
import io.github.cameloffice365.simulator.http.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Shapes a stored Outlook item into the served one: {@code @odata.etag} and {@code id} always; every property
 * without {@code $select} except the select-only ones ({@code internetMessageHeaders}, {@code uniqueBody}),
 * else exactly the selected ones; {@code attachments} only with {@code $expand=attachments}; HTML bodies as text
 * when the caller prefers text; simulator metadata ({@code _...}) never.
 */
final class OutlookItemProjection {

    private final OutlookItemType type;
    private final List<String> selected;
    private final boolean expandAttachments;
    private final boolean textBodies;

    private OutlookItemProjection(OutlookItemType type, List<String> selected, boolean expandAttachments,
            boolean textBodies) {
        this.type = type;
        this.selected = selected;
        this.expandAttachments = expandAttachments;
        this.textBodies = textBodies;
    }

    /** The projection for a request's {@code $select}, {@code $expand} and body preference. */
    static OutlookItemProjection of(OutlookItemType type, ODataQuery query, boolean textBodies) {
        List<String> select = query.select();
        List<String> selected = null;
        if (select != null) {
            selected = new ArrayList<>();
            for (String name : select) {
                selected.add(type.canonical(name).orElseThrow(() -> GraphException.badRequest(
                        "RequestBroker--ParseUri", "Could not find a property named '" + name
                                + "' on type 'microsoft.graph." + type.typeName() + "'.")));
            }
        }
        boolean expand = query.expands("attachments");
        query.expand().ifPresent(value -> {
            if (!expand) {
                throw GraphException.badRequest("BadRequest", "Could not find a property named '" + value
                        + "' on type 'microsoft.graph." + type.typeName() + "'.");
            }
        });
        return new OutlookItemProjection(type, selected, expand, textBodies);
    }

    /** The selected properties for {@code @odata.context}, e.g. {@code (subject,from)}, or nothing. */
    String contextSuffix() {
        return selected == null ? "" : "(" + String.join(",", selected) + ")";
    }

    ObjectNode apply(ObjectNode item) {
        ObjectNode served = Json.object();
        served.put("@odata.etag", etagOf(item));
        served.set("id", item.get("id"));
        if (selected == null) {
            Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (!name.startsWith("_") && !name.startsWith("@") && !name.equals("attachments")
                        && !type.isSelectOnly(name)) {
                    served.set(name, field.getValue());
                }
            }
        } else {
            for (String name : selected) {
                if (!name.equals("attachments")) {
                    JsonNode value = item.get(name);
                    served.set(name, value == null ? served.nullNode() : value);
                }
            }
        }
        if (expandAttachments) {
            JsonNode attachments = item.get("attachments");
            served.set("attachments", attachments == null ? served.arrayNode() : attachments);
        }
        if (textBodies) {
            toText(served, "body");
            toText(served, "uniqueBody");
        }
        return served;
    }

    private static String etagOf(ObjectNode item) {
        if (item.hasNonNull("@odata.etag")) {
            return item.get("@odata.etag").asText();
        }
        String changeKey = item.hasNonNull("changeKey") ? item.get("changeKey").asText()
                : Integer.toHexString(item.path("id").asText("").hashCode());
        return "W/\"" + changeKey + "\"";
    }

    private static void toText(ObjectNode served, String property) {
        JsonNode body = served.get(property);
        if (body instanceof ObjectNode bodyObject && "html".equalsIgnoreCase(bodyObject.path("contentType").asText())) {
            ObjectNode text = bodyObject.deepCopy();
            text.put("contentType", "text");
            text.put("content", HtmlToText.convert(bodyObject.path("content").asText("")));
            served.set(property, text);
        }
    }
}
