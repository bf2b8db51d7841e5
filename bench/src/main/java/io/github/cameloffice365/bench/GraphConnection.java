package io.github.cameloffice365.bench;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a benchmark's Graph simulator listens and how a client signs in to it: enough for an extraction in this JVM
 * or in a forked one. The client secret is the simulator's own generated secret; it is never printed.
 *
 * @param baseUrl            the simulator's base URL, e.g. {@code https://127.0.0.1:50123}
 * @param tenantId           the simulated tenant
 * @param clientId           the simulated application's client id
 * @param clientSecret       the simulated application's secret
 * @param trustStore         a PKCS#12 file trusting the simulator's certificate
 * @param trustStorePassword the trust store's password
 */
record GraphConnection(String baseUrl, String tenantId, String clientId, String clientSecret, Path trustStore,
        String trustStorePassword) {

    GraphConnection {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    }

    @Override
    public String toString() {
        return "GraphConnection[" + baseUrl + ", tenant " + tenantId + "]";
    }
}
