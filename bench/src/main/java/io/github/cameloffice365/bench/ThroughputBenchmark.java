package io.github.cameloffice365.bench;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.component.Office365Configuration;

/**
 * Benchmark 1: the throughput of a full extraction with the endpoint's default options, against the baseline of the
 * same pages fetched and dropped by a plain JDK HttpClient with the same number of mailboxes at once. The two are
 * run in turns (the order swapped every round) so that both see the same load of a shared machine.
 */
final class ThroughputBenchmark {

    private final BenchSettings settings;

    ThroughputBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    Section run() throws Exception {
        Office365Configuration defaults = new Office365Configuration();
        int concurrency = defaults.getMaxConcurrentMailboxes();
        int pageSize = defaults.getPageSize();
        Samples extractionSeconds = new Samples();
        Samples baselineSeconds = new Samples();
        Samples ratios = new Samples();
        Office365Extraction.Result extracted = null;
        PlainPageReader.Result fetched = null;

        try (SimulatedGraph graph = SimulatedGraph.start(settings.throughputUsers,
                settings.throughputMessagesPerUser, settings.throughputBodyBytes)) {
            Instant start = SimulatedGraph.windowStart();
            Instant end = graph.windowEnd();
            PlainPageReader baseline = new PlainPageReader(graph.connection(), graph.simulator()::sslContext);
            List<String> firstUrls = PlainPageReader.firstUrls(graph.connection().baseUrl(), graph.userIds(), start,
                    end, pageSize);
            Office365Extraction extraction = new Office365Extraction(graph.connection(), start, end);

            for (int round = 0; round < settings.warmups + settings.runs; round++) {
                boolean measured = round >= settings.warmups;
                if (round % 2 == 0) {
                    fetched = baseline.read(firstUrls, concurrency);
                    extracted = extraction.run();
                } else {
                    extracted = extraction.run();
                    fetched = baseline.read(firstUrls, concurrency);
                }
                if (extracted.rows() != graph.messages()) {
                    throw new IllegalStateException("The extraction wrote " + extracted.rows() + " rows of "
                            + graph.messages() + " messages");
                }
                if (measured) {
                    extractionSeconds.add(extracted.seconds());
                    baselineSeconds.add(fetched.nanos() / 1e9);
                    ratios.add(extracted.nanos() / (double) fetched.nanos());
                }
            }
        }

        long rows = extracted.rows();
        double ratio = ratios.median();
        Table table = new Table("1. Extraction throughput: office365 Message_v1 vs plain HttpClient paging",
                "run", "median s", "min-max s", "rows/s", "Graph MiB/s", "output MiB/s");
        table.row("baseline: HttpClient, follow nextLink, drop bytes", Table.fixed(baselineSeconds.median(), 3),
                range(baselineSeconds), Table.count(Math.round(rows / baselineSeconds.median())),
                Table.fixed(Table.mib(fetched.bytes()) / baselineSeconds.median(), 1), "-");
        table.row("office365 extraction to a null sink", Table.fixed(extractionSeconds.median(), 3),
                range(extractionSeconds), Table.count(Math.round(rows / extractionSeconds.median())),
                Table.fixed(Table.mib(fetched.bytes()) / extractionSeconds.median(), 1),
                Table.fixed(Table.mib(extracted.outputBytes()) / extractionSeconds.median(), 1));
        table.note("ratio extraction time / baseline time: " + Table.fixed(ratio, 2) + " (median of the "
                + settings.runs + " rounds' ratios, " + Table.fixed(ratios.min(), 2) + "-"
                + Table.fixed(ratios.max(), 2) + "; 1.00 = as fast as merely fetching the pages)");
        table.note(settings.throughputUsers + " users x " + settings.throughputMessagesPerUser + " messages ("
                + Table.count(rows) + " rows, " + Table.fixed(Table.mib(fetched.bytes()), 1) + " MiB of Graph pages in "
                + fetched.pages() + " requests, " + Table.fixed(Table.mib(extracted.outputBytes()), 1)
                + " MiB of rows in " + extracted.parts() + " parts); body " + settings.throughputBodyBytes
                + " bytes; default options: pageSize " + pageSize + ", maxConcurrentMailboxes " + concurrency
                + ", partSize " + defaults.getPartSize() / BenchSettings.MIB + " MiB; median of " + settings.runs
                + " runs after " + settings.warmups + (settings.warmups == 1 ? " warm-up run" : " warm-up runs"));

        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("users", settings.throughputUsers);
        json.put("messagesPerUser", settings.throughputMessagesPerUser);
        json.put("bodyBytes", settings.throughputBodyBytes);
        json.put("pageSize", pageSize);
        json.put("maxConcurrentMailboxes", concurrency);
        json.put("partSize", defaults.getPartSize());
        json.put("rows", rows);
        json.put("graphBytes", fetched.bytes());
        json.put("graphRequests", fetched.pages());
        json.put("outputBytes", extracted.outputBytes());
        json.put("parts", extracted.parts());
        json.put("baselineMedianSeconds", Table.round(baselineSeconds.median(), 4));
        json.put("extractionMedianSeconds", Table.round(extractionSeconds.median(), 4));
        json.put("extractionRowsPerSecond", Math.round(rows / extractionSeconds.median()));
        json.put("extractionGraphMiBPerSecond",
                Table.round(Table.mib(fetched.bytes()) / extractionSeconds.median(), 2));
        json.put("extractionOutputMiBPerSecond",
                Table.round(Table.mib(extracted.outputBytes()) / extractionSeconds.median(), 2));
        json.put("baselineGraphMiBPerSecond", Table.round(Table.mib(fetched.bytes()) / baselineSeconds.median(), 2));
        json.put("ratioExtractionToBaseline", Table.round(ratio, 3));
        json.set("ratios", ratios.toJson());
        json.set("baselineSeconds", baselineSeconds.toJson());
        json.set("extractionSeconds", extractionSeconds.toJson());
        return new Section("throughput", table, json);
    }

    static String range(Samples samples) {
        return Table.fixed(samples.min(), 3) + "-" + Table.fixed(samples.max(), 3);
    }
}
