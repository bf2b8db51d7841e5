package io.github.cameloffice365.simulator.tenant;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The items of one mailbox collection (messages, events, contacts), read by index. An implementation may build
 * each item when asked, so a mailbox of any size is served without being held in memory. Items may carry
 * simulator metadata (keys starting with {@code _}), which is never served.
 */
public interface ItemSource {

    /** How many items there are. */
    int size();

    /** The item at this index, {@code 0 <= index < size()}; callers must not modify it. */
    ObjectNode item(int index);

    /** A source over a list held in memory. */
    static ItemSource of(List<ObjectNode> items) {
        List<ObjectNode> copy = List.copyOf(items);
        return new ItemSource() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public ObjectNode item(int index) {
                return copy.get(index);
            }
        };
    }

    /** A source with no items. */
    static ItemSource empty() {
        return of(List.of());
    }
}
