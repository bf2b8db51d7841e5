package io.github.cameloffice365.governance.consent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The consent ledger on the embedded database, in a file of its own per test. */
class H2ConsentLedgerTest extends AbstractConsentLedgerTest {

    @TempDir
    Path dataFolder;

    @Override
    JdbcConsentLedger openLedger(Duration requestLifetime, Duration approvalLifetime) {
        return JdbcConsentLedger.embedded(dataFolder.resolve("consent"), requestLifetime, approvalLifetime);
    }

    @Override
    void resetDatabase() {
        // every test has a new temporary folder, so a new database file
    }

    @Test
    void shouldKeepTheLedgerInOneFileUnderTheDataFolder() {
        ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0);

        assertThat(Files.exists(dataFolder.resolve("consent.mv.db"))).isTrue();
    }

    @Test
    void shouldOpenAJdbcUrlOfEitherKindAndRefuseOthersNamingTheAcceptedForms() {
        ledger.close();
        ledger = JdbcConsentLedger.forJdbcUrl("jdbc:h2:file:" + dataFolder.resolve("other"), null, null,
                Duration.ofHours(1), Duration.ofDays(1));
        assertThat(ledger.fileRequest(RunContexts.messages("subject"), REQUESTER, T0).state())
                .isEqualTo(ConsentState.REQUESTING_CONSENT);

        assertThatThrownBy(() -> JdbcConsentLedger.forJdbcUrl("jdbc:mysql://db/ledger?password=hunter2", null, null,
                Duration.ofHours(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://")
                .hasMessageContaining("jdbc:h2:file:")
                .hasMessageNotContaining("hunter2");
    }
}
