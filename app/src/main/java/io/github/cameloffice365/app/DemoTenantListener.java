package io.github.cameloffice365.app;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.cameloffice365.dataset.Dataset;
import io.github.cameloffice365.dataset.DatasetCatalog;
import io.github.cameloffice365.simulator.GraphSimulator;
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
    /** The demo tenant's mail and calendar, recurring series included, lie between 2019 and 2026. */
    static final String DEMO_WINDOW_START = "2019-01-01T00:00:00Z";
    static final String DEMO_WINDOW_END = "2027-01-01T00:00:00Z";

    private static final Logger LOG = LoggerFactory.getLogger(DemoTenantListener.class);

    private GraphSimulator simulator;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        String tenant = context.getPropertiesComponent().resolveProperty(TENANT_PROPERTY).orElse("");
        if (!tenant.isBlank()) {
            return;
        }
        try {
            simulator = GraphSimulator.builder().tenant("demo").start();
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
            LOG.info("No tenant configured ({} is empty): serving the demo tenant {} from the Graph simulator at {}",
                    TENANT_PROPERTY, simulator.tenantId(), simulator.baseUrl());
        } catch (Exception e) {
            throw new IllegalStateException("The demo tenant could not be started: " + e.getMessage(), e);
        }
    }

    /**
     * Message_v1 and Event_v1 are only extracted within a date window; when none is given, the demo takes one that
     * covers the demo tenant's data, on the table's first date filter column.
     */
    private static void demoWindow(PropertiesComponent properties) {
        String table = properties.resolveProperty("office365.table").orElse("");
        String column = properties.resolveProperty("office365.date-filter-column").orElse("");
        Dataset dataset = DatasetCatalog.find(table).orElse(null);
        if (dataset == null || !dataset.requiresDateFilter() || !column.isBlank()) {
            return;
        }
        properties.addOverrideProperty("office365.date-filter-column", dataset.dateFilterColumns().get(0).name());
        properties.addOverrideProperty("office365.start-time", DEMO_WINDOW_START);
        properties.addOverrideProperty("office365.end-time", DEMO_WINDOW_END);
        LOG.info("Demo window for {}: {} from {} to {}", dataset.name(), dataset.dateFilterColumns().get(0).name(),
                DEMO_WINDOW_START, DEMO_WINDOW_END);
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
