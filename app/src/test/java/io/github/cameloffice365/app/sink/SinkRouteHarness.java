package io.github.cameloffice365.app.sink;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.cameloffice365.component.Office365Constants;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Runs one of the sink routes from {@code routes/} as shipped, with the application's storage wiring
 * ({@link StorageSinkConfiguration}) and the given properties. Only the route's {@code office365} consumer is
 * replaced by {@code direct:office365}, so that a test sends the run's exchanges (RunStart, parts, RunEnd) itself.
 * The governance beans {@code policyCheck} and {@code consentWait} are pass-through recorders here.
 */
final class SinkRouteHarness implements AutoCloseable {

    final DefaultCamelContext context;
    final ProducerTemplate producer;
    final List<String> governanceCalls = new CopyOnWriteArrayList<>();

    private SinkRouteHarness(DefaultCamelContext context) {
        this.context = context;
        this.producer = context.createProducerTemplate();
    }

    static SinkRouteHarness start(String routeFile, String routeId, Map<String, String> properties) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties initial = new Properties();
        initial.putAll(properties);
        context.getPropertiesComponent().setInitialProperties(initial);
        SinkRouteHarness harness = new SinkRouteHarness(context);
        context.getRegistry().bind("policyCheck", (Processor) exchange -> harness.governanceCalls.add("policyCheck"));
        context.getRegistry().bind("consentWait", (Processor) exchange -> harness.governanceCalls.add("consentWait"));
        new StorageSinkConfiguration().configure(context);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context,
                "classpath:routes/" + routeFile));
        AdviceWith.adviceWith(context, routeId, route -> route.replaceFromWith("direct:office365"));
        context.start();
        return harness;
    }

    /** Sends one exchange of a run, as the consumer emits it; returns the exchange after the route. */
    Exchange send(String kind, String runId, String fileName, Object body) {
        Exchange exchange = producer.send("direct:office365", e -> {
            e.getMessage().setHeader(Office365Constants.EXCHANGE_KIND, kind);
            e.getMessage().setHeader(Office365Constants.RUN_ID, runId);
            e.getMessage().setHeader(Office365Constants.TABLE, "BasicDataSet_v0.Message_v1");
            if (fileName != null) {
                e.getMessage().setHeader(Office365Constants.FILE_NAME, fileName);
            }
            e.getMessage().setBody(body);
        });
        return exchange;
    }

    /** Sends a part; fails the test with the route's exception if the write failed. */
    void part(String runId, String fileName, byte[] rows) throws Exception {
        Exchange exchange = send(Office365Constants.KIND_PART, runId, fileName, rows);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
