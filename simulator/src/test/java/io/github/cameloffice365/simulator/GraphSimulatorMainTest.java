package io.github.cameloffice365.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphSimulatorMainTest {

    @Test
    void readsTheGeneratedTenantOption() {
        GraphSimulatorMain.Options options = GraphSimulatorMain.Options.parse(
                new String[] {"--port", "0", "--tenant", "generated:3:7"});

        assertThat(options.port()).isZero();
        assertThat(options.tenant().users()).hasSize(3);
        assertThat(options.tenant().mailbox(options.tenant().users().get(0).id()).messages().size()).isEqualTo(7);
    }

    @Test
    void loadsTheDemoTenantByDefault() {
        GraphSimulatorMain.Options options = GraphSimulatorMain.Options.parse(new String[0]);

        assertThat(options.port()).isEqualTo(8443);
        assertThat(options.tenant().displayName()).isEqualTo("Brackwater Instruments");
    }

    @Test
    void refusesABadPortOrTenantNamingTheOption() {
        assertThatThrownBy(() -> GraphSimulatorMain.Options.parse(new String[] {"--port", "99999"}))
                .hasMessageContaining("--port").hasMessageContaining("99999");
        assertThatThrownBy(() -> GraphSimulatorMain.Options.parse(new String[] {"--tenant", "nowhere"}))
                .hasMessageContaining("--tenant").hasMessageContaining("nowhere");
        assertThatThrownBy(() -> GraphSimulatorMain.Options.parse(new String[] {"--colour", "red"}))
                .hasMessageContaining("--colour");
    }
}
