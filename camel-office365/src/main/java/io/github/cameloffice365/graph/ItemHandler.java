package io.github.cameloffice365.graph;

import java.io.IOException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives the items of a Graph collection, one at a time, in the order Graph returns them. */
@FunctionalInterface
public interface ItemHandler {

    /**
     * Handles one item of a page's {@code value} array.
     *
     * @throws IOException to stop paging; {@link GraphClient#forEachItem} rethrows it unchanged
     */
    void handle(ObjectNode item) throws IOException;
}
