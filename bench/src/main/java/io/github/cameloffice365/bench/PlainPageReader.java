package io.github.cameloffice365.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.cameloffice365.dataset.Dataset;
import io.github.cameloffice365.dataset.DatasetCatalog;
import io.github.cameloffice365.dataset.DatasetQuery;
import io.github.cameloffice365.scope.DirectoryUser;

/**
 * The baseline of the extraction benchmarks: the best any client could do against the same server. Like a new
 * extraction, it starts with a new TLS context (so no TLS session is resumed from an earlier read), asks the token
 * endpoint for an app-only token with the client secret, and GETs the user list; then, for each user, it GETs the
 * same first Message_v1 URL the extraction asks for and every {@code @odata.nextLink} after it, with a plain JDK
 * {@link HttpClient}, as many mailboxes at once as the extraction reads. It parses nothing and keeps no body: it
 * streams each page through, keeping only its last few kilobytes, where the simulator writes the nextLink of a
 * message page.
 */
final class PlainPageReader {

    /** The nextLink of a message page follows the value array, so it is in the page's last bytes. */
    private static final int TAIL_BYTES = 8 * 1024;
    private static final byte[] NEXT_LINK_KEY = "\"@odata.nextLink\"".getBytes(StandardCharsets.US_ASCII);
    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final GraphConnection graph;
    private final Supplier<SSLContext> newTlsContext;

    /**
     * A reader of the simulator's pages.
     *
     * @param graph         where the simulator listens and the application's credentials
     * @param newTlsContext makes a new TLS context trusting the simulator, for each read
     */
    PlainPageReader(GraphConnection graph, Supplier<SSLContext> newTlsContext) {
        this.graph = graph;
        this.newTlsContext = newTlsContext;
    }

    /** What one baseline read fetched. */
    record Result(long pages, long bytes, long nanos) {
    }

    /** The first URL of each user's messages, exactly as the extraction builds it. */
    static List<String> firstUrls(String baseUrl, List<String> userIds, Instant start, Instant end, int pageSize) {
        Dataset messages = DatasetCatalog.get(DatasetCatalog.MESSAGE_V1);
        DatasetQuery query = messages.query(null, "receivedDateTime", start.toString(), end.toString(), null,
                pageSize);
        List<String> urls = new ArrayList<>(userIds.size());
        for (String id : userIds) {
            DirectoryUser user = new DirectoryUser(id, id, null, "Member", true);
            urls.add(messages.requests(user, query, baseUrl).get(0).url());
        }
        return urls;
    }

    /** Reads every page of every URL, {@code concurrency} users at once, users dealt to readers round-robin. */
    Result read(List<String> firstUrls, int concurrency) throws Exception {
        int readers = Math.min(concurrency, firstUrls.size());
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        AtomicLong pages = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        try {
            long start = System.nanoTime();
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(newTlsContext.get())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            String accessToken = accessToken(http);
            readCollection(http, accessToken, graph.baseUrl() + "/v1.0/users?$select=" + DirectoryUser.SELECT
                    + "&$top=999", pages, bytes);
            List<Future<?>> running = new ArrayList<>();
            for (int reader = 0; reader < readers; reader++) {
                List<String> mine = new ArrayList<>();
                for (int i = reader; i < firstUrls.size(); i += readers) {
                    mine.add(firstUrls.get(i));
                }
                running.add(pool.submit(() -> {
                    for (String url : mine) {
                        readCollection(http, accessToken, url, pages, bytes);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            return new Result(pages.get(), bytes.get(), System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Follows a collection to its last page. The user list of the benchmarks' tenants (at most a few dozen users)
     * fits in one page, so only message pages, whose nextLink comes last, are ever followed.
     */
    /** An app-only Graph token from the simulator's token endpoint (client credentials with the secret). */
    private String accessToken(HttpClient http) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + encode(graph.clientId()) + "&client_secret="
                + encode(graph.clientSecret()) + "&scope=" + encode("https://graph.microsoft.com/.default");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                        URI.create(graph.baseUrl() + "/" + graph.tenantId() + "/oauth2/v2.0/token"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("The token endpoint answered " + response.statusCode());
        }
        try (JsonParser parser = JSON.createParser(response.body())) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && "access_token".equals(parser.currentName())) {
                    parser.nextToken();
                    return parser.getText();
                }
            }
        }
        throw new IOException("The token endpoint's answer holds no access_token");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void readCollection(HttpClient http, String accessToken, String firstUrl, AtomicLong pages,
            AtomicLong bytes) throws IOException, InterruptedException {
        String url = firstUrl;
        while (url != null) {
            Tail tail = new Tail();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .GET()
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Accept", "application/json")
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.ofByteArrayConsumer(tail));
            if (response.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + tail.text());
            }
            pages.incrementAndGet();
            bytes.addAndGet(tail.total);
            url = tail.nextLink();
        }
    }

    /** Keeps the last bytes of a body as it streams past, and counts them all. */
    private static final class Tail implements Consumer<Optional<byte[]>> {
        private final byte[] ring = new byte[TAIL_BYTES];
        private long total;

        @Override
        public void accept(Optional<byte[]> chunk) {
            if (chunk.isEmpty()) {
                return;
            }
            byte[] bytes = chunk.get();
            int from = Math.max(0, bytes.length - TAIL_BYTES);
            for (int i = from; i < bytes.length; i++) {
                ring[(int) ((total + i) % TAIL_BYTES)] = bytes[i];
            }
            total += bytes.length;
        }

        /** The last bytes, in order. */
        byte[] bytes() {
            int length = (int) Math.min(total, TAIL_BYTES);
            byte[] ordered = new byte[length];
            for (int i = 0; i < length; i++) {
                ordered[i] = ring[(int) ((total - length + i) % TAIL_BYTES)];
            }
            return ordered;
        }

        String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        /** The value of the last {@code "@odata.nextLink"} in the tail, or null. */
        String nextLink() throws IOException {
            byte[] tail = bytes();
            int at = lastIndexOf(tail, NEXT_LINK_KEY);
            if (at < 0) {
                return null;
            }
            // parse just the member, as a one-member object, to undo any JSON escapes in the link
            byte[] member = new byte[tail.length - at + 1];
            member[0] = '{';
            System.arraycopy(tail, at, member, 1, tail.length - at);
            try (JsonParser parser = JSON.createParser(member)) {
                parser.nextToken();
                parser.nextToken();
                return parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
            }
        }

        private static int lastIndexOf(byte[] haystack, byte[] needle) {
            for (int i = haystack.length - needle.length; i >= 0; i--) {
                int j = 0;
                while (j < needle.length && haystack[i + j] == needle[j]) {
                    j++;
                }
                if (j == needle.length) {
                    return i;
                }
            }
            return -1;
        }
    }
}
