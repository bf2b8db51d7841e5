package io.github.cameloffice365.simulator.arm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Azure side of a simulated organisation, as Azure Resource Manager shows it to the policy check: subscriptions
 * (each in a tenant), storage accounts in them, and Azure Policy compliance states of those accounts. Tests change it
 * while the simulator runs (a foreign tenant, a region outside the map, a non-compliant account); every method is
 * thread-safe.
 */
public final class AzureResources {

    /**
     * A subscription.
     *
     * @param subscriptionId   its id (a GUID)
     * @param tenantId         the tenant it belongs to
     * @param displayName      its name
     * @param managedByTenants tenants whose principals may also read it (Azure Lighthouse delegation)
     */
    public record Subscription(String subscriptionId, String tenantId, String displayName, List<String> managedByTenants) {

        public Subscription {
            Objects.requireNonNull(subscriptionId, "subscriptionId");
            Objects.requireNonNull(tenantId, "tenantId");
            managedByTenants = List.copyOf(managedByTenants);
        }

        /** Whether a principal of this tenant may read the subscription. */
        public boolean isReadableFrom(String tenant) {
            return tenantId.equalsIgnoreCase(tenant) || managedByTenants.stream().anyMatch(t -> t.equalsIgnoreCase(tenant));
        }
    }

    /**
     * A storage account.
     *
     * @param subscriptionId       the subscription that holds it
     * @param resourceGroup        its resource group
     * @param name                 its name
     * @param location             its Azure location, e.g. westeurope
     * @param blobEndpoint         its primary blob endpoint, e.g. https://name.blob.core.windows.net/
     * @param dfsEndpoint          its primary dfs endpoint, or null when hierarchical namespace is off
     * @param allowSharedKeyAccess whether it accepts shared keys; null leaves the property out, as Azure does when
     *                             it was never set (which means allowed)
     */
    public record StorageAccount(String subscriptionId, String resourceGroup, String name, String location,
                                 String blobEndpoint, String dfsEndpoint, Boolean allowSharedKeyAccess) {

        public StorageAccount {
            Objects.requireNonNull(subscriptionId, "subscriptionId");
            Objects.requireNonNull(resourceGroup, "resourceGroup");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(location, "location");
        }

        /** A StorageV2 account with hierarchical namespace, at its public Azure endpoints. */
        public static StorageAccount of(String subscriptionId, String resourceGroup, String name, String location) {
            return new StorageAccount(subscriptionId, resourceGroup, name, location,
                    "https://" + name + ".blob.core.windows.net/", "https://" + name + ".dfs.core.windows.net/", false);
        }

        /** Its resource id: /subscriptions/SUB/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/NAME. */
        public String id() {
            return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                   + "/providers/Microsoft.Storage/storageAccounts/" + name;
        }

        /** The same account in another location. */
        public StorageAccount withLocation(String newLocation) {
            return new StorageAccount(subscriptionId, resourceGroup, name, newLocation, blobEndpoint, dfsEndpoint,
                    allowSharedKeyAccess);
        }

        /** The same account with other endpoints (e.g. a storage emulator's). */
        public StorageAccount withEndpoints(String blob, String dfs) {
            return new StorageAccount(subscriptionId, resourceGroup, name, location, blob, dfs, allowSharedKeyAccess);
        }

        /** The same account with shared key access allowed, forbidden, or left unset (null). */
        public StorageAccount withAllowSharedKeyAccess(Boolean allowed) {
            return new StorageAccount(subscriptionId, resourceGroup, name, location, blobEndpoint, dfsEndpoint, allowed);
        }
    }

    /**
     * The latest compliance state of one resource under one policy.
     *
     * @param policyAssignmentId  the assignment, e.g. /subscriptions/SUB/providers/Microsoft.Authorization/policyAssignments/A
     * @param policyDefinitionId  the definition, e.g. /providers/Microsoft.Authorization/policyDefinitions/D
     * @param effect              the policy's effect, e.g. audit or deny
     * @param compliant           whether the resource complies
     */
    public record PolicyState(String policyAssignmentId, String policyDefinitionId, String effect, boolean compliant) {
    }

    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, StorageAccount> accounts = new LinkedHashMap<>();
    private final Map<String, List<PolicyState>> policyStates = new LinkedHashMap<>();
    private int listPageSize = 1000;

    /** Adds or replaces a subscription. */
    public synchronized AzureResources subscription(Subscription subscription) {
        subscriptions.put(key(subscription.subscriptionId()), subscription);
        return this;
    }

    /** Adds or replaces a subscription of a tenant, with no delegation. */
    public AzureResources subscription(String subscriptionId, String tenantId, String displayName) {
        return subscription(new Subscription(subscriptionId, tenantId, displayName, List.of()));
    }

    /** Adds or replaces a storage account (by resource id). */
    public synchronized AzureResources storageAccount(StorageAccount account) {
        accounts.put(key(account.id()), account);
        return this;
    }

    /** Sets the compliance states of a resource; an empty list means no policy applies to it. */
    public synchronized AzureResources policyStates(String resourceId, List<PolicyState> states) {
        policyStates.put(key(resourceId), List.copyOf(states));
        return this;
    }

    /** How many storage accounts a list page holds before a nextLink; default 1000. */
    public synchronized AzureResources listPageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("listPageSize must be at least 1, got " + size);
        }
        this.listPageSize = size;
        return this;
    }

    /** How many storage accounts a list page holds. */
    public synchronized int listPageSize() {
        return listPageSize;
    }

    /** Forgets every subscription, storage account and policy state, and restores the page size. */
    public synchronized AzureResources clear() {
        subscriptions.clear();
        accounts.clear();
        policyStates.clear();
        listPageSize = 1000;
        return this;
    }

    /** Every subscription. */
    public synchronized List<Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    /** The subscription with this id. */
    public synchronized Optional<Subscription> findSubscription(String subscriptionId) {
        return Optional.ofNullable(subscriptions.get(key(subscriptionId)));
    }

    /** The storage accounts of a subscription, in the order they were added. */
    public synchronized List<StorageAccount> storageAccounts(String subscriptionId) {
        List<StorageAccount> found = new ArrayList<>();
        for (StorageAccount account : accounts.values()) {
            if (account.subscriptionId().equalsIgnoreCase(subscriptionId)) {
                found.add(account);
            }
        }
        return found;
    }

    /** The storage account with this resource id. */
    public synchronized Optional<StorageAccount> findStorageAccount(String resourceId) {
        return Optional.ofNullable(accounts.get(key(resourceId)));
    }

    /** The compliance states of a resource (empty when none were set). */
    public synchronized List<PolicyState> policyStates(String resourceId) {
        return policyStates.getOrDefault(key(resourceId), List.of());
    }

    /** Resource ids and subscription ids compare without regard to case, as Resource Manager's do. */
    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
