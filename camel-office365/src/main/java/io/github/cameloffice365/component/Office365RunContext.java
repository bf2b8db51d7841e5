package io.github.cameloffice365.component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a run is about to read and where it goes: the body of the {@code RunStart} exchange. Governance processors
 * decide on it before any data is read.
 *
 * @param runId                    the run id, as in the {@code CamelOffice365RunId} header
 * @param table                    the MGDC table name
 * @param columns                  the output columns, in the table's own spelling
 * @param allowedGroups            the group object ids of the scope; empty when the scope is not a group list
 * @param userScopeFilterUri       the user filter URI of the scope, or null
 * @param destination              where the parts go, as configured on the endpoint (a URL), or null
 * @param requester                the requesting identity: {@code servicePrincipalId@servicePrincipalTenantId}
 * @param office365TenantId        the tenant whose data is read
 * @param servicePrincipalTenantId the tenant of the service principal
 * @param dateFilterColumn         the date filter column, or null
 * @param startTime                the start of the window (inclusive), or null
 * @param endTime                  the end of the window (exclusive), or null
 */
public record Office365RunContext(
        String runId,
        String table,
        List<String> columns,
        List<String> allowedGroups,
        String userScopeFilterUri,
        String destination,
        String requester,
        String office365TenantId,
        String servicePrincipalTenantId,
        String dateFilterColumn,
        Instant startTime,
        Instant endTime) {

    public Office365RunContext {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        allowedGroups = List.copyOf(allowedGroups);
    }

    /** A readable name of the scope: {@code all users}, {@code groups [a, b]} or {@code filter <uri>}. */
    public String scopeDescription() {
        if (!allowedGroups.isEmpty()) {
            return "groups " + allowedGroups;
        }
        if (userScopeFilterUri != null) {
            return "filter " + userScopeFilterUri;
        }
        return "all users";
    }

    /**
     * The consent key of this context: a digest of the table, the sorted columns, the scope, the destination, the
     * requester and the tenant. The date window is not part of it, so the same extraction over another window needs
     * no new approval.
     */
    public String consentKey() {
        StringBuilder canonical = new StringBuilder();
        canonical.append("table=").append(table.toLowerCase(Locale.ROOT)).append('\n');
        canonical.append("columns=").append(String.join(",", columns.stream()
                .map(c -> c.toLowerCase(Locale.ROOT)).sorted().toList())).append('\n');
        canonical.append("groups=").append(String.join(",", allowedGroups.stream()
                .map(g -> g.toLowerCase(Locale.ROOT)).sorted().toList())).append('\n');
        canonical.append("filter=").append(Objects.toString(userScopeFilterUri, "")).append('\n');
        canonical.append("destination=").append(Objects.toString(destination, "")).append('\n');
        canonical.append("requester=").append(Objects.toString(requester, "").toLowerCase(Locale.ROOT)).append('\n');
        canonical.append("tenant=").append(Objects.toString(office365TenantId, "").toLowerCase(Locale.ROOT));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
