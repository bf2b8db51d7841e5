package io.github.cameloffice365.governance.policy;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cameloffice365.component.Office365Configuration;
import io.github.cameloffice365.component.Office365Constants;
import io.github.cameloffice365.component.Office365Endpoint;
import io.github.cameloffice365.component.Office365RunContext;
import io.github.cameloffice365.graph.AccessTokenSource;
import io.github.cameloffice365.graph.MsalAccessTokenSource;
import io.github.cameloffice365.governance.policy.SinkInspector.SinkCredential;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the destination of a run against MGDC's policy, on every run, before consent is asked and before any data is
 * read. It acts on the {@code RunStart} exchange of an {@code office365} consumer and lets every other exchange pass.
 * The rules, each reported with the value found and what was expected:
 * <ol>
 * <li>{@code sink-authentication}: every Azure storage endpoint the route writes to authenticates as a service
 * principal (a Microsoft Entra ID identity); account keys, SAS tokens and connection strings are refused;</li>
 * <li>{@code destination-account}: the run's destination is served by a storage account that Azure Resource Manager
 * knows, and the sink endpoints write to that account;</li>
 * <li>{@code destination-tenant}: that account's subscription belongs to the Office 365 tenant;</li>
 * <li>{@code destination-region}: its Azure region is one of those mapped to the tenant's Office region;</li>
 * <li>{@code destination-compliance}: Azure Policy reports no non-compliant policy state for it.</li>
 * </ol>
 * Broken rules fail the exchange with a {@link PolicyCheckException} that lists them all.
 */
public class PolicyCheckProcessor extends ServiceSupport implements Processor, CamelContextAware {

    /** The Azure Resource Manager API version for subscriptions. */
    static final String SUBSCRIPTIONS_API = "2022-12-01";
    /** The Azure Resource Manager API version for storage accounts. */
    static final String STORAGE_API = "2023-05-01";
    /** The Azure Resource Manager API version for Policy Insights. */
    static final String POLICY_INSIGHTS_API = "2019-10-01";

    private static final Logger LOG = LoggerFactory.getLogger(PolicyCheckProcessor.class);
    private static final int MAX_PAGES = 100;
    private static final String SERVICE_PRINCIPAL_EXPECTED = "a service principal: credentialType=AZURE_IDENTITY"
            + " (or CLIENT_SECRET on azure-storage-datalake), or a serviceClient built with a Microsoft Entra ID token"
            + " credential; account keys, SAS tokens and connection strings are refused";

    private CamelContext camelContext;
    private String officeRegion;
    private String armBaseUrl = ArmClient.DEFAULT_BASE_URL;
    private String armScope = ArmClient.DEFAULT_SCOPE;
    private String subscriptionId;
    private String storageAccountResourceId;
    private String sinkEndpointUri;
    private boolean allowNonAzureSink;
    private AccessTokenSource tokenSource;
    private SSLContextParameters sslContextParameters;
    private SSLContext sslContext;
    private Duration timeout = Duration.ofSeconds(30);

    private OfficeRegion region;
    private final Map<String, ArmClient> armClients = new ConcurrentHashMap<>();

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /**
     * The Office region where the tenant's mailboxes live, which decides the Azure regions a destination may be in:
     * Asia-Pacific (APC), Australia (AUS), Europe (EUR), North America (NAM), Brazil (BRA), United Kingdom (GBR),
     * Canada (CAN), Japan (JPN), India (IND), Korea (KOR), Switzerland (CHE), Germany (DEU), Norway (NOR), France (FRA)
     * or UAE (ARE). The Microsoft 365 admin center shows it under Org settings, Organization profile, Data location.
     * Required.
     */
    public String getOfficeRegion() {
        return officeRegion;
    }

    public void setOfficeRegion(String officeRegion) {
        this.officeRegion = officeRegion;
    }

    /** The base URL of Azure Resource Manager. Default https://management.azure.com. */
    public String getArmBaseUrl() {
        return armBaseUrl;
    }

