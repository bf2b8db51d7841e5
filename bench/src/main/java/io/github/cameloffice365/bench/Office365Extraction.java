package io.github.cameloffice365.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cameloffice365.component.Office365Component;
import io.github.cameloffice365.component.Office365Configuration;
import io.github.cameloffice365.component.Office365Constants;
import io.github.cameloffice365.dataset.DatasetCatalog;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * One office365 extraction of Message_v1 in a real CamelContext, its parts going to a sink that counts and drops
 * them (at once, or after holding each for a while as a write to storage would). The time measured runs from the
 * RunStart exchange (before the access token, the user list or any page) to the RunEnd exchange (after the last
 * part); starting and stopping the CamelContext are outside it.
 */
final class Office365Extraction {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    private final GraphConnection graph;
    private final Map<String, String> options = new LinkedHashMap<>();
    private Runnable beforeRun = () -> { };
    private Duration partHold = Duration.ZERO;

    Office365Extraction(GraphConnection graph, Instant windowStart, Instant windowEnd) {
        this.graph = graph;
        options.put("dateFilterColumn", "receivedDateTime");
        options.put("startTime", windowStart.toString());
        options.put("endTime", windowEnd.toString());
    }

    /** Sets an endpoint option (partSize, pageSize, maxConcurrentMailboxes...). */
    Office365Extraction option(String name, Object value) {
        options.put(name, String.valueOf(value));
        return this;
    }

    /** Something to do once the CamelContext has started, just before the run (e.g. take a heap reading). */
    Office365Extraction beforeRun(Runnable step) {
        this.beforeRun = step;
        return this;
    }

    /** How long the sink holds each part before it returns, as a write to storage would; none by default. */
    Office365Extraction partHold(Duration hold) {
        this.partHold = hold;
        return this;
    }

    /** What one run delivered. */
    record Result(long rows, long outputBytes, int parts, long largestPart, long nanos) {

        double seconds() {
            return nanos / 1e9;
        }
    }

    /** Runs one extraction to its end. */
    Result run() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong started = new AtomicLong();
        AtomicLong ended = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong parts = new AtomicLong();
        AtomicLong largestPart = new AtomicLong();
        AtomicReference<JsonNode> summary = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();

        try (CamelContext context = new DefaultCamelContext()) {
            configureComponent(context);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).process(exchange -> {
                        failure.compareAndSet(null, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
                        done.countDown();
                    });
                    from(uri()).routeId("bench-extraction").autoStartup(false).process(exchange -> {
                        String kind = exchange.getMessage().getHeader(Office365Constants.EXCHANGE_KIND, String.class);
                        switch (kind) {
                            case Office365Constants.KIND_RUN_START -> started.set(System.nanoTime());
                            case Office365Constants.KIND_PART -> {
                                byte[] part = exchange.getMessage().getBody(byte[].class);
                                rows.addAndGet(exchange.getMessage().getHeader(Office365Constants.ROW_COUNT,
                                        Long.class));
                                bytes.addAndGet(part.length);
                                parts.incrementAndGet();
                                largestPart.accumulateAndGet(part.length, Math::max);
                                if (!partHold.isZero()) {
                                    Thread.sleep(partHold.toMillis());
                                }
                            }
                            case Office365Constants.KIND_RUN_END -> {
                                ended.set(System.nanoTime());
                                summary.set(MAPPER.readTree(exchange.getMessage().getBody(String.class)));
                                done.countDown();
                            }
                            default -> throw new IllegalStateException("Unknown exchange kind " + kind);
                        }
                    });
                }
            });
            context.start();
            beforeRun.run();
            context.getRouteController().startRoute("bench-extraction");
            if (!done.await(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("The extraction did not end within " + RUN_TIMEOUT);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The extraction failed: " + failure.get().getMessage(), failure.get());
        }
        JsonNode end = summary.get();
        String status = end.path("status").asText();
        if (!"SUCCEEDED".equals(status)) {
            throw new IllegalStateException("The extraction ended " + status + ": " + end.path("failure").asText()
                    + " (failed users: " + end.path("users").path("failedUsers") + ")");
        }
        if (end.path("rows").asLong() != rows.get()) {
            throw new IllegalStateException("The summary counts " + end.path("rows").asLong()
                    + " rows, the parts held " + rows.get());
        }
        return new Result(rows.get(), bytes.get(), (int) parts.get(), largestPart.get(), ended.get() - started.get());
    }

    private String uri() {
        StringBuilder uri = new StringBuilder("office365:").append(DatasetCatalog.MESSAGE_V1)
                .append("?repeatCount=1&initialDelay=0");
        options.forEach((name, value) -> uri.append('&').append(name).append("=RAW(").append(value).append(')'));
        return uri.toString();
    }

    private void configureComponent(CamelContext context) {
        Office365Configuration configuration = context.getComponent("office365", Office365Component.class)
                .getConfiguration();
        configuration.setOffice365TenantId(graph.tenantId());
        configuration.setServicePrincipalId(graph.clientId());
        configuration.setServicePrincipalKey(graph.clientSecret());
        configuration.setGraphBaseUrl(graph.baseUrl());
        configuration.setAuthorityHost(graph.baseUrl());
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + graph.trustStore().toAbsolutePath());
        keyStore.setPassword(graph.trustStorePassword());
        keyStore.setType("PKCS12");
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(keyStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trustManagers);
        configuration.setSslContextParameters(tls);
    }
}
