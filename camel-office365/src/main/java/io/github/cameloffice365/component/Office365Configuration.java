package io.github.cameloffice365.component;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The options of an office365 endpoint. The names follow Azure Data Factory's Office 365 linked service,
 * dataset and copy source, so that an MGDC pipeline translates option by option.
 */
@UriParams
public class Office365Configuration implements Cloneable {

    public static final String DEFAULT_GRAPH_BASE_URL = "https://graph.microsoft.com";
    public static final String DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";

    @UriPath
    @Metadata(required = true)
    private String tableName;

    @UriParam(label = "security")
    @Metadata(required = true)
    private String office365TenantId;
    @UriParam(label = "security")
    private String servicePrincipalTenantId;
    @UriParam(label = "security")
    @Metadata(required = true)
    private String servicePrincipalId;
    @UriParam(label = "security", secret = true)
    private String servicePrincipalKey;
    @UriParam(label = "security")
    private String servicePrincipalCertificatePath;
    @UriParam(label = "security", secret = true)
    private String servicePrincipalCertificatePassword;

    @UriParam(label = "consumer")
    private String allowedGroups;
    @UriParam(label = "consumer")
    private String userScopeFilterUri;
    @UriParam(label = "consumer")
    private String dateFilterColumn;
    @UriParam(label = "consumer")
    private String startTime;
    @UriParam(label = "consumer")
    private String endTime;
    @UriParam(label = "consumer")
    private String outputColumns;
    @UriParam(label = "consumer", enums = "html,text", defaultValue = "html")
    private String bodyContentType = "html";
    @UriParam(label = "consumer")
    private String destination;

    @UriParam(label = "consumer,advanced", defaultValue = "33554432")
    private long partSize = 32L * 1024 * 1024;
    @UriParam(label = "consumer,advanced", defaultValue = "100")
    private int pageSize = 100;
    @UriParam(label = "consumer,advanced", defaultValue = "8")
    private int maxConcurrentMailboxes = 8;
    @UriParam(label = "consumer,advanced", defaultValue = "6")
    private int maxRetries = 6;
    @UriParam(label = "consumer,advanced", defaultValue = "1000")
    private long retryBaseDelay = 1000;
    @UriParam(label = "consumer,advanced", defaultValue = "60000")
    private long retryMaxDelay = 60_000;
    @UriParam(label = "consumer,advanced", defaultValue = "100000")
    private long requestTimeout = 100_000;
    @UriParam(label = "consumer,advanced", defaultValue = "0")
    private int shardIndex;
    @UriParam(label = "consumer,advanced", defaultValue = "1")
    private int shardCount = 1;
    @UriParam(label = "consumer,advanced")
    private String runId;

    @UriParam(label = "advanced", defaultValue = DEFAULT_GRAPH_BASE_URL)
    private String graphBaseUrl = DEFAULT_GRAPH_BASE_URL;
    @UriParam(label = "advanced,security", defaultValue = DEFAULT_AUTHORITY_HOST)
    private String authorityHost = DEFAULT_AUTHORITY_HOST;
    @UriParam(label = "advanced,security")
    private SSLContextParameters sslContextParameters;

    /**
     * The MGDC table to extract, e.g. BasicDataSet_v0.Message_v1, BasicDataSet_v0.Event_v1,
     * BasicDataSet_v0.Contact_v1, BasicDataSet_v0.User_v1 or BasicDataSet_v0.MailboxSettings_v0.
     */
    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    /** The Entra tenant id (a GUID) that owns the Microsoft 365 data (ADF: office365TenantId). */
    public String getOffice365TenantId() {
        return office365TenantId;
    }

    public void setOffice365TenantId(String office365TenantId) {
        this.office365TenantId = office365TenantId;
    }

    /**
     * The tenant where the service principal lives (ADF: servicePrincipalTenantId). Defaults to the Office 365 tenant,
     * which is the usual enterprise setup; an ISV sets its own tenant here.
     */
    public String getServicePrincipalTenantId() {
        return servicePrincipalTenantId;
    }

