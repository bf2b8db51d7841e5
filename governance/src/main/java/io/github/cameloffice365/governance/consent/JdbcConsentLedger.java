package io.github.cameloffice365.governance.consent;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.cameloffice365.component.Office365RunContext;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consent ledger on a relational database: H2 embedded in a file by default, PostgreSQL when several replicas
 * share one ledger. The tables are created when absent, in SQL that both accept:
 * <ul>
 * <li>{@code consent_request}: one row per request, with its context as JSON and the decision on it;</li>
 * <li>{@code consent_context}: one row per consent key, pointing at the key's newest request; its row lock makes
 * filing a request for a key one at a time across replicas;</li>
 * <li>{@code consent_audit}: the audit trail, only ever appended to.</li>
 * </ul>
 * Lapses depend on the {@code now} each call passes: a request nobody answered within the request lifetime, or an
 * approval older than the approval lifetime, reads as {@link ConsentState#EXPIRED}. The first read that sees a lapse
 * records it (state {@code EXPIRED} and an audit entry by {@value #SYSTEM_ACTOR}, dated when the lapse happened).
 * <p>
 * Every change is one transaction guarded by the row it changes, so two replicas approving, denying or filing at
 * the same moment leave one decision and one pending request per key. {@link #fileRequest} returns the pending
 * request of the same key and requester instead of filing a second one.
 * <p>
 * Unknown request ids: {@link #find} is empty, {@link #approve} and {@link #deny} throw
 * {@link IllegalArgumentException}. Database failures throw {@link ConsentLedgerException}.
 */
public class JdbcConsentLedger implements ConsentLedger, AutoCloseable {

    /** The default lifetime of a request nobody answers: 24 hours, as MGDC's. */
    public static final Duration DEFAULT_REQUEST_LIFETIME = Duration.ofHours(24);
    /** The default lifetime of an approval: 180 days, as MGDC's. */
    public static final Duration DEFAULT_APPROVAL_LIFETIME = Duration.ofDays(180);
    /** The default embedded database: the file {@code consent.mv.db} in the {@code data} folder. */
    public static final String DEFAULT_H2_FILE = "data/consent";
    /** The actor of audit entries that record a lapse. */
    public static final String SYSTEM_ACTOR = "system";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConsentLedger.class);

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_IDENTITY_LENGTH = 320;
    private static final String REQUEST_COLUMNS = "id, consent_key, state, context_json, requested_by, requested_at,"
                                                  + " expires_at, decided_by, decision_comment, decided_at,"
                                                  + " approval_expires_at, requested_by_id";

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS consent_request ("
                    + " id VARCHAR(36) PRIMARY KEY,"
                    + " consent_key VARCHAR(64) NOT NULL,"
                    + " state VARCHAR(24) NOT NULL,"
                    + " context_json VARCHAR NOT NULL,"
                    + " requested_by VARCHAR(320) NOT NULL,"
                    + " requested_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " expires_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " decided_by VARCHAR(320),"
                    + " decision_comment VARCHAR,"
                    + " decided_at TIMESTAMP WITH TIME ZONE,"
                    + " approval_expires_at TIMESTAMP WITH TIME ZONE)",
            "ALTER TABLE consent_request ADD COLUMN IF NOT EXISTS requested_by_id VARCHAR(320)",
            "CREATE INDEX IF NOT EXISTS consent_request_by_key ON consent_request (consent_key)",
            "CREATE INDEX IF NOT EXISTS consent_request_by_state ON consent_request (state)",
            "CREATE INDEX IF NOT EXISTS consent_request_by_key_decided ON consent_request (consent_key, decided_at)",
            "CREATE TABLE IF NOT EXISTS consent_context ("
                    + " consent_key VARCHAR(64) PRIMARY KEY,"
                    + " current_request_id VARCHAR(36))",
            "CREATE TABLE IF NOT EXISTS consent_audit ("
                    + " seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " request_id VARCHAR(36) NOT NULL,"
                    + " action VARCHAR(32) NOT NULL,"
                    + " actor VARCHAR(320) NOT NULL,"
                    + " audit_comment VARCHAR,"
                    + " occurred_at TIMESTAMP WITH TIME ZONE NOT NULL)",
            "CREATE INDEX IF NOT EXISTS consent_audit_by_request ON consent_audit (request_id)");

    private final DataSource dataSource;
    private final Duration requestLifetime;
    private final Duration approvalLifetime;
    private final ObjectMapper json;
    private final Connection keepAlive;

    /**
     * A ledger on the given database, with MGDC's lifetimes (requests 24 hours, approvals 180 days). Creates the
     * tables when absent.
     */
    public JdbcConsentLedger(DataSource dataSource) {
        this(dataSource, DEFAULT_REQUEST_LIFETIME, DEFAULT_APPROVAL_LIFETIME);
    }

    /** A ledger on the given database with the given lifetimes. Creates the tables when absent. */
    public JdbcConsentLedger(DataSource dataSource, Duration requestLifetime, Duration approvalLifetime) {
        this(dataSource, requestLifetime, approvalLifetime, false);
    }

    private JdbcConsentLedger(DataSource dataSource, Duration requestLifetime, Duration approvalLifetime,
                              boolean keepOpen) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.requestLifetime = requirePositive(requestLifetime, "requestLifetime");
        this.approvalLifetime = requirePositive(approvalLifetime, "approvalLifetime");
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.keepAlive = keepOpen ? open() : null;
        createSchema();
    }

    /**
     * A ledger in an embedded H2 database file, e.g. {@code data/consent} for the file {@code data/consent.mv.db}.
     * The database stays open until {@link #close()}. Only one process can open the file at a time; replicas share a
     * PostgreSQL ledger instead.
     */
    public static JdbcConsentLedger embedded(Path databaseFile, Duration requestLifetime, Duration approvalLifetime) {
        Path absolute = databaseFile.toAbsolutePath().normalize();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + absolute);
        return new JdbcConsentLedger(h2, requestLifetime, approvalLifetime, true);
    }

    /**
     * A ledger at a JDBC URL: {@code jdbc:h2:...} (embedded) or {@code jdbc:postgresql://host:port/database}.
     *
     * @throws IllegalArgumentException when the URL is of neither kind
     */
    public static JdbcConsentLedger forJdbcUrl(String jdbcUrl, String user, String password, Duration requestLifetime,
                                               Duration approvalLifetime) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(jdbcUrl);
            h2.setUser(Objects.toString(user, ""));
            h2.setPassword(Objects.toString(password, ""));
            return new JdbcConsentLedger(h2, requestLifetime, approvalLifetime, true);
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(jdbcUrl);
            if (user != null && !user.isBlank()) {
                postgres.setUser(user);
            }
            if (password != null && !password.isEmpty()) {
                postgres.setPassword(password);
            }
            return new JdbcConsentLedger(postgres, requestLifetime, approvalLifetime, false);
        }
        throw new IllegalArgumentException("consent ledger URL '" + redactedUrl(jdbcUrl) + "' is not supported: use"
                                           + " jdbc:h2:file:<path> for the embedded ledger or"
                                           + " jdbc:postgresql://<host>:<port>/<database> for a shared one");
    }

    /** How long a request nobody answers stays pending. */
    public Duration getRequestLifetime() {
        return requestLifetime;
    }

    /** How long an approval lasts. */
    public Duration getApprovalLifetime() {
        return approvalLifetime;
    }

    @Override
    public ConsentRequest fileRequest(Office365RunContext context, String requestedBy, Instant now) {
        return fileRequest(context, requestedBy, null, now);
    }

    @Override
    public ConsentRequest fileRequest(Office365RunContext context, String requestedBy, String requestedById,
                                      Instant now) {
        Objects.requireNonNull(context, "context");
        String requester = requireIdentity(requestedBy, "requestedBy");
        String requesterId = requestedById == null ? null : requireIdentity(requestedById, "requestedById");
        Instant at = truncate(now);
        String key = context.consentKey();
        String contextJson = toJson(context);

        try (Connection connection = open()) {
            ensureContextRow(connection, key);
            return inTransaction(connection, () -> {
                String currentId = lockContext(connection, key);
                if (currentId != null) {
                    recordLapse(connection, currentId, at);
                    Optional<ConsentRequest> current = select(connection, currentId, at);
                    if (current.isPresent() && current.get().state() == ConsentState.REQUESTING_CONSENT
                        && sameIdentity(current.get().requestedBy(), requester)) {
                        return current.get();
                    }
                }
                String id = UUID.randomUUID().toString();
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO consent_request (" + REQUEST_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL,"
                        + " NULL, NULL, ?)")) {
                    insert.setString(1, id);
                    insert.setString(2, key);
                    insert.setString(3, ConsentState.REQUESTING_CONSENT.name());
                    insert.setString(4, contextJson);
                    insert.setString(5, requester);
                    setInstant(insert, 6, at);
                    setInstant(insert, 7, at.plus(requestLifetime));
                    insert.setString(8, requesterId);
                    insert.executeUpdate();
                }
                try (PreparedStatement point = connection.prepareStatement(
                        "UPDATE consent_context SET current_request_id = ? WHERE consent_key = ?")) {
                    point.setString(1, id);
                    point.setString(2, key);
                    point.executeUpdate();
                }
                appendAudit(connection, id, "FILED", requester, null, at);
                return select(connection, id, at).orElseThrow();
            });
        } catch (SQLException e) {
            throw new ConsentLedgerException("could not file a consent request for " + context.table(), e);
        }
    }

    @Override
    public Optional<ConsentRequest> find(String requestId, Instant now) {
        if (requestId == null) {
            return Optional.empty();
        }
        Instant at = truncate(now);
        try (Connection connection = open()) {
            return inTransaction(connection, () -> {
                recordLapse(connection, requestId, at);
                return select(connection, requestId, at);
            });
        } catch (SQLException e) {
            throw new ConsentLedgerException("could not read consent request " + requestId, e);
        }
    }

    @Override
    public Optional<ConsentRequest> latestFor(String consentKey, Instant now) {
        if (consentKey == null) {
            return Optional.empty();
        }
        Instant at = truncate(now);
        try (Connection connection = open()) {
            return inTransaction(connection, () -> {
                String currentId = null;
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT current_request_id FROM consent_context WHERE consent_key = ?")) {
                    query.setString(1, consentKey);
                    try (ResultSet row = query.executeQuery()) {
                        if (row.next()) {
                            currentId = row.getString(1);
                        }
                    }
                }
                if (currentId == null) {
                    return Optional.<ConsentRequest> empty();
                }
                recordLapse(connection, currentId, at);
                return select(connection, currentId, at);
            });
        } catch (SQLException e) {
            throw new ConsentLedgerException("could not read the consent requests of key " + consentKey, e);
        }
    }

    @Override
    public Optional<ConsentRequest> latestDecidedFor(String consentKey, Instant now) {
        if (consentKey == null) {
            return Optional.empty();
        }
        Instant at = truncate(now);
        try (Connection connection = open()) {
            return inTransaction(connection, () -> {
                String decidedId = null;
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT id FROM consent_request WHERE consent_key = ? AND decided_at IS NOT NULL"
                        + " ORDER BY decided_at DESC, requested_at DESC, id FETCH FIRST 1 ROWS ONLY")) {
                    query.setString(1, consentKey);
                    try (ResultSet row = query.executeQuery()) {
                        if (row.next()) {
                            decidedId = row.getString(1);
                        }
                    }
                }
                if (decidedId == null) {
                    return Optional.<ConsentRequest> empty();
                }
                recordLapse(connection, decidedId, at);
                return select(connection, decidedId, at);
            });
        } catch (SQLException e) {
            throw new ConsentLedgerException("could not read the decisions of key " + consentKey, e);
        }
    }

    @Override
    public List<ConsentRequest> list(Optional<ConsentState> state, Instant now) {
        Instant at = truncate(now);
        try (Connection connection = open()) {
            return inTransaction(connection, () -> {
                for (String id : lapsedIds(connection, at)) {
                    recordLapse(connection, id, at);
                }
                List<ConsentRequest> requests = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT " + REQUEST_COLUMNS + " FROM consent_request ORDER BY requested_at DESC, id")) {
                    try (ResultSet row = query.executeQuery()) {
                        while (row.next()) {
                            ConsentRequest request = toRequest(row, at);
                            if (state == null || state.isEmpty() || state.get() == request.state()) {
                                requests.add(request);
                            }
                        }
                    }
                }
                return requests;
            });
        } catch (SQLException e) {
            throw new ConsentLedgerException("could not list the consent requests", e);
        }
    }

    @Override
    public ConsentRequest approve(String requestId, String approver, String comment, Instant now) {
        return decide(requestId, approver, comment, now, ConsentState.APPROVED);
    }

    @Override
    public ConsentRequest deny(String requestId, String approver, String comment, Instant now) {
        return decide(requestId, approver, comment, now, ConsentState.DENIED);
    }

    @Override
    public void refuseSelfApproval(String requestId, String approver, String comment, Instant now) {
        Objects.requireNonNull(requestId, "requestId");
        String refused = requireIdentity(approver, "approver");
        Instant at = truncate(now);
        try (Connection connection = open()) {
            inTransaction(connection, () -> {
                if (lockRequest(connection, requestId, at).isEmpty()) {
                    throw new IllegalArgumentException("No consent request has the id '" + requestId + "'");
                }
                appendAudit(connection, requestId, "SELF_APPROVAL_REFUSED", refused, comment, at);
                return null;
            });
        } catch (SQLException e) {
            throw new ConsentLedgerException("could not record the refused self-approval of consent request "
                                             + requestId, e);
        }
        throw new SelfApprovalException(requestId, refused);
    }

    @Override
    public List<ConsentAuditEntry> audit(String requestId) {
        List<ConsentAuditEntry> entries = new ArrayList<>();
        try (Connection connection = open();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT request_id, action, actor, audit_comment, occurred_at FROM consent_audit"
                     + " WHERE request_id = ? ORDER BY occurred_at, seq")) {
            query.setString(1, requestId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    entries.add(new ConsentAuditEntry(row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4), getInstant(row, 5)));
                }
            }
        } catch (SQLException e) {
            throw new ConsentLedgerException("could not read the audit trail of consent request " + requestId, e);
        }
        return entries;
    }

    /** Closes the embedded database this ledger opened; a ledger on a given {@link DataSource} has nothing to close. */
    @Override
    public void close() {
        if (keepAlive != null) {
            try {
                keepAlive.close();
            } catch (SQLException e) {
                LOG.warn("Closing the consent ledger's database failed: {}. The database file is released when the"
                         + " process ends.", e.getMessage());
            }
        }
    }

    private ConsentRequest decide(String requestId, String approver, String comment, Instant now, ConsentState decision) {
        Objects.requireNonNull(requestId, "requestId");
        String decidedBy = requireIdentity(approver, "approver");
        Instant at = truncate(now);
        String verb = decision == ConsentState.APPROVED ? "approved" : "denied";

        try (Connection connection = open()) {
            // a refused self-approval is audited, so it commits before the exception leaves
            SelfApprovalException refused = null;
            ConsentRequest decided;
            connection.setAutoCommit(false);
            try {
                ConsentRequest request = lockRequest(connection, requestId, at)
                        .orElseThrow(() -> new IllegalArgumentException("No consent request has the id '" + requestId
                                                                        + "'"));
                if (isRequester(request, decidedBy)) {
                    appendAudit(connection, requestId, "SELF_APPROVAL_REFUSED", decidedBy, comment, at);
                    refused = new SelfApprovalException(requestId, decidedBy);
                    decided = request;
                } else {
                    recordLapse(connection, requestId, at);
                    ConsentRequest current = select(connection, requestId, at).orElseThrow();
                    if (current.state() != ConsentState.REQUESTING_CONSENT) {
                        connection.commit();
                        throw new IllegalStateException("Consent request " + requestId + " cannot be " + verb
                                                        + " by " + decidedBy + ": it is " + describe(current));
                    }
                    try (PreparedStatement update = connection.prepareStatement(
                            "UPDATE consent_request SET state = ?, decided_by = ?, decision_comment = ?, decided_at = ?,"
                            + " approval_expires_at = ? WHERE id = ? AND state = ?")) {
                        update.setString(1, decision.name());
                        update.setString(2, decidedBy);
                        update.setString(3, comment);
                        setInstant(update, 4, at);
                        setInstant(update, 5, decision == ConsentState.APPROVED ? at.plus(approvalLifetime) : null);
                        update.setString(6, requestId);
                        update.setString(7, ConsentState.REQUESTING_CONSENT.name());
                        if (update.executeUpdate() != 1) {
                            throw new IllegalStateException("Consent request " + requestId + " changed while it was"
                                                            + " being " + verb);
                        }
                    }
                    appendAudit(connection, requestId, decision.name(), decidedBy, comment, at);
                    decided = select(connection, requestId, at).orElseThrow();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            if (refused != null) {
                throw refused;
            }
            return decided;
        } catch (SQLException e) {
            throw new ConsentLedgerException("could not record that consent request " + requestId + " was " + verb, e);
        }
    }

    /** Records a lapse of this request as of {@code now}, once: state EXPIRED and an audit entry dated at the lapse. */
    private void recordLapse(Connection connection, String requestId, Instant now) throws SQLException {
        String stored;
        Instant expiresAt;
        Instant approvalExpiresAt;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT state, expires_at, approval_expires_at FROM consent_request WHERE id = ?")) {
            query.setString(1, requestId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return;
                }
                stored = row.getString(1);
                expiresAt = getInstant(row, 2);
                approvalExpiresAt = getInstant(row, 3);
            }
        }
        Instant lapsedAt;
        String reason;
        if (ConsentState.REQUESTING_CONSENT.name().equals(stored) && !now.isBefore(expiresAt)) {
            lapsedAt = expiresAt;
            reason = "nobody answered within " + requestLifetime;
        } else if (ConsentState.APPROVED.name().equals(stored) && approvalExpiresAt != null
                   && !now.isBefore(approvalExpiresAt)) {
            lapsedAt = approvalExpiresAt;
            reason = "the approval lapsed after " + approvalLifetime;
        } else {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE consent_request SET state = ? WHERE id = ? AND state = ?")) {
            update.setString(1, ConsentState.EXPIRED.name());
            update.setString(2, requestId);
            update.setString(3, stored);
            if (update.executeUpdate() == 1) {
                appendAudit(connection, requestId, ConsentState.EXPIRED.name(), SYSTEM_ACTOR, reason, lapsedAt);
            }
        }
    }

    private List<String> lapsedIds(Connection connection, Instant now) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM consent_request WHERE (state = ? AND expires_at <= ?)"
                + " OR (state = ? AND approval_expires_at <= ?)")) {
            query.setString(1, ConsentState.REQUESTING_CONSENT.name());
            setInstant(query, 2, now);
            query.setString(3, ConsentState.APPROVED.name());
            setInstant(query, 4, now);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
        }
        return ids;
    }

    private void ensureContextRow(Connection connection, String key) throws SQLException {
        // a separate statement in auto-commit: on PostgreSQL a failed statement would spoil the transaction after it
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO consent_context (consent_key) SELECT ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM consent_context WHERE consent_key = ?)")) {
            insert.setString(1, key);
            insert.setString(2, key);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // another replica inserted the same key a moment ago: the row is there, which is all that is needed
        }
    }

    private String lockContext(Connection connection, String key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT current_request_id FROM consent_context WHERE consent_key = ? FOR UPDATE")) {
            query.setString(1, key);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("the consent_context row of key " + key + " is missing");
                }
                return row.getString(1);
            }
        }
    }

    private Optional<ConsentRequest> lockRequest(Connection connection, String requestId, Instant now)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + REQUEST_COLUMNS + " FROM consent_request WHERE id = ? FOR UPDATE")) {
            query.setString(1, requestId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(toRequest(row, now)) : Optional.empty();
            }
        }
    }

    private Optional<ConsentRequest> select(Connection connection, String requestId, Instant now) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + REQUEST_COLUMNS + " FROM consent_request WHERE id = ?")) {
            query.setString(1, requestId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(toRequest(row, now)) : Optional.empty();
            }
        }
    }

    private void appendAudit(Connection connection, String requestId, String action, String actor, String comment,
                             Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO consent_audit (request_id, action, actor, audit_comment, occurred_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, requestId);
            insert.setString(2, action);
            insert.setString(3, actor);
            insert.setString(4, comment);
            setInstant(insert, 5, at);
            insert.executeUpdate();
        }
    }

    private ConsentRequest toRequest(ResultSet row, Instant now) throws SQLException {
        Instant expiresAt = getInstant(row, 7);
        Instant approvalExpiresAt = getInstant(row, 11);
        ConsentState state = ConsentState.valueOf(row.getString(3));
        // a lapse not yet recorded still reads as one
        if (state == ConsentState.REQUESTING_CONSENT && !now.isBefore(expiresAt)
            || state == ConsentState.APPROVED && approvalExpiresAt != null && !now.isBefore(approvalExpiresAt)) {
            state = ConsentState.EXPIRED;
        }
        return new ConsentRequest(row.getString(1), row.getString(2), state, fromJson(row.getString(4), row.getString(1)),
                row.getString(5), getInstant(row, 6), expiresAt, row.getString(8), row.getString(9),
                getInstant(row, 10), approvalExpiresAt, row.getString(12));
    }

    private void createSchema() {
        try (Connection connection = open()) {
            try {
                runSchema(connection);
            } catch (SQLException first) {
                // two replicas creating the tables at the same moment: one of them loses the race, then finds them
                LOG.debug("Creating the consent ledger's tables failed once ({}); trying again", first.getMessage());
                runSchema(connection);
            }
        } catch (SQLException e) {
            throw new ConsentLedgerException("could not create the consent ledger's tables", e);
        }
    }

    private static void runSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : SCHEMA) {
                statement.execute(ddl);
            }
        }
    }

    private Connection open() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new ConsentLedgerException("could not connect to the consent ledger's database", e);
        }
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback of a consent ledger transaction failed: {}", e.getMessage());
        }
    }

    private String toJson(Office365RunContext context) {
        try {
            return json.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the run context of " + context.table() + " cannot be written as JSON", e);
        }
    }

    private Office365RunContext fromJson(String text, String requestId) {
        try {
            return json.readValue(text, Office365RunContext.class);
        } catch (JsonProcessingException e) {
            throw new ConsentLedgerException("the stored context of consent request " + requestId + " is unreadable", e);
        }
    }

    private boolean isRequester(ConsentRequest request, String identity) {
        return sameIdentity(request.requestedBy(), identity) || sameIdentity(request.requestedById(), identity)
               || request.context() != null && sameIdentity(request.context().requester(), identity);
    }

    /** User principal names and service principal identities compare without regard to case, as Entra does. */
    static boolean sameIdentity(String a, String b) {
        return a != null && b != null && a.trim().toLowerCase(Locale.ROOT).equals(b.trim().toLowerCase(Locale.ROOT));
    }

    static String describe(ConsentRequest request) {
        return switch (request.state()) {
            case REQUESTING_CONSENT -> "pending until " + request.expiresAt();
            case APPROVED -> "already approved by " + request.decidedBy() + " at " + request.decidedAt();
            case DENIED -> "already denied by " + request.decidedBy() + " at " + request.decidedAt();
            case EXPIRED -> request.decidedBy() != null
                    ? "expired: the approval by " + request.decidedBy() + " lapsed at " + request.approvalExpiresAt()
                    : "expired: nobody answered it before " + request.expiresAt();
        };
    }

    private static String requireIdentity(String identity, String name) {
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException(name + " is required: the user principal name of a person");
        }
        String trimmed = identity.trim();
        if (trimmed.length() > MAX_IDENTITY_LENGTH) {
            throw new IllegalArgumentException(name + " is longer than " + MAX_IDENTITY_LENGTH + " characters");
        }
        return trimmed;
    }

    private static Duration requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + duration);
        }
        return duration;
    }

    /** Both databases keep microseconds; truncating first makes a stored instant read back equal. */
    private static Instant truncate(Instant instant) {
        return Objects.requireNonNull(instant, "now").truncatedTo(ChronoUnit.MICROS);
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    private static Instant getInstant(ResultSet row, int index) throws SQLException {
        OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static String redactedUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "null";
        }
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }
}
