package io.github.cameloffice365.simulator.arm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.arm.AzureResources.PolicyState;
import io.github.cameloffice365.simulator.arm.AzureResources.StorageAccount;
import io.github.cameloffice365.simulator.arm.AzureResources.Subscription;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.http.Responses;
import io.github.cameloffice365.simulator.http.UrlCodec;
import io.github.cameloffice365.simulator.identity.InvalidTokenException;
import io.github.cameloffice365.simulator.identity.TokenIssuer;

/**
 * The Azure Resource Manager calls the policy check makes, served from {@link AzureResources}:
 * <ul>
 * <li>{@code GET /subscriptions} and {@code GET /subscriptions/{id}} (api-version 2022-12-01 and others);</li>
 * <li>{@code GET /subscriptions/{id}/providers/Microsoft.Storage/storageAccounts}, paged with a nextLink, and
 * {@code GET <storage account id>} (api-version 2023-05-01 and others);</li>
 * <li>{@code POST <resource id>/providers/Microsoft.PolicyInsights/policyStates/latest/summarize}
 * (api-version 2019-10-01 and others).</li>
 * </ul>
 * Every call needs a bearer token the simulator issued for Resource Manager's audience. A subscription answers only
 * a token of its own tenant or of a tenant it is delegated to; others get Resource Manager's
 * {@code InvalidAuthenticationTokenTenant}. Errors have Resource Manager's shape: {@code {"error":{"code","message"}}}.
 */
public final class ArmHandler implements HttpHandler {

    /** The path prefix to mount this handler at. */
    public static final String PATH_PREFIX = "/subscriptions";
    /** The audiences Resource Manager accepts. */
    public static final Set<String> ARM_AUDIENCES = Set.of("https://management.azure.com",
            "https://management.azure.com/", "https://management.core.windows.net",
            "https://management.core.windows.net/");

    private static final Set<String> SUBSCRIPTION_VERSIONS = Set.of("2016-06-01", "2020-01-01", "2021-01-01",
            "2022-12-01");
    private static final Set<String> STORAGE_VERSIONS = Set.of("2021-09-01", "2022-09-01", "2023-01-01", "2023-05-01",
            "2024-01-01");
    private static final Set<String> POLICY_INSIGHTS_VERSIONS = Set.of("2018-04-04", "2019-10-01", "2024-10-01");
    private static final String STORAGE_PROVIDER = "providers/microsoft.storage/storageaccounts";
    private static final String SUMMARIZE = "/providers/microsoft.policyinsights/policystates/latest/summarize";

    private final AzureResources resources;
    private final TokenIssuer issuer;
    private final Supplier<String> baseUrl;

    /** A handler serving these resources, verifying tokens with this issuer. */
    public ArmHandler(AzureResources resources, TokenIssuer issuer, Supplier<String> baseUrl) {
        this.resources = resources;
        this.issuer = issuer;
        this.baseUrl = baseUrl;
    }

