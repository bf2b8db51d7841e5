package io.github.cameloffice365.bench;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.component.Office365Configuration;

/**
 * Benchmark 1b: one mailbox larger than the part size. An extraction holds a user's rows back until the user is
 * complete, in memory up to partSize and in a temporary file beyond it; this measures what that costs. The same
 * mailbox is extracted with the default partSize (the rows go through the file) and with a partSize that holds the
 * whole mailbox in memory, each against the baseline of the same pages fetched and dropped by a plain HttpClient.
 * The three take turns, the order rotated every round.
 */
final class LargeMailboxBenchmark {

    /** Large enough that the whole mailbox stays in memory. */
    private static final long IN_MEMORY_PART_SIZE = 256 * BenchSettings.MIB;

    private final BenchSettings settings;

    LargeMailboxBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    Section run() throws Exception {
        long defaultPartSize = new Office365Configuration().getPartSize();
        int bodyBytes = settings.memoryBodyBytes;
        int messages = (int) (settings.largeMailboxBytes / (2L * bodyBytes + 2_000));
        Samples baselineSeconds = new Samples();
        Samples spilledSeconds = new Samples();
        Samples inMemorySeconds = new Samples();
        Samples spilledRatios = new Samples();
        Samples inMemoryRatios = new Samples();
        PlainPageReader.Result fetched = null;
        Office365Extraction.Result spilled = null;

        try (SimulatedGraph graph = SimulatedGraph.start(1, messages, bodyBytes)) {
            Instant start = SimulatedGraph.windowStart();
            Instant end = graph.windowEnd();
            PlainPageReader baseline = new PlainPageReader(graph.connection(), graph.simulator()::sslContext);
            List<String> firstUrls = PlainPageReader.firstUrls(graph.connection().baseUrl(), graph.userIds(), start,
                    end, new Office365Configuration().getPageSize());
            Office365Extraction throughFile = new Office365Extraction(graph.connection(), start, end);
            Office365Extraction inMemory = new Office365Extraction(graph.connection(), start, end)
                    .option("partSize", IN_MEMORY_PART_SIZE);

            for (int round = 0; round < settings.largeMailboxWarmups + settings.largeMailboxRuns; round++) {
                Office365Extraction.Result held = null;
                for (int turn = 0; turn < 3; turn++) {
                    switch ((round + turn) % 3) {
                        case 0 -> fetched = baseline.read(firstUrls, 1);
                        case 1 -> spilled = throughFile.run();
                        default -> held = inMemory.run();
                    }
                }
                if (spilled.rows() != messages || held.rows() != messages) {
                    throw new IllegalStateException("The extractions wrote " + spilled.rows() + " and " + held.rows()
                            + " rows of " + messages + " messages");
                }
                if (round >= settings.largeMailboxWarmups) {
                    baselineSeconds.add(fetched.nanos() / 1e9);
                    spilledSeconds.add(spilled.seconds());
                    inMemorySeconds.add(held.seconds());
                    spilledRatios.add(spilled.nanos() / (double) fetched.nanos());
                    inMemoryRatios.add(held.nanos() / (double) fetched.nanos());
                }
            }
        }

        double mailboxMib = Table.mib(spilled.outputBytes());
        Table table = new Table("1b. One mailbox larger than partSize: a user's rows held back in a temporary file",
                "run", "median s", "min-max s", "MiB/s (MGDC)", "ratio to baseline", "ratio min-max");
        table.row("baseline: HttpClient, follow nextLink, drop bytes", Table.fixed(baselineSeconds.median(), 3),
                ThroughputBenchmark.range(baselineSeconds), Table.fixed(mailboxMib / baselineSeconds.median(), 1),
                "1.00", "-");
        table.row("extraction, partSize " + defaultPartSize / BenchSettings.MIB + " MiB (default): rows through a file",
                Table.fixed(spilledSeconds.median(), 3), ThroughputBenchmark.range(spilledSeconds),
                Table.fixed(mailboxMib / spilledSeconds.median(), 1), Table.fixed(spilledRatios.median(), 2),
                Table.fixed(spilledRatios.min(), 2) + "-" + Table.fixed(spilledRatios.max(), 2));
        table.row("extraction, partSize " + IN_MEMORY_PART_SIZE / BenchSettings.MIB + " MiB: rows held in memory",
                Table.fixed(inMemorySeconds.median(), 3), ThroughputBenchmark.range(inMemorySeconds),
                Table.fixed(mailboxMib / inMemorySeconds.median(), 1), Table.fixed(inMemoryRatios.median(), 2),
                Table.fixed(inMemoryRatios.min(), 2) + "-" + Table.fixed(inMemoryRatios.max(), 2));
        table.note("1 user x " + Table.count(messages) + " messages of " + Table.count(bodyBytes)
                + "-character bodies (" + Table.fixed(mailboxMib, 1) + " MiB of rows, " + fetched.pages()
                + " requests); pageSize " + new Office365Configuration().getPageSize() + "; ratio = median of the"
                + " rounds' ratios extraction time / baseline time; median of " + settings.largeMailboxRuns
                + " rounds after " + settings.largeMailboxWarmups + " warm-up round");
        table.note("the gap between the two extractions is the cost of holding the user's rows in a file");

        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("messages", messages);
        json.put("bodyBytes", bodyBytes);
        json.put("outputBytes", spilled.outputBytes());
        json.put("graphBytes", fetched.bytes());
        json.put("defaultPartSize", defaultPartSize);
        json.put("inMemoryPartSize", IN_MEMORY_PART_SIZE);
        json.put("baselineMedianSeconds", Table.round(baselineSeconds.median(), 4));
        json.put("throughFileMedianSeconds", Table.round(spilledSeconds.median(), 4));
        json.put("inMemoryMedianSeconds", Table.round(inMemorySeconds.median(), 4));
        json.put("ratioThroughFileToBaseline", Table.round(spilledRatios.median(), 3));
        json.put("ratioInMemoryToBaseline", Table.round(inMemoryRatios.median(), 3));
        json.set("baselineSeconds", baselineSeconds.toJson());
        json.set("throughFileSeconds", spilledSeconds.toJson());
        json.set("inMemorySeconds", inMemorySeconds.toJson());
        return new Section("largeMailbox", table, json);
    }
}
