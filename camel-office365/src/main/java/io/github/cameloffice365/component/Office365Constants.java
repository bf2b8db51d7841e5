package io.github.cameloffice365.component;

import org.apache.camel.spi.Metadata;

/**
 * Header names of the exchanges an {@code office365} consumer emits. A run emits, in this order, one
 * {@link #KIND_RUN_START} exchange, zero or more {@link #KIND_PART} exchanges and one {@link #KIND_RUN_END} exchange;
 * a route tells them apart by {@link #EXCHANGE_KIND}.
 */
public final class Office365Constants {

    /** The value of {@link #EXCHANGE_KIND} on the exchange that opens a run, before any data is read. */
    public static final String KIND_RUN_START = "RunStart";
    /** The value of {@link #EXCHANGE_KIND} on an exchange whose body is a part: JSON lines, one row a line. */
    public static final String KIND_PART = "Part";
    /** The value of {@link #EXCHANGE_KIND} on the exchange that closes a run; its body is the run summary. */
    public static final String KIND_RUN_END = "RunEnd";

    @Metadata(label = "consumer", javaType = "String",
              description = "What the exchange is: RunStart (the body is the run context, processed before any data is"
                            + " read), Part (the body is a part of JSON lines) or RunEnd (the body is the run summary as"
                            + " JSON).")
    public static final String EXCHANGE_KIND = "CamelOffice365ExchangeKind";

    @Metadata(label = "consumer", javaType = "String",
              description = "The run id: the same for every exchange of a run, and the same again when the same"
                            + " extraction is run a second time, so that a rerun overwrites its parts.")
    public static final String RUN_ID = "CamelOffice365RunId";

    @Metadata(label = "consumer", javaType = "String", description = "The MGDC table name, e.g. BasicDataSet_v0.Message_v1.")
    public static final String TABLE = "CamelOffice365Table";

    @Metadata(label = "consumer", javaType = "String",
              description = "The relative file name to write the body to: table/runId/part-SHARD-BATCH-SEQ.json for a"
                            + " part, table/runId/_summary.json for the run summary. Absent on RunStart.")
    public static final String FILE_NAME = "CamelOffice365FileName";

    @Metadata(label = "consumer", javaType = "Long", description = "The number of rows in a part, or in the whole run on RunEnd.")
    public static final String ROW_COUNT = "CamelOffice365RowCount";

    @Metadata(label = "consumer", javaType = "Integer", description = "The shard index of the run (0 when not sharded).")
    public static final String SHARD_INDEX = "CamelOffice365ShardIndex";

    private Office365Constants() {
    }
}
