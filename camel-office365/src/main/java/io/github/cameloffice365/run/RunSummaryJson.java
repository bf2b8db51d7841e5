package io.github.cameloffice365.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.component.Office365RunContext;

/** Writes a run summary as the JSON of {@code _summary.json}. */
public final class RunSummaryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunSummaryJson() {
    }

    public static String write(RunSummary summary, Office365RunContext context) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("runId", summary.runId());
        root.put("table", summary.table());
        root.put("status", summary.status().name());
        if (summary.failure() != null) {
            root.put("failure", summary.failure());
        }
        root.put("shardIndex", summary.shardIndex());
        root.put("shardCount", summary.shardCount());
        root.put("startedAt", summary.startedAt().toString());
        root.put("finishedAt", summary.finishedAt() == null ? null : summary.finishedAt().toString());
        root.put("durationMillis", summary.duration() == null ? null : summary.duration().toMillis());

        ObjectNode request = root.putObject("context");
        request.put("tenant", context.office365TenantId());
        request.put("requester", context.requester());
        request.put("scope", context.scopeDescription());
        request.putPOJO("columns", context.columns());
        request.put("dateFilterColumn", context.dateFilterColumn());
        request.put("startTime", context.startTime() == null ? null : context.startTime().toString());
        request.put("endTime", context.endTime() == null ? null : context.endTime().toString());
        request.put("destination", context.destination());

        root.put("rows", summary.rows());
        ObjectNode users = root.putObject("users");
        users.put("inScope", summary.usersInScope());
        users.put("extracted", summary.extractedUsers().size());
        users.put("skipped", summary.skippedUsers().size());
        users.put("failed", summary.failedUsers().size());
        ArrayNode skipped = users.putArray("skippedUsers");
        for (RunSummary.SkippedUser user : summary.skippedUsers()) {
            skipped.addObject().put("id", user.id()).put("userPrincipalName", user.userPrincipalName())
                    .put("reason", user.reason());
        }
        ArrayNode failed = users.putArray("failedUsers");
        for (RunSummary.FailedUser user : summary.failedUsers()) {
            failed.addObject().put("id", user.id()).put("userPrincipalName", user.userPrincipalName())
                    .put("error", user.error());
        }
        ArrayNode parts = root.putArray("parts");
        for (RunSummary.Part part : summary.parts()) {
            parts.addObject().put("fileName", part.fileName()).put("rows", part.rows()).put("bytes", part.bytes());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A run summary could not be written as JSON", e);
        }
    }
}
