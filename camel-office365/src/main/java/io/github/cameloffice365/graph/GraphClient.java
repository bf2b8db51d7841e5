package io.github.cameloffice365.graph;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small Microsoft Graph client over the JDK {@link HttpClient}: app-only bearer tokens, paging by
 * {@code @odata.nextLink}, retries with backoff, and Outlook's throttling limits.
 *
 * <ul>
 * <li>Paging follows each {@code @odata.nextLink} exactly as Graph wrote it, byte for byte, until a page has none;
 * an empty page with a nextLink is not the end.</li>
 * <li>429, 500, 502, 503, 504 and I/O errors are retried up to {@code maxRetries} times, after the longer of Graph's
 * {@code Retry-After} and an exponential backoff with jitter. A 429 also holds back every other request to the same
 * mailbox until its delay has passed.</li>
 * <li>At most {@code maxRequestsPerMailbox} requests per mailbox and {@code maxConcurrentMailboxes} mailboxes are in
 * flight at once.</li>
 * <li>The access token is only ever sent to the Graph base URL; a URL or nextLink to another origin is refused.</li>
 * <li>Each page is read completely before its first item is handed over, so a retried page never repeats an item and
 * a slow handler does not hold a connection; memory is one page.</li>
 * </ul>
 *
 * A client is thread-safe; share one per endpoint so that the limits hold across all its callers.
 */
public class GraphClient {

    private static final Logger LOG = LoggerFactory.getLogger(GraphClient.class);
    /** Attachments come base64-encoded inside the item; Graph allows up to 150 MB per attachment. */
    private static final int MAX_STRING_LENGTH = 256 * 1024 * 1024;
    private static final int MAX_ERROR_TEXT = 500;

    private final GraphClientSettings settings;
    private final AccessTokenSource tokens;
    private final HttpClient http;
    private final RetryPolicy retryPolicy;
    private final MailboxGates gates;
    private final ObjectMapper mapper;
    private final URI graphOrigin;

