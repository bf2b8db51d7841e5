package io.github.cameloffice365.governance.consent;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The consent ledger on a real PostgreSQL server, the one several replicas share. The server is given by the system
 * property {@code office365.test.postgres.url} or the environment variable {@code OFFICE365_TEST_POSTGRES_URL}
 * (a JDBC URL with user, e.g. {@code jdbc:postgresql://127.0.0.1:55432/consent?user=postgres}); {@code
 * .ci/postgres.sh} starts one. Without it the tests skip, unless {@code office365.postgres.required=true}.
 */
class PostgresConsentLedgerTest extends AbstractConsentLedgerTest {

    static String url;

    @BeforeAll
    static void findServer() {
        url = System.getProperty("office365.test.postgres.url", System.getenv("OFFICE365_TEST_POSTGRES_URL"));
        boolean required = Boolean.parseBoolean(System.getProperty("office365.postgres.required",
                System.getenv("OFFICE365_POSTGRES_REQUIRED")));
        if (url == null || url.isBlank()) {
            String message = "No PostgreSQL server given: set office365.test.postgres.url (or"
                             + " OFFICE365_TEST_POSTGRES_URL) to a JDBC URL; .ci/postgres.sh starts one";
            if (required) {
                fail(message + " (office365.postgres.required=true)");
            }
            // Surefire does not print why a whole class was skipped: say it on the console
            System.err.println("SKIPPED PostgresConsentLedgerTest: " + message);
            Assumptions.abort(message);
        }
    }

    @Override
    JdbcConsentLedger openLedger(Duration requestLifetime, Duration approvalLifetime) {
        return JdbcConsentLedger.forJdbcUrl(url, null, null, requestLifetime, approvalLifetime);
    }

    @Override
    void resetDatabase() throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS consent_audit, consent_context, consent_request");
        }
    }
}
