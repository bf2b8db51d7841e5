package io.github.cameloffice365.governance.consent;

import java.time.Instant;
import java.util.List;

import io.github.cameloffice365.component.Office365RunContext;

/** Run contexts for tests, all of the fictional tenant of the tests. */
public final class RunContexts {

    public static final String TENANT = "6f1d3c1a-0b7e-4d55-9a51-2c6a3f0e4b11";
    public static final String SERVICE_PRINCIPAL = "0a5e7f3c-9d42-4b8e-8f0c-5b1d2e3f4a60";
    public static final String DESTINATION = "https://contosolake.blob.core.windows.net/mgdc/messages";

    private RunContexts() {
    }

    /** A Message_v1 extraction of two groups to the test destination, over a January window. */
    public static Office365RunContext messages(String... columns) {
        return new Office365RunContext("run-1", "BasicDataSet_v0.Message_v1", List.of(columns),
                List.of("11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222"), null,
                DESTINATION, SERVICE_PRINCIPAL + "@" + TENANT, TENANT, TENANT, "receivedDateTime",
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"));
    }

    /** The same context with another destination. */
    public static Office365RunContext withDestination(Office365RunContext context, String destination) {
        return new Office365RunContext(context.runId(), context.table(), context.columns(), context.allowedGroups(),
                context.userScopeFilterUri(), destination, context.requester(), context.office365TenantId(),
                context.servicePrincipalTenantId(), context.dateFilterColumn(), context.startTime(), context.endTime());
    }

    /** The same context with another date window. */
    public static Office365RunContext withWindow(Office365RunContext context, Instant start, Instant end) {
        return new Office365RunContext("run-2", context.table(), context.columns(), context.allowedGroups(),
                context.userScopeFilterUri(), context.destination(), context.requester(), context.office365TenantId(),
                context.servicePrincipalTenantId(), context.dateFilterColumn(), start, end);
    }

    /** The same context scoped by a user filter instead of groups. */
    public static Office365RunContext withFilter(Office365RunContext context, String filterUri) {
        return new Office365RunContext(context.runId(), context.table(), context.columns(), List.of(), filterUri,
                context.destination(), context.requester(), context.office365TenantId(),
                context.servicePrincipalTenantId(), context.dateFilterColumn(), context.startTime(), context.endTime());
    }
}