    public void setArmBaseUrl(String armBaseUrl) {
        this.armBaseUrl = armBaseUrl;
    }

    /** The token scope for Azure Resource Manager. Default https://management.azure.com/.default. */
    public String getArmScope() {
        return armScope;
    }

    public void setArmScope(String armScope) {
        this.armScope = armScope;
    }

    /**
     * The subscription that holds the destination storage account. When neither this nor storageAccountResourceId is
     * set, every subscription the service principal can read is searched.
     */
    public String getSubscriptionId() {
        return subscriptionId;
    }

    public void setSubscriptionId(String subscriptionId) {
        this.subscriptionId = subscriptionId;
    }

    /**
     * The Azure resource id of the destination storage account, e.g.
     * /subscriptions/SUB/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/NAME. When set, the account is
     * read directly instead of searched, and the run's destination must still be one of its endpoints.
     */
    public String getStorageAccountResourceId() {
        return storageAccountResourceId;
    }

    public void setStorageAccountResourceId(String storageAccountResourceId) {
        this.storageAccountResourceId = storageAccountResourceId;
    }

    /**
     * The Camel endpoint URI of the sink, for a route whose sink the check cannot find by itself (a toD, a recipient
     * list, a producer template). Default: the azure-storage-blob and azure-storage-datalake endpoints the route
     * sends to, directly or through direct or seda routes.
     */
    public String getSinkEndpointUri() {
        return sinkEndpointUri;
    }

    public void setSinkEndpointUri(String sinkEndpointUri) {
        this.sinkEndpointUri = sinkEndpointUri;
    }

    /**
     * Lets a run whose route has no Azure storage sink and whose destination is not an Azure storage account (a file
     * folder, another Camel endpoint) pass without the Azure rules, with a warning on every run. Default false: such
     * a run fails the check.
     */
    public boolean isAllowNonAzureSink() {
        return allowNonAzureSink;
    }

    public void setAllowNonAzureSink(boolean allowNonAzureSink) {
        this.allowNonAzureSink = allowNonAzureSink;
    }

    /**
     * Where the Azure Resource Manager token comes from. Default: the office365 endpoint's own service principal,
     * signing in to the Office 365 tenant, with the endpoint's authority host and TLS settings.
     */
    public AccessTokenSource getTokenSource() {
        return tokenSource;
    }

    public void setTokenSource(AccessTokenSource tokenSource) {
        this.tokenSource = tokenSource;
    }

    /** The TLS settings for Azure Resource Manager. Default: the office365 endpoint's, else the JVM's. */
    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    /** A ready TLS context for Azure Resource Manager; takes precedence over sslContextParameters. */
    public SSLContext getSslContext() {
        return sslContext;
    }

    public void setSslContext(SSLContext sslContext) {
        this.sslContext = sslContext;
    }

    /** The timeout of each Azure Resource Manager call (e.g. PT30S or 30s). Default 30 seconds. */
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    protected void doStart() {
        validate();
    }

