package io.github.cameloffice365.bench;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.dataset.Dataset;
import io.github.cameloffice365.dataset.DatasetCatalog;
import io.github.cameloffice365.dataset.MgdcRowWriter;
import io.github.cameloffice365.dataset.RowMetadata;

/**
 * Benchmark 2: the cost of writing Message_v1 items as MGDC rows with {@link MgdcRowWriter}, against the baseline of
 * Jackson writing the same item trees unchanged into the same kind of buffer. The two writers take turns in short
 * batches (the order swapped every round), so that on a shared machine both see the same load; each round gives one
 * ratio, and the median of those ratios is reported. A batch writes the page of items, each row followed by a line
 * feed, into an emptied buffer, as the extraction fills a part.
 */
final class RowWriterComparison {

    /** MGDC counts pagerow within blocks of 50 rows, as the extraction does. */
    private static final int MGDC_PAGE_ROWS = 50;
    /** Each batch writes the page this many times: long enough to time, short enough to interleave finely. */
    private static final long BATCH_NANOS = 20_000_000;

    private final BenchSettings settings;

    RowWriterComparison(BenchSettings settings) {
        this.settings = settings;
    }

    /** One writer of a page of rows into the sink. */
    @FunctionalInterface
    private interface PageWriter {
        void write(RowWriterInput.Sink sink) throws IOException;
    }

    Section run() throws Exception {
        Table table = new Table("2. Row writer: MgdcRowWriter vs Jackson writing the same item unchanged",
                "body bytes", "Jackson ns/row", "MgdcRowWriter ns/row", "ratio", "ratio min-max",
                "Jackson bytes/row", "MGDC bytes/row", "MgdcRowWriter MiB/s");
        ArrayNode points = JsonNodeFactory.instance.arrayNode();
        for (int body : settings.rowWriterBodyBytes) {
            points.add(measure(body, table));
        }
        table.note("ratio = MgdcRowWriter time / Jackson time per row, median of " + settings.rowWriterRounds
                + " paired rounds of about " + BATCH_NANOS / 1_000_000 + " ms per writer (1.00 = no cost beyond"
                + " serialising the item), after " + settings.rowWriterWarmup.toMillis() + " ms of warm-up; a page of "
                + RowWriterInput.ITEMS + " items as the simulator serves them");
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("itemsPerPage", RowWriterInput.ITEMS);
        json.put("warmupMillis", settings.rowWriterWarmup.toMillis());
        json.put("measuredRounds", settings.rowWriterRounds);
        json.set("points", points);
        return new Section("rowWriter", table, json);
    }

    private ObjectNode measure(int bodyBytes, Table table) throws Exception {
        RowWriterInput input = RowWriterInput.load(bodyBytes);
        List<ObjectNode> items = input.items;
        Dataset messages = DatasetCatalog.get(DatasetCatalog.MESSAGE_V1);
        MgdcRowWriter rowWriter = new MgdcRowWriter(messages, messages.resolveColumns(null));
        ObjectWriter jackson = new ObjectMapper(JsonFactory.builder()
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build()).writer();
        PageWriter baseline = sink -> {
            sink.reset();
            for (ObjectNode item : items) {
                jackson.writeValue(sink, item);
                sink.write('\n');
            }
        };
        PageWriter writer = sink -> {
            sink.reset();
            for (int i = 0; i < items.size(); i++) {
                rowWriter.write(items.get(i), new RowMetadata(input.userId, input.tenantId, i, i, i % MGDC_PAGE_ROWS),
                        sink);
                sink.write('\n');
            }
        };
        RowWriterInput.Sink sink = new RowWriterInput.Sink();
        baseline.write(sink);
        long baselineBytes = sink.length() / items.size();
        writer.write(sink);
        long writerBytes = sink.length() / items.size();

        // both writers compiled before anything is timed; then batches sized from a warm timing
        long warmUntil = System.nanoTime() + settings.rowWriterWarmup.toNanos();
        while (System.nanoTime() < warmUntil) {
            baseline.write(sink);
            writer.write(sink);
        }
        long start = System.nanoTime();
        baseline.write(sink);
        writer.write(sink);
        int pagesPerBatch = (int) Math.max(1, 2 * BATCH_NANOS / Math.max(1, System.nanoTime() - start));

        Samples baselineNanos = new Samples();
        Samples writerNanos = new Samples();
        Samples ratios = new Samples();
        for (int round = 0; round < settings.rowWriterRounds; round++) {
            double baselinePerRow;
            double writerPerRow;
            if (round % 2 == 0) {
                baselinePerRow = nanosPerRow(baseline, sink, pagesPerBatch, items.size());
                writerPerRow = nanosPerRow(writer, sink, pagesPerBatch, items.size());
            } else {
                writerPerRow = nanosPerRow(writer, sink, pagesPerBatch, items.size());
                baselinePerRow = nanosPerRow(baseline, sink, pagesPerBatch, items.size());
            }
            baselineNanos.add(baselinePerRow);
            writerNanos.add(writerPerRow);
            ratios.add(writerPerRow / baselinePerRow);
        }

        double writerMibPerSecond = writerBytes / (writerNanos.median() / 1e9) / BenchSettings.MIB;
        table.row(bodyBytes, Table.fixed(baselineNanos.median(), 0), Table.fixed(writerNanos.median(), 0),
                Table.fixed(ratios.median(), 2), Table.fixed(ratios.min(), 2) + "-" + Table.fixed(ratios.max(), 2),
                Table.count(baselineBytes), Table.count(writerBytes), Table.fixed(writerMibPerSecond, 0));
        ObjectNode point = JsonNodeFactory.instance.objectNode();
        point.put("bodyBytes", bodyBytes);
        point.put("jacksonNanosPerRow", Table.round(baselineNanos.median(), 1));
        point.put("mgdcRowWriterNanosPerRow", Table.round(writerNanos.median(), 1));
        point.put("ratioWriterToJackson", Table.round(ratios.median(), 3));
        point.put("jacksonBytesPerRow", baselineBytes);
        point.put("mgdcBytesPerRow", writerBytes);
        point.put("mgdcRowWriterMiBPerSecond", Table.round(writerMibPerSecond, 1));
        point.put("pagesPerBatch", pagesPerBatch);
        point.set("ratios", ratios.toJson());
        return point;
    }

    private static double nanosPerRow(PageWriter pages, RowWriterInput.Sink sink, int pagesPerBatch, int rowsPerPage)
            throws IOException {
        long start = System.nanoTime();
        for (int page = 0; page < pagesPerBatch; page++) {
            pages.write(sink);
        }
        return (double) (System.nanoTime() - start) / ((long) pagesPerBatch * rowsPerPage);
    }
}
