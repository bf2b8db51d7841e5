package io.github.cameloffice365.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The items the row-writer benchmark writes: one page of Message_v1 items as the simulator serves them to the
 * extraction (same {@code $select}, same shape), parsed into Jackson trees as the Graph client parses them.
 */
final class RowWriterInput {

    static final int ITEMS = 100;

    final List<ObjectNode> items;
    final String userId;
    final String tenantId;

    private RowWriterInput(List<ObjectNode> items, String userId, String tenantId) {
        this.items = items;
        this.userId = userId;
        this.tenantId = tenantId;
    }

    /** Starts a simulator with one mailbox of {@value #ITEMS} messages, reads them as one page, and stops it. */
    static RowWriterInput load(int bodyBytes) throws IOException, InterruptedException {
        try (SimulatedGraph graph = SimulatedGraph.start(1, ITEMS, bodyBytes)) {
            String url = PlainPageReader.firstUrls(graph.connection().baseUrl(), graph.userIds(),
                    SimulatedGraph.windowStart(), graph.windowEnd(), ITEMS).get(0);
            HttpClient http = HttpClient.newBuilder().sslContext(graph.simulator().sslContext()).build();
            HttpResponse<byte[]> page = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + graph.simulator().accessToken())
                    .header("Accept", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (page.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + page.statusCode());
            }
            List<ObjectNode> items = new ArrayList<>(ITEMS);
            for (JsonNode item : new ObjectMapper().readTree(page.body()).path("value")) {
                items.add((ObjectNode) item);
            }
            if (items.size() != ITEMS) {
                throw new IOException("The page held " + items.size() + " items, expected " + ITEMS);
            }
            return new RowWriterInput(List.copyOf(items), graph.userIds().get(0), graph.connection().tenantId());
        }
    }

    /** A byte sink that both writers write into and that is emptied before each batch, like a part buffer. */
    static final class Sink extends OutputStream {
        private byte[] bytes = new byte[1 << 20];
        private int length;

        @Override
        public void write(int b) {
            ensureCapacity(length + 1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int count) {
            ensureCapacity(length + count);
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        void reset() {
            length = 0;
        }

        int length() {
            return length;
        }

        private void ensureCapacity(int needed) {
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
            }
        }
    }
}