    /**
     * Checks the options, before any network call.
     *
     * @throws IllegalArgumentException naming the option, the value and what is accepted
     */
    public void validate() {
        region = OfficeRegion.find(officeRegion).orElseThrow(() -> new IllegalArgumentException(
                "policyCheck option officeRegion is '" + officeRegion + "': expected one of "
                + OfficeRegion.acceptedNames()));
        requireHttpsUrl(armBaseUrl, "armBaseUrl");
        if (armScope == null || armScope.isBlank()) {
            throw new IllegalArgumentException("policyCheck option armScope is empty: expected a token scope such as "
                                               + ArmClient.DEFAULT_SCOPE);
        }
        if (subscriptionId != null && !subscriptionId.isBlank() && !subscriptionId.strip().matches("[0-9A-Fa-f-]{36}")) {
            throw new IllegalArgumentException("policyCheck option subscriptionId is '" + subscriptionId
                                               + "': expected a subscription id (a GUID)");
        }
        if (storageAccountResourceId != null && !storageAccountResourceId.isBlank()
            && subscriptionOf(storageAccountResourceId).isEmpty()) {
            throw new IllegalArgumentException("policyCheck option storageAccountResourceId is '"
                                               + storageAccountResourceId + "': expected /subscriptions/<id>"
                                               + "/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts"
                                               + "/<name>");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("policyCheck option timeout is '" + timeout + "': expected a positive"
                                               + " duration, e.g. PT30S");
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (!Office365Constants.KIND_RUN_START.equals(
                exchange.getMessage().getHeader(Office365Constants.EXCHANGE_KIND, String.class))) {
            return;
        }
        if (region == null) {
            validate();
        }
        Office365RunContext context = exchange.getMessage().getBody(Office365RunContext.class);
        if (context == null) {
            throw new IllegalArgumentException("The RunStart exchange has no Office365RunContext body, so the policy"
                                               + " check cannot run; put policyCheck right after the office365"
                                               + " consumer, before anything that changes the body");
        }
        try {
            check(exchange, context);
        } catch (ArmRequestException e) {
            String hint = e.getStatus() == 401 || e.getStatus() == 403
                    ? ". The service principal needs the Reader role on the destination storage account or its"
                      + " subscription"
                    : "";
            throw new ArmRequestException("Policy check for " + context.table() + " -> " + context.destination()
                                          + " could not read the destination from Azure Resource Manager: "
                                          + e.getMessage() + hint, e.getStatus(), e.getErrorCode(), e);
        }
    }

    private void check(Exchange exchange, Office365RunContext context) throws IOException, InterruptedException {
        CamelContext camel = exchange.getContext();
        String subject = context.table() + " -> " + context.destination();
        List<PolicyViolation> violations = new ArrayList<>();

        // consent and policy are about a destination: a run that names none cannot be checked or consented to
        if (context.destination() == null || context.destination().isBlank()) {
            throw new PolicyCheckException(subject, List.of(new PolicyViolation("destination",
                    "no destination in the run context", "the URL the route writes the parts to",
                    "Set the office365 endpoint option destination, e.g."
                    + " https://account.blob.core.windows.net/container/folder or file:/data/office365")));
        }

        // the sink's credential is known locally: checked first, without a network call
        List<SinkCredential> sinks = sinkCredentials(camel, exchange.getFromRouteId());
        StorageDestination destination = StorageDestination.parse(context.destination());
        if (sinks.isEmpty()) {
            if (allowNonAzureSink && (destination == null || !destination.isAzureStorageHost())) {
                LOG.warn("Policy check skipped for {}: the route has no Azure storage sink and the destination is not"
                         + " an Azure storage account (allowNonAzureSink=true). Write to Azure storage through a"
                         + " service principal to have the destination checked", subject);
                return;
            }
            violations.add(new PolicyViolation("sink-authentication",
                    "no azure-storage-blob or azure-storage-datalake endpoint in route " + exchange.getFromRouteId(),
                    "the route to write the parts through one that authenticates as " + SERVICE_PRINCIPAL_EXPECTED,
                    "Name the sink with policyCheck option sinkEndpointUri when a toD or a producer template hides it,"
                    + " or set allowNonAzureSink=true for a sink outside Azure"));
        }
        for (SinkCredential sink : sinks) {
            if (!sink.servicePrincipal()) {
                violations.add(new PolicyViolation("sink-authentication",
                        sink.endpoint() + " authenticates with " + sink.credential(), SERVICE_PRINCIPAL_EXPECTED,
                        null));
            }
        }

        if (destination == null) {
            violations.add(new PolicyViolation("destination-account", "destination '" + context.destination() + "'",
                    "the office365 endpoint's destination option set to the URL of the storage account the parts go"
                    + " to, e.g. https://account.blob.core.windows.net/container/folder", null));
            throw new PolicyCheckException(subject, violations);
        }

        ArmClient arm = armClient(exchange);
        StorageAccount account;
        try {
            account = locate(arm, destination, violations);
        } catch (ArmRequestException e) {
            if (!isOtherTenant(e)) {
                throw e;
            }
            violations.add(otherTenant(e, context));
            throw new PolicyCheckException(subject, violations);
        }
        if (account == null) {
            throw new PolicyCheckException(subject, violations);
        }
        for (SinkCredential sink : sinks) {
            if (sink.accountName() != null && !sink.accountName().equalsIgnoreCase(account.name())) {
                violations.add(new PolicyViolation("destination-account",
                        sink.endpoint() + " writing to storage account '" + sink.accountName() + "'",
                        "the destination's storage account '" + account.name() + "'", null));
            }
        }
        if (account.allowSharedKeyAccess() && violations.stream().anyMatch(v -> v.rule().equals("sink-authentication"))) {
            int last = lastIndexOf(violations, "sink-authentication");
            PolicyViolation shared = violations.get(last);
            violations.set(last, new PolicyViolation(shared.rule(), shared.found(), shared.expected(),
                    "Storage account '" + account.name() + "' also allows shared key access (allowSharedKeyAccess is"
                    + " not false); turning it off makes every client use Microsoft Entra ID"));
        }

        // the destination's tenant, region and compliance come from Azure Resource Manager
        String tenantId;
        try {
            tenantId = arm.get("/subscriptions/" + account.subscriptionId() + "?api-version=" + SUBSCRIPTIONS_API)
                    .path("tenantId").asText(null);
        } catch (ArmRequestException e) {
            if (!isOtherTenant(e)) {
                throw e;
            }
            violations.add(otherTenant(e, context));
            throw new PolicyCheckException(subject, violations);
        }
        if (tenantId == null || !tenantId.equalsIgnoreCase(context.office365TenantId())) {
            violations.add(new PolicyViolation("destination-tenant",
                    "storage account '" + account.name() + "' in subscription " + account.subscriptionId()
                    + " of tenant " + tenantId,
                    "a subscription of the Office 365 tenant " + context.office365TenantId(),
                    "MGDC does not move data across tenants: use a storage account of the Office 365 tenant"));
        }
        if (!region.contains(account.location())) {
            violations.add(new PolicyViolation("destination-region",
                    "storage account '" + account.name() + "' in Azure region " + account.location(),
                    "one of the Azure regions of Office region " + region.displayName() + ": "
                    + String.join(", ", region.azureLocations()),
                    null));
        }
        PolicyViolation compliance = compliance(arm, account);
        if (compliance != null) {
            violations.add(compliance);
        }

        if (!violations.isEmpty()) {
            throw new PolicyCheckException(subject, violations);
        }
        LOG.info("Policy check passed for {}: the sink authenticates as a service principal; storage account '{}' is in"
                 + " tenant {}, in {} (Office region {}), and Azure Policy reports it compliant", subject,
                 account.name(), tenantId, account.location(), region.displayName());
    }

    /** Resource Manager refused the token because the subscription belongs to another tenant. */
    private static boolean isOtherTenant(ArmRequestException e) {
        return e.getStatus() == 401 && "InvalidAuthenticationTokenTenant".equals(e.getErrorCode());
    }

    private static PolicyViolation otherTenant(ArmRequestException e, Office365RunContext context) {
        return new PolicyViolation("destination-tenant",
                "a subscription of another tenant, which the Office 365 tenant's token cannot read (" + e.getMessage()
                + ")",
                "a subscription of the Office 365 tenant " + context.office365TenantId(),
                "MGDC does not move data across tenants: use a storage account of the Office 365 tenant");
    }

    private List<SinkCredential> sinkCredentials(CamelContext camel, String routeId) {
        List<Endpoint> endpoints;
        if (sinkEndpointUri != null && !sinkEndpointUri.isBlank()) {
            endpoints = List.of(camel.getEndpoint(sinkEndpointUri));
        } else {
            endpoints = SinkInspector.azureSinksOf(camel, routeId);
        }
        List<SinkCredential> credentials = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            if (SinkInspector.AZURE_STORAGE_SCHEMES.contains(SinkInspector.schemeOf(endpoint))) {
                credentials.add(SinkInspector.inspect(camel, endpoint));
            } else {
                credentials.add(new SinkInspector.SinkCredential(endpoint.getEndpointBaseUri(), null,
                        "no Azure storage credential (it is not an azure-storage-blob or azure-storage-datalake"
                        + " endpoint)", false));
            }
        }
        return credentials;
    }

