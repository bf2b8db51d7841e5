package io.github.cameloffice365.app;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.cameloffice365.dataset.Dataset;
import io.github.cameloffice365.dataset.DatasetCatalog;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.arm.ArmHandler;
import io.github.cameloffice365.simulator.arm.AzureResources;
import io.github.cameloffice365.simulator.identity.UserSignIn;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantFixtures;
import io.github.cameloffice365.simulator.tenant.TenantGroup;
import io.github.cameloffice365.simulator.tenant.TenantUser;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When no tenant is configured ({@code office365.tenant-id} is empty), starts the Graph simulator in-process on the
 * project's demo tenant and points the office365 component at it: Graph base URL, authority, the demo application's
 * credentials, and a trust store that holds the simulator's certificate. The simulator stops with the application.
 */
final class DemoTenantListener extends MainListenerSupport {

    static final String TENANT_PROPERTY = "office365.tenant-id";
    static final String TLS_BEAN = "office365DemoTls";
    static final String DEMO_APPROVER_GROUP = "MGDC approvers";
    static final String DEMO_SUBSCRIPTION = "5c0f2b1e-4d6a-4e8f-9b3c-7a1d2e4f6b80";
    static final String DEMO_STORAGE_ACCOUNT = "brackwaterlake";
    /** The demo tenant's mail and calendar, recurring series included, lie between 2019 and 2026. */
    static final String DEMO_WINDOW_START = "2019-01-01T00:00:00Z";
    static final String DEMO_WINDOW_END = "2027-01-01T00:00:00Z";

    private static final Logger LOG = LoggerFactory.getLogger(DemoTenantListener.class);

