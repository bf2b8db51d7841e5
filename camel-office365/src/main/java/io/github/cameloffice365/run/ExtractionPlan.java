package io.github.cameloffice365.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.cameloffice365.component.Office365Configuration;
import io.github.cameloffice365.component.Office365RunContext;
import io.github.cameloffice365.dataset.Dataset;
import io.github.cameloffice365.dataset.DatasetCatalog;
import io.github.cameloffice365.dataset.DatasetColumn;
import io.github.cameloffice365.dataset.DatasetQuery;
import io.github.cameloffice365.dataset.DateWindow;
import io.github.cameloffice365.graph.GraphRequest;
import io.github.cameloffice365.scope.DirectoryUser;
import io.github.cameloffice365.scope.UserScope;

/**
 * The endpoint's options checked and resolved: the dataset, the columns, the window, the scope, the credential. Made
 * when the endpoint starts, before any network call, so that a wrong option stops the route at once with a message
 * that names the option, the value and what is accepted.
 */
public final class ExtractionPlan {

    static final long MIN_PART_SIZE = 1024;
    static final long MAX_PART_SIZE = 1024L * 1024 * 1024;
    static final int MAX_CONCURRENT_MAILBOXES = 64;

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TENANT_DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Office365Configuration configuration;
    private final Dataset dataset;
    private final DatasetQuery query;
    private final UserScope scope;
    private final String graphBaseUrl;
    private final String authorityHost;
    private final String runId;

    private ExtractionPlan(Office365Configuration configuration) {
        this.configuration = configuration;
        this.dataset = DatasetCatalog.find(required("tableName", configuration.getTableName()))
                .orElseThrow(() -> new OptionException("tableName", configuration.getTableName(),
                        "Accepted tables: " + String.join(", ", DatasetCatalog.names()) + "."));
        checkCredentials(configuration);
        this.graphBaseUrl = baseUrl("graphBaseUrl", configuration.getGraphBaseUrl());
        this.authorityHost = baseUrl("authorityHost", configuration.getAuthorityHost());
        checkLimits(configuration);
        this.query = dataset.query(blankToNull(configuration.getOutputColumns()),
                blankToNull(configuration.getDateFilterColumn()), blankToNull(configuration.getStartTime()),
                blankToNull(configuration.getEndTime()), blankToNull(configuration.getBodyContentType()),
                configuration.getPageSize());
        this.scope = UserScope.parse(blankToNull(configuration.getAllowedGroups()),
                blankToNull(configuration.getUserScopeFilterUri()), graphBaseUrl);
        checkDestination(configuration.getDestination());
        this.runId = runId(configuration);
    }

    /**
     * Checks every option of the configuration and resolves it.
     *
     * @throws IllegalArgumentException naming the option, the value and what is accepted
     */
    public static ExtractionPlan of(Office365Configuration configuration) {
        return new ExtractionPlan(configuration.copy());
    }

    public Office365Configuration configuration() {
        return configuration;
    }

    public Dataset dataset() {
        return dataset;
    }

    /** The columns, the date filter and the page size of the run. */
    public DatasetQuery query() {
        return query;
    }

    public List<DatasetColumn> columns() {
        return query.columns();
    }

    public UserScope scope() {
        return scope;
    }

    /** The Graph base URL without a trailing slash, e.g. https://graph.microsoft.com. */
    public String graphBaseUrl() {
        return graphBaseUrl;
    }

    /** The authority host without a trailing slash. */
    public String authorityHost() {
        return authorityHost;
    }

    /** The Graph requests that read one user's rows. */
    public List<GraphRequest> requests(DirectoryUser user) {
        return dataset.requests(user, query, graphBaseUrl);
    }

    public String runId() {
        return runId;
    }

    public String office365TenantId() {
        return configuration.getOffice365TenantId();
    }

    /** The tenant of the service principal: its own option, or the Office 365 tenant. */
    public String servicePrincipalTenantId() {
        String tenant = blankToNull(configuration.getServicePrincipalTenantId());
        return tenant != null ? tenant : configuration.getOffice365TenantId();
    }

