package io.github.cameloffice365.dataset;

import java.util.Objects;

/**
 * The values of the metadata columns that MGDC appends to every row.
 *
 * @param puser   the Entra object id of the user the row was read from (for User_v1, the user itself)
 * @param ptenant the tenant id
 * @param datarow the 0-based number of the row among the rows of this user in this run
 * @param userrow the 0-based number of the row among the rows of this user in this run (MGDC writes the same value
 *                as datarow in all of its samples)
 * @param pagerow the 0-based position of the item in the Graph page it came from
 */
public record RowMetadata(String puser, String ptenant, long datarow, long userrow, long pagerow) {

    public RowMetadata {
        Objects.requireNonNull(puser, "puser");
        Objects.requireNonNull(ptenant, "ptenant");
        if (datarow < 0 || userrow < 0 || pagerow < 0) {
            throw new IllegalArgumentException("Row counters must not be negative: datarow=" + datarow + ", userrow="
                    + userrow + ", pagerow=" + pagerow);
        }
    }
}
