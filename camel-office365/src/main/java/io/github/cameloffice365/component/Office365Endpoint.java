package io.github.cameloffice365.component;

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

    @UriParam
    private Office365Configuration configuration;

    public Office365Endpoint(String uri, Office365Component component, Office365Configuration configuration) {
        super(uri, component);
        this.configuration = configuration;
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

    /** The endpoint's options. */
    public Office365Configuration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(Office365Configuration configuration) {
        this.configuration = configuration;
    }
}
