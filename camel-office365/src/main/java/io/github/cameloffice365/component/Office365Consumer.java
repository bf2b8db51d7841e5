package io.github.cameloffice365.component;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;

import io.github.cameloffice365.run.ExtractionPlan;
import io.github.cameloffice365.run.ExtractionRun;
import io.github.cameloffice365.run.PartNames;
import io.github.cameloffice365.run.RunSummary;
import io.github.cameloffice365.run.RunSummaryJson;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one extraction per poll. It emits a RunStart exchange and processes it before anything is read, so that a
 * governance processor failing it ends the run; then one Part exchange per part, each routed before the next is
 * filled; then a RunEnd exchange carrying the summary.
 */
public class Office365Consumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(Office365Consumer.class);

    private final Clock clock;
    private ExecutorService workers;
    private volatile RunSummary lastRun;
    private volatile String lastRunFailure;

    public Office365Consumer(Office365Endpoint endpoint, Processor processor) {
        this(endpoint, processor, Clock.systemUTC());
    }

    Office365Consumer(Office365Endpoint endpoint, Processor processor, Clock clock) {
        super(endpoint, processor);
        this.clock = clock;
    }

    @Override
    public Office365Endpoint getEndpoint() {
        return (Office365Endpoint) super.getEndpoint();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        // the scheduled poll check, plus the outcome of the last run
        if (getHealthCheck() != null) {
            setHealthCheck(new Office365ConsumerHealthCheck(this, getHealthCheck().getId()));
        }
    }

    @Override
    protected void doStart() throws Exception {
        ExtractionPlan plan = getEndpoint().getPlan();
        workers = getEndpoint().getCamelContext().getExecutorServiceManager().newFixedThreadPool(this,
                "office365-" + plan.dataset().name(), plan.configuration().getMaxConcurrentMailboxes());
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (workers != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(workers);
            workers = null;
        }
    }

    @Override
    protected int poll() throws Exception {
        ExtractionPlan plan = getEndpoint().getPlan();
        Office365RunContext context = plan.runContext();
        LOG.info("Run {} starting: {} to {}", plan.runId(), plan.describe(),
                context.destination() == null ? "the route's sink" : context.destination());

        // governance decides on the run's context before a single user or row is read
        Exchange runStart = createRunExchange(plan, Office365Constants.KIND_RUN_START);
        runStart.getMessage().setBody(context);
        if (!processRunExchange(runStart)) {
            lastRunFailure = "The run " + plan.runId() + " stopped before reading any data: "
                             + runStart.getException().getMessage();
            getExceptionHandler().handleException(lastRunFailure, runStart, runStart.getException());
            return 1;
        }

        RunSummary summary = new ExtractionRun(plan, getEndpoint().getGraphClient(),
                (fileName, content, rows) -> emitPart(plan, fileName, content, rows), workers, clock).execute();
        lastRun = summary;
        lastRunFailure = summary.failure();

        Exchange runEnd = createRunExchange(plan, Office365Constants.KIND_RUN_END);
        runEnd.getMessage().setHeader(Office365Constants.FILE_NAME, PartNames.summary(plan.dataset().name(),
                plan.runId(), plan.configuration().getShardIndex(), plan.configuration().getShardCount()));
        runEnd.getMessage().setHeader(Exchange.FILE_NAME, runEnd.getMessage().getHeader(Office365Constants.FILE_NAME));
        runEnd.getMessage().setHeader(Office365Constants.ROW_COUNT, summary.rows());
        runEnd.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        runEnd.getMessage().setBody(RunSummaryJson.write(summary, context));
        logRunEnd(summary);
        if (!processRunExchange(runEnd)) {
            getExceptionHandler().handleException("The summary of run " + plan.runId() + " could not be written",
                    runEnd, runEnd.getException());
        }
        return summary.parts().size() + 2;
    }

    /** Exchanges are emitted as the run goes; no queue of them is ever built. */
    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        int processed = 0;
        while (!exchanges.isEmpty()) {
            Exchange exchange = (Exchange) exchanges.poll();
            if (!processRunExchange(exchange)) {
                throw exchange.getException();
            }
            processed++;
        }
        return processed;
    }

    private void emitPart(ExtractionPlan plan, String fileName, byte[] content, long rows) throws Exception {
        Exchange part = createRunExchange(plan, Office365Constants.KIND_PART);
        part.getMessage().setHeader(Office365Constants.FILE_NAME, fileName);
        part.getMessage().setHeader(Exchange.FILE_NAME, fileName);
        part.getMessage().setHeader(Office365Constants.ROW_COUNT, rows);
        part.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-ndjson");
        part.getMessage().setBody(content);
        LOG.trace("Emitting part {} with {} rows, {} bytes", fileName, rows, content.length);
        if (!processRunExchange(part)) {
            throw part.getException();
        }
    }

    private Exchange createRunExchange(ExtractionPlan plan, String kind) {
        Exchange exchange = createExchange(false);
        exchange.getMessage().setHeader(Office365Constants.EXCHANGE_KIND, kind);
        exchange.getMessage().setHeader(Office365Constants.RUN_ID, plan.runId());
        exchange.getMessage().setHeader(Office365Constants.TABLE, plan.dataset().name());
        exchange.getMessage().setHeader(Office365Constants.SHARD_INDEX, plan.configuration().getShardIndex());
        return exchange;
    }

    /** Routes the exchange synchronously; true when the route completed it without an exception. */
    private boolean processRunExchange(Exchange exchange) {
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        boolean ok = exchange.getException() == null;
        if (ok) {
            releaseExchange(exchange, false);
        }
        return ok;
    }

    private void logRunEnd(RunSummary summary) {
        String counts = summary.rows() + " rows from " + summary.extractedUsers().size() + " of "
                        + summary.usersInScope() + " users in " + summary.parts().size() + " parts; "
                        + summary.skippedUsers().size() + " users skipped, " + summary.failedUsers().size()
                        + " failed; " + summary.duration().toMillis() + " ms";
        switch (summary.status()) {
            case SUCCEEDED -> LOG.info("Run {} succeeded: {}", summary.runId(), counts);
            case COMPLETED_WITH_FAILURES -> LOG.warn("Run {} completed with failed users: {}. The summary lists each"
                                                     + " failed user and the error; rerun once fixed.",
                    summary.runId(), counts);
            case FAILED -> LOG.warn("Run {} failed: {} ({})", summary.runId(), summary.failure(), counts);
        }
    }

    /** The summary of the last run that got past its governance checks, or null. */
    public RunSummary getLastRun() {
        return lastRun;
    }

    /** Why the last run failed as a whole, or null when it did not. */
    public String getLastRunFailure() {
        return lastRunFailure;
    }
}
