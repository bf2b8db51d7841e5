package io.github.cameloffice365.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Benchmark 3: how an extraction speeds up with maxConcurrentMailboxes (1, 2, 4, 8), as the ratio of its time with
 * one mailbox at a time to its time with more. Twice: with the simulator answering at once (the run is then bound
 * by the CPUs that client and simulator share), and with a fixed delay added to every data request, as Graph's own
 * server time would add (the run is then bound by waiting, which reading mailboxes at once is meant to hide). The
 * baseline reader is measured alongside at each concurrency, to show what the server allows.
 */
final class ScalingBenchmark {

    /** Each point starts with a warm-up run of the extraction and of the baseline, which is not measured. */
    private static final int WARMUPS = 1;

    private final BenchSettings settings;

    private final int runs;

    ScalingBenchmark(BenchSettings settings) {
        this.settings = settings;
        this.runs = settings.quick ? 2 : 5;
    }

    private record Point(Duration latency, int concurrency, Samples extraction, Samples baseline, Samples ratios) {
    }

    Section run() throws Exception {
        List<Point> points = new ArrayList<>();
        long rows;
        try (SimulatedGraph graph = SimulatedGraph.start(settings.scalingUsers, settings.scalingMessagesPerUser,
                settings.throughputBodyBytes)) {
            rows = graph.messages();
            Instant start = SimulatedGraph.windowStart();
            Instant end = graph.windowEnd();
            PlainPageReader baseline = new PlainPageReader(graph.connection(), graph.simulator()::sslContext);
            List<String> firstUrls = PlainPageReader.firstUrls(graph.connection().baseUrl(), graph.userIds(), start,
                    end, settings.scalingPageSize);
            // the first point is not to pay for a new simulator and new code paths
            baseline.read(firstUrls, settings.concurrencies.get(settings.concurrencies.size() - 1));
            new Office365Extraction(graph.connection(), start, end).option("pageSize", settings.scalingPageSize).run();

            for (Duration latency : List.of(Duration.ZERO, settings.scalingLatency)) {
                graph.addLatency(latency);
                for (int concurrency : settings.concurrencies) {
                    Office365Extraction extraction = new Office365Extraction(graph.connection(), start, end)
                            .option("pageSize", settings.scalingPageSize)
                            .option("maxConcurrentMailboxes", concurrency);
                    Point point = new Point(latency, concurrency, new Samples(), new Samples(),
                            new Samples());
                    for (int round = 0; round < WARMUPS + runs; round++) {
                        PlainPageReader.Result fetched = baseline.read(firstUrls, concurrency);
                        Office365Extraction.Result extracted = extraction.run();
                        if (extracted.rows() != rows) {
                            throw new IllegalStateException("The extraction wrote " + extracted.rows() + " rows of "
                                    + rows + " messages");
                        }
                        if (round >= WARMUPS) {
                            point.extraction().add(extracted.seconds());
                            point.baseline().add(fetched.nanos() / 1e9);
                            point.ratios().add(extracted.nanos() / (double) fetched.nanos());
                        }
                    }
                    points.add(point);
                }
            }
        }

        Table table = new Table("3. Scaling with maxConcurrentMailboxes",
                "added latency per request", "mailboxes at once", "extraction s", "speedup vs 1", "baseline s",
                "baseline speedup", "extraction / baseline");
        ArrayNode jsonPoints = JsonNodeFactory.instance.arrayNode();
        for (Point point : points) {
            Point one = points.stream()
                    .filter(p -> p.latency().equals(point.latency()) && p.concurrency() == 1)
                    .findFirst().orElseThrow();
            double speedup = one.extraction().median() / point.extraction().median();
            double baselineSpeedup = one.baseline().median() / point.baseline().median();
            double ratio = point.ratios().median();
            table.row(point.latency().toMillis() + " ms", point.concurrency(),
                    Table.fixed(point.extraction().median(), 3), Table.fixed(speedup, 2),
                    Table.fixed(point.baseline().median(), 3), Table.fixed(baselineSpeedup, 2),
                    Table.fixed(ratio, 2));
            ObjectNode json = jsonPoints.addObject();
            json.put("addedLatencyMillis", point.latency().toMillis());
            json.put("maxConcurrentMailboxes", point.concurrency());
            json.put("extractionMedianSeconds", Table.round(point.extraction().median(), 4));
            json.put("speedupVsOne", Table.round(speedup, 3));
            json.put("baselineMedianSeconds", Table.round(point.baseline().median(), 4));
            json.put("baselineSpeedupVsOne", Table.round(baselineSpeedup, 3));
            json.put("ratioExtractionToBaseline", Table.round(ratio, 3));
            json.set("extractionSeconds", point.extraction().toJson());
            json.set("baselineSeconds", point.baseline().toJson());
        }
        int pagesPerUser = (settings.scalingMessagesPerUser + settings.scalingPageSize - 1) / settings.scalingPageSize;
        table.note(settings.scalingUsers + " users x " + settings.scalingMessagesPerUser + " messages (" + rows
                + " rows), pageSize " + settings.scalingPageSize + " (" + pagesPerUser + " pages per user); median of "
                + runs + " runs after " + WARMUPS + " warm-up run per point");
        table.note("speedup = time with 1 mailbox at a time / time with N; the ideal is N while the CPUs keep up;"
                + " extraction / baseline = median of the rounds' ratios");

        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("users", settings.scalingUsers);
        json.put("messagesPerUser", settings.scalingMessagesPerUser);
        json.put("bodyBytes", settings.throughputBodyBytes);
        json.put("pageSize", settings.scalingPageSize);
        json.put("rows", rows);
        json.set("points", jsonPoints);
        return new Section("scaling", table, json);
    }
}
