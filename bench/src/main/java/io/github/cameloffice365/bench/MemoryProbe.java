package io.github.cameloffice365.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The forked JVM of the memory benchmark: runs one extraction of the simulator's single mailbox (the simulator runs
 * in the parent JVM, so this heap holds only the client) and prints one line with its heap readings:
 * <ul>
 * <li>the heap in use after a full collection just before the run (the CamelContext at rest);</li>
 * <li>the largest heap in use after a full collection during the run: a full collection is forced every
 * {@value #FULL_GC_MILLIS} ms, so this is the largest live heap seen at those moments (G1's young collections leave
 * dead old objects in place, so their readings would count garbage);</li>
 * <li>the largest heap in use sampled every {@value #SAMPLE_MILLIS} ms, which also counts garbage not yet collected
 * and so depends on -Xmx and the collector.</li>
 * </ul>
 * Arguments: baseUrl tenantId clientId trustStore trustStorePassword windowStart windowEnd partSize
 * maxConcurrentMailboxes pageSize partHoldMillis. The client secret comes in the environment variable
 * {@value #SECRET_VARIABLE}.
 */
public final class MemoryProbe {

    static final String SECRET_VARIABLE = "BENCH_SIMULATOR_CLIENT_SECRET";
    static final String RESULT_PREFIX = "memory-probe-result ";

    static final long SAMPLE_MILLIS = 5;
    static final long FULL_GC_MILLIS = 100;
    private static final String FORCED_GC_CAUSE = "System.gc()";

    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        GraphConnection graph = new GraphConnection(args[0], args[1], args[2], System.getenv(SECRET_VARIABLE),
                Path.of(args[3]), args[4]);
        Office365Extraction extraction = new Office365Extraction(graph, Instant.parse(args[5]), Instant.parse(args[6]))
                .option("partSize", args[7])
                .option("maxConcurrentMailboxes", args[8])
                .option("pageSize", args[9])
                .partHold(Duration.ofMillis(Long.parseLong(args[10])));

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        AtomicLong maxLive = new AtomicLong();
        AtomicLong maxAfterAnyGc = new AtomicLong();
        AtomicLong collections = new AtomicLong();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> heapPools.contains(pool.getKey()))
                        .mapToLong(pool -> pool.getValue().getUsed())
                        .sum();
                maxAfterAnyGc.accumulateAndGet(used, Math::max);
                if (FORCED_GC_CAUSE.equals(info.getGcCause())) {
                    maxLive.accumulateAndGet(used, Math::max);
                }
                collections.incrementAndGet();
            }, null, null);
        }
        AtomicLong peakSampled = new AtomicLong();
        Thread sampler = new Thread(() -> {
            long samplesPerFullGc = FULL_GC_MILLIS / SAMPLE_MILLIS;
            for (long sample = 1; !Thread.currentThread().isInterrupted(); sample++) {
                peakSampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                if (sample % samplesPerFullGc == 0) {
                    System.gc();
                }
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);

        long[] atRest = new long[1];
        extraction.beforeRun(() -> {
            System.gc();
            System.gc();
            atRest[0] = memory.getHeapMemoryUsage().getUsed();
            maxLive.set(atRest[0]);
            maxAfterAnyGc.set(atRest[0]);
            collections.set(0);
            peakSampled.set(atRest[0]);
            sampler.start();
        });
        Office365Extraction.Result result = extraction.run();
        sampler.interrupt();
        sampler.join();

        MemoryUsage heap = memory.getHeapMemoryUsage();
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("rows", result.rows());
        json.put("outputBytes", result.outputBytes());
        json.put("parts", result.parts());
        json.put("largestPartBytes", result.largestPart());
        json.put("seconds", result.seconds());
        json.put("maxHeapBytes", heap.getMax());
        json.put("heapAtRestBytes", atRest[0]);
        json.put("maxLiveHeapBytes", maxLive.get());
        json.put("maxHeapAfterAnyGcBytes", maxAfterAnyGc.get());
        json.put("peakHeapSampledBytes", peakSampled.get());
        json.put("collections", collections.get());
        json.put("collectors", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
        System.out.println(RESULT_PREFIX + json);
    }
}
