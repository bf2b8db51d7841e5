package io.github.cameloffice365.run;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.dataset.MgdcRowWriter;
import io.github.cameloffice365.dataset.RowMetadata;
import io.github.cameloffice365.graph.GraphClient;
import io.github.cameloffice365.graph.GraphRequest;
import io.github.cameloffice365.graph.GraphRequestException;
import io.github.cameloffice365.scope.DirectoryUser;
import io.github.cameloffice365.scope.MailboxSkipReason;
import io.github.cameloffice365.scope.UserScopeResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One extraction: the users in scope, split into this shard, read mailbox by mailbox, written as rows into parts.
 * <p>
 * The users of the shard are dealt round-robin into at most maxConcurrentMailboxes batches; each batch is read by one
 * worker, user after user, into its own sequence of parts. With the same options and the same data, a rerun produces
 * the same part names with the same rows, so it overwrites what an interrupted run left.
 */
public final class ExtractionRun {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractionRun.class);

    /** MGDC counts pagerow within blocks of 50 rows of a user. */
    private static final int MGDC_PAGE_ROWS = 50;

    private final ExtractionPlan plan;
    private final GraphClient graph;
    private final MgdcRowWriter rowWriter;
    private final PartEmitter emitter;
    private final ExecutorService workers;
    private final Clock clock;
    private final AtomicReference<Exception> fatal = new AtomicReference<>();

    public ExtractionRun(ExtractionPlan plan, GraphClient graph, PartEmitter emitter, ExecutorService workers, Clock clock) {
        this.plan = plan;
        this.graph = graph;
        this.rowWriter = new MgdcRowWriter(plan.dataset(), plan.columns());
        this.emitter = emitter;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * Runs the extraction to its end. Per-user failures are recorded in the summary; a failure that stops the whole
     * run (no user list, a part the route could not write) is recorded too, and the summary is returned either way.
     */
    public RunSummary execute() {
        RunSummary summary = new RunSummary(plan.runId(), plan.dataset().name(), plan.configuration().getShardIndex(),
                plan.configuration().getShardCount(), clock.instant());
        try {
            List<DirectoryUser> users = usersOfThisShard();
            summary.usersInScope(users.size());
            List<DirectoryUser> readable = leaveOutUnreadable(users, summary);
            readBatches(readable, summary);
            String noMailboxAtAll = noMailboxAtAll(users, summary);
            summary.finished(clock.instant(), noMailboxAtAll);
        } catch (Exception e) {
            summary.finished(clock.instant(), describe(e));
        }
        return summary;
    }

    private List<DirectoryUser> usersOfThisShard() throws IOException {
        List<DirectoryUser> all = new UserScopeResolver(graph, plan.graphBaseUrl()).resolve(plan.scope());
        int shardCount = plan.configuration().getShardCount();
        int shardIndex = plan.configuration().getShardIndex();
        if (shardCount == 1) {
            return all;
        }
        List<DirectoryUser> shard = new ArrayList<>();
        for (int i = shardIndex; i < all.size(); i += shardCount) {
            shard.add(all.get(i));
        }
        return shard;
    }

    /** Guests have no mailbox MGDC reads: they are listed as skipped without a single request. */
    private List<DirectoryUser> leaveOutUnreadable(List<DirectoryUser> users, RunSummary summary) {
        if (!plan.dataset().readsMailboxes()) {
            return users;
        }
        List<DirectoryUser> readable = new ArrayList<>(users.size());
        for (DirectoryUser user : users) {
            var reason = MailboxSkipReason.of(user);
            if (reason.isEmpty()) {
                readable.add(user);
            } else {
                summary.userSkipped(new RunSummary.SkippedUser(user.id(), user.userPrincipalName(),
                        reason.get().description()));
            }
        }
        return readable;
    }

    private void readBatches(List<DirectoryUser> users, RunSummary summary) throws Exception {
        int batchCount = Math.min(plan.configuration().getMaxConcurrentMailboxes(), users.size());
        List<Future<?>> running = new ArrayList<>(batchCount);
        for (int batch = 0; batch < batchCount; batch++) {
            List<DirectoryUser> batchUsers = new ArrayList<>();
            for (int i = batch; i < users.size(); i += batchCount) {
                batchUsers.add(users.get(i));
            }
            int batchIndex = batch;
            running.add(workers.submit(() -> {
                new BatchReader(batchIndex, batchUsers, summary).read();
                return null;
            }));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                fatal.compareAndSet(null, e.getCause() instanceof Exception cause ? cause : e);
            }
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
    }

    /**
     * When the table reads mailboxes and no user had one that Graph could read, the run fails: an export of nothing
     * would hide a licensing or hybrid problem.
     */
    private String noMailboxAtAll(List<DirectoryUser> users, RunSummary summary) {
        if (!plan.dataset().readsMailboxes() || users.isEmpty() || !summary.extractedUsers().isEmpty()
            || !summary.failedUsers().isEmpty()) {
            return null;
        }
        return "None of the " + users.size() + " users in scope has a mailbox Microsoft Graph can read. Check that"
               + " the users hold an Exchange Online licence and that their mailboxes are not on-premises (hybrid"
               + " mailboxes are not reachable through Graph); the summary lists each user's reason.";
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }

    /** Reads the users of one batch, one after the other, into the batch's own sequence of parts. */
    private final class BatchReader {

        private final int batch;
        private final List<DirectoryUser> users;
        private final RunSummary summary;
        private final PartBuffer buffer;
        private final long partSize;
        private int sequence;

        BatchReader(int batch, List<DirectoryUser> users, RunSummary summary) {
            this.batch = batch;
            this.users = users;
            this.summary = summary;
            this.partSize = plan.configuration().getPartSize();
            this.buffer = new PartBuffer((int) Math.min(partSize + partSize / 8, 1 << 20), partSize + partSize / 8);
        }

        void read() throws Exception {
            for (DirectoryUser user : users) {
                if (fatal.get() != null) {
                    return;
                }
                readUser(user);
            }
            if (!buffer.isEmpty()) {
                emitPart();
            }
        }

        private void readUser(DirectoryUser user) throws IOException {
            try (UserRows rows = new UserRows(partSize)) {
                try {
                    for (GraphRequest request : plan.requests(user)) {
                        if (!plan.dataset().readsSingleObject()) {
                            graph.forEachItem(request, item -> addRow(rows, user, item));
                        } else {
                            addRow(rows, user, graph.getObject(request));
                        }
                    }
                } catch (GraphRequestException e) {
                    // the user's rows were held back: none of them reaches a part
                    recordFailure(user, e);
                    return;
                }
                rows.forEachRow(this::appendToPart);
                summary.userExtracted(user.id());
                LOG.debug("Read {} rows of user {}", rows.rows(), user.userPrincipalName());
            }
        }

        private void recordFailure(DirectoryUser user, GraphRequestException e) {
            var reason = MailboxSkipReason.of(e);
            if (reason.isPresent() && plan.dataset().readsMailboxes()) {
                summary.userSkipped(new RunSummary.SkippedUser(user.id(), user.userPrincipalName(),
                        reason.get().description()));
                LOG.debug("Skipped user {}: {}", user.userPrincipalName(), reason.get().description());
            } else {
                summary.userFailed(new RunSummary.FailedUser(user.id(), user.userPrincipalName(), e.getMessage()));
                LOG.warn("User {} failed and is left out of this run: {}. Rerun the extraction once the cause is"
                         + " fixed; its part names stay the same.", user.userPrincipalName(), e.getMessage());
            }
        }

        private void addRow(UserRows rows, DirectoryUser user, ObjectNode item) throws IOException {
            long userRow = rows.rows();
            rowWriter.write(item, new RowMetadata(user.id(), plan.office365TenantId(), userRow, userRow,
                    userRow % MGDC_PAGE_ROWS), rows.startRow());
            rows.endRow();
        }

        private void appendToPart(byte[] row, int offset, int length) throws IOException {
            buffer.write(row, offset, length);
            buffer.endRow();
            if (buffer.length() >= partSize) {
                emitPart();
            }
        }

        private void emitPart() throws PartNotWrittenException {
            String fileName = PartNames.part(plan.dataset().name(), plan.runId(), plan.configuration().getShardIndex(),
                    batch, sequence++);
            long rows = buffer.rows();
            byte[] content = buffer.drain();
            if (fatal.get() != null) {
                throw new PartNotWrittenException(fileName, fatal.get());
            }
            try {
                emitter.emit(fileName, content, rows);
            } catch (Exception e) {
                PartNotWrittenException failure = new PartNotWrittenException(fileName, e);
                fatal.compareAndSet(null, failure);
                throw failure;
            }
            summary.partWritten(new RunSummary.Part(fileName, rows, content.length));
        }
    }
}