    /** The storage account that serves the destination, or null with a violation saying why there is none. */
    private StorageAccount locate(ArmClient arm, StorageDestination destination, List<PolicyViolation> violations)
            throws IOException, InterruptedException {
        if (storageAccountResourceId != null && !storageAccountResourceId.isBlank()) {
            String id = storageAccountResourceId.strip();
            StorageAccount account;
            try {
                account = StorageAccount.of(arm.get(id + "?api-version=" + STORAGE_API));
            } catch (ArmRequestException e) {
                if (e.getStatus() != 404) {
                    throw e;
                }
                violations.add(new PolicyViolation("destination-account", "no storage account " + id
                        + " (Resource Manager answered 404 " + e.getErrorCode() + ")",
                        "the storageAccountResourceId of an existing storage account", null));
                return null;
            }
            if (!account.serves(destination)) {
                violations.add(new PolicyViolation("destination-account",
                        "destination " + destination + " outside storage account '" + account.name() + "' (endpoints "
                        + account.endpoints() + ")",
                        "a destination on one of the endpoints of the storageAccountResourceId", null));
                return null;
            }
            return account;
        }

        List<String> subscriptions = new ArrayList<>();
        if (subscriptionId != null && !subscriptionId.isBlank()) {
            subscriptions.add(subscriptionId.strip());
        } else {
            for (JsonNode page : pages(arm, "/subscriptions?api-version=" + SUBSCRIPTIONS_API)) {
                page.path("value").forEach(s -> subscriptions.add(s.path("subscriptionId").asText()));
            }
        }
        for (String subscription : subscriptions) {
            for (JsonNode page : pages(arm, "/subscriptions/" + subscription
                                            + "/providers/Microsoft.Storage/storageAccounts?api-version="
                                            + STORAGE_API)) {
                for (JsonNode item : page.path("value")) {
                    StorageAccount account = StorageAccount.of(item);
                    if (account.serves(destination)) {
                        return account;
                    }
                }
            }
        }
        violations.add(new PolicyViolation("destination-account",
                "no storage account serving " + destination + " in " + (subscriptions.isEmpty()
                        ? "any subscription the service principal can read"
                        : "subscription" + (subscriptions.size() > 1 ? "s " : " ") + String.join(", ", subscriptions)),
                "a storage account of the Office 365 tenant whose blob or dfs endpoint holds the destination",
                "Give the service principal the Reader role on the storage account, or set policyCheck option"
                + " subscriptionId or storageAccountResourceId"));
        return null;
    }

