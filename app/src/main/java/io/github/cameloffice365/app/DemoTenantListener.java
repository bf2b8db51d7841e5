package io.github.cameloffice365.app;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.cameloffice365.simulator.GraphSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
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
            simulator = GraphSimulator.builder().demoTenant().build().start();
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

            main.addOverrideProperty(TENANT_PROPERTY, simulator.tenantId());
            main.addOverrideProperty("office365.client-id", simulator.applicationClientId());
            main.addOverrideProperty("office365.client-secret", simulator.applicationClientSecret());
            main.addOverrideProperty("office365.graph-base-url", simulator.baseUrl());
            main.addOverrideProperty("office365.authority-host", simulator.authorityHost());
            main.addOverrideProperty("camel.component.office365.ssl-context-parameters", "#" + TLS_BEAN);
            LOG.info("No tenant configured ({} is empty): serving the demo tenant {} from the Graph simulator at {}",
                    TENANT_PROPERTY, simulator.tenantId(), simulator.baseUrl());
        } catch (Exception e) {
            throw new IllegalStateException("The demo tenant could not be started: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