    /** The requesting identity, as MGDC writes it: appId@tenantId. */
    public String requester() {
        return configuration.getServicePrincipalId() + "@" + servicePrincipalTenantId();
    }

    /** What this run is about to read and where it goes: the body of the run-start exchange. */
    public Office365RunContext runContext() {
        DateWindow window = query.window();
        return new Office365RunContext(runId, dataset.name(), columnNames(), groupIds(scope), filterUri(scope),
                blankToNull(configuration.getDestination()), requester(), office365TenantId(), servicePrincipalTenantId(),
                query.hasDateFilter() ? query.dateFilterColumn().name() : null,
                window == null ? null : window.start(), window == null ? null : window.end());
    }

    /** A short description for the run's log line: table, scope, window. */
    public String describe() {
        StringBuilder text = new StringBuilder(dataset.name()).append(" for ").append(scope.describe());
        if (query.hasDateFilter()) {
            text.append(", ").append(query.dateFilterColumn().name()).append(" in [").append(query.window().start())
                    .append(", ").append(query.window().end()).append(')');
        }
        if (configuration.getShardCount() > 1) {
            text.append(", shard ").append(configuration.getShardIndex()).append(" of ").append(configuration.getShardCount());
        }
        return text.toString();
    }

    private List<String> columnNames() {
        return query.columns().stream().map(DatasetColumn::name).toList();
    }

    private static List<String> groupIds(UserScope scope) {
        return scope instanceof UserScope.Groups groups ? groups.groupIds() : List.of();
    }

    private static String filterUri(UserScope scope) {
        return scope instanceof UserScope.Filter filter ? filter.uri() : null;
    }




    private static void checkCredentials(Office365Configuration configuration) {
        String tenant = required("office365TenantId", configuration.getOffice365TenantId());
        if (!GUID.matcher(tenant).matches()) {
            throw new OptionException("office365TenantId", tenant, "Expected the tenant id, a GUID (it is written as"
                                                                   + " ptenant in every row).");
        }
        String spTenant = blankToNull(configuration.getServicePrincipalTenantId());
        if (spTenant != null) {
            checkTenant("servicePrincipalTenantId", spTenant);
        }
        String clientId = required("servicePrincipalId", configuration.getServicePrincipalId());
        if (!GUID.matcher(clientId).matches()) {
            throw new OptionException("servicePrincipalId", clientId,
                    "Expected the application (client) id of the service principal, a GUID.");
        }
        boolean hasKey = blankToNull(configuration.getServicePrincipalKey()) != null;
        String certificate = blankToNull(configuration.getServicePrincipalCertificatePath());
        if (hasKey == (certificate != null)) {
            throw new IllegalArgumentException("Set exactly one credential of the service principal: either option"
                                               + " servicePrincipalKey (a client secret) or option"
                                               + " servicePrincipalCertificatePath (a PKCS#12 file); "
                                               + (hasKey ? "both are set." : "neither is set."));
        }
        if (certificate != null) {
            checkCertificate(certificate, configuration.getServicePrincipalCertificatePassword());
        }
    }

    private static void checkTenant(String option, String tenant) {
        if (!GUID.matcher(tenant).matches() && !TENANT_DOMAIN.matcher(tenant).matches()) {
            throw new OptionException(option, tenant, "Expected a tenant id (a GUID) or a verified domain name such as"
                                                      + " contoso.onmicrosoft.com.");
        }
    }

    private static void checkCertificate(String path, String password) {
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            throw new OptionException("servicePrincipalCertificatePath", path,
                    "Expected a readable PKCS#12 file holding the certificate and its private key.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password == null ? new char[0] : password.toCharArray());
            boolean hasKey = false;
            for (String alias : java.util.Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new OptionException("servicePrincipalCertificatePath", path,
                        "The PKCS#12 file holds no private key; export the certificate with its key.");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new OptionException("servicePrincipalCertificatePath", path,
                    "It cannot be opened as PKCS#12 with servicePrincipalCertificatePassword (" + e.getClass().getSimpleName()
                    + "). Check the file and the password.");
        }
    }

    private static String baseUrl(String option, String value) {
        String url = required(option, value);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new OptionException(option, url, "Expected an https URL such as https://graph.microsoft.com.");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null
            || uri.getRawUserInfo() != null) {
            throw new OptionException(option, uri.getRawUserInfo() == null ? url : url.replace(uri.getRawUserInfo(), "***"),
                    "Expected an https URL with a host, no user information and no query, such as"
                    + " https://graph.microsoft.com.");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !"/".equals(path)) {
            throw new OptionException(option, url, "Expected the bare host URL without a path (the component adds"
                                                   + " /v1.0 itself), e.g. https://graph.microsoft.com.");
        }
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
    }


