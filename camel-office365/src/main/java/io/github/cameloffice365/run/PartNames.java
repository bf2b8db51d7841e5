package io.github.cameloffice365.run;

import java.util.Locale;

/** The names of a run's files, relative to the destination folder. */
public final class PartNames {

    private PartNames() {
    }

    /** {@code <table>/<runId>/part-<shard>-<batch>-<sequence>.json}, zero-padded so that names sort in order. */
    public static String part(String table, String runId, int shard, int batch, int sequence) {
        return String.format(Locale.ROOT, "%s/%s/part-%03d-%03d-%05d.json", table, runId, shard, batch, sequence);
    }

    /**
     * {@code <table>/<runId>/_summary.json}, or {@code _summary-<shard>.json} when the run is sharded. The leading
     * underscore keeps Spark and Hadoop readers from taking it for data.
     */
    public static String summary(String table, String runId, int shard, int shardCount) {
        return shardCount == 1
                ? table + "/" + runId + "/_summary.json"
                : String.format(Locale.ROOT, "%s/%s/_summary-%03d.json", table, runId, shard);
    }
}
