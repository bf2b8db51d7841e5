package io.github.cameloffice365.app.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import io.github.cameloffice365.app.Office365Application;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.dfs.DfsSimulator;
import org.apache.camel.Processor;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * What the sink tests run against: the Graph simulator (whose token endpoint issues the storage tokens) with the ADLS
 * Gen2 simulator mounted on it, optionally Azurite, a trust store holding their certificates, and the application
 * properties a user would set for them.
 */
final class SinkTestEnvironment implements AutoCloseable {

    static final String LAKE_ACCOUNT = "lakeaccount";
    static final String TRUST_STORE_PASSWORD = "changeit";

    final GraphSimulator graph;
    final DfsSimulator dfs;
    final Azurite azurite;
    final Path directory;
    final Path trustStore;

    private SinkTestEnvironment(GraphSimulator graph, DfsSimulator dfs, Azurite azurite, Path directory, Path trustStore) {
        this.graph = graph;
        this.dfs = dfs;
        this.azurite = azurite;
        this.directory = directory;
        this.trustStore = trustStore;
    }

    /** Starts the simulators; {@code azurite} may be null when only the ADLS Gen2 sink is tested. */
    static SinkTestEnvironment start(Azurite azurite) throws IOException {
        return start(azurite, UnaryOperator.identity());
    }

    /**
     * Starts the simulators with a Graph simulator set up by {@code graphSetup} (e.g. its tenant); {@code azurite}
     * may be null when only the ADLS Gen2 sink is tested.
     */
    static SinkTestEnvironment start(Azurite azurite, UnaryOperator<GraphSimulator.Builder> graphSetup)
            throws IOException {
        DfsSimulator dfs = DfsSimulator.builder(LAKE_ACCOUNT).build();
        GraphSimulator graph = graphSetup.apply(GraphSimulator.builder())
                .handler(dfs.pathPrefix() + "/", (GraphSimulator simulator) -> dfs.signedBy(simulator.tokenIssuer()))
                .start();
        Path directory = Files.createTempDirectory("sink-test-");
        Path trustStore = directory.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("graph-simulator", graph.serverCertificate());
            if (azurite != null) {
                X509Certificate certificate = azurite.certificate();
                store.setCertificateEntry("azurite", certificate);
            }
            store.store(out, TRUST_STORE_PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot write the trust store: " + e.getMessage(), e);
        }
        return new SinkTestEnvironment(graph, dfs, azurite, directory, trustStore);
    }

    /** The ADLS Gen2 endpoint, IP-style on the Graph simulator's server. */
    String dfsEndpoint() {
        return graph.baseUrl() + dfs.pathPrefix();
    }

    /** The properties of the office365 endpoint and of the service principal, shared by both sinks. */
    Map<String, String> commonProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("office365.table", "BasicDataSet_v0.Message_v1");
        for (String unset : List.of("date-filter-column", "start-time", "end-time", "allowed-groups", "user-scope-filter-uri",
                "output-columns")) {
            properties.put("office365." + unset, "");
        }
        properties.put("office365.repeat-count", "1");
        properties.put("office365.tenant-id", graph.tenantId());
        properties.put("office365.client-id", graph.applicationClientId());
        properties.put("office365.client-secret", graph.applicationClientSecret());
        properties.put("office365.authority-host", graph.authorityHost());
        properties.put("office365.graph-base-url", graph.baseUrl());
        properties.put("office365.storage.trust-store", trustStore.toString());
        properties.put("office365.storage.trust-store-password", TRUST_STORE_PASSWORD);
        // quick retries keep the fault tests short; the defaults are seconds
        properties.put("office365.storage.retry-delay", "20");
        properties.put("office365.storage.max-retry-delay", "200");
        return properties;
    }

    /** The properties of the Blob sink writing to Azurite. */
    Map<String, String> blobProperties(String container, String folder) {
        Map<String, String> properties = commonProperties();
        properties.put("office365.blob.account", Azurite.ACCOUNT);
        properties.put("office365.blob.endpoint", azurite.endpoint());
        properties.put("office365.blob.container", container);
        properties.put("office365.blob.folder", folder);
        return properties;
    }

    /** The properties of the ADLS Gen2 sink writing to the dfs simulator. */
    Map<String, String> adlsProperties(String fileSystem, String folder) {
        Map<String, String> properties = commonProperties();
        properties.put("office365.adls.account", LAKE_ACCOUNT);
        properties.put("office365.adls.endpoint", dfsEndpoint());
        properties.put("office365.adls.file-system", fileSystem);
        properties.put("office365.adls.folder", folder);
        return properties;
    }

    /**
     * The application with these override properties, trusting the simulators through the bean
     * {@code office365TestTls} (property {@code camel.component.office365.ssl-context-parameters} =
     * {@code #office365TestTls}), and with pass-through governance beans.
     */
    Office365Application passThroughApplication(Properties properties) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + trustStore);
        keyStore.setType("PKCS12");
        keyStore.setPassword(TRUST_STORE_PASSWORD);
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(keyStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trustManagers);
        Office365Application application = new Office365Application();
        application.setOverrideProperties(properties);
        application.bind("office365TestTls", tls);
        application.bind("policyCheck", (Processor) exchange -> { });
        application.bind("consentWait", (Processor) exchange -> { });
        return application;
    }

    /** The properties as a map of strings, e.g. for {@link #clients(Map)}. */
    static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        properties.forEach((key, value) -> map.put(key.toString(), value.toString()));
        return map;
    }

    /** Storage clients with the same credential code as the sinks, for setting up and reading back. */
    static StorageSinkClients clients(Map<String, String> properties) {
        return StorageSinkClients.create(StorageSinkProperties.from(key -> Optional.ofNullable(properties.get(key)))
                .credential());
    }

    @Override
    public void close() throws IOException {
        graph.close();
        dfs.close();
        try (var files = Files.walk(directory)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