    public void setServicePrincipalTenantId(String servicePrincipalTenantId) {
        this.servicePrincipalTenantId = servicePrincipalTenantId;
    }

    /** The application (client) id of the service principal (ADF: servicePrincipalId). */
    public String getServicePrincipalId() {
        return servicePrincipalId;
    }

    public void setServicePrincipalId(String servicePrincipalId) {
        this.servicePrincipalId = servicePrincipalId;
    }

    /**
     * The client secret of the service principal (ADF: servicePrincipalKey). Set either this or
     * servicePrincipalCertificatePath.
     */
    public String getServicePrincipalKey() {
        return servicePrincipalKey;
    }

    public void setServicePrincipalKey(String servicePrincipalKey) {
        this.servicePrincipalKey = servicePrincipalKey;
    }

    /**
     * A PKCS#12 file holding the service principal's certificate and private key, the alternative to
     * servicePrincipalKey.
     */
    public String getServicePrincipalCertificatePath() {
        return servicePrincipalCertificatePath;
    }

    public void setServicePrincipalCertificatePath(String servicePrincipalCertificatePath) {
        this.servicePrincipalCertificatePath = servicePrincipalCertificatePath;
    }

    /** The password of the PKCS#12 file in servicePrincipalCertificatePath. */
    public String getServicePrincipalCertificatePassword() {
        return servicePrincipalCertificatePassword;
    }

    public void setServicePrincipalCertificatePassword(String servicePrincipalCertificatePassword) {
        this.servicePrincipalCertificatePassword = servicePrincipalCertificatePassword;
    }

    /**
     * Up to 10 group object ids, separated by commas: only the users that are transitive members of these groups are
     * extracted (ADF: allowedGroups). Leave empty, together with userScopeFilterUri, to extract the whole organisation.
     */
    public String getAllowedGroups() {
        return allowedGroups;
    }

    public void setAllowedGroups(String allowedGroups) {
        this.allowedGroups = allowedGroups;
    }

    /**
     * A Microsoft Graph users query that selects the users to extract, e.g.
     * https://graph.microsoft.com/v1.0/users?$filter=department eq 'Finance' (ADF: userScopeFilterUri). Its host must be
     * Microsoft Graph or the graphBaseUrl and its path /v1.0/users; only its $filter is used, always sent to the
     * graphBaseUrl. Not allowed together with allowedGroups.
     */
    public String getUserScopeFilterUri() {
        return userScopeFilterUri;
    }

    public void setUserScopeFilterUri(String userScopeFilterUri) {
        this.userScopeFilterUri = userScopeFilterUri;
    }

    /**
     * The date column that startTime and endTime apply to, e.g. ReceivedDateTime for messages (matched
     * without regard to case). Required for tables that MGDC only extracts with a date filter.
     */
    public String getDateFilterColumn() {
        return dateFilterColumn;
    }

    public void setDateFilterColumn(String dateFilterColumn) {
        this.dateFilterColumn = dateFilterColumn;
    }

    /**
     * The start of the date window, inclusive: an ISO-8601 instant with Z or an offset, e.g.
     * 2024-03-01T00:00:00Z. Required with dateFilterColumn.
     */
    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    /**
     * The end of the date window, exclusive: an ISO-8601 instant with Z or an offset, later than startTime.
     * Required with dateFilterColumn.
     */
    public String getEndTime() {
        return endTime;
    }

    public void setEndTime(String endTime) {
        this.endTime = endTime;
    }

    /**
     * The columns to extract, separated by commas (ADF: outputColumns), matched without regard to case. Empty means
     * every column of the table. The metadata columns (puser, ptenant, datarow...) are always written.
     */
    public String getOutputColumns() {
        return outputColumns;
    }

    public void setOutputColumns(String outputColumns) {
        this.outputColumns = outputColumns;
    }

