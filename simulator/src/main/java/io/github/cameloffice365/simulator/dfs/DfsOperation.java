package io.github.cameloffice365.simulator.dfs;

/** The operations of the ADLS Gen2 subset that {@link DfsSimulator} serves, as recorded and as targeted by faults. */
public enum DfsOperation {

    /** Filesystem - Create ({@code PUT ?resource=filesystem}) or Create Container ({@code PUT ?restype=container}). */
    CREATE_FILESYSTEM,
    /** Filesystem - Get Properties ({@code HEAD ?resource=filesystem}) or Get Container Properties. */
    GET_FILESYSTEM_PROPERTIES,
    /** Path - List ({@code GET ?resource=filesystem&recursive=...}). */
    LIST_PATHS,
    /** Path - Create ({@code PUT /fs/path?resource=file|directory}). */
    CREATE_PATH,
    /** Path - Update with {@code action=append}: uncommitted data at a position. */
    APPEND,
    /** Path - Update with {@code action=flush}: commits the uploaded data up to a position. */
    FLUSH,
    /** Path - Get Properties or Get Blob Properties ({@code HEAD /fs/path}). */
    GET_PROPERTIES,
    /** Path - Read or Get Blob ({@code GET /fs/path}, optionally with a range). */
    READ,
    /** Anything outside the subset: answered with an error that says so. */
    UNSUPPORTED
}
