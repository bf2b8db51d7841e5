package io.github.cameloffice365.governance.policy;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What Azure Resource Manager says about a storage account.
 *
 * @param id                   the resource id
 * @param name                 the account name
 * @param location             the Azure location, e.g. westeurope
 * @param subscriptionId       the subscription that holds it
 * @param allowSharedKeyAccess whether it accepts shared key requests (Azure's default when the property is absent)
 * @param endpoints            its primary blob and dfs endpoints
 */
record StorageAccount(String id, String name, String location, String subscriptionId, boolean allowSharedKeyAccess,
                      List<String> endpoints) {

    static StorageAccount of(JsonNode resource) {
        String id = resource.path("id").asText("");
        JsonNode properties = resource.path("properties");
        List<String> endpoints = new ArrayList<>();
        for (String kind : List.of("blob", "dfs")) {
            String endpoint = properties.path("primaryEndpoints").path(kind).asText(null);
            if (endpoint != null && !endpoint.isBlank()) {
                endpoints.add(endpoint);
            }
        }
        JsonNode sharedKey = properties.path("allowSharedKeyAccess");
        return new StorageAccount(id, resource.path("name").asText(null), resource.path("location").asText(null),
                PolicyCheckProcessor.subscriptionOf(id).orElse(null), !sharedKey.isBoolean() || sharedKey.asBoolean(),
                List.copyOf(endpoints));
    }

    /** Whether the destination is under one of the account's endpoints. */
    boolean serves(StorageDestination destination) {
        return endpoints.stream().anyMatch(destination::isUnder);
    }
}
