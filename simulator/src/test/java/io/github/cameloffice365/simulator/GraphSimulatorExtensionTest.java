package io.github.cameloffice365.simulator;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GraphSimulatorExtensionTest {

    @RegisterExtension
    static GraphSimulatorExtension graph = GraphSimulatorExtension.forTenant(TestTenants::small)
            .configure(builder -> builder.mailboxRequestLimit(50, Duration.ofMinutes(1)));

    private static String firstBaseUrl;

    @Test
    @Order(1)
    void injectsTheRunningSimulator(GraphSimulator simulator) {
        firstBaseUrl = simulator.baseUrl();
        simulator.faults().on("GET", "/v1.0/users").respond(503).always();

        assertThat(simulator).isSameAs(graph.simulator());
        assertThat(new GraphClient(simulator).get("/v1.0/users").statusCode()).isEqualTo(503);
        assertThat(simulator.requests()).hasSize(1);
    }

    @Test
    @Order(2)
    void keepsTheServerButClearsFaultsAndTheRequestLogBetweenTests(GraphSimulator simulator) {
        assertThat(simulator.baseUrl()).isEqualTo(firstBaseUrl);
        assertThat(simulator.requests()).isEmpty();
        assertThat(new GraphClient(simulator).get("/v1.0/users").statusCode()).isEqualTo(200);
    }
}