    /** The first page and every page its nextLink leads to, at most {@value #MAX_PAGES}. */
    private static List<JsonNode> pages(ArmClient arm, String first) throws IOException, InterruptedException {
        List<JsonNode> pages = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String next = first;
        while (next != null && pages.size() < MAX_PAGES && seen.add(next)) {
            JsonNode page = arm.get(next);
            pages.add(page);
            next = page.path("nextLink").asText(null);
        }
        return pages;
    }

    /** A violation naming the non-compliant policies Azure Policy reports for the account, or null. */
    private static PolicyViolation compliance(ArmClient arm, StorageAccount account)
            throws IOException, InterruptedException {
        JsonNode summary = arm.post(account.id() + "/providers/Microsoft.PolicyInsights/policyStates/latest/summarize"
                                    + "?api-version=" + POLICY_INSIGHTS_API, null).path("value").path(0);
        JsonNode results = summary.path("results");
        int resources = results.path("nonCompliantResources").asInt(0);
        int policies = results.path("nonCompliantPolicies").asInt(0);
        if (resources == 0 && policies == 0) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode assignment : summary.path("policyAssignments")) {
            for (JsonNode definition : assignment.path("policyDefinitions")) {
                if (definition.path("results").path("nonCompliantResources").asInt(0) > 0) {
                    String id = definition.path("policyDefinitionId").asText("");
                    String effect = definition.path("effect").asText(null);
                    names.add(id.substring(id.lastIndexOf('/') + 1) + (effect == null ? "" : " (" + effect + ")"));
                }
            }
        }
        return new PolicyViolation("destination-compliance",
                "Azure Policy reports storage account '" + account.name() + "' non-compliant with " + policies
                + " polic" + (policies == 1 ? "y" : "ies") + (names.isEmpty() ? "" : ": " + String.join(", ", names)),
                "no non-compliant policy state for the destination",
                "Remediate the account or have the assignment exempt it, then run again");
    }

    private ArmClient armClient(Exchange exchange) {
        Endpoint from = exchange.getFromEndpoint();
        String key = from == null ? "" : from.getEndpointUri();
        return armClients.computeIfAbsent(key, k -> new ArmClient(armBaseUrl, armScope, tokens(from),
                tls(exchange.getContext(), from), timeout));
    }

    private AccessTokenSource tokens(Endpoint from) {
        if (tokenSource != null) {
            return tokenSource;
        }
        if (!(from instanceof Office365Endpoint office365)) {
            throw new IllegalArgumentException("policyCheck option tokenSource is not set and the route does not start"
                                               + " with an office365 endpoint whose service principal could be used;"
                                               + " set tokenSource to an AccessTokenSource bean");
        }
        Office365Configuration configuration = office365.getConfiguration();
        MsalAccessTokenSource.Builder builder = MsalAccessTokenSource.builder()
                .authorityHost(configuration.getAuthorityHost())
                // the destination must be in the Office 365 tenant, so that is where the token is asked for
                .tenantId(configuration.getOffice365TenantId())
                .clientId(configuration.getServicePrincipalId())
                .sslContext(tls(office365.getCamelContext(), from))
                .timeout(timeout);
        if (configuration.getServicePrincipalCertificatePath() != null) {
            builder.certificate(Path.of(configuration.getServicePrincipalCertificatePath()),
                    configuration.getServicePrincipalCertificatePassword());
        } else {
            builder.clientSecret(configuration.getServicePrincipalKey());
        }
        return builder.build();
    }

    private SSLContext tls(CamelContext camel, Endpoint from) {
        try {
            if (sslContext != null) {
                return sslContext;
            }
            if (sslContextParameters != null) {
                return sslContextParameters.createSSLContext(camel);
            }
            if (from instanceof Office365Endpoint office365
                && office365.getConfiguration().getSslContextParameters() != null) {
                return office365.getConfiguration().getSslContextParameters().createSSLContext(camel);
            }
            return null;
        } catch (Exception e) {
            throw new IllegalArgumentException("policyCheck option sslContextParameters cannot make a TLS context: "
                                               + e.getMessage(), e);
        }
    }

    private static int lastIndexOf(List<PolicyViolation> violations, String rule) {
        for (int i = violations.size() - 1; i >= 0; i--) {
            if (violations.get(i).rule().equals(rule)) {
                return i;
            }
        }
        return -1;
    }

    static Optional<String> subscriptionOf(String resourceId) {
        String[] parts = resourceId.strip().split("/");
        if (parts.length >= 9 && parts[0].isEmpty() && parts[1].equalsIgnoreCase("subscriptions")
            && parts[3].equalsIgnoreCase("resourceGroups") && parts[5].equalsIgnoreCase("providers")
            && parts[6].equalsIgnoreCase("Microsoft.Storage") && parts[7].equalsIgnoreCase("storageAccounts")) {
            return Optional.of(parts[2]);
        }
        return Optional.empty();
    }

    private static void requireHttpsUrl(String url, String option) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an https URL with a host");
            }
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("policyCheck option " + option + " is '" + url + "': expected an https"
                                               + " URL such as " + ArmClient.DEFAULT_BASE_URL);
        }
    }
}
