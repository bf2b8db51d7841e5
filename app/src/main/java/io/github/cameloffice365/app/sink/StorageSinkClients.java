package io.github.cameloffice365.app.sink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobAudience;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.file.datalake.DataLakeServiceClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import com.azure.storage.file.datalake.models.DataLakeAudience;
import io.github.cameloffice365.graph.MsalAccessTokenSource;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * Builds the Azure SDK storage service clients the sinks write through: an endpoint, the service principal's tokens
 * (through the component's msal4j token source), the retry options, an HTTP client that trusts the configured trust
 * store, and a policy that explains refusals. Camel's Azure components are given these clients, so that they write to
 * the configured endpoint and never build a client of their own.
 */
public final class StorageSinkClients {

    private final StorageCredentialSettings settings;
    private final TokenCredential credential;
    private final HttpClient httpClient;

    private StorageSinkClients(StorageCredentialSettings settings, TokenCredential credential, HttpClient httpClient) {
        this.settings = settings;
        this.credential = credential;
        this.httpClient = httpClient;
    }

    /**
     * Checks the settings, reads the certificate and trust store, and prepares the token source; no network call.
     *
     * @throws IllegalArgumentException naming the property that is missing or not accepted
     */
    public static StorageSinkClients create(StorageCredentialSettings settings) {
        TrustManagerFactory trust = settings.trustStore() == null ? null : trustManagers(settings);
        MsalAccessTokenSource.Builder tokens = MsalAccessTokenSource.builder()
                .authorityHost(settings.authorityHost())
                .tenantId(settings.tenantId())
                .clientId(settings.clientId())
                .timeout(settings.timeout());
        if (settings.clientSecret() != null) {
            tokens.clientSecret(settings.clientSecret());
        } else {
            tokens.certificate(settings.certificatePath(), settings.certificatePassword());
        }
        if (trust != null) {
            tokens.sslContext(sslContext(trust));
        }
        MsalAccessTokenSource source;
        try {
            source = tokens.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The storage sinks' service principal (office365.storage.*, by default"
                                               + " office365.*): " + e.getMessage(), e);
        }
        return new StorageSinkClients(settings, new AccessTokenSourceCredential(source, settings.tenantId()),
                httpClient(trust));
    }

    /** The credential the storage clients use; tests use it to read back what a sink wrote. */
    public TokenCredential credential() {
        return credential;
    }

    /** The HTTP client the storage clients use. */
    public HttpClient httpClient() {
        return httpClient;
    }

    /** A Blob service client for this account endpoint. */
    public BlobServiceClient blobServiceClient(String endpoint) {
        return new BlobServiceClientBuilder()
                .endpoint(endpoint)
                .credential(credential)
                .audience(BlobAudience.fromString(settings.audience()))
                .httpClient(httpClient)
                .retryOptions(retryOptions())
                .addPolicy(new StorageAccessDeniedPolicy(endpoint, settings))
                .buildClient();
    }

    /** A Data Lake (ADLS Gen2) service client for this dfs endpoint. */
    public DataLakeServiceClient dataLakeServiceClient(String endpoint) {
        return new DataLakeServiceClientBuilder()
                .endpoint(endpoint)
                .credential(credential)
                .audience(DataLakeAudience.fromString(settings.audience()))
                .httpClient(httpClient)
                .retryOptions(retryOptions())
                .addPolicy(new StorageAccessDeniedPolicy(endpoint, settings))
                .buildClient();
    }

    private RequestRetryOptions retryOptions() {
        return new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, settings.maxTries(), (Integer) null,
                settings.retryDelay().toMillis(), settings.maxRetryDelay().toMillis(), null);
    }

    private static HttpClient httpClient(TrustManagerFactory trust) {
        reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create();
        if (trust != null) {
            try {
                SslContext ssl = SslContextBuilder.forClient().trustManager(trust).build();
                netty = netty.secure(spec -> spec.sslContext(ssl));
            } catch (SSLException e) {
                throw new IllegalArgumentException("office365.storage.trust-store: cannot build a TLS context from it ("
                                                   + e.getMessage() + ")", e);
            }
        }
        return new NettyAsyncHttpClientBuilder(netty).build();
    }

    private static TrustManagerFactory trustManagers(StorageCredentialSettings settings) {
        try (InputStream in = Files.newInputStream(settings.trustStore())) {
            KeyStore store = KeyStore.getInstance(settings.trustStoreType());
            store.load(in, settings.trustStorePassword() == null ? null : settings.trustStorePassword().toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("office365.storage.trust-store '" + settings.trustStore() + "': cannot read a "
                                               + settings.trustStoreType() + " trust store with the given"
                                               + " office365.storage.trust-store-password (" + e.getMessage() + ")", e);
        }
    }

    private static SSLContext sslContext(TrustManagerFactory trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }
}
