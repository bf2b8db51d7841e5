package io.github.cameloffice365.app.sink;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.common.ParallelTransferOptions;
import com.azure.storage.file.datalake.DataLakeServiceClient;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.component.azure.storage.blob.BlobComponent;
import org.apache.camel.component.azure.storage.datalake.DataLakeComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the Blob and ADLS Gen2 sinks from the application properties, before the routes start: it checks the
 * properties, builds the storage service clients for the configured endpoints with the service principal's tokens, and
 * gives them to Camel's {@code azure-storage-blob} and {@code azure-storage-datalake} components. A sink whose account
 * property is not set is left alone, so the other routes run without storage properties.
 *
 * <p>
 * Beans it binds: {@value #BLOB_SERVICE_CLIENT}, {@value #ADLS_SERVICE_CLIENT} and {@value #ADLS_TRANSFER_OPTIONS}
 * (how the ADLS Gen2 sink cuts a part into appends).
 */
@Configuration
public class StorageSinkConfiguration implements CamelConfiguration {

    /** The Blob service client the Blob sink writes through. */
    public static final String BLOB_SERVICE_CLIENT = "office365BlobServiceClient";
    /** The Data Lake service client the ADLS Gen2 sink writes through. */
    public static final String ADLS_SERVICE_CLIENT = "office365AdlsServiceClient";
    /** The block size and concurrency of the ADLS Gen2 sink's appends. */
    public static final String ADLS_TRANSFER_OPTIONS = "office365AdlsTransferOptions";

    private static final Logger LOG = LoggerFactory.getLogger(StorageSinkConfiguration.class);

    @Override
    public void configure(CamelContext camelContext) {
        StorageSinkProperties properties = StorageSinkProperties.from(camelContext.getPropertiesComponent()::resolveProperty);
        if (!properties.blobConfigured() && !properties.adlsConfigured()) {
            return;
        }
        properties.checkPartSize();
        StorageCredentialSettings credential = properties.credential();
        StorageSinkProperties.SinkLocation blob = properties.blobConfigured() ? properties.blob() : null;
        StorageSinkProperties.SinkLocation adls = properties.adlsConfigured() ? properties.adls() : null;
        ParallelTransferOptions transfer = adls == null ? null : new ParallelTransferOptions()
                .setBlockSizeLong(properties.adlsBlockSize())
                .setMaxSingleUploadSizeLong(properties.adlsBlockSize())
                .setMaxConcurrency(properties.adlsMaxConcurrency());

        // every property is checked above; only now are the clients built
        StorageSinkClients clients = StorageSinkClients.create(credential);
        if (blob != null) {
            BlobServiceClient client = clients.blobServiceClient(blob.endpoint());
            camelContext.getRegistry().bind(BLOB_SERVICE_CLIENT, BlobServiceClient.class, client);
            camelContext.getComponent("azure-storage-blob", BlobComponent.class).getConfiguration().setServiceClient(client);
            LOG.info("Blob sink writes to {} as service principal {} of tenant {}", blob.destination(),
                    credential.clientId(), credential.tenantId());
        }
        if (adls != null) {
            DataLakeServiceClient client = clients.dataLakeServiceClient(adls.endpoint());
            camelContext.getRegistry().bind(ADLS_SERVICE_CLIENT, DataLakeServiceClient.class, client);
            camelContext.getRegistry().bind(ADLS_TRANSFER_OPTIONS, ParallelTransferOptions.class, transfer);
            camelContext.getComponent("azure-storage-datalake", DataLakeComponent.class).getConfiguration()
                    .setServiceClient(client);
            LOG.info("ADLS Gen2 sink writes to {} as service principal {} of tenant {}", adls.destination(),
                    credential.clientId(), credential.tenantId());
        }
    }
}
