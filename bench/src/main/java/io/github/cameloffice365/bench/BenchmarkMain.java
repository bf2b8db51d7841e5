package io.github.cameloffice365.bench;

import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the benchmarks and reports each as a ratio to a baseline measured in the same run: a table on standard output
 * and {@code bench-results.json} beside the benchmark jar (in {@code bench/target/}).
 *
 * <pre>
 * java -jar bench/target/camel-office365-bench.jar [--quick]
 *     [--only=throughput,largeMailbox,rowWriter,scaling,memory] [--out=FILE]
 * </pre>
 */
public final class BenchmarkMain {

    private static final List<String> BENCHMARKS = List.of("throughput", "largeMailbox", "rowWriter", "scaling",
            "memory");

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.full();
        Set<String> selected = new LinkedHashSet<>(BENCHMARKS);
        Path out = defaultOutput();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                settings = BenchSettings.quick();
            } else if (arg.startsWith("--only=")) {
                selected = new LinkedHashSet<>(List.of(arg.substring("--only=".length()).split(",")));
                if (!BENCHMARKS.containsAll(selected)) {
                    usage("Unknown benchmark in " + arg + "; the benchmarks are " + String.join(", ", BENCHMARKS));
                }
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else {
                usage("Unknown argument " + arg);
            }
        }

        Instant started = Instant.now();
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.println("camel-office365 benchmarks (" + (settings.quick ? "quick" : "full") + "): "
                + String.join(", ", selected) + " on " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version"));
        List<Section> sections = new ArrayList<>();
        for (String name : selected) {
            Section section = switch (name) {
                case "throughput" -> new ThroughputBenchmark(settings).run();
                case "largeMailbox" -> new LargeMailboxBenchmark(settings).run();
                case "rowWriter" -> new RowWriterComparison(settings).run();
                case "scaling" -> new ScalingBenchmark(settings).run();
                case "memory" -> new MemoryBenchmark(settings).run();
                default -> throw new IllegalStateException(name);
            };
            section.table().print(System.out);
            sections.add(section);
        }
        Duration took = Duration.between(started, Instant.now());

        ObjectNode results = JsonNodeFactory.instance.objectNode();
        results.put("startedAt", started.toString());
        results.put("durationSeconds", took.toSeconds());
        ObjectNode machine = machine();
        machine.put("systemLoadAverageAtStart", loadAtStart);
        results.set("machine", machine);
        results.set("settings", settings.toJson());
        results.put("simulatorThrottling", "relaxed for speed: " + SimulatedGraph.REQUESTS_IN_FLIGHT_PER_MAILBOX
                + " requests in flight per mailbox (Graph: 4), no request budget per mailbox (Graph: 10,000 per 10"
                + " minutes), " + SimulatedGraph.WORKER_THREADS + " worker threads; simulator and client share the"
                + " machine");
        sections.forEach(section -> results.set(section.key(), section.json()));
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        System.out.println();
        System.out.println("Took " + took.toSeconds() + " s. Results: " + out.toAbsolutePath().normalize());
    }

    private static ObjectNode machine() {
        ObjectNode machine = JsonNodeFactory.instance.objectNode();
        machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        machine.put("systemLoadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        return machine;
    }

    /** {@code bench-results.json} in the folder of the benchmark jar (or beside the classes folder). */
    private static Path defaultOutput() throws URISyntaxException {
        Path code = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return code.getParent().resolve("bench-results.json");
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("Usage: java -jar bench/target/camel-office365-bench.jar [--quick]"
                + " [--only=" + String.join(",", BENCHMARKS) + "] [--out=FILE]");
        System.exit(2);
    }
}