    /** Creates a client; it opens no connection until the first request. */
    public GraphClient(GraphClientSettings settings, AccessTokenSource tokens) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(settings.httpVersion())
                .connectTimeout(settings.connectTimeout())
                // a redirect could carry the token to another host
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        this.http = builder.build();
        this.retryPolicy = new RetryPolicy(settings.maxRetries(), settings.retryBaseDelay(), settings.retryMaxDelay());
        this.gates = new MailboxGates(settings.maxConcurrentMailboxes(), settings.maxRequestsPerMailbox(),
                settings.clock(), settings.sleeper());
        this.mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH).build());
        this.graphOrigin = URI.create(settings.graphBaseUrl());
    }

    /** The settings this client was built with. */
    public GraphClientSettings settings() {
        return settings;
    }

    /**
     * GETs a Graph collection and every page after it, calling the handler for each item of each page's
     * {@code value}, in order. Paging ends only at a page without {@code @odata.nextLink}.
     *
     * @throws GraphRequestException when a page fails for good (see the class description for what is retried)
     * @throws IOException           what the handler throws, unchanged
     * @throws AccessTokenException  when no access token can be obtained
     */
    public void forEachItem(GraphRequest request, ItemHandler handler) throws IOException {
        forEachItem(request, Integer.MAX_VALUE, handler);
    }

    /**
     * Like {@link #forEachItem(GraphRequest, ItemHandler)}, for a collection known to be short: paging stops with a
     * {@link GraphRequestException} before page {@code maxPages + 1} is requested.
     *
     * @param maxPages how many pages the collection may have, at least 1
     */
    public void forEachItem(GraphRequest request, int maxPages, ItemHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be 1 or more, was " + maxPages);
        }
        GraphRequest page = request;
        int pageNumber = 0;
        while (page != null) {
            pageNumber++;
            if (pageNumber > maxPages) {
                throw new GraphRequestException("GET", page.url(), page.mailbox(), GraphRequestException.NO_RESPONSE,
                        null, "not sent: the collection " + request.url() + " runs to more than " + maxPages
                                + " pages, more than such a collection ever has; paging stopped",
                        0, null, null);
            }
            Exchange exchange = send(page);
            PageResult result = readPage(exchange, page, handler);
            LOG.trace("GET {} page {}: {} items, {} bytes{}", page.url(), pageNumber, result.items(),
                    exchange.body().length, result.nextLink() == null ? ", last page" : "");
            if (result.nextLink() != null && result.nextLink().equals(page.url())) {
                throw invalidResponse(page, exchange, "Graph answered with a nextLink to the same page");
            }
            page = result.nextLink() == null ? null : nextPage(page, exchange, result.nextLink());
        }
    }

    /**
     * GETs a single resource, e.g. {@code /users/{id}/mailboxSettings}.
     *
     * @throws GraphRequestException when the request fails for good
     * @throws AccessTokenException  when no access token can be obtained
     */
    public ObjectNode getObject(GraphRequest request) throws IOException {
        Exchange exchange = send(request);
        JsonNode node;
        try {
            node = mapper.readTree(exchange.body());
        } catch (JsonProcessingException e) {
            throw invalidResponse(request, exchange, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode)) {
            throw invalidResponse(request, exchange, "the body is not a JSON object");
        }
        LOG.trace("GET {}: {} bytes", request.url(), exchange.body().length);
        return (ObjectNode) node;
    }

    /** Sends the request until it succeeds, fails for good or runs out of retries. */
    private Exchange send(GraphRequest request) throws IOException {
        URI uri = graphUri(request);
        int attempts = 0;
        while (true) {
            attempts++;
            String clientRequestId = UUID.randomUUID().toString();
            Failure failure;
            try (MailboxGates.Pass pass = gates.enter(request.mailbox())) {
                HttpResponse<byte[]> response = exchange(request, uri, clientRequestId);
                if (response.statusCode() / 100 != 2) {
                    failure = Failure.of(response, settings.clock().instant(), mapper);
                } else {
                    String problem = jsonProblem(response.body());
                    if (problem == null) {
                        return new Exchange(response.statusCode(), response.body(), attempts, requestId(response));
                    }
                    // a body cut short can arrive as if complete (a chunked stream closed early): retry it all the same
                    failure = Failure.unreadableBody(response, problem);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(request);
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                failure = Failure.of(e);
            } catch (IOException e) {
                failure = Failure.of(e);
            }

            Duration delay = retryPolicy.delay(attempts, failure.retryAfter());
            if (failure.status() == 429) {
                // Graph throttles the mailbox, not this request: every request to it waits, retried or not
                gates.pause(request.mailbox(), settings.clock().instant().plus(delay));
            }
            if (!failure.isRetriable() || !retryPolicy.hasMoreRetries(attempts)) {
                throw failure.toException(request, attempts, clientRequestId);
            }
            LOG.debug("GET {}{} got {}; retry {} of {} in {} ms{}", request.url(),
                    request.mailbox() == null ? "" : " for user " + request.mailbox(), failure.summary(), attempts,
                    settings.maxRetries(), delay.toMillis(),
                    failure.retryAfter() == null ? "" : " (Retry-After " + failure.retryAfter().toMillis() + " ms)");
            try {
                settings.sleeper().sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(request);
            }
        }
    }

    /**
     * Why a successful response's body is not one complete JSON object, or null when it is. Checked before any item
     * is handed over, so that a retry never hands over an item twice.
     */
    private String jsonProblem(byte[] body) {
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "the body is not a JSON object";
            }
            parser.skipChildren();
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return "the body holds more than one JSON value";
            }
            return null;
        } catch (IOException e) {
            return "the body is not complete JSON (" + body.length + " bytes): "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage());
        }
    }

    /** One attempt; the body is read completely, within the request timeout. */
    private HttpResponse<byte[]> exchange(GraphRequest request, URI uri, String clientRequestId) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + tokens.accessToken(settings.tokenScope()))
                .header("Accept", "application/json")
                .header("User-Agent", settings.userAgent())
                .header("client-request-id", clientRequestId);
        request.headers().forEach(builder::header);

        CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            return future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response within " + settings.requestTimeout().toMillis()
                    + " ms (requestTimeout)");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw interrupted(request);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
    }

    /** The request's URL as a URI, exactly as given; refused when it is not on the Graph base URL. */
    private URI graphUri(GraphRequest request) throws GraphRequestException {
        URI uri = URI.create(request.url());
        if (!sameOrigin(uri, graphOrigin)) {
            throw new GraphRequestException("GET", request.url(), request.mailbox(), GraphRequestException.NO_RESPONSE,
                    null, "not sent: the URL is not on the Graph base URL " + settings.graphBaseUrl()
                            + ", the only place the access token is sent to",
                    0, null, null);
        }
        return uri;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    /** Streams through one page, handing each item of {@code value} to the handler. */
    private PageResult readPage(Exchange exchange, GraphRequest request, ItemHandler handler) throws IOException {
        String nextLink = null;
        boolean sawValue = false;
        int items = 0;
        try (JsonParser parser = mapper.getFactory().createParser(exchange.body())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalidResponse(request, exchange, "the body is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("value".equals(field) && token == JsonToken.START_ARRAY) {
                    sawValue = true;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        ObjectNode item = parser.readValueAsTree();
                        items++;
                        try {
                            handler.handle(item);
                        } catch (IOException e) {
                            throw new HandlerFailure(e);
                        }
                    }
                    if (parser.currentToken() != JsonToken.END_ARRAY) {
                        throw invalidResponse(request, exchange, "item " + (items + 1) + " of value is not an object");
                    }
                } else if ("@odata.nextLink".equals(field) && token == JsonToken.VALUE_STRING) {
                    nextLink = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (HandlerFailure e) {
            throw e.failure;
        } catch (JsonProcessingException e) {
            throw invalidResponse(request, exchange, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!sawValue) {
            throw invalidResponse(request, exchange, "the body is not a collection (no value array)");
        }
        return new PageResult(items, nextLink);
    }

    /** The request for the page a nextLink names; a nextLink that is no URL fails the request it came with. */
    private static GraphRequest nextPage(GraphRequest page, Exchange exchange, String nextLink)
            throws GraphRequestException {
        try {
            return page.withUrl(nextLink);
        } catch (IllegalArgumentException e) {
            throw invalidResponse(page, exchange, "the nextLink is not an absolute URL: " + e.getMessage());
        }
    }

    private static GraphRequestException invalidResponse(GraphRequest request, Exchange exchange, String problem) {
        return new GraphRequestException("GET", request.url(), request.mailbox(), exchange.status(), null,
                "unusable response: " + problem, exchange.attempts(), exchange.requestId(), null);
    }

    private static InterruptedIOException interrupted(GraphRequest request) {
        return new InterruptedIOException("interrupted while waiting for GET " + request.url());
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("request-id").orElse(null);
    }

    /** A successful response: status, the whole body, how many attempts it took. */
    private record Exchange(int status, byte[] body, int attempts, String requestId) {
    }

    private record PageResult(int items, String nextLink) {
    }

    /** Carries a handler's exception out of the parsing loop, so that it is not mistaken for a parse error. */
    private static final class HandlerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient IOException failure;

        HandlerFailure(IOException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    /** Why one attempt failed: an error response (with Graph's error code and message) or an I/O error. */
    private record Failure(int status, String errorCode, String message, String requestId, Duration retryAfter,
            IOException ioFailure) {

        static Failure of(HttpResponse<byte[]> response, Instant now, ObjectMapper mapper) {
            Duration retryAfter = response.headers().firstValue("Retry-After")
                    .flatMap(value -> RetryPolicy.parseRetryAfter(value, now))
                    .orElse(null);
            byte[] body = response.body();
            String code = null;
            String message = null;
            String id = GraphClient.requestId(response);
            try {
                JsonNode error = mapper.readTree(body).path("error");
                code = textOrNull(error.path("code"));
                message = textOrNull(error.path("message"));
                if (id == null) {
                    id = textOrNull(error.path("innerError").path("request-id"));
                }
            } catch (IOException | RuntimeException e) {
                // not Graph's JSON error body: a gateway's HTML page, or nothing; shown as text below
            }
            if (code == null && message == null && body != null && body.length > 0) {
                message = abbreviate(new String(body, StandardCharsets.UTF_8));
            }
            return new Failure(response.statusCode(), code, message, id, retryAfter, null);
        }

        static Failure of(IOException e) {
            return new Failure(GraphRequestException.NO_RESPONSE, null, e.toString(), null, null, e);
        }

        static Failure unreadableBody(HttpResponse<byte[]> response, String problem) {
            return new Failure(response.statusCode(), null, problem, GraphClient.requestId(response), null,
                    new IOException(problem));
        }

        boolean isRetriable() {
            return ioFailure != null ? RetryPolicy.isRetriable(ioFailure) : RetryPolicy.isRetriable(status);
        }

        String summary() {
            if (status == GraphRequestException.NO_RESPONSE) {
                return "no response (" + ioFailure + ")";
            }
            String answer = errorCode == null ? String.valueOf(status) : status + " " + errorCode;
            return ioFailure == null ? answer : answer + " (" + message + ")";
        }

        GraphRequestException toException(GraphRequest request, int attempts, String clientRequestId) {
            return new GraphRequestException("GET", request.url(), request.mailbox(), status, errorCode, message,
                    attempts, requestId != null ? requestId : clientRequestId, ioFailure);
        }

        private static String textOrNull(JsonNode node) {
            return node.isValueNode() && !node.asText().isEmpty() ? node.asText() : null;
        }

        private static String abbreviate(String text) {
            String flat = text.replaceAll("\\s+", " ").strip();
            return flat.length() <= MAX_ERROR_TEXT ? flat : flat.substring(0, MAX_ERROR_TEXT) + "...";
        }
    }

    @Override
    public String toString() {
        return "GraphClient[" + settings.graphBaseUrl() + "]";
    }
}
