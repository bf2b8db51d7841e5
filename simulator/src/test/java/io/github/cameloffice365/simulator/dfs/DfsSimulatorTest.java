package io.github.cameloffice365.simulator.dfs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dfs subset over raw HTTP: the position rules, conditional headers, error bodies, tokens and faults. */
class DfsSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger FILE_SYSTEMS = new AtomicInteger();

    private DfsServer server;
    private HttpClient http;
    private String token;
    private String fileSystem;

    @BeforeEach
    void start() throws Exception {
        server = DfsServer.http(DfsSimulator.builder("lakeaccount").build());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        token = token("https://storage.azure.com");
        fileSystem = "fs" + FILE_SYSTEMS.incrementAndGet();
        assertThat(send("PUT", "/" + fileSystem + "?resource=filesystem", null).statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldCommitAppendedBytesWhenFlushedAtTheirUtf8Length() throws Exception {
        String path = createFile("table/run/part-0-0-0.json");
        byte[] first = "{\"a\":\"hello\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"a\":\"wörld€\"}\n".getBytes(StandardCharsets.UTF_8);

        assertThat(send("PATCH", path + "?action=append&position=0", first).statusCode()).isEqualTo(202);
        assertThat(send("PATCH", path + "?action=append&position=" + first.length, second).statusCode()).isEqualTo(202);
        HttpResponse<byte[]> flush = send("PATCH", path + "?action=flush&position=" + (first.length + second.length), null);

        assertThat(flush.statusCode()).isEqualTo(200);
        assertThat(flush.headers().firstValue("ETag")).isPresent();
        assertThat(flush.headers().firstValue("Last-Modified")).hasValueSatisfying(date ->
                assertThat(date).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"));
        assertThat(new String(send("GET", path, null).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":\"hello\"}\n{\"a\":\"wörld€\"}\n");
        assertThat(send("HEAD", path, null).headers().firstValue("Content-Length")).hasValue(
                Integer.toString(first.length + second.length));
    }

    @Test
    void shouldRefuseAFlushPositionCountedInCharactersInsteadOfBytes() throws Exception {
        String path = createFile("p.json");
        String row = "{\"name\":\"Zoë\"}\n";
        send("PATCH", path + "?action=append&position=0", row.getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> flush = send("PATCH", path + "?action=flush&position=" + row.length(), null);

        assertThat(flush.statusCode()).isEqualTo(400);
        assertThat(flush.headers().firstValue("x-ms-error-code")).hasValue("InvalidFlushPosition");
        assertThat(errorJson(flush).path("error").path("code").asText()).isEqualTo("InvalidFlushPosition");
        assertThat(send("HEAD", path, null).headers().firstValue("Content-Length")).hasValue("0");
    }

    @Test
    void shouldKeepOneCopyWhenTheSameAppendIsSentTwice() throws Exception {
        String path = createFile("p.json");
        byte[] rows = "{\"r\":1}\n{\"r\":2}\n".getBytes(StandardCharsets.UTF_8);

        send("PATCH", path + "?action=append&position=0", rows);
        send("PATCH", path + "?action=append&position=0", rows);
        HttpResponse<byte[]> flush = send("PATCH", path + "?action=flush&position=" + rows.length, null);

        assertThat(flush.statusCode()).isEqualTo(200);
        assertThat(send("GET", path, null).body()).isEqualTo(rows);
    }

    @Test
    void shouldAcceptAppendsThatArriveOutOfOrder() throws Exception {
        String path = createFile("p.json");

        send("PATCH", path + "?action=append&position=4", "5678".getBytes(StandardCharsets.UTF_8));
        send("PATCH", path + "?action=append&position=0", "1234".getBytes(StandardCharsets.UTF_8));

        assertThat(send("PATCH", path + "?action=flush&position=8", null).statusCode()).isEqualTo(200);
        assertThat(new String(send("GET", path, null).body(), StandardCharsets.UTF_8)).isEqualTo("12345678");
    }

    @Test
    void shouldRefuseAFlushOverAGapInTheUploadedData() throws Exception {
        String path = createFile("p.json");
        send("PATCH", path + "?action=append&position=0", "1234".getBytes(StandardCharsets.UTF_8));
        send("PATCH", path + "?action=append&position=6", "78".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> flush = send("PATCH", path + "?action=flush&position=8", null);

        assertThat(flush.statusCode()).isEqualTo(400);
        assertThat(flush.headers().firstValue("x-ms-error-code")).hasValue("InvalidFlushPosition");
    }

    @Test
    void shouldRefuseAnAppendBeforeTheCommittedLength() throws Exception {
        String path = createFile("p.json");
        send("PATCH", path + "?action=append&position=0", "1234".getBytes(StandardCharsets.UTF_8));
        send("PATCH", path + "?action=flush&position=4", null);

        HttpResponse<byte[]> append = send("PATCH", path + "?action=append&position=2", "xx".getBytes(StandardCharsets.UTF_8));

        assertThat(append.statusCode()).isEqualTo(400);
        assertThat(append.headers().firstValue("x-ms-error-code")).hasValue("InvalidFlushPosition");
        assertThat(new String(send("GET", path, null).body(), StandardCharsets.UTF_8)).isEqualTo("1234");
    }

    @Test
    void shouldDiscardUploadedDataBeyondTheFlushPositionUnlessRetained() throws Exception {
        String path = createFile("p.json");
        send("PATCH", path + "?action=append&position=0", "1234".getBytes(StandardCharsets.UTF_8));
        send("PATCH", path + "?action=append&position=4", "5678".getBytes(StandardCharsets.UTF_8));

        send("PATCH", path + "?action=flush&position=4&retainUncommittedData=true", null);
        assertThat(send("PATCH", path + "?action=flush&position=8", null).statusCode()).isEqualTo(200);

        send("PATCH", path + "?action=append&position=8", "9".getBytes(StandardCharsets.UTF_8));
        send("PATCH", path + "?action=flush&position=8", null);
        assertThat(send("PATCH", path + "?action=flush&position=9", null).statusCode()).isEqualTo(400);
        assertThat(new String(send("GET", path, null).body(), StandardCharsets.UTF_8)).isEqualTo("12345678");
    }

    @Test
    void shouldRefuseAFlushThatCarriesABody() throws Exception {
        String path = createFile("p.json");

        HttpResponse<byte[]> flush = send("PATCH", path + "?action=flush&position=0", "x".getBytes(StandardCharsets.UTF_8));

        assertThat(flush.statusCode()).isEqualTo(400);
        assertThat(flush.headers().firstValue("x-ms-error-code")).hasValue("ContentLengthMustBeZero");
    }

    @Test
    void shouldApplyIfMatchOnFlush() throws Exception {
        String path = createFile("p.json");
        String etag = send("HEAD", path, null).headers().firstValue("ETag").orElseThrow();
        send("PATCH", path + "?action=append&position=0", "12".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> stale = send("PATCH", path + "?action=flush&position=2", null, "If-Match", "\"0x8DD0000000000FFFF\"");
        HttpResponse<byte[]> current = send("PATCH", path + "?action=flush&position=2", null, "If-Match", etag);

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("x-ms-error-code")).hasValue("ConditionNotMet");
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(current.headers().firstValue("ETag")).isPresent().isNotEqualTo(etag);
    }

    @Test
    void shouldApplyIfUnmodifiedSinceOnFlush() throws Exception {
        String path = createFile("p.json");
        String yesterday = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(Instant.now().minus(Duration.ofDays(1)).atZone(java.time.ZoneOffset.UTC));

        HttpResponse<byte[]> flush = send("PATCH", path + "?action=flush&position=0", null, "If-Unmodified-Since", yesterday);

        assertThat(flush.statusCode()).isEqualTo(412);
    }

    @Test
    void shouldRefuseToCreateAnExistingPathWithIfNoneMatchStar() throws Exception {
        String path = createFile("p.json");

        HttpResponse<byte[]> create = send("PUT", path + "?resource=file", null, "If-None-Match", "*");

        assertThat(create.statusCode()).isEqualTo(409);
        assertThat(create.headers().firstValue("x-ms-error-code")).hasValue("PathAlreadyExists");
    }

    @Test
    void shouldEmptyAFileAndDropItsUploadedDataWhenItIsCreatedAgain() throws Exception {
        String path = createFile("p.json");
        send("PATCH", path + "?action=append&position=0", "1234".getBytes(StandardCharsets.UTF_8));
        send("PATCH", path + "?action=flush&position=4", null);
        send("PATCH", path + "?action=append&position=4", "5678".getBytes(StandardCharsets.UTF_8));

        createFile("p.json");

        assertThat(send("HEAD", path, null).headers().firstValue("Content-Length")).hasValue("0");
        assertThat(send("PATCH", path + "?action=flush&position=8", null).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldServeARangeAndRefuseOneBeyondTheEnd() throws Exception {
        String path = createFile("p.json");
        send("PATCH", path + "?action=append&position=0&flush=true", "0123456789".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> range = send("GET", path, null, "x-ms-range", "bytes=2-5");
        HttpResponse<byte[]> beyond = send("GET", path, null, "x-ms-range", "bytes=10-");

        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("2345");
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 2-5/10");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("x-ms-error-code")).hasValue("InvalidRange");
        assertThat(new String(beyond.body(), StandardCharsets.UTF_8)).contains("<Code>InvalidRange</Code>");
    }

    @Test
    void shouldListPathsRecursivelyWithTheirLengths() throws Exception {
        String path = createFile("table/run/part-0-0-0.json");
        send("PATCH", path + "?action=append&position=0&flush=true", "{}\n".getBytes(StandardCharsets.UTF_8));

        JsonNode listing = JSON.readTree(send("GET", "/" + fileSystem + "?resource=filesystem&recursive=true", null).body());

        assertThat(listing.path("paths")).extracting(node -> node.path("name").asText() + ":" + node.path("contentLength").asText())
                .containsExactly("table:0", "table/run:0", "table/run/part-0-0-0.json:3");
        assertThat(listing.path("paths").get(0).path("isDirectory").asText()).isEqualTo("true");
    }

    @Test
    void shouldAnswerAMissingPathWithTheServiceErrorBody() throws Exception {
        HttpResponse<byte[]> append = send("PATCH", "/" + fileSystem + "/missing.json?action=append&position=0",
                "x".getBytes(StandardCharsets.UTF_8));

        assertThat(append.statusCode()).isEqualTo(404);
        assertThat(append.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode error = errorJson(append).path("error");
        assertThat(error.path("code").asText()).isEqualTo("PathNotFound");
        assertThat(error.path("message").asText()).startsWith("The specified path does not exist.\nRequestId:");
    }

    @Test
    void shouldAnswerAMissingFilesystemWithFilesystemNotFound() throws Exception {
        HttpResponse<byte[]> create = send("PUT", "/nosuchfs/p.json?resource=file", null);

        assertThat(create.statusCode()).isEqualTo(404);
        assertThat(create.headers().firstValue("x-ms-error-code")).hasValue("FilesystemNotFound");
    }

    @Test
    void shouldRefuseARequestWithoutAToken() throws Exception {
        token = null;

        HttpResponse<byte[]> response = send("HEAD", "/" + fileSystem + "?resource=filesystem", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("x-ms-error-code")).hasValue("NoAuthenticationInformation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://graph.microsoft.com", "https://management.azure.com", "https://otheraccount.dfs.core.windows.net"})
    void shouldRefuseATokenForAnotherAudience(String audience) throws Exception {
        token = token(audience);

        HttpResponse<byte[]> response = send("PUT", "/" + fileSystem + "/p.json?resource=file", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("x-ms-error-code")).hasValue("InvalidAuthenticationInfo");
        assertThat(errorJson(response).path("error").path("message").asText()).contains("Audience validation failed");
    }

    @Test
    void shouldRefuseAnExpiredToken() throws Exception {
        token = token("https://storage.azure.com", Instant.now().minusSeconds(7200), Instant.now().minusSeconds(60));

        HttpResponse<byte[]> response = send("PUT", "/" + fileSystem + "/p.json?resource=file", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorJson(response).path("error").path("message").asText()).contains("expired");
    }

    @Test
    void shouldRefuseSharedKeyAuthorization() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/" + fileSystem + "?resource=filesystem"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "SharedKey lakeaccount:c2lnbmF0dXJl").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-ms-error-code")).hasValue("AuthorizationFailure");
    }

    @Test
    void shouldApplyAnAppendWhoseResponseIsDroppedSoThatItsRetryReplacesIt() throws Exception {
        String path = createFile("p.json");
        byte[] rows = "{\"r\":1}\n".getBytes(StandardCharsets.UTF_8);
        server.simulator().inject(DfsFault.dropResponseAfterApplying(DfsOperation.APPEND));

        assertThatThrownBy(() -> send("PATCH", path + "?action=append&position=0", rows)).isInstanceOf(IOException.class);
        assertThat(send("PATCH", path + "?action=append&position=0", rows).statusCode()).isEqualTo(202);
        assertThat(send("PATCH", path + "?action=flush&position=" + rows.length, null).statusCode()).isEqualTo(200);

        assertThat(send("GET", path, null).body()).isEqualTo(rows);
        assertThat(server.simulator().requests()).filteredOn(r -> r.operation() == DfsOperation.APPEND)
                .extracting(DfsRequest::status).containsExactly(0, 202);
    }

    @Test
    void shouldFailTheScriptedRequestsBeforeApplyingThem() throws Exception {
        String path = createFile("p.json");
        send("PATCH", path + "?action=append&position=0", "12".getBytes(StandardCharsets.UTF_8));
        server.simulator().inject(DfsFault.failBeforeApplying(DfsOperation.FLUSH, 503, "ServerBusy").afterPassing(1).times(2));

        assertThat(send("PATCH", path + "?action=flush&position=0&retainUncommittedData=true", null).statusCode())
                .isEqualTo(200);
        HttpResponse<byte[]> busy = send("PATCH", path + "?action=flush&position=2", null);
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("x-ms-error-code")).hasValue("ServerBusy");
        assertThat(send("HEAD", path, null).headers().firstValue("Content-Length")).hasValue("0");
        assertThat(send("PATCH", path + "?action=flush&position=2", null).statusCode()).isEqualTo(503);
        assertThat(send("PATCH", path + "?action=flush&position=2", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerRequestsOutsideTheSubsetWithNotImplemented() throws Exception {
        String path = createFile("p.json");

        HttpResponse<byte[]> response = send("PATCH", path + "?action=setAccessControl", null);

        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(response.headers().firstValue("x-ms-error-code")).hasValue("NotImplementedBySimulator");
    }

    private String createFile(String name) throws Exception {
        String path = "/" + fileSystem + "/" + name;
        HttpResponse<byte[]> response = send("PUT", path + "?resource=file", null);
        assertThat(response.statusCode()).isEqualTo(201);
        return path;
    }

    private HttpResponse<byte[]> send(String method, String pathAndQuery, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode errorJson(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String token(String audience) {
        return token(audience, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    }

    private static String token(String audience, Instant notBefore, Instant expires) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = encoder.encodeToString(("{\"aud\":\"" + audience + "\",\"iss\":\"https://sts.windows.net/tenant/\","
                                                + "\"nbf\":" + notBefore.getEpochSecond() + ",\"exp\":" + expires.getEpochSecond()
                                                + ",\"iat\":" + notBefore.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + encoder.encodeToString(new byte[] {1, 2, 3});
    }
}