    /**
     * The content type of message and event bodies: html (Graph's default, as MGDC writes them) or
     * text, which asks Graph for plain-text bodies.
     */
    public String getBodyContentType() {
        return bodyContentType;
    }

    public void setBodyContentType(String bodyContentType) {
        this.bodyContentType = bodyContentType;
    }

    /**
     * Where the route writes the parts, as a URL (e.g. https://account.blob.core.windows.net/container/folder).
     * It is part of the run context that policy check and consent decide on; it does not make the consumer write
     * anything itself.
     */
    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    /**
     * The size in bytes at which a part is closed and a new one started. Memory stays bounded whatever the size of a
     * mailbox: each mailbox read at once holds its user's rows (up to partSize in memory, beyond that in a temporary
     * file until the user is complete), the part being filled and the part the route is writing, so at most about
     * 3.5 x partSize x maxConcurrentMailboxes.
     */
    public long getPartSize() {
        return partSize;
    }

    public void setPartSize(long partSize) {
        this.partSize = partSize;
    }

    /** The number of items asked of Graph per page ($top), 1 to 999. */
    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    /**
     * How many mailboxes are read at the same time (ADF: maxConcurrentConnections). Graph throttles per mailbox, so
     * reading several at once is what makes an extraction fast.
     */
    public int getMaxConcurrentMailboxes() {
        return maxConcurrentMailboxes;
    }

    public void setMaxConcurrentMailboxes(int maxConcurrentMailboxes) {
        this.maxConcurrentMailboxes = maxConcurrentMailboxes;
    }

    /**
     * How many times a throttled (429) or failed (500, 502, 503, 504, network error) Graph request is retried before
     * the user it belongs to is reported as failed (ADF: sourceRetryCount).
     */
    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    /**
     * The first retry delay in milliseconds when Graph gives no Retry-After; it doubles on each attempt, with jitter,
     * up to retryMaxDelay. A Retry-After from Graph is always honoured when it is longer.
     */
    public long getRetryBaseDelay() {
        return retryBaseDelay;
    }

    public void setRetryBaseDelay(long retryBaseDelay) {
        this.retryBaseDelay = retryBaseDelay;
    }

    /** The longest delay in milliseconds the client's own backoff waits between two attempts. */
    public long getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(long retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    /** The timeout in milliseconds of one Graph request. */
    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /**
     * The shard this consumer extracts, from 0 to shardCount - 1. The users in scope, sorted by id, are split into
     * shardCount disjoint shards, so that several replicas (for example a Kubernetes indexed Job) share one run.
     */
    public int getShardIndex() {
        return shardIndex;
    }

    public void setShardIndex(int shardIndex) {
        this.shardIndex = shardIndex;
    }

    /** The number of shards the users in scope are split into. */
    public int getShardCount() {
        return shardCount;
    }

    public void setShardCount(int shardCount) {
        this.shardCount = shardCount;
    }

    /**
     * The run id used in part names. By default it is derived from the table, columns, scope and window, so a rerun of
     * the same extraction overwrites its parts instead of adding new ones.
     */
    public String getRunId() {
        return runId;
    }

    public void setRunId(String runId) {
        this.runId = runId;
    }

    /**
     * The Microsoft Graph base URL, without the version. Point it at a Graph simulator for tests, or at a national
     * cloud (e.g. https://graph.microsoft.us).
     */
    public String getGraphBaseUrl() {
        return graphBaseUrl;
    }

    public void setGraphBaseUrl(String graphBaseUrl) {
        this.graphBaseUrl = graphBaseUrl;
    }

    /**
     * The Entra ID authority host that issues tokens; the authority is this host plus the service principal's tenant.
     */
    public String getAuthorityHost() {
        return authorityHost;
    }

    public void setAuthorityHost(String authorityHost) {
        this.authorityHost = authorityHost;
    }

    /** The TLS settings for Graph and the authority, e.g. a trust store that holds a simulator's certificate. */
    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public Office365Configuration copy() {
        try {
            return (Office365Configuration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
