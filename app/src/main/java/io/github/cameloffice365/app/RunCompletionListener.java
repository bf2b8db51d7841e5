package io.github.cameloffice365.app;

import java.io.PrintStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cameloffice365.component.Office365Constants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Ends the application when a run is over, when {@code office365.exit-after-run} is true (the default): after the
 * run-end exchange is routed, or when governance stopped the run at its start. It prints a short summary; the exit code
 * is 0 when the run succeeded, 3 when some users failed, and 1 when the run failed as a whole.
 */
final class RunCompletionListener extends MainListenerSupport {

    static final int EXIT_RUN_FAILED = 1;
    static final int EXIT_USERS_FAILED = 3;

    private final Office365Application application;
    private final PrintStream out;

    RunCompletionListener(Office365Application application) {
        this(application, System.out);
    }

    RunCompletionListener(Office365Application application, PrintStream out) {
        this.application = application;
        this.out = out;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        String exitAfterRun = context.getPropertiesComponent().resolveProperty("office365.exit-after-run").orElse("true");
        if (Boolean.parseBoolean(exitAfterRun.trim())) {
            context.getManagementStrategy().addEventNotifier(new RunEndNotifier());
        }
    }

    private final class RunEndNotifier extends EventNotifierSupport {

        private final ObjectMapper mapper = new ObjectMapper();

        RunEndNotifier() {
            setIgnoreCamelContextEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
            setIgnoreExchangeCreatedEvent(true);
            setIgnoreExchangeSendingEvents(true);
            setIgnoreExchangeSentEvents(true);
            setIgnoreExchangeRedeliveryEvents(true);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
        }

        @Override
        public void notify(CamelEvent event) throws Exception {
            Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
            String kind = exchange.getMessage().getHeader(Office365Constants.EXCHANGE_KIND, String.class);
            if (Office365Constants.KIND_RUN_START.equals(kind) && event instanceof CamelEvent.ExchangeFailedEvent) {
                Exception cause = exchange.getException();
                out.println("camel-office365: the run stopped before reading any data: "
                            + (cause == null ? "the run-start exchange failed" : cause.getMessage()));
                application.finish(EXIT_RUN_FAILED);
            } else if (Office365Constants.KIND_RUN_END.equals(kind)) {
                application.finish(report(exchange));
            }
        }

        private int report(Exchange exchange) throws Exception {
            JsonNode summary = mapper.readTree(exchange.getMessage().getBody(String.class));
            JsonNode users = summary.path("users");
            out.printf("camel-office365: run %s of %s %s: %d rows from %d of %d users in %d parts; %d users skipped,"
                       + " %d failed; %d ms%n",
                    summary.path("runId").asText(), summary.path("table").asText(),
                    summary.path("status").asText().toLowerCase().replace('_', ' '), summary.path("rows").asLong(),
                    users.path("extracted").asInt(), users.path("inScope").asInt(), summary.path("parts").size(),
                    users.path("skipped").asInt(), users.path("failed").asInt(), summary.path("durationMillis").asLong());
            JsonNode firstPart = summary.path("parts").path(0).path("fileName");
            if (firstPart.isTextual()) {
                String runFolder = firstPart.asText().substring(0, firstPart.asText().lastIndexOf('/') + 1);
                out.println("camel-office365: parts and _summary.json are in " + runFolder + " under "
                            + summary.path("context").path("destination").asText("the route's destination"));
            }
            if (summary.hasNonNull("failure")) {
                out.println("camel-office365: " + summary.path("failure").asText());
            }
            if (exchange.isFailed()) {
                out.println("camel-office365: the run summary could not be written: "
                            + exchange.getException().getMessage());
                return EXIT_RUN_FAILED;
            }
            return switch (summary.path("status").asText()) {
                case "SUCCEEDED" -> 0;
                case "COMPLETED_WITH_FAILURES" -> EXIT_USERS_FAILED;
                default -> EXIT_RUN_FAILED;
            };
        }
    }
}
