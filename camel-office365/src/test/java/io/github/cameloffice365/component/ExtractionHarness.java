package io.github.cameloffice365.component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.GraphSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * Runs one office365 extraction against a Graph simulator in a real CamelContext and collects what the route
 * received: the run context, every part, the summary, or the failure that stopped the run or the route.
 */
final class ExtractionHarness {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    private final GraphSimulator simulator;
    private final Path trustStore;
    private Consumer<Exchange> onRunStart = exchange -> { };
    private Consumer<Exchange> onPart = exchange -> { };

    ExtractionHarness(GraphSimulator simulator, Path workDirectory) throws IOException {
        this.simulator = simulator;
        this.trustStore = workDirectory.resolve("simulator-truststore.p12");
        if (!Files.exists(trustStore)) {
            simulator.writeTrustStore(trustStore, "changeit".toCharArray());
        }
    }

    /** Something the route does with the RunStart exchange, e.g. throw to refuse the run. */
    ExtractionHarness onRunStart(Consumer<Exchange> step) {
        this.onRunStart = step;
        return this;
    }

    /** Something the route does with each Part exchange, e.g. throw to fail the sink. */
    ExtractionHarness onPart(Consumer<Exchange> step) {
        this.onPart = step;
        return this;
    }

    /** The URI of an endpoint for the table, with these endpoint options (values are URI-encoded as RAW). */
    static String uri(String table, Map<String, String> options) {
        StringBuilder uri = new StringBuilder("office365:").append(table).append("?repeatCount=1&initialDelay=0");
        options.forEach((name, value) -> uri.append('&').append(name).append("=RAW(").append(value).append(')'));
        return uri.toString();
    }

    /** Starts a CamelContext with one route from the endpoint, waits for the run to end, and stops it. */
    Outcome run(String endpointUri) throws Exception {
        Outcome outcome = new Outcome();
        CountDownLatch done = new CountDownLatch(1);
        try (CamelContext context = new DefaultCamelContext()) {
            configureComponent(context);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).process(exchange -> {
                        if (Office365Constants.KIND_RUN_START.equals(kindOf(exchange))) {
                            outcome.runStartFailure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                            done.countDown();
                        }
                    });
                    from(endpointUri).routeId("extraction").process(exchange -> {
                        switch (kindOf(exchange)) {
                            case Office365Constants.KIND_RUN_START -> {
                                outcome.context = exchange.getMessage().getBody(Office365RunContext.class);
                                outcome.requestsBeforeRunStart = simulator.requests().size();
                                onRunStart.accept(exchange);
                            }
                            case Office365Constants.KIND_PART -> {
                                onPart.accept(exchange);
                                synchronized (outcome.parts) {
                                    outcome.parts.put(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class),
                                            exchange.getMessage().getBody(byte[].class));
                                }
                            }
                            case Office365Constants.KIND_RUN_END -> {
                                outcome.summary = MAPPER.readTree(exchange.getMessage().getBody(String.class));
                                outcome.summaryFileName = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
                                done.countDown();
                            }
                            default -> throw new IllegalStateException("Unknown exchange kind " + kindOf(exchange));
                        }
                    });
                }
            });
            try {
                context.start();
            } catch (Exception e) {
                outcome.startFailure = e;
                return outcome;
            }
            if (!done.await(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("The run did not end within " + RUN_TIMEOUT);
            }
        }
        return outcome;
    }

    private void configureComponent(CamelContext context) {
        Office365Component component = context.getComponent("office365", Office365Component.class);
        Office365Configuration configuration = component.getConfiguration();
        configuration.setOffice365TenantId(simulator.tenantId());
        configuration.setServicePrincipalId(simulator.applicationClientId());
        configuration.setServicePrincipalKey(simulator.applicationClientSecret());
        configuration.setGraphBaseUrl(simulator.baseUrl());
        configuration.setAuthorityHost(simulator.authorityHost());
        configuration.setRetryBaseDelay(10);
        configuration.setRetryMaxDelay(200);
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + trustStore.toAbsolutePath());
        keyStore.setPassword("changeit");
        keyStore.setType("PKCS12");
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(keyStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trustManagers);
        configuration.setSslContextParameters(tls);
    }

    private static String kindOf(Exchange exchange) {
        return exchange.getMessage().getHeader(Office365Constants.EXCHANGE_KIND, String.class);
    }

    /** What one run delivered to the route. */
    static final class Outcome {

        Exception startFailure;
        Exception runStartFailure;
        Office365RunContext context;
        int requestsBeforeRunStart = -1;
        final Map<String, byte[]> parts = new LinkedHashMap<>();
        JsonNode summary;
        String summaryFileName;

        /** Every line of every part, in part-name order. */
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            parts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(part -> {
                String text = new String(part.getValue(), StandardCharsets.UTF_8);
                if (!text.isEmpty() && !text.endsWith("\n")) {
                    throw new AssertionError("Part " + part.getKey() + " does not end with a line feed");
                }
                for (String line : text.split("\n", -1)) {
                    if (!line.isEmpty()) {
                        lines.add(line);
                    }
                }
            });
            return lines;
        }

        /** Every row, parsed. */
        List<ObjectNode> rows() throws IOException {
            List<ObjectNode> rows = new ArrayList<>();
            for (String line : lines()) {
                rows.add((ObjectNode) MAPPER.readTree(line));
            }
            return rows;
        }

        /** The message of the option error that stopped the route at start, or of its innermost cause. */
        String startFailureMessage() {
            Throwable cause = startFailure;
            while (cause != null && !(cause instanceof IllegalArgumentException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause == null ? null : cause.getMessage();
        }
    }
}
