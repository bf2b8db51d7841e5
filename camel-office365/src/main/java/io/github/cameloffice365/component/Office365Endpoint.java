package io.github.cameloffice365.component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import io.github.cameloffice365.graph.AccessTokenSource;
import io.github.cameloffice365.graph.GraphClient;
import io.github.cameloffice365.graph.GraphClientSettings;
import io.github.cameloffice365.graph.MsalAccessTokenSource;
import io.github.cameloffice365.run.ExtractionPlan;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Extract a Microsoft 365 table (mail, calendar, contacts, directory, mailbox settings) through Microsoft Graph, as
 * JSON lines in the Microsoft Graph Data Connect format.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "office365", title = "Office 365 (Graph Data Connect)",
             syntax = "office365:tableName", consumerOnly = true, category = { Category.CLOUD, Category.API },
             headersClass = Office365Constants.class)
public class Office365Endpoint extends ScheduledPollEndpoint {

    /** A run a day unless the route says otherwise: an extraction is not a 500 ms poll. */
    static final long DEFAULT_DELAY = TimeUnit.DAYS.toMillis(1);

    @UriParam
    private Office365Configuration configuration;

    private ExtractionPlan plan;
    private AccessTokenSource tokens;
    private GraphClient graphClient;

    public Office365Endpoint(String uri, Office365Component component, Office365Configuration configuration) {
        super(uri, component);
        this.configuration = configuration;
        setDelay(DEFAULT_DELAY);
    }

    @Override
    public long getDefaultDelay() {
        return DEFAULT_DELAY;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("office365 only reads: use it in from(), not in to()");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Office365Consumer consumer = new Office365Consumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Checks every option before anything touches the network, then builds the Graph client. */
    @Override
    protected void doStart() throws Exception {
        super.doStart();
        plan = ExtractionPlan.of(configuration);
        SSLContext sslContext = configuration.getSslContextParameters() == null
                ? SSLContext.getDefault()
                : configuration.getSslContextParameters().createSSLContext(getCamelContext());
        String certificatePath = blankToNull(configuration.getServicePrincipalCertificatePath());
        tokens = MsalAccessTokenSource.builder()
                .authorityHost(plan.authorityHost())
                .tenantId(plan.servicePrincipalTenantId())
                .clientId(configuration.getServicePrincipalId())
                .clientSecret(blankToNull(configuration.getServicePrincipalKey()))
                .certificate(certificatePath == null ? null : Path.of(certificatePath),
                        configuration.getServicePrincipalCertificatePassword())
                .sslContext(sslContext)
                .build();
        graphClient = new GraphClient(GraphClientSettings.builder()
                .graphBaseUrl(plan.graphBaseUrl())
                .requestTimeout(Duration.ofMillis(configuration.getRequestTimeout()))
                .maxRetries(configuration.getMaxRetries())
                .retryBaseDelay(Duration.ofMillis(Math.max(1, configuration.getRetryBaseDelay())))
                .retryMaxDelay(Duration.ofMillis(Math.max(1, configuration.getRetryMaxDelay())))
                .maxConcurrentMailboxes(configuration.getMaxConcurrentMailboxes())
                .sslContext(sslContext)
                .build(), tokens);
    }

    @Override
    protected void doStop() throws Exception {
        graphClient = null;
        tokens = null;
        super.doStop();
    }

    /** The endpoint's options. */
    public Office365Configuration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(Office365Configuration configuration) {
        this.configuration = configuration;
    }

    /** The checked options; available once the endpoint has started. */
    public ExtractionPlan getPlan() {
        return plan;
    }

    /** The Graph client; available once the endpoint has started. */
    public GraphClient getGraphClient() {
        return graphClient;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
