package io.github.cameloffice365.simulator.dfs;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.cameloffice365.simulator.identity.TokenIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subset of Azure Data Lake Storage Gen2 (the {@code dfs} endpoint) that the ADLS Gen2 sink uses, for one storage
 * account, addressed IP-style: {@code https://127.0.0.1:PORT/<account>/<filesystem>/<path>}. Azurite has no dfs
 * endpoint, so the sink is tested against this.
 *
 * <p>
 * It serves: create filesystem, filesystem properties, list paths, create path (file or directory, with the
 * conditional headers), append at a position, flush at a position (the position and conditional-header rules below),
 * read (whole or a range) and path properties, and answers errors with the service's status, error code, {@code
 * x-ms-error-code} header and body (JSON for dfs operations, XML for the Blob operations the Azure SDK sends to the same
 * account for reads, properties and container creation). Anything else is answered with 501 {@code
 * NotImplementedBySimulator}.
 *
 * <p>
 * Position rules, as the service documents them: appended data stays uncommitted until a flush; an append may land at
 * any position at or after the committed length, and an append at a position that already holds uncommitted data
 * replaces it (so a retried append does not duplicate bytes); a flush at position P commits the uploaded data only if
 * it covers the committed length up to P contiguously, else 400 {@code InvalidFlushPosition}; a flush with a body is
 * 400 {@code ContentLengthMustBeZero}; {@code retainUncommittedData=false} discards uploaded data beyond P. Positions
 * and lengths are byte counts.
 *
 * <p>
 * Every request must carry a Microsoft Entra bearer token for the storage audience; with a token issuer (the Graph
 * simulator's) the token's signature is checked too. Tests script faults ({@link DfsFault}) and read back every request ({@link #requests()}).
 * File content is kept in files under a working folder, so the simulator holds files of any size in a small heap.
 *
 * <p>
 * It is an {@link HttpHandler} for the path prefix {@link #pathPrefix()}: mount it on any {@code HttpServer} or
 * {@code HttpsServer}, or let {@link DfsServer} serve it. On the Graph simulator, whose token endpoint issues the
 * storage tokens:
 *
 * <pre>{@code
 * DfsSimulator dfs = DfsSimulator.builder("lakeaccount").build();
 * GraphSimulator graph = GraphSimulator.builder()
 *         .handler(dfs.pathPrefix() + "/", (GraphSimulator simulator) -> dfs.signedBy(simulator.tokenIssuer()))
 *         .start();
 * String endpoint = graph.baseUrl() + dfs.pathPrefix();   // https://127.0.0.1:PORT/lakeaccount
 * }</pre>
 */
public final class DfsSimulator implements HttpHandler, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DfsSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Dates as the service writes them: always two-digit days ({@code Fri, 04 Dec 2026 16:32:56 GMT}). */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP_DATE_PARSER = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final String SERVICE_VERSION = "2025-01-05";
    private static final int MAX_RECORDED_REQUESTS = 10_000;
    private static final int DEFAULT_MAX_RESULTS = 5000;

    private final String accountName;
    private final String pathPrefix;
    private final String tenantId;
    private final DfsStore store;
    private volatile BearerTokenCheck tokenCheck;
    private final Clock clock;
    private final List<FaultState> faults = new ArrayList<>();
    private final Deque<DfsRequest> requests = new ArrayDeque<>();

    private DfsSimulator(Builder builder) throws IOException {
        this.accountName = builder.accountName;
        this.pathPrefix = "/" + builder.accountName;
        this.tenantId = builder.tenantId;
        this.clock = builder.clock;
        Path root = builder.workingDirectory != null
                ? Files.createDirectories(builder.workingDirectory)
                : Files.createTempDirectory("dfs-simulator-");
        this.store = new DfsStore(root, clock);
        this.tokenCheck = new BearerTokenCheck(accountName, builder.issuer, clock);
    }

    /** A simulator for the storage account {@code accountName}. */
    public static Builder builder(String accountName) {
        return new Builder(accountName);
    }

    /** The storage account name, the first segment of every path. */
    public String accountName() {
        return accountName;
    }

    /** The path prefix to mount the handler on: {@code /<account>}. */
    public String pathPrefix() {
        return pathPrefix;
    }

    /**
     * From now on, checks the signature of every token with this issuer's key; returns this simulator, so that it can
     * be handed to the Graph simulator's handler factory.
     */
    public DfsSimulator signedBy(TokenIssuer tokenIssuer) {
        this.tokenCheck = new BearerTokenCheck(accountName, Objects.requireNonNull(tokenIssuer, "tokenIssuer"), clock);
        return this;
    }

    /** The audiences a token may carry to be accepted. */
    public List<String> acceptedAudiences() {
        return tokenCheck.acceptedAudiences();
    }

    /** Adds a fault; faults fire in the order they were added. */
    public void inject(DfsFault fault) {
        synchronized (faults) {
            faults.add(new FaultState(Objects.requireNonNull(fault, "fault")));
        }
    }

    /** Removes every fault. */
    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    /** The requests answered so far, oldest first (the last 10,000). */
    public List<DfsRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /** Deletes every filesystem and the working folder. */
    @Override
    public void close() {
        store.close();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String fullPath = exchange.getRequestURI().getPath();
        String rawQuery = Objects.toString(exchange.getRequestURI().getRawQuery(), "");
        String path = fullPath.startsWith(pathPrefix) ? fullPath.substring(pathPrefix.length()) : fullPath;
        Map<String, String> query = parseQuery(rawQuery);
        DfsOperation operation = classify(method, path, query);
        boolean jsonErrors = query.containsKey("resource") || query.containsKey("action");
        String requestId = UUID.randomUUID().toString();
        Headers responseHeaders = exchange.getResponseHeaders();
        responseHeaders.set("x-ms-request-id", requestId);
        responseHeaders.set("x-ms-version", SERVICE_VERSION);
        String clientRequestId = exchange.getRequestHeaders().getFirst("x-ms-client-request-id");
        if (clientRequestId != null) {
            responseHeaders.set("x-ms-client-request-id", clientRequestId);
        }
        int status;
        try (exchange) {
            try {
                if (!fullPath.equals(pathPrefix) && !fullPath.startsWith(pathPrefix + "/")) {
                    throw new DfsError(400, "InvalidUri", "The request URI is invalid.",
                            "This simulator serves the account " + accountName + " at " + pathPrefix);
                }
                tokenCheck.check(exchange.getRequestHeaders().getFirst("Authorization"), query.containsKey("sig"));
                FaultState fault = nextFault(operation);
                if (fault != null && fault.fault.kind() == DfsFault.Kind.FAIL_BEFORE_APPLYING) {
                    throw new DfsError(fault.fault.status(), fault.fault.errorCode(), "Fault injected by the test.");
                }
                Response response = perform(operation, method, path, query, exchange);
                if (fault != null) {
                    // the request took effect; its answer is lost on the way back
                    LOG.debug("Dropping the response to {} {} after applying it", method, fullPath);
                    record(method, path, rawQuery, operation, 0);
                    return;
                }
                status = response.send(exchange);
            } catch (DfsError error) {
                status = sendError(exchange, error, requestId, jsonErrors, method);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Request {} {} ended with {}", method, fullPath, e.toString());
            record(method, path, rawQuery, operation, 0);
            throw e;
        }
        record(method, path, rawQuery, operation, status);
    }

    private Response perform(DfsOperation operation, String method, String path, Map<String, String> query,
                             HttpExchange exchange) throws IOException {
        String fileSystem = fileSystemOf(path);
        String name = nameOf(path);
        Headers in = exchange.getRequestHeaders();
        return switch (operation) {
            case CREATE_FILESYSTEM -> {
                DfsStore.FileSystemSnapshot created = store.createFileSystem(fileSystem, "container".equals(query.get("restype")));
                yield Response.empty(201).etag(created.etag(), created.lastModified()).header("x-ms-namespace-enabled", "true");
            }
            case GET_FILESYSTEM_PROPERTIES -> {
                DfsStore.FileSystemSnapshot snapshot = store.fileSystem(fileSystem, "container".equals(query.get("restype")));
                yield Response.empty(200).etag(snapshot.etag(), snapshot.lastModified())
                        .header("x-ms-namespace-enabled", "true")
                        .header("x-ms-lease-state", "available").header("x-ms-lease-status", "unlocked")
                        .header("x-ms-has-immutability-policy", "false").header("x-ms-has-legal-hold", "false");
            }
            case LIST_PATHS -> listPaths(fileSystem, query);
            case CREATE_PATH -> {
                refuseLease(in);
                if (query.containsKey("mode") || in.containsKey("x-ms-rename-source")) {
                    throw DfsError.unsupported("Path - Create with mode or x-ms-rename-source (rename)");
                }
                String resource = query.get("resource");
                if (!"file".equals(resource) && !"directory".equals(resource)) {
                    throw DfsError.invalidQueryParameter("resource", resource);
                }
                DfsStore.PathSnapshot created = store.createPath(fileSystem, name, "directory".equals(resource), conditions(in));
                yield Response.empty(201).etag(created.etag(), created.lastModified())
                        .header("x-ms-request-server-encrypted", "true");
            }
            case APPEND -> append(fileSystem, name, query, exchange);
            case FLUSH -> {
                refuseLease(in);
                long position = position(query);
                if (contentLength(in, 0) != 0) {
                    throw new DfsError(400, "ContentLengthMustBeZero", "The Content-Length request header must be zero.");
                }
                DfsStore.PathSnapshot flushed = store.flush(fileSystem, name, position,
                        Boolean.parseBoolean(query.get("retainUncommittedData")), conditions(in),
                        in.getFirst("x-ms-content-type"));
                yield Response.empty(200).etag(flushed.etag(), flushed.lastModified())
                        .header("x-ms-request-server-encrypted", "true");
            }
            case GET_PROPERTIES -> {
                DfsStore.PathSnapshot snapshot = store.properties(fileSystem, name, !query.containsKey("action"));
                yield Response.empty(200).pathHeaders(snapshot).contentLength(snapshot.directory() ? 0 : snapshot.length());
            }
            case READ -> read(fileSystem, name, in);
            case UNSUPPORTED -> throw DfsError.unsupported(method + " " + path + (query.isEmpty() ? "" : "?" + query.keySet()));
        };
    }

    private Response append(String fileSystem, String name, Map<String, String> query, HttpExchange exchange)
            throws IOException {
        Headers in = exchange.getRequestHeaders();
        refuseLease(in);
        long position = position(query);
        long length = contentLength(in, -1);
        if (length < 0) {
            throw new DfsError(411, "MissingContentLengthHeader", "Content-Length HTTP header is missing.");
        }
        store.checkAppendable(fileSystem, name, position);
        try (InputStream body = exchange.getRequestBody()) {
            store.append(fileSystem, name, position, length, body);
        }
        if (Boolean.parseBoolean(query.get("flush"))) {
            DfsStore.PathSnapshot flushed = store.flush(fileSystem, name, position + length, false,
                    DfsStore.Conditions.NONE, null);
            return Response.empty(200).etag(flushed.etag(), flushed.lastModified())
                    .header("x-ms-request-server-encrypted", "true");
        }
        return Response.empty(202).header("x-ms-request-server-encrypted", "true");
    }

    private Response listPaths(String fileSystem, Map<String, String> query) throws IOException {
        String recursive = query.get("recursive");
        if (recursive == null) {
            throw DfsError.missingQueryParameter("recursive");
        }
        int maxResults = DEFAULT_MAX_RESULTS;
        if (query.containsKey("maxResults")) {
            try {
                maxResults = Integer.parseInt(query.get("maxResults"));
            } catch (NumberFormatException e) {
                throw DfsError.invalidQueryParameter("maxResults", query.get("maxResults"));
            }
            if (maxResults < 1) {
                throw DfsError.invalidQueryParameter("maxResults", query.get("maxResults"));
            }
        }
        List<DfsStore.PathSnapshot> paths = store.list(fileSystem, query.get("directory"), Boolean.parseBoolean(recursive));
        int start = 0;
        String continuation = query.get("continuation");
        if (continuation != null) {
            String after = new String(Base64.getDecoder().decode(continuation), StandardCharsets.UTF_8);
            while (start < paths.size() && paths.get(start).name().compareTo(after) <= 0) {
                start++;
            }
        }
        int end = Math.min(paths.size(), start + maxResults);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("paths");
        for (DfsStore.PathSnapshot path : paths.subList(start, end)) {
            ObjectNode item = items.addObject();
            item.put("name", path.name());
            if (path.directory()) {
                item.put("isDirectory", "true");
            }
            item.put("lastModified", HTTP_DATE.format(path.lastModified()));
            item.put("etag", path.etag().replace("\"", ""));
            item.put("contentLength", Long.toString(path.length()));
            item.put("owner", "$superuser");
            item.put("group", "$superuser");
            item.put("permissions", path.directory() ? "rwxr-x---" : "rw-r-----");
            item.put("creationTime", Long.toString(path.created().toEpochMilli() * 10_000 + 116_444_736_000_000_000L));
        }
        Response response = Response.json(200, JSON.writeValueAsBytes(body));
        if (end < paths.size()) {
            response.header("x-ms-continuation", Base64.getEncoder()
                    .encodeToString(paths.get(end - 1).name().getBytes(StandardCharsets.UTF_8)));
        }
        return response;
    }

    private Response read(String fileSystem, String name, Headers in) throws IOException {
        DfsStore.PathSnapshot snapshot = store.properties(fileSystem, name, true);
        if (snapshot.directory()) {
            return Response.empty(200).pathHeaders(snapshot).contentLength(0);
        }
        String range = in.getFirst("x-ms-range") != null ? in.getFirst("x-ms-range") : in.getFirst("Range");
        long length = snapshot.length();
        if (range == null) {
            return Response.stream(200, store.open(fileSystem, name, 0, true), length).pathHeaders(snapshot);
        }
        long[] bounds = parseRange(range);
        if (bounds[0] >= length) {
            throw new DfsError(416, "InvalidRange", "The range specified is invalid for the current size of the resource.")
                    .withContentRange("bytes */" + length);
        }
        long last = bounds[1] < 0 ? length - 1 : Math.min(bounds[1], length - 1);
        long count = last - bounds[0] + 1;
        return Response.stream(206, store.open(fileSystem, name, bounds[0], true), count).pathHeaders(snapshot)
                .header("Content-Range", "bytes " + bounds[0] + "-" + last + "/" + length);
    }

    private static long[] parseRange(String range) {
        String value = range.trim();
        if (!value.startsWith("bytes=") || value.contains(",")) {
            throw DfsError.invalidHeader("Range", range);
        }
        String[] bounds = value.substring("bytes=".length()).split("-", -1);
        try {
            long first = Long.parseLong(bounds[0]);
            long last = bounds.length > 1 && !bounds[1].isEmpty() ? Long.parseLong(bounds[1]) : -1;
            if (first < 0 || (last >= 0 && last < first)) {
                throw DfsError.invalidHeader("Range", range);
            }
            return new long[] {first, last};
        } catch (NumberFormatException e) {
            throw DfsError.invalidHeader("Range", range);
        }
    }

    private static DfsOperation classify(String method, String path, Map<String, String> query) {
        boolean fileSystemLevel = path.length() > 1 && path.indexOf('/', 1) < 0;
        boolean pathLevel = path.length() > 1 && path.indexOf('/', 1) > 0 && path.indexOf('/', 1) < path.length() - 1;
        if (fileSystemLevel) {
            boolean dfs = "filesystem".equals(query.get("resource"));
            boolean blob = "container".equals(query.get("restype")) && !query.containsKey("comp");
            if ("PUT".equals(method) && (dfs || blob)) {
                return DfsOperation.CREATE_FILESYSTEM;
            }
            if ("HEAD".equals(method) && (dfs || blob) || "GET".equals(method) && blob) {
                return DfsOperation.GET_FILESYSTEM_PROPERTIES;
            }
            if ("GET".equals(method) && dfs) {
                return DfsOperation.LIST_PATHS;
            }
            return DfsOperation.UNSUPPORTED;
        }
        if (pathLevel) {
            String action = query.get("action");
            switch (method) {
                case "PUT":
                    return query.containsKey("resource") ? DfsOperation.CREATE_PATH : DfsOperation.UNSUPPORTED;
                case "PATCH":
                    if ("append".equals(action)) {
                        return DfsOperation.APPEND;
                    }
                    return "flush".equals(action) ? DfsOperation.FLUSH : DfsOperation.UNSUPPORTED;
                case "HEAD":
                    return action == null || "getStatus".equals(action) ? DfsOperation.GET_PROPERTIES : DfsOperation.UNSUPPORTED;
                case "GET":
                    return query.containsKey("comp") || query.containsKey("resource") ? DfsOperation.UNSUPPORTED
                            : DfsOperation.READ;
                default:
                    return DfsOperation.UNSUPPORTED;
            }
        }
        return DfsOperation.UNSUPPORTED;
    }

    private FaultState nextFault(DfsOperation operation) {
        synchronized (faults) {
            for (FaultState state : faults) {
                if (state.fault.operation() == operation && state.matches()) {
                    return state;
                }
            }
            return null;
        }
    }

    private static DfsStore.Conditions conditions(Headers in) {
        return new DfsStore.Conditions(in.getFirst("If-Match"), in.getFirst("If-None-Match"),
                httpDate(in, "If-Modified-Since"), httpDate(in, "If-Unmodified-Since"));
    }

    private static Instant httpDate(Headers in, String name) {
        String value = in.getFirst(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.from(HTTP_DATE_PARSER.parse(value));
        } catch (DateTimeParseException e) {
            throw DfsError.invalidHeader(name, value);
        }
    }

    private static void refuseLease(Headers in) {
        if (in.containsKey("x-ms-lease-id")) {
            throw new DfsError(412, "LeaseNotPresent", "There is currently no lease on the resource.");
        }
    }

    private static long position(Map<String, String> query) {
        String value = query.get("position");
        if (value == null) {
            throw DfsError.missingQueryParameter("position");
        }
        try {
            long position = Long.parseLong(value);
            if (position < 0) {
                throw DfsError.invalidQueryParameter("position", value);
            }
            return position;
        } catch (NumberFormatException e) {
            throw DfsError.invalidQueryParameter("position", value);
        }
    }

    private static long contentLength(Headers in, long absent) {
        String value = in.getFirst("Content-Length");
        if (value == null) {
            return absent;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw DfsError.invalidHeader("Content-Length", value);
        }
    }

    private static String fileSystemOf(String path) {
        int slash = path.indexOf('/', 1);
        return slash < 0 ? path.substring(1) : path.substring(1, slash);
    }

    private static String nameOf(String path) {
        int slash = path.indexOf('/', 1);
        String name = slash < 0 ? "" : path.substring(slash + 1);
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    private int sendError(HttpExchange exchange, DfsError error, String requestId, boolean json, String method)
            throws IOException {
        Headers out = exchange.getResponseHeaders();
        out.set("x-ms-error-code", error.code());
        if (error.contentRange() != null) {
            out.set("Content-Range", error.contentRange());
        }
        if (error.status() == 401 && tenantId != null) {
            out.set("WWW-Authenticate", "Bearer authorization_uri=https://login.microsoftonline.com/" + tenantId
                                        + "/oauth2/authorize resource_id=https://storage.azure.com");
        }
        String message = error.getMessage() + "\nRequestId:" + requestId + "\nTime:"
                         + DateTimeFormatter.ISO_INSTANT.format(clock.instant())
                         + (error.detail() == null ? "" : "\n" + error.detail());
        byte[] body;
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode inner = root.putObject("error");
            inner.put("code", error.code());
            inner.put("message", message);
            body = JSON.writeValueAsBytes(root);
            out.set("Content-Type", "application/json;charset=utf-8");
        } else {
            body = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + xml(error.code()) + "</Code><Message>"
                    + xml(message) + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
            out.set("Content-Type", "application/xml");
        }
        if ("HEAD".equals(method)) {
            exchange.sendResponseHeaders(error.status(), -1);
        } else {
            exchange.sendResponseHeaders(error.status(), body.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        }
        return error.status();
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void record(String method, String path, String query, DfsOperation operation, int status) {
        synchronized (requests) {
            if (requests.size() == MAX_RECORDED_REQUESTS) {
                requests.removeFirst();
            }
            requests.addLast(new DfsRequest(method, path, query, operation, status));
        }
    }

    private static final class FaultState {
        final DfsFault fault;
        int seen;

        FaultState(DfsFault fault) {
            this.fault = fault;
        }

        boolean matches() {
            seen++;
            return seen > fault.skip() && seen <= fault.skip() + fault.times();
        }
    }

    /** An answer to send: status, headers and a body of known length. */
    private static final class Response {
        private final int status;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final InputStream body;
        private final long length;

        private Response(int status, InputStream body, long length) {
            this.status = status;
            this.body = body;
            this.length = length;
        }

        static Response empty(int status) {
            return new Response(status, null, 0);
        }

        static Response json(int status, byte[] body) {
            Response response = new Response(status, new java.io.ByteArrayInputStream(body), body.length);
            response.header("Content-Type", "application/json;charset=utf-8");
            return response;
        }

        static Response stream(int status, InputStream body, long length) {
            return new Response(status, body, length);
        }

        Response header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Response etag(String etag, Instant lastModified) {
            return header("ETag", etag).header("Last-Modified", HTTP_DATE.format(lastModified));
        }

        Response contentLength(long value) {
            return header("Content-Length", Long.toString(value));
        }

        Response pathHeaders(DfsStore.PathSnapshot path) {
            etag(path.etag(), path.lastModified());
            header("x-ms-resource-type", path.directory() ? "directory" : "file");
            header("x-ms-creation-time", HTTP_DATE.format(path.created()));
            header("x-ms-blob-type", "BlockBlob");
            header("x-ms-lease-state", "available");
            header("x-ms-lease-status", "unlocked");
            header("x-ms-server-encrypted", "true");
            header("Accept-Ranges", "bytes");
            header("Content-Type", path.contentType() != null ? path.contentType() : "application/octet-stream");
            if (path.directory()) {
                header("x-ms-meta-hdi_isfolder", "true");
            }
            return this;
        }

        int send(HttpExchange exchange) throws IOException {
            headers.forEach(exchange.getResponseHeaders()::set);
            if (body == null || "HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
                if (body != null) {
                    body.close();
                }
                if (!headers.containsKey("Content-Length")) {
                    exchange.getResponseHeaders().set("Content-Length", "0");
                }
                exchange.sendResponseHeaders(status, -1);
                return status;
            }
            try (InputStream in = body) {
                if (length == 0) {
                    exchange.sendResponseHeaders(status, -1);
                    return status;
                }
                exchange.sendResponseHeaders(status, length);
                try (OutputStream out = exchange.getResponseBody()) {
                    byte[] buffer = new byte[64 * 1024];
                    long left = length;
                    while (left > 0) {
                        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (read < 0) {
                            throw new UncheckedIOException(new IOException("The stored file ended early"));
                        }
                        out.write(buffer, 0, read);
                        left -= read;
                    }
                }
            }
            return status;
        }
    }

    /** Builds a {@link DfsSimulator}. */
    public static final class Builder {
        private final String accountName;
        private TokenIssuer issuer;
        private String tenantId;
        private Clock clock = Clock.systemUTC();
        private Path workingDirectory;

        private Builder(String accountName) {
            if (accountName == null || !accountName.matches("[a-z0-9]{3,24}")) {
                throw new IllegalArgumentException("The storage account name must be 3 to 24 lowercase letters or digits,"
                                                   + " got " + accountName);
            }
            this.accountName = accountName;
        }

        /** Checks the signature of every token with this issuer's key (the Graph simulator's token issuer). */
        public Builder signedBy(TokenIssuer tokenIssuer) {
            this.issuer = tokenIssuer;
            return this;
        }

        /** The account's Entra tenant, named in the {@code WWW-Authenticate} challenge of a 401 as the service does. */
        public Builder tenantId(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /** The clock of token lifetimes and Last-Modified times. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where file content is kept; a new temporary folder by default. It is deleted on close. */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory;
            return this;
        }

        public DfsSimulator build() {
            try {
                return new DfsSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create the simulator's working folder", e);
            }
        }
    }
}