    /** Mounts a handler for these resources on a simulator being built. */
    public static GraphSimulator.Builder mount(GraphSimulator.Builder simulator, AzureResources resources) {
        Function<GraphSimulator, HttpHandler> factory = graph -> new ArmHandler(resources, graph.tokenIssuer(),
                graph::baseUrl);
        return simulator.handler(PATH_PREFIX, factory);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            serve(exchange);
        } catch (ArmError e) {
            ObjectNode body = Json.object();
            ObjectNode error = body.putObject("error");
            error.put("code", e.code);
            error.put("message", e.getMessage());
            if (e.status == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer authorization_uri=\"" + baseUrl.get()
                                                                      + "/common\", error=\"invalid_token\"");
            }
            Responses.sendPlainJson(exchange, e.status, body);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String tenant = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        String path = UrlCodec.decodePath(exchange.getRequestURI().getRawPath());
        Map<String, String> query = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            UrlCodec.parseQuery(rawQuery).forEach(entry -> query.put(entry.getKey(), entry.getValue()));
        }
        String[] segments = trimSlashes(path).split("/");
        String method = exchange.getRequestMethod();
        String lower = trimSlashes(path).toLowerCase(Locale.ROOT);

        if (segments.length == 1) {
            requireMethod(method, "GET", path);
            requireApiVersion(query, SUBSCRIPTION_VERSIONS, "Microsoft.Resources", "subscriptions");
            ArrayNode value = Json.MAPPER.createArrayNode();
            for (Subscription subscription : resources.subscriptions()) {
                if (subscription.isReadableFrom(tenant)) {
                    value.add(subscriptionJson(subscription));
                }
            }
            ObjectNode list = Json.object();
            list.set("value", value);
            ObjectNode count = list.putObject("count");
            count.put("type", "Total");
            count.put("value", value.size());
            Responses.sendPlainJson(exchange, 200, list);
            return;
        }

        Subscription subscription = readableSubscription(segments[1], tenant);
        if (segments.length == 2) {
            requireMethod(method, "GET", path);
            requireApiVersion(query, SUBSCRIPTION_VERSIONS, "Microsoft.Resources", "subscriptions");
            Responses.sendPlainJson(exchange, 200, subscriptionJson(subscription));
            return;
        }
        if (lower.equals("subscriptions/" + segments[1].toLowerCase(Locale.ROOT) + "/" + STORAGE_PROVIDER)) {
            requireMethod(method, "GET", path);
            requireApiVersion(query, STORAGE_VERSIONS, "Microsoft.Storage", "storageAccounts");
            listStorageAccounts(exchange, subscription, query);
            return;
        }
        if (lower.endsWith(SUMMARIZE)) {
            requireMethod(method, "POST", path);
            requireApiVersion(query, POLICY_INSIGHTS_VERSIONS, "Microsoft.PolicyInsights", "policyStates");
            String resourceId = "/" + withoutLast(trimSlashes(path), SUMMARIZE.length());
            Responses.sendPlainJson(exchange, 200, summarize(resourceId));
            return;
        }
        if (segments.length == 8 && lower.contains("/resourcegroups/") && lower.contains("/" + STORAGE_PROVIDER + "/")) {
            requireMethod(method, "GET", path);
            requireApiVersion(query, STORAGE_VERSIONS, "Microsoft.Storage", "storageAccounts");
            StorageAccount account = resources.findStorageAccount("/" + trimSlashes(path)).orElseThrow(
                    () -> new ArmError(404, "ResourceNotFound", "The Resource 'Microsoft.Storage/storageAccounts/"
                                                                + segments[7] + "' under resource group '" + segments[3]
                                                                + "' was not found."));
            Responses.sendPlainJson(exchange, 200, storageAccountJson(account));
            return;
        }
        throw new ArmError(404, "NotFound", "The simulator serves no Resource Manager call at '" + path + "'.");
    }

    private void listStorageAccounts(HttpExchange exchange, Subscription subscription, Map<String, String> query)
            throws IOException {
        List<StorageAccount> accounts = resources.storageAccounts(subscription.subscriptionId());
        int skip = 0;
        if (query.containsKey("$skipToken")) {
            try {
                skip = Integer.parseInt(query.get("$skipToken"));
            } catch (NumberFormatException e) {
                throw new ArmError(400, "InvalidSkipToken", "The skip token '" + query.get("$skipToken")
                                                            + "' is not valid.");
            }
        }
        int size = resources.listPageSize();
        ObjectNode page = Json.object();
        ArrayNode value = page.putArray("value");
        accounts.stream().skip(skip).limit(size).forEach(account -> value.add(storageAccountJson(account)));
        if (skip + size < accounts.size()) {
            page.put("nextLink", baseUrl.get() + "/subscriptions/" + subscription.subscriptionId() + "/providers"
                                 + "/Microsoft.Storage/storageAccounts?api-version=" + query.get("api-version")
                                 + "&$skipToken=" + (skip + size));
        }
        Responses.sendPlainJson(exchange, 200, page);
    }

    private ObjectNode summarize(String resourceId) {
        List<PolicyState> states = resources.policyStates(resourceId);
        Map<String, List<PolicyState>> byAssignment = new LinkedHashMap<>();
        for (PolicyState state : states) {
            byAssignment.computeIfAbsent(state.policyAssignmentId(), a -> new ArrayList<>()).add(state);
        }
        Set<String> nonCompliantDefinitions = new LinkedHashSet<>();
        states.stream().filter(s -> !s.compliant()).forEach(s -> nonCompliantDefinitions.add(s.policyDefinitionId()));

        ObjectNode body = Json.object();
        body.put("@odata.context", baseUrl.get() + "/providers/Microsoft.PolicyInsights/policyStates/$metadata#summary");
        body.put("@odata.count", 1);
        ObjectNode summary = body.putArray("value").addObject();
        summary.putNull("@odata.id");
        summary.put("@odata.context", baseUrl.get()
                                      + "/providers/Microsoft.PolicyInsights/policyStates/$metadata#summary/$entity");
        summary.set("results", results(resourceId, nonCompliantDefinitions.isEmpty() ? 0 : 1,
                nonCompliantDefinitions.size(), states.isEmpty() ? 0 : 1));
        ArrayNode assignments = summary.putArray("policyAssignments");
        byAssignment.forEach((assignmentId, assigned) -> {
            ObjectNode assignment = assignments.addObject();
            assignment.put("policyAssignmentId", assignmentId);
            assignment.put("policySetDefinitionId", "");
            long failing = assigned.stream().filter(s -> !s.compliant()).count();
            assignment.set("results", results(resourceId, failing > 0 ? 1 : 0, (int) failing, 1));
            ArrayNode definitions = assignment.putArray("policyDefinitions");
            for (PolicyState state : assigned) {
                ObjectNode definition = definitions.addObject();
                definition.put("policyDefinitionReferenceId", "");
                definition.put("policyDefinitionId", state.policyDefinitionId());
                definition.put("effect", state.effect());
                definition.set("results", results(resourceId, state.compliant() ? 0 : 1, state.compliant() ? 0 : 1, 1));
            }
            assignment.putArray("policyGroups");
        });
        return body;
    }

    private ObjectNode results(String resourceId, int nonCompliantResources, int nonCompliantPolicies, int evaluated) {
        ObjectNode results = Json.object();
        results.put("queryResultsUri", baseUrl.get() + resourceId + "/providers/Microsoft.PolicyInsights/policyStates"
                                       + "/latest/queryResults?api-version=2019-10-01");
        results.put("nonCompliantResources", nonCompliantResources);
        results.put("nonCompliantPolicies", nonCompliantPolicies);
        ArrayNode details = results.putArray("resourceDetails");
        if (evaluated > 0) {
            ObjectNode detail = details.addObject();
            detail.put("complianceState", nonCompliantResources > 0 ? "noncompliant" : "compliant");
            detail.put("count", 1);
        }
        results.putArray("policyDetails");
        results.putArray("policyGroupDetails");
        return results;
    }

    private Subscription readableSubscription(String subscriptionId, String tenant) {
        Optional<Subscription> found = resources.findSubscription(subscriptionId);
        if (found.isEmpty()) {
            throw new ArmError(404, "SubscriptionNotFound", "The subscription '" + subscriptionId
                                                            + "' could not be found.");
        }
        if (!found.get().isReadableFrom(tenant)) {
            throw new ArmError(401, "InvalidAuthenticationTokenTenant", "The access token is from the wrong issuer '"
                    + TokenIssuer.accessTokenIssuer(tenant) + "'. It must match the tenant '"
                    + TokenIssuer.accessTokenIssuer(found.get().tenantId()) + "' associated with this subscription."
                    + " Please use the authority (URL) '" + baseUrl.get() + "/" + found.get().tenantId()
                    + "' to get the token.");
        }
        return found.get();
    }

    /** The tenant of the request's token, after checking signature, lifetime and audience. */
    private String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            || authorization.substring(7).isBlank()) {
            throw new ArmError(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is"
                                                            + " missing.");
        }
        ObjectNode claims;
        try {
            claims = issuer.verify(authorization.substring(7).trim()).claims();
        } catch (InvalidTokenException e) {
            if (e.reason() == InvalidTokenException.Reason.EXPIRED) {
                throw new ArmError(401, "ExpiredAuthenticationToken", "The access token expiry UTC time is earlier"
                                                                      + " than current UTC time.");
            }
            throw new ArmError(401, "InvalidAuthenticationToken", "The access token is invalid.");
        }
        String audience = claims.path("aud").asText();
        if (!ARM_AUDIENCES.contains(audience)) {
            throw new ArmError(401, "InvalidAuthenticationToken", "The access token has been obtained for wrong"
                    + " audience or resource '" + audience + "'. It should exactly match with one of the allowed"
                    + " audiences " + String.join(", ", ARM_AUDIENCES.stream().sorted().toList()) + ".");
        }
        return claims.path("tid").asText();
    }

    private static ObjectNode subscriptionJson(Subscription subscription) {
        ObjectNode json = Json.object();
        json.put("id", "/subscriptions/" + subscription.subscriptionId());
        json.put("authorizationSource", "RoleBased");
        ArrayNode managedBy = json.putArray("managedByTenants");
        subscription.managedByTenants().forEach(t -> managedBy.addObject().put("tenantId", t));
        json.put("subscriptionId", subscription.subscriptionId());
        json.put("tenantId", subscription.tenantId());
        json.put("displayName", subscription.displayName());
        json.put("state", "Enabled");
        ObjectNode policies = json.putObject("subscriptionPolicies");
        policies.put("locationPlacementId", "Public_2014-09-01");
        policies.put("quotaId", "EnterpriseAgreement_2014-09-01");
        policies.put("spendingLimit", "Off");
        return json;
    }

    private static ObjectNode storageAccountJson(StorageAccount account) {
        ObjectNode json = Json.object();
        json.put("id", account.id());
        json.put("name", account.name());
        json.put("type", "Microsoft.Storage/storageAccounts");
        json.put("location", account.location());
        json.put("kind", "StorageV2");
        ObjectNode sku = json.putObject("sku");
        sku.put("name", "Standard_LRS");
        sku.put("tier", "Standard");
        json.putObject("tags");
        ObjectNode properties = json.putObject("properties");
        properties.put("provisioningState", "Succeeded");
        properties.put("isHnsEnabled", account.dfsEndpoint() != null);
        if (account.allowSharedKeyAccess() != null) {
            properties.put("allowSharedKeyAccess", account.allowSharedKeyAccess());
        }
        properties.put("minimumTlsVersion", "TLS1_2");
        properties.put("supportsHttpsTrafficOnly", true);
        ObjectNode endpoints = properties.putObject("primaryEndpoints");
        if (account.blobEndpoint() != null) {
            endpoints.put("blob", account.blobEndpoint());
        }
        if (account.dfsEndpoint() != null) {
            endpoints.put("dfs", account.dfsEndpoint());
        }
        properties.put("primaryLocation", account.location());
        properties.put("statusOfPrimary", "available");
        return json;
    }

    private static void requireMethod(String method, String allowed, String path) {
        if (!allowed.equalsIgnoreCase(method)) {
            throw new ArmError(405, "MethodNotAllowed", "The requested resource does not support http method '"
                                                        + method + "' at '" + path + "'.");
        }
    }

    private static void requireApiVersion(Map<String, String> query, Set<String> supported, String namespace,
                                          String resourceType) {
        String version = query.get("api-version");
        if (version == null || version.isBlank()) {
            throw new ArmError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=)"
                                                                  + " is required for all requests.");
        }
        if (!supported.contains(version)) {
            throw new ArmError(400, "InvalidApiVersionParameter", "The api-version '" + version + "' is invalid. The"
                    + " supported versions for resource type '" + resourceType + "' of namespace '" + namespace
                    + "' are '" + String.join(",", supported.stream().sorted().toList()) + "'.");
        }
    }

    /** The text without its last {@code length} characters. */
    private static String withoutLast(String text, int length) {
        return text.substring(0, text.length() - length);
    }

    private static String trimSlashes(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** An error answered in Resource Manager's shape. */
    private static final class ArmError extends RuntimeException {
        private final int status;
        private final String code;

        ArmError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
