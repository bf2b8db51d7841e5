package io.github.cameloffice365.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MailboxTest {

    private static GraphSimulator simulator;
    private static GraphClient client;

    @BeforeAll
    static void start() {
        simulator = GraphSimulator.builder().tenant(TestTenants.small()).start();
        client = new GraphClient(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    private static String messages(String query) {
        return "/v1.0/users/alice@contoso.test/messages" + query;
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("value").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void listsMessagesOfAllFoldersWithEtagsAndWithoutSelectOnlyProperties() {
        JsonNode page = GraphClient.json(client.get(messages("")));

        assertThat(ids(page)).containsExactly("m1", "m2", "m3", "m4");
        JsonNode first = page.path("value").get(0);
        assertThat(first.path("@odata.etag").asText()).isEqualTo("W/\"ck-m1\"");
        assertThat(first.has("internetMessageHeaders")).isFalse();
        assertThat(first.has("uniqueBody")).isFalse();
        assertThat(first.has("attachments")).isFalse();
        assertThat(first.has("_folder")).isFalse();
        assertThat(page.path("@odata.context").asText()).endsWith("#users('alice@contoso.test')/messages");
    }

    @Test
    void selectKeepsIdAndEtagAndServesSelectOnlyProperties() {
        JsonNode first = GraphClient.json(client.get(messages("?$select=subject,internetMessageHeaders")))
                .path("value").get(0);

        List<String> names = new ArrayList<>();
        first.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("@odata.etag", "id", "subject", "internetMessageHeaders");
    }

    @Test
    void attachmentsComeOnlyWithExpand() {
        JsonNode first = GraphClient.json(client.get(messages("?$expand=attachments"))).path("value").get(0);

        assertThat(first.path("attachments").get(0).path("@odata.type").asText())
                .isEqualTo("#microsoft.graph.fileAttachment");
        assertThat(first.path("attachments").get(0).path("contentBytes").asText()).isEqualTo("SGVsbG8=");
    }

    @Test
    void filtersOnAReceivedDateWindowWithUnquotedInstants() {
        String clause = "ReceivedDateTime ge 2024-03-01T00:00:00Z and receivedDateTime lt 2024-03-02T00:00:00Z";

        JsonNode page = GraphClient.json(client.get(messages("?$filter=" + encoded(clause))));

        assertThat(ids(page)).containsExactly("m2", "m3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"receivedDateTime ge '2024-03-01T00:00:00Z'", "receivedDateTime ge 03/01/2024",
        "receivedDateTime ge 2024-03-01T00:00:00", "subjectx eq 'a'"})
    void aQuotedOrMalformedDateOrUnknownPropertyIsBadRequest(String clause) {
        HttpResponse<String> response = client.get(messages("?$filter=" + encoded(clause)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(GraphClient.json(response).path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void aWellKnownFolderListsOnlyItsMessages() {
        JsonNode page = GraphClient.json(client.get("/v1.0/users/alice@contoso.test/mailFolders/SentItems/messages"));

        assertThat(ids(page)).containsExactly("m3");
    }

    @Test
    void ordersByTheDatePropertyThatLeadsTheFilter() {
        JsonNode page = GraphClient.json(client.get(messages("?$orderby=" + encoded("receivedDateTime desc"))));
        HttpResponse<String> inefficient = client.get(messages("?$orderby=" + encoded("receivedDateTime desc")
                + "&$filter=" + encoded("subject eq 'Second'")));

        assertThat(ids(page)).containsExactly("m4", "m3", "m2", "m1");
        assertThat(inefficient.statusCode()).isEqualTo(400);
        assertThat(GraphClient.json(inefficient).path("error").path("code").asText()).isEqualTo("InefficientFilter");
    }

    @Test
    void pagesMessagesWithTopAndByteExactNextLinks() {
        JsonNode first = GraphClient.json(client.get(messages("?$top=3&$select=subject")));
        String next = first.path("@odata.nextLink").asText();
        JsonNode second = GraphClient.json(client.get(next));

        assertThat(ids(first)).containsExactly("m1", "m2", "m3");
        assertThat(next).contains("%3a").contains("$select=subject");
        assertThat(ids(second)).containsExactly("m4");
        assertThat(client.get(next.replace("$select", "%24select")).statusCode()).isEqualTo(400);
    }

    @Test
    void textBodiesWhenPreferred() {
        HttpResponse<String> response = client.get(messages("?$select=body,uniqueBody"), "Prefer",
                "outlook.body-content-type=\"text\"");

        JsonNode body = GraphClient.json(response).path("value").get(0).path("body");
        assertThat(response.headers().firstValue("Preference-Applied")).hasValue("outlook.body-content-type=\"text\"");
        assertThat(body.path("contentType").asText()).isEqualTo("text");
        assertThat(body.path("content").asText()).isEqualTo("Hello & welcome\r\nLine 2");
    }

    @Test
    void usersWithoutAnExchangeOnlineMailboxGetMailboxNotEnabledForRestApi() {
        for (String user : List.of(TestTenants.GUEST, TestTenants.ONPREM, TestTenants.DISABLED)) {
            HttpResponse<String> response = client.get("/v1.0/users/" + user + "/messages");

            assertThat(response.statusCode()).isEqualTo(404);
            JsonNode error = GraphClient.json(response).path("error");
            assertThat(error.path("code").asText()).isEqualTo("MailboxNotEnabledForRESTAPI");
            assertThat(error.path("message").asText())
                    .isEqualTo("The mailbox is either inactive, soft-deleted, or is hosted on-premise.");
        }
    }

    @Test
    void anUnknownUserIsNotFound() {
        HttpResponse<String> response = client.get("/v1.0/users/nobody@contoso.test/messages");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(GraphClient.json(response).path("error").path("code").asText()).isEqualTo("ErrorInvalidUser");
    }

    @Test
    void calendarViewNeedsBothWindowParameters() {
        HttpResponse<String> missing = client.get("/v1.0/users/alice@contoso.test/calendarView?startDateTime="
                + "2024-01-01T00:00:00Z");
        HttpResponse<String> complete = client.get("/v1.0/users/alice@contoso.test/calendarView?startDateTime="
                + "2024-01-01T00:00:00Z&endDateTime=2024-02-01T00:00:00Z");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(GraphClient.json(missing).path("error").path("code").asText()).isEqualTo("ErrorInvalidParameter");
        assertThat(complete.statusCode()).isEqualTo(200);
    }

    @Test
    void mailboxSettingsAreServedWithDefaultsWhenTheFixtureHasNone() {
        JsonNode settings = GraphClient.json(client.get("/v1.0/users/alice@contoso.test/mailboxSettings"));

        assertThat(settings.path("timeZone").asText()).isEqualTo("UTC");
        assertThat(settings.path("@odata.context").asText()).endsWith("/mailboxSettings");
    }

    @Test
    void everyResponseCarriesRequestIdsAndEchoesTheClientRequestId() {
        HttpResponse<String> response = client.get(messages(""), "client-request-id", "my-correlation");

        assertThat(response.headers().firstValue("request-id")).isPresent();
        assertThat(response.headers().firstValue("client-request-id")).hasValue("my-correlation");
    }

    @Test
    void recordsRawPathsAndTellsDataRequestsApart() {
        client.get("/v1.0/users?%24top=2");
        client.get(messages("?$top=1"));

        List<RecordedRequest> requests = simulator.requests();
        assertThat(requests).extracting(RecordedRequest::pathAndQuery)
                .containsExactly("/v1.0/users?%24top=2", "/v1.0/users/alice@contoso.test/messages?$top=1");
        assertThat(requests).extracting(RecordedRequest::isDataRequest).containsExactly(false, true);
        assertThat(requests.get(0).header("Authorization").orElseThrow()).startsWith("Bearer ");
        assertThat(requests.get(0).toString()).doesNotContain("Bearer").contains("Authorization=***");
    }
}