    private static void checkLimits(Office365Configuration c) {
        if (c.getPartSize() < MIN_PART_SIZE || c.getPartSize() > MAX_PART_SIZE) {
            throw new OptionException("partSize", c.getPartSize(),
                    "Expected a size in bytes from " + MIN_PART_SIZE + " to " + MAX_PART_SIZE + " (1 GiB).");
        }
        if (c.getMaxConcurrentMailboxes() < 1 || c.getMaxConcurrentMailboxes() > MAX_CONCURRENT_MAILBOXES) {
            throw new OptionException("maxConcurrentMailboxes", c.getMaxConcurrentMailboxes(),
                    "Expected 1 to " + MAX_CONCURRENT_MAILBOXES + ".");
        }
        if (c.getMaxRetries() < 0 || c.getMaxRetries() > 50) {
            throw new OptionException("maxRetries", c.getMaxRetries(), "Expected 0 to 50.");
        }
        if (c.getRetryBaseDelay() < 0) {
            throw new OptionException("retryBaseDelay", c.getRetryBaseDelay(), "Expected 0 or more milliseconds.");
        }
        if (c.getRetryMaxDelay() < c.getRetryBaseDelay()) {
            throw new OptionException("retryMaxDelay", c.getRetryMaxDelay(),
                    "Expected at least retryBaseDelay (" + c.getRetryBaseDelay() + " ms).");
        }
        if (c.getRequestTimeout() < 1) {
            throw new OptionException("requestTimeout", c.getRequestTimeout(), "Expected 1 or more milliseconds.");
        }
        if (c.getShardCount() < 1) {
            throw new OptionException("shardCount", c.getShardCount(), "Expected 1 or more.");
        }
        if (c.getShardIndex() < 0 || c.getShardIndex() >= c.getShardCount()) {
            throw new OptionException("shardIndex", c.getShardIndex(),
                    "Expected 0 to shardCount - 1 (" + (c.getShardCount() - 1) + ").");
        }
        String runId = blankToNull(c.getRunId());
        if (runId != null && !RUN_ID.matcher(runId).matches()) {
            throw new OptionException("runId", runId, "Expected 1 to 64 letters, digits, dots, dashes or underscores,"
                                                      + " starting with a letter or digit.");
        }
    }

    private static void checkDestination(String destination) {
        String value = blankToNull(destination);
        if (value == null) {
            return;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null) {
                throw new URISyntaxException(value, "no scheme");
            }
        } catch (URISyntaxException e) {
            throw new OptionException("destination", value, "Expected a URL such as"
                                                            + " https://account.blob.core.windows.net/container/folder"
                                                            + " or file:/data/office365.");
        }
    }

    private String runId(Office365Configuration c) {
        String explicit = blankToNull(c.getRunId());
        if (explicit != null) {
            return explicit;
        }
        String canonical = String.join("\n", dataset.name(), String.join(",", columnNames()), scope.describe(),
                query.hasDateFilter() ? query.dateFilterColumn().name() : "",
                query.hasDateFilter() ? query.window().start() + "/" + query.window().end() : "",
                query.bodyContentType().name(), office365TenantId(),
                // what decides the part layout: with the same values, a rerun writes the same part names
                Integer.toString(c.getShardCount()), Integer.toString(c.getMaxConcurrentMailboxes()),
                Long.toString(c.getPartSize()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String required(String option, String value) {
        if (blankToNull(value) == null) {
            throw new OptionException(option, value == null ? "" : value, "The option is required.");
        }
        return value.trim();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
