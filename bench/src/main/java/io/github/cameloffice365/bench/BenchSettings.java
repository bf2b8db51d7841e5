package io.github.cameloffice365.bench;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sizes of a benchmark run: the default sizes (about three minutes on two shared cores) or, with
 * {@code --quick}, sizes for a CI check that the benchmarks still run (about a minute; its numbers are noisy).
 */
final class BenchSettings {

    static final long MIB = 1024L * 1024;

    final boolean quick;
    /** Runs of each extraction measurement that are thrown away, then runs that are measured. */
    final int warmups;
    final int runs;

    final int throughputUsers;
    final int throughputMessagesPerUser;
    final int throughputBodyBytes;

    final long largeMailboxBytes;
    final int largeMailboxWarmups;
    final int largeMailboxRuns;

    final int scalingUsers;
    final int scalingMessagesPerUser;
    final int scalingPageSize;
    final Duration scalingLatency;
    final List<Integer> concurrencies = List.of(1, 2, 4, 8);

    final List<Integer> rowWriterBodyBytes;
    final Duration rowWriterWarmup;
    final int rowWriterRounds;

    final int memoryBodyBytes;
    final List<Long> memoryMailboxBytes;
    final long memoryPartSize;
    final String memoryMaxHeap;

    private BenchSettings(boolean quick) {
        this.quick = quick;
        this.warmups = quick ? 1 : 2;
        this.runs = quick ? 2 : 7;
        this.throughputUsers = 8;
        this.throughputMessagesPerUser = quick ? 150 : 500;
        this.throughputBodyBytes = 2_000;
        this.largeMailboxBytes = quick ? 40 * MIB : 48 * MIB;
        this.largeMailboxWarmups = 1;
        this.largeMailboxRuns = quick ? 1 : 5;
        this.scalingUsers = 8;
        this.scalingMessagesPerUser = quick ? 50 : 100;
        this.scalingPageSize = 25;
        this.scalingLatency = Duration.ofMillis(50);
        this.rowWriterBodyBytes = quick ? List.of(2_000) : List.of(200, 2_000, 20_000);
        this.rowWriterWarmup = quick ? Duration.ofMillis(500) : Duration.ofSeconds(2);
        this.rowWriterRounds = quick ? 15 : 40;
        this.memoryBodyBytes = 16_000;
        this.memoryMailboxBytes = quick ? List.of(5 * MIB, 20 * MIB) : List.of(50 * MIB, 200 * MIB);
        this.memoryPartSize = quick ? 2 * MIB : 8 * MIB;
        this.memoryMaxHeap = quick ? "64m" : "128m";
    }

    static BenchSettings full() {
        return new BenchSettings(false);
    }

    static BenchSettings quick() {
        return new BenchSettings(true);
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("mode", quick ? "quick" : "full");
        json.put("warmupRuns", warmups);
        json.put("measuredRuns", runs);
        return json;
    }
}