    private GraphSimulator simulator;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        String configured = context.getPropertiesComponent().resolveProperty(TENANT_PROPERTY).orElse("");
        if (!configured.isBlank()) {
            return;
        }
        try {
            Tenant tenant = TenantFixtures.fromClasspath("demo");
            simulator = UserSignIn.install(ArmHandler.mount(GraphSimulator.builder().tenant(tenant),
                    demoAzureResources(tenant)), tenant).start();
            Path trustStore = Files.createTempFile("office365-demo-truststore", ".p12");
            trustStore.toFile().deleteOnExit();
            char[] password = "office365-demo".toCharArray();
            simulator.writeTrustStore(trustStore, password);

            KeyStoreParameters keyStore = new KeyStoreParameters();
            keyStore.setResource("file:" + trustStore.toAbsolutePath());
            keyStore.setType("PKCS12");
            keyStore.setPassword(new String(password));
            TrustManagersParameters trustManagers = new TrustManagersParameters();
            trustManagers.setKeyStore(keyStore);
            SSLContextParameters tls = new SSLContextParameters();
            tls.setTrustManagers(trustManagers);
            context.getRegistry().bind(TLS_BEAN, tls);

            PropertiesComponent properties = context.getPropertiesComponent();

            properties.addOverrideProperty(TENANT_PROPERTY, simulator.tenantId());
            properties.addOverrideProperty("office365.client-id", simulator.applicationClientId());
            properties.addOverrideProperty("office365.client-secret", simulator.applicationClientSecret());
            properties.addOverrideProperty("office365.graph-base-url", simulator.baseUrl());
            properties.addOverrideProperty("office365.authority-host", simulator.authorityHost());
            properties.addOverrideProperty("camel.component.office365.ssl-context-parameters", "#" + TLS_BEAN);
            demoWindow(properties);
            demoGovernance(properties, tenant);
            LOG.info("No tenant configured ({} is empty): serving the demo tenant {} from the Graph simulator at {}",
                    TENANT_PROPERTY, simulator.tenantId(), simulator.baseUrl());
        } catch (Exception e) {
            throw new IllegalStateException("The demo tenant could not be started: " + e.getMessage(), e);
        }
    }

    /**
     * Governance on the demo tenant: the requester is the owner of the demo application, the approvers sign in to the
     * demo's public client and belong to the group "MGDC approvers", one of whom approves unattended; Azure Resource
     * Manager is the simulator's. The folder route writes to no Azure account, which only the demo allows.
     */
    private void demoGovernance(PropertiesComponent properties, Tenant tenant) {
        TenantApplication extractor = tenant.application(simulator.applicationClientId()).orElseThrow();
        TenantUser owner = tenant.user(extractor.ownerIds().get(0)).orElseThrow();
        TenantApplication approvals = tenant.applications().stream().filter(TenantApplication::isPublicClient)
                .findFirst().orElseThrow(() -> new IllegalStateException("The demo tenant has no approvers' app"));
        TenantGroup approvers = tenant.groups().values().stream()
                .filter(group -> DEMO_APPROVER_GROUP.equals(group.properties().path("displayName").asText()))
                .findFirst().orElseThrow(() -> new IllegalStateException("The demo tenant has no group "
                                                                         + DEMO_APPROVER_GROUP));
        TenantUser approver = approvers.memberIds().stream().map(id -> tenant.user(id).orElse(null))
                .filter(user -> user != null && user.password() != null).findFirst()
                .orElseThrow(() -> new IllegalStateException("No approver of the demo tenant can sign in"));

        properties.addOverrideProperty("office365.consent.requested-by", owner.userPrincipalName());
        properties.addOverrideProperty("office365.consent.poll-interval", "PT0.5S");
        properties.addOverrideProperty("office365.approvers.client-id", approvals.clientId());
        properties.addOverrideProperty("office365.approvers.group-id", approvers.id());
        properties.addOverrideProperty("office365.demo.approver", approver.userPrincipalName());
        properties.addOverrideProperty("office365.demo.approver-password", approver.password());
        properties.addOverrideProperty("office365.policy.office-region", tenant.officeRegion());
        properties.addOverrideProperty("office365.policy.arm-base-url", simulator.baseUrl());
        properties.addOverrideProperty("office365.policy.subscription-id", DEMO_SUBSCRIPTION);
        properties.addOverrideProperty("office365.policy.allow-non-azure-sink", "true");
        properties.addOverrideProperty("office365.ssl-context-parameters", TLS_BEAN);
        LOG.info("Demo governance: {} requests access, {} approves it unattended", owner.userPrincipalName(),
                approver.userPrincipalName());
    }

    /** The demo organisation's Azure subscription, with a storage account in its Office region. */
    private static AzureResources demoAzureResources(Tenant tenant) {
        return new AzureResources()
                .subscription(DEMO_SUBSCRIPTION, tenant.tenantId(), "Brackwater data platform")
                .storageAccount(AzureResources.StorageAccount.of(DEMO_SUBSCRIPTION, "rg-data-platform",
                        DEMO_STORAGE_ACCOUNT, "westeurope"));
    }

    /**
     * Message_v1 and Event_v1 are only extracted within a date window; when no date filter column is given, the demo
     * filters on the table's first date filter column, from the given start and end or else over all the demo data.
     */
    private static void demoWindow(PropertiesComponent properties) {
        String table = properties.resolveProperty("office365.table").orElse("");
        String column = properties.resolveProperty("office365.date-filter-column").orElse("");
        Dataset dataset = DatasetCatalog.find(table).orElse(null);
        if (dataset == null || !dataset.requiresDateFilter() || !column.isBlank()) {
            return;
        }
        String start = properties.resolveProperty("office365.start-time").filter(v -> !v.isBlank()).orElse(DEMO_WINDOW_START);
        String end = properties.resolveProperty("office365.end-time").filter(v -> !v.isBlank()).orElse(DEMO_WINDOW_END);
        properties.addOverrideProperty("office365.date-filter-column", dataset.dateFilterColumns().get(0).name());
        properties.addOverrideProperty("office365.start-time", start);
        properties.addOverrideProperty("office365.end-time", end);
        LOG.info("Demo window for {}: {} from {} to {}", dataset.name(), dataset.dateFilterColumns().get(0).name(),
                start, end);
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
