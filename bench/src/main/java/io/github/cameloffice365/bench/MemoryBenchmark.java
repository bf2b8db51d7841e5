package io.github.cameloffice365.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Benchmark 4: the heap an extraction needs, next to partSize x maxConcurrentMailboxes (the design's promise: memory
 * bounded by the part size, not by the mailbox). Each case is extracted in a forked JVM with a fixed -Xmx (see
 * {@link MemoryProbe}) by one worker; the simulator stays in this JVM. The sink holds each part for
 * {@link #PART_HOLD}, as a write to storage would, so that a part handed to the route is alive while it is measured
 * (with a sink that returns at once, the forced collections would almost never see it).
 * <ul>
 * <li>A large mailbox against the baseline of a mailbox a quarter its size: if memory followed the mailbox, the larger
 * one would need about four times the heap, or fail within the same -Xmx. Both are larger than partSize, so their
 * rows are held back in a temporary file until the user is complete.</li>
 * <li>The worst case: mailboxes just under partSize, whose rows are all held in memory until the user is complete,
 * read one after the other, so that a part fills and is handed over while a user's rows are being appended.</li>
 * </ul>
 */
final class MemoryBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** One worker reads the mailboxes one after the other; the bound counts one part. */
    private static final int CONCURRENCY = 1;
    private static final int PAGE_SIZE = 100;
    /** About what an upload of an 8 MiB part to Blob Storage takes. */
    static final Duration PART_HOLD = Duration.ofMillis(300);
    private static final long PROBE_TIMEOUT_SECONDS = 300;
    /** Enough users just under partSize that a part fills while a user's held rows are being appended. */
    private static final int WORST_CASE_USERS = 3;

    private final BenchSettings settings;

    MemoryBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    Section run() throws Exception {
        // the baseline and the large mailbox, whose rows go through a file
        List<JsonNode> probes = new ArrayList<>();
        for (long mailboxBytes : settings.memoryMailboxBytes) {
            probes.add(probe(1, mailboxBytes, Table.fixed(Table.mib(mailboxBytes), 0) + " MiB"));
        }
        // the worst case: users just under partSize, whose rows are all held in memory, read one after the other
        long justUnder = settings.memoryPartSize * 95 / 100;
        JsonNode heldInMemory = probe(WORST_CASE_USERS, justUnder, WORST_CASE_USERS + " x "
                + Table.fixed(Table.mib(justUnder), 1) + " MiB");

        long bound = settings.memoryPartSize * CONCURRENCY;
        Table table = new Table("4. Memory: one worker, partSize " + settings.memoryPartSize / BenchSettings.MIB
                + " MiB, forked JVM -Xmx" + settings.memoryMaxHeap,
                "mailboxes (MGDC rows)", "rows", "s", "heap at rest MiB", "max live MiB", "run's own MiB",
                "/ (partSize x conc.)", "peak used MiB");
        ArrayNode jsonProbes = JsonNodeFactory.instance.arrayNode();
        List<JsonNode> all = new ArrayList<>(probes);
        all.add(heldInMemory);
        for (JsonNode probe : all) {
            long own = probe.path("maxLiveHeapBytes").asLong() - probe.path("heapAtRestBytes").asLong();
            table.row(probe.path("label").asText(),
                    Table.count(probe.path("rows").asLong()), Table.fixed(probe.path("seconds").asDouble(), 1),
                    Table.fixed(Table.mib(probe.path("heapAtRestBytes").asLong()), 1),
                    Table.fixed(Table.mib(probe.path("maxLiveHeapBytes").asLong()), 1),
                    Table.fixed(Table.mib(own), 1), Table.fixed((double) own / bound, 2),
                    Table.fixed(Table.mib(probe.path("peakHeapSampledBytes").asLong()), 1));
            ObjectNode json = probe.deepCopy();
            json.put("runOwnHeapBytes", own);
            json.put("ratioRunOwnHeapToPartSizeTimesConcurrency", Table.round((double) own / bound, 3));
            jsonProbes.add(json);
        }
        JsonNode small = probes.get(0);
        JsonNode large = probes.get(probes.size() - 1);
        double mailboxRatio = large.path("outputBytes").asDouble() / small.path("outputBytes").asDouble();
        double heapRatio = (large.path("maxLiveHeapBytes").asDouble() - large.path("heapAtRestBytes").asDouble())
                / (small.path("maxLiveHeapBytes").asDouble() - small.path("heapAtRestBytes").asDouble());
        table.note("partSize x maxConcurrentMailboxes = " + settings.memoryPartSize / BenchSettings.MIB + " MiB x "
                + CONCURRENCY + "; max live = largest heap after the full"
                + " collections forced every " + MemoryProbe.FULL_GC_MILLIS + " ms; run's own = max live - heap at"
                + " rest");
        table.note("mailbox " + Table.fixed(mailboxRatio, 1) + "x larger -> run's own heap " + Table.fixed(heapRatio, 2)
                + "x (1.00 = independent of the mailbox size); bodies of " + settings.memoryBodyBytes
                + " bytes, pageSize " + PAGE_SIZE + ", sink holds each part " + PART_HOLD.toMillis() + " ms, G1;"
                + " peak used = largest heap in use sampled every "
                + MemoryProbe.SAMPLE_MILLIS + " ms, garbage included");

        long worst = heldInMemory.path("maxLiveHeapBytes").asLong() - heldInMemory.path("heapAtRestBytes").asLong();
        table.note("worst case: users just under partSize keep all their rows in memory until complete; run's own heap "
                + Table.fixed((double) worst / bound, 2) + " x partSize");

        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("partSize", settings.memoryPartSize);
        json.put("maxConcurrentMailboxes", CONCURRENCY);
        json.put("partSizeTimesConcurrency", bound);
        json.put("maxHeap", settings.memoryMaxHeap);
        json.put("bodyBytes", settings.memoryBodyBytes);
        json.put("pageSize", PAGE_SIZE);
        json.put("partHoldMillis", PART_HOLD.toMillis());
        json.put("ratioLargeToSmallMailbox", Table.round(mailboxRatio, 3));
        json.put("ratioLargeToSmallRunOwnHeap", Table.round(heapRatio, 3));
        json.put("worstCaseRunOwnHeapBytes", worst);
        json.put("ratioWorstCaseRunOwnHeapToPartSizeTimesConcurrency", Table.round((double) worst / bound, 3));
        json.set("runs", jsonProbes);
        return new Section("memory", table, json);
    }

    /** A Message_v1 row holds the body twice (body and uniqueBody) and about 2 KB of other columns. */
    private static long estimatedRowBytes(int bodyBytes) {
        return 2L * bodyBytes + 2_000;
    }

    /** Extracts {@code users} mailboxes of about {@code mailboxBytes} each in a forked JVM; its readings. */
    private ObjectNode probe(int users, long mailboxBytes, String label) throws Exception {
        int messages = (int) (mailboxBytes / estimatedRowBytes(settings.memoryBodyBytes));
        try (SimulatedGraph graph = SimulatedGraph.start(users, messages, settings.memoryBodyBytes)) {
            ObjectNode probe = (ObjectNode) fork(graph);
            probe.put("label", label);
            probe.put("users", users);
            probe.put("messagesPerUser", messages);
            probe.put("targetMailboxBytes", mailboxBytes);
            return probe;
        }
    }

    private JsonNode fork(SimulatedGraph graph) throws Exception {
        GraphConnection connection = graph.connection();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-Xmx" + settings.memoryMaxHeap, "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                MemoryProbe.class.getName(),
                connection.baseUrl(), connection.tenantId(), connection.clientId(),
                connection.trustStore().toString(), connection.trustStorePassword(),
                SimulatedGraph.windowStart().toString(), graph.windowEnd().toString(),
                String.valueOf(settings.memoryPartSize), String.valueOf(CONCURRENCY), String.valueOf(PAGE_SIZE),
                String.valueOf(PART_HOLD.toMillis()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put(MemoryProbe.SECRET_VARIABLE, connection.clientSecret());
        Process process = builder.start();
        String result = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(MemoryProbe.RESULT_PREFIX)) {
                    result = line.substring(MemoryProbe.RESULT_PREFIX.length());
                }
            }
        }
        if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The memory probe did not end within " + PROBE_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0 || result == null) {
            throw new IllegalStateException("The memory probe failed (exit code " + process.exitValue()
                    + ", -Xmx" + settings.memoryMaxHeap + "); its error output is above");
        }
        return MAPPER.readTree(result);
    }
}
