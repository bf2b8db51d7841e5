package io.github.cameloffice365.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.cameloffice365.graph.GraphRequest;
import io.github.cameloffice365.scope.DirectoryUser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetTest {

    private static final String GRAPH = "https://graph.contoso.test";
    private static final DirectoryUser ALICE = new DirectoryUser("5b8c1e0a-6f3d-4e47-9d1a-2f6a7c9e0b11",
            "alice@contoso.test", "alice@contoso.test", "Member", true);

    private final Dataset message = DatasetCatalog.get(DatasetCatalog.MESSAGE_V1);
    private final Dataset event = DatasetCatalog.get(DatasetCatalog.EVENT_V1);
    private final Dataset user = DatasetCatalog.get(DatasetCatalog.USER_V1);
    private final Dataset mailboxSettings = DatasetCatalog.get(DatasetCatalog.MAILBOX_SETTINGS_V0);
    private final Dataset contact = DatasetCatalog.get(DatasetCatalog.CONTACT_V1);

    @Nested
    class OutputColumns {

        @Test
        void shouldMeanEveryColumnWhenEmpty() {
            assertThat(message.resolveColumns(null)).isEqualTo(message.columns());
            assertThat(message.resolveColumns("  ")).isEqualTo(message.columns());
        }

        @Test
        void shouldMatchWithoutRegardToCaseAndKeepTheTablesOrder() {
            assertThat(message.resolveColumns("Subject, ID,receivedDateTime,subject"))
                    .extracting(DatasetColumn::name).containsExactly("id", "receivedDateTime", "subject");
        }

        @Test
        void shouldAcceptMetadataColumnsWhichAreAlwaysWritten() {
            assertThat(message.resolveColumns("id,puser,PTenant,datarow")).extracting(DatasetColumn::name)
                    .containsExactly("id");
        }

        @Test
        void shouldRejectAnUnknownColumnNamingTheOptionTheValueTheTableAndTheAcceptedColumns() {
            assertThatThrownBy(() -> message.resolveColumns("id,Subjekt"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outputColumns")
                    .hasMessageContaining("'id,Subjekt'")
                    .hasMessageContaining("'Subjekt'")
                    .hasMessageContaining("BasicDataSet_v0.Message_v1")
                    .hasMessageContaining("id, createdDateTime, lastModifiedDateTime, changeKey");
        }

        @Test
        void shouldRejectAnEmptyEntry() {
            assertThatThrownBy(() -> message.resolveColumns("id,,subject"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outputColumns")
                    .hasMessageContaining("empty column name");
        }

        @Test
        void shouldRejectAListOfMetadataColumnsOnly() {
            assertThatThrownBy(() -> message.resolveColumns("puser"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("names no data column");
        }
    }

    /** Field case F2: a wrong or missing date filter column is rejected, never dropped. */
    @Nested
    class DateFilterColumn {

        @Test
        void shouldMatchADateColumnWithoutRegardToCase() {
            assertThat(message.resolveDateFilterColumn("ReceivedDateTime")).map(DatasetColumn::name)
                    .contains("receivedDateTime");
        }

        @Test
        void shouldRejectAColumnThatIsNotADateColumnOfTheTable() {
            assertThatThrownBy(() -> message.resolveDateFilterColumn("Subject"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dateFilterColumn")
                    .hasMessageContaining("'Subject'")
                    .hasMessageContaining("BasicDataSet_v0.Message_v1")
                    .hasMessageContaining("createdDateTime, lastModifiedDateTime, receivedDateTime, sentDateTime");
        }

        @Test
        void shouldRejectAnEventColumnThatOnlyMessagesFilterOn() {
            assertThatThrownBy(() -> event.resolveDateFilterColumn("ReceivedDateTime"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("BasicDataSet_v0.Event_v1")
                    .hasMessageContaining("createdDateTime, lastModifiedDateTime");
        }

        @Test
        void shouldRejectAnyDateFilterOnATableThatTakesNone() {
            assertThatThrownBy(() -> user.resolveDateFilterColumn("ReceivedDateTime"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dateFilterColumn")
                    .hasMessageContaining("'ReceivedDateTime'")
                    .hasMessageContaining("BasicDataSet_v0.User_v1")
                    .hasMessageContaining("takes no date filter");
        }

        @Test
        void shouldRejectAMissingDateFilterWhereTheTableRequiresOne() {
            assertThatThrownBy(() -> message.resolveDateFilterColumn(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dateFilterColumn is required")
                    .hasMessageContaining("BasicDataSet_v0.Message_v1")
                    .hasMessageContaining("receivedDateTime");
        }

        @Test
        void shouldAcceptNoDateFilterWhereTheTableDoesNotRequireOne() {
            assertThat(contact.resolveDateFilterColumn("")).isEmpty();
        }

        @Test
        void shouldRejectAWindowWithoutADateFilterColumnInsteadOfDroppingIt() {
            assertThatThrownBy(() -> DatasetCatalog.get(DatasetCatalog.INBOX_V1)
                    .query(null, null, "2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z", null, 100))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("startTime")
                    .hasMessageContaining("dateFilterColumn is empty");
        }

        @Test
        void shouldRejectAWindowOnATableThatTakesNoDateFilter() {
            assertThatThrownBy(() -> contact.query(null, null, null, "2024-03-02T00:00:00Z", null, 100))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("endTime")
                    .hasMessageContaining("takes no date filter");
        }

        @Test
        void shouldRequireBothEndsOfTheWindowWithADateFilterColumn() {
            assertThatThrownBy(() -> message.query(null, "ReceivedDateTime", "2024-03-01T00:00:00Z", null, null, 100))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Option endTime is required");
        }
    }

    @Nested
    class Requests {

        @Test
        void shouldFilterOnTheDateColumnWithUnquotedUtcLiterals() {
            DatasetQuery query = message.query("id,subject", "ReceivedDateTime", "2024-03-01T00:00:00Z",
                    "2024-03-02T00:00:00Z", null, 100);

            GraphRequest request = single(message.requests(ALICE, query, GRAPH));

            assertThat(parameters(request).get("$filter"))
                    .isEqualTo("receivedDateTime ge 2024-03-01T00:00:00Z and receivedDateTime lt 2024-03-02T00:00:00Z");
            assertThat(request.url()).doesNotContain("'").doesNotContain("+").doesNotContain(" ");
        }

        @Test
        void shouldSendAnOffsetWindowAsItsUtcInstants() {
            DatasetQuery query = message.query(null, "sentDateTime", "2024-03-01T00:00:00+01:00",
                    "2024-03-02T00:00:00+01:00", null, 100);

            assertThat(parameters(single(message.requests(ALICE, query, GRAPH))).get("$filter"))
                    .isEqualTo("sentDateTime ge 2024-02-29T23:00:00Z and sentDateTime lt 2024-03-01T23:00:00Z");
        }

        @Test
        void shouldSelectOnlyTheRequestedColumnsAndTheId() {
            DatasetQuery query = message.query("Subject,receivedDateTime", "receivedDateTime",
                    "2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z", null, 50);

            GraphRequest request = single(message.requests(ALICE, query, GRAPH));

            assertThat(URI.create(request.url()).getPath()).isEqualTo("/v1.0/users/" + ALICE.id() + "/messages");
            Map<String, String> parameters = parameters(request);
            assertThat(parameters.get("$select")).isEqualTo("id,receivedDateTime,subject");
            assertThat(parameters.get("$top")).isEqualTo("50");
            assertThat(parameters).doesNotContainKey("$expand");
            assertThat(request.mailbox()).isEqualTo(ALICE.id());
            assertThat(request.headers()).isEmpty();
        }

        @Test
        void shouldSelectHeadersAndUniqueBodyAndExpandAttachmentsForEveryColumn() {
            DatasetQuery query = message.query(null, "createdDateTime", "2024-03-01T00:00:00Z",
                    "2024-03-02T00:00:00Z", "html", 100);

            Map<String, String> parameters = parameters(single(message.requests(ALICE, query, GRAPH + "/")));

            List<String> selected = Arrays.asList(parameters.get("$select").split(","));
            assertThat(selected).contains("internetMessageHeaders", "uniqueBody", "body", "flag")
                    .doesNotContain("attachments").hasSize(31);
            assertThat(parameters.get("$expand")).isEqualTo("attachments");
        }

        @Test
        void shouldAskForTextBodiesWithThePreferHeader() {
            DatasetQuery query = message.query("id,body", "createdDateTime", "2024-03-01T00:00:00Z",
                    "2024-03-02T00:00:00Z", "TEXT", 100);

            assertThat(single(message.requests(ALICE, query, GRAPH)).headers())
                    .containsExactly(Map.entry("Prefer", "outlook.body-content-type=\"text\""));
        }

        @Test
        void shouldAskForTextEventBodiesToo() {
            DatasetQuery query = event.query(null, "lastModifiedDateTime", "2024-03-01T00:00:00Z",
                    "2024-03-02T00:00:00Z", "text", 100);

            GraphRequest request = single(event.requests(ALICE, query, GRAPH));

            assertThat(request.headers()).containsEntry("Prefer", "outlook.body-content-type=\"text\"");
            assertThat(URI.create(request.url()).getPath()).isEqualTo("/v1.0/users/" + ALICE.id() + "/events");
        }

        @Test
        void shouldNotSendThePreferHeaderWhenNoBodyIsRead() {
            DatasetQuery query = message.query("id,subject", "createdDateTime", "2024-03-01T00:00:00Z",
                    "2024-03-02T00:00:00Z", "text", 100);

            assertThat(single(message.requests(ALICE, query, GRAPH)).headers()).isEmpty();
        }

        @Test
        void shouldReadAUserWithOneSingleUserGetAsADirectoryCall() {
            DatasetQuery query = user.query("aboutMe,skills,displayName", null, null, null, null, 100);

            GraphRequest request = single(user.requests(ALICE, query, GRAPH));

            assertThat(URI.create(request.url()).getPath()).isEqualTo("/v1.0/users/" + ALICE.id());
            assertThat(parameters(request)).containsExactly(Map.entry("$select", "id,aboutMe,skills,displayName"));
            assertThat(request.mailbox()).isNull();
        }

        @Test
        void shouldReadMailboxSettingsAsOneObjectOfTheMailbox() {
            DatasetQuery query = mailboxSettings.query(null, null, null, null, null, 100);

            GraphRequest request = single(mailboxSettings.requests(ALICE, query, GRAPH));

            assertThat(request.url()).isEqualTo(GRAPH + "/v1.0/users/" + ALICE.id() + "/mailboxSettings");
            assertThat(request.mailbox()).isEqualTo(ALICE.id());
        }

        @Test
        void shouldReadContactsWithoutAFilter() {
            DatasetQuery query = contact.query("displayName", null, null, null, null, 999);

            Map<String, String> parameters = parameters(single(contact.requests(ALICE, query, GRAPH)));

            assertThat(parameters).containsOnlyKeys("$select", "$top").containsEntry("$top", "999");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1000, -1})
        void shouldRejectAPageSizeGraphDoesNotServe(int pageSize) {
            assertThatThrownBy(() -> contact.query(null, null, null, null, null, pageSize))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pageSize")
                    .hasMessageContaining(String.valueOf(pageSize));
        }

        @Test
        void shouldRejectAnUnknownBodyContentType() {
            assertThatThrownBy(() -> message.query(null, "createdDateTime", "2024-03-01T00:00:00Z",
                    "2024-03-02T00:00:00Z", "markdown", 100))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bodyContentType")
                    .hasMessageContaining("'markdown'")
                    .hasMessageContaining("html, text");
        }

        @Test
        void shouldEncodeAUserKeyThatIsNotAGuid() {
            DirectoryUser odd = new DirectoryUser("bob o'neil#1@contoso.test", null, null, null, null);
            DatasetQuery query = contact.query("displayName", null, null, null, null, 10);

            URI uri = URI.create(single(contact.requests(odd, query, GRAPH)).url());

            assertThat(uri.getPath()).isEqualTo("/v1.0/users/bob o'neil#1@contoso.test/contacts");
        }

        private GraphRequest single(List<GraphRequest> requests) {
            assertThat(requests).hasSize(1);
            return requests.get(0);
        }

        /** The decoded query parameters of a request. */
        private Map<String, String> parameters(GraphRequest request) {
            String query = URI.create(request.url()).getQuery();
            return query == null ? Map.of() : Arrays.stream(query.split("&"))
                    .map(pair -> pair.split("=", 2))
                    .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (a, b) -> a, java.util.LinkedHashMap::new));
        }
    }
}
