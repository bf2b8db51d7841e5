package io.github.cameloffice365.component;

import java.util.Queue;

import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledBatchPollingConsumer;

/** Runs one extraction per poll: a RunStart exchange, the parts, a RunEnd exchange. */
public class Office365Consumer extends ScheduledBatchPollingConsumer {

    public Office365Consumer(Office365Endpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public Office365Endpoint getEndpoint() {
        return (Office365Endpoint) super.getEndpoint();
    }

    @Override
    protected int poll() throws Exception {
        return 0;
    }

    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        return 0;
    }
}
