package io.github.cameloffice365.simulator.graph;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.http.Responses;
import io.github.cameloffice365.simulator.http.SpillingResponseBody;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Writes one page of a collection: {@code @odata.context}, {@code value} and, when more items follow, an
 * {@code @odata.nextLink} whose cursor remembers where the next page starts. Directory collections put the link
 * before {@code value}, as Graph's directory does; Outlook collections stream their items and put it after.
 */
final class CollectionResponder {

    private final PageCursors cursors;

    CollectionResponder(PageCursors cursors) {
        this.cursors = cursors;
    }

    /** Where a nextLink resumes a view. */
    record ViewPosition(ItemView view, int position) {
    }

    /**
     * A collection to serve.
     *
     * @param context the {@code @odata.context} value
     * @param view builds the view when the request starts a new listing (a resumed one reuses its view)
     * @param pageSize items per page
     * @param shaper turns a stored item into the served one
     * @param nextLinkFirst whether the nextLink precedes {@code value}
     */
    record Collection(String context, Supplier<ItemView> view, int pageSize, UnaryOperator<ObjectNode> shaper,
            boolean nextLinkFirst) {
    }

    /** Serves the page the request asks for. */
    void respond(GraphRequest request, Collection collection) throws IOException {
        ItemView view;
        int start;
        if (request.resumedState() instanceof ViewPosition resumed) {
            view = resumed.view();
            start = resumed.position();
        } else {
            view = collection.view().get();
            start = 0;
        }
        request.exchange().getResponseHeaders().set("Content-Type", Responses.GRAPH_JSON);
        try (JsonGenerator json = Json.MAPPER.getFactory()
                .createGenerator(new SpillingResponseBody(request.exchange(), 200))) {
            json.writeStartObject();
            json.writeStringField("@odata.context", collection.context());
            if (collection.nextLinkFirst()) {
                writeCollected(request, collection, view, start, json);
            } else {
                writeStreamed(request, collection, view, start, json);
            }
            json.writeEndObject();
        }
    }

    private void writeCollected(GraphRequest request, Collection collection, ItemView view, int start,
            JsonGenerator json) throws IOException {
        List<ObjectNode> page = new ArrayList<>();
        ItemView.Match match = view.next(start);
        while (match != null && page.size() < collection.pageSize()) {
            page.add(collection.shaper().apply(match.item()));
            match = view.next(match.position() + 1);
        }
        if (match != null) {
            json.writeStringField("@odata.nextLink", nextLink(request, new ViewPosition(view, match.position())));
        }
        json.writeArrayFieldStart("value");
        for (ObjectNode item : page) {
            json.writeTree(item);
        }
        json.writeEndArray();
    }

    private void writeStreamed(GraphRequest request, Collection collection, ItemView view, int start,
            JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("value");
        int written = 0;
        ItemView.Match match = view.next(start);
        while (match != null && written < collection.pageSize()) {
            json.writeTree(collection.shaper().apply(match.item()));
            written++;
            match = view.next(match.position() + 1);
        }
        json.writeEndArray();
        if (match != null) {
            json.writeStringField("@odata.nextLink", nextLink(request, new ViewPosition(view, match.position())));
        }
    }

    /** Issues a link to the page that the state describes. */
    String nextLink(GraphRequest request, Object state) {
        return cursors.issue(request.baseUrl(), request.rawPath(), request.rawQuery(), state);
    }
}
