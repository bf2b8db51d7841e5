package io.github.cameloffice365.simulator.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.tenant.ItemSource;

import java.time.Instant;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * A filtered, optionally ordered view of an item source, scanned position by position, so that a page reads only
 * the items it serves (plus one to know whether there is a next page).
 */
final class ItemView {

    private final ItemSource source;
    private final Predicate<ObjectNode> filter;
    private final int[] order;

    private ItemView(ItemSource source, Predicate<ObjectNode> filter, int[] order) {
        this.source = source;
        this.filter = filter;
        this.order = order;
    }

    /** A view in source order. */
    static ItemView of(ItemSource source, Predicate<ObjectNode> filter) {
        return new ItemView(source, filter, null);
    }

    /** A view ordered by a date-time property (items without one sort first), ties kept in source order. */
    static ItemView orderedByDate(ItemSource source, Predicate<ObjectNode> filter, String property,
            boolean descending) {
        int size = source.size();
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            Instant value = ItemFilter.instantOf(source.item(i).get(property));
            keys[i] = value == null ? Long.MIN_VALUE : value.toEpochMilli();
        }
        Comparator<Integer> byKey = Comparator.comparingLong(i -> keys[i]);
        Comparator<Integer> comparator = descending ? byKey.reversed() : byKey;
        int[] order = IntStream.range(0, size).boxed().sorted(comparator.thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        return new ItemView(source, filter, order);
    }

    /** A matching item and its position in the view. */
    record Match(int position, ObjectNode item) {
    }

    /** The first matching item at or after this position, or {@code null}. */
    Match next(int fromPosition) {
        int size = order == null ? source.size() : order.length;
        for (int position = fromPosition; position < size; position++) {
            ObjectNode item = source.item(order == null ? position : order[position]);
            if (filter.test(item)) {
                return new Match(position, item);
            }
        }
        return null;
    }
}
