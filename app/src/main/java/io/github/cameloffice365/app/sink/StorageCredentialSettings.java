package io.github.cameloffice365.app.sink;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The service principal the sinks authenticate as, and how they reach Azure Storage. Its {@link #toString()} leaves
 * the secrets out.
 *
 * @param tenantId            the tenant of the service principal (by default the Office 365 tenant)
 * @param clientId            the application (client) id
 * @param clientSecret        the client secret, or null with a certificate
 * @param certificatePath     a PKCS#12 file with the certificate and private key, or null with a secret
 * @param certificatePassword the PKCS#12 file's password, or null
 * @param authorityHost       the Entra ID sign-in host, e.g. https://login.microsoftonline.com
 * @param audience            the storage resource tokens are requested for, e.g. https://storage.azure.com
 * @param trustStore          a trust store for the storage and sign-in hosts' certificates, or null for the JVM's
 * @param trustStorePassword  its password, or null
 * @param trustStoreType      its type, PKCS12 by default
 * @param maxTries            how many times the storage client sends one request before it gives up
 * @param retryDelay          the first delay between two tries; it grows exponentially
 * @param maxRetryDelay       the longest delay between two tries
 * @param timeout             how long to wait for the token endpoint
 */
public record StorageCredentialSettings(String tenantId, String clientId, String clientSecret, Path certificatePath,
                                        String certificatePassword, String authorityHost, String audience,
                                        Path trustStore, String trustStorePassword, String trustStoreType, int maxTries,
                                        Duration retryDelay, Duration maxRetryDelay, Duration timeout) {

    /** The OAuth scope of storage tokens: the audience followed by {@code /.default}. */
    public String scope() {
        return audience + "/.default";
    }

    @Override
    public String toString() {
        return "StorageCredentialSettings[tenantId=" + tenantId + ", clientId=" + clientId
               + (clientSecret != null ? ", clientSecret=****" : ", certificatePath=" + certificatePath)
               + ", authorityHost=" + authorityHost + ", audience=" + audience + ", trustStore=" + trustStore
               + ", maxTries=" + maxTries + "]";
    }
}
