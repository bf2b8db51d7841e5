package io.github.cameloffice365.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MgdcRowWriterTest {

    /** A strict parser: one value per input, no duplicate keys, no comments or other leniency. */
    static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String TENANT = "9a4b2c1d-0000-4000-8000-00000000c0de";
    private static final String ALICE = "5b8c1e0a-6f3d-4e47-9d1a-2f6a7c9e0b11";
    private static final RowMetadata METADATA = new RowMetadata(ALICE, TENANT, 3, 3, 1);

    private final Dataset message = DatasetCatalog.get(DatasetCatalog.MESSAGE_V1);
    private final MgdcRowWriter messages = new MgdcRowWriter(message, message.columns());

    /** Field case D1: missing and null values follow one rule, and nothing throws. */
    @Nested
    class MissingValues {

        private final ObjectNode normal = item("""
                {"@odata.etag":"W/\\"CQAAAA==\\"","id":"AAMkAD-1","subject":"Quarterly numbers","isRead":true,
                 "from":{"emailAddress":{"name":"Bob Kelly","address":"bob@contoso.test"}},
                 "sender":{"emailAddress":{"name":"Bob Kelly","address":"bob@contoso.test"}},
                 "ccRecipients":[{"emailAddress":{"name":"Carol Diaz","address":"carol@contoso.test"}}]}""");
        private final ObjectNode draft = item("""
                {"id":"AAMkAD-2","subject":"Unfinished","isRead":null,"isDraft":true,"ccRecipients":null}""");
        private final ObjectNode external = item("""
                {"id":"AAMkAD-3","subject":"Hello","from":{"emailAddress":{"address":"dave@fabrikam.test"}},
                 "sender":{"emailAddress":{"address":"dave@fabrikam.test"}}}""");

        @Test
        void shouldWriteEveryColumnOfADraftWithNullWhereGraphHasNothing() {
            JsonNode row = parse(messages.toBytes(draft, METADATA));

            assertThat(row.get("isRead").isNull()).isTrue();
            assertThat(row.get("from").isNull()).isTrue();
            assertThat(row.get("sender").isNull()).isTrue();
            assertThat(row.get("ccRecipients").isNull()).isTrue();
            assertThat(row.get("isDraft").booleanValue()).isTrue();
            List<String> dataKeys = new ArrayList<>();
            row.fieldNames().forEachRemaining(dataKeys::add);
            assertThat(dataKeys).containsAll(message.columns().stream().map(DatasetColumn::name)
                    .filter(name -> !name.equals("internetMessageHeaders")).toList());
        }

        @Test
        void shouldWriteAnExternalSenderWithOnlyAnAddressAsGraphGaveIt() {
            JsonNode row = parse(messages.toBytes(external, METADATA));

            assertThat(row.get("from").toString()).isEqualTo("{\"emailAddress\":{\"address\":\"dave@fabrikam.test\"}}");
        }

        @Test
        void shouldWriteThreeWholeRowsFromOnePageWithoutThrowing() throws IOException {
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            for (ObjectNode item : List.of(normal, draft, external)) {
                messages.write(item, METADATA, part);
                part.write('\n');
            }

            String[] lines = part.toString(StandardCharsets.UTF_8).split("\n", -1);
            assertThat(lines).hasSize(4);
            assertThat(lines[3]).isEmpty();
            assertThat(parse(lines[0]).get("ccRecipients").get(0).get("emailAddress").get("address").textValue())
                    .isEqualTo("carol@contoso.test");
            assertThat(parse(lines[0]).get("isRead").booleanValue()).isTrue();
            assertThat(parse(lines[2]).get("subject").textValue()).isEqualTo("Hello");
        }

        @Test
        void shouldLeaveOutInternetMessageHeadersOnlyWhenGraphLeavesThemOut() {
            JsonNode without = parse(messages.toBytes(draft, METADATA));
            ObjectNode withNull = draft.deepCopy().putNull("internetMessageHeaders");

            assertThat(without.has("internetMessageHeaders")).isFalse();
            assertThat(parse(messages.toBytes(withNull, METADATA)).get("internetMessageHeaders").isNull()).isTrue();
        }

        @Test
        void shouldNotThrowOnValuesOfUnexpectedShapes() {
            ObjectNode odd = item("""
                    {"id":"x","createdDateTime":12345,"flag":"flagged","body":{"contentType":null},
                     "attachments":[{"@odata.type":7,"lastModifiedDateTime":"soon"}],"categories":"Red"}""");

            JsonNode row = parse(messages.toBytes(odd, METADATA));

            assertThat(row.get("createdDateTime").intValue()).isEqualTo(12345);
            assertThat(row.get("flag").textValue()).isEqualTo("flagged");
            assertThat(row.get("body").get("contentType").isNull()).isTrue();
            assertThat(row.get("attachments").get(0).toString()).isEqualTo("{\"lastModifiedDateTime\":\"soon\"}");
            assertThat(row.get("categories").textValue()).isEqualTo("Red");
        }
    }

    /** Field case D2: bodies are written as Graph sent them, each row on one line. */
    @Nested
    class Bodies {

        private static final String HTML = "<html><head>\r\n<meta charset=\"utf-8\"></head>\r\n"
                + "<body><p>Dear team,</p>\r\n<p>a &lt;tag&gt;, a \\ backslash,\ta tab</p></body></html>";
        private static final String TEXT = "Dear team,\r\n\r\nsee you at 10.\n-- \nBob";

        @Test
        void shouldKeepEachBodysContentTypeAndContentUnchanged() {
            ObjectNode html = item("{\"id\":\"1\"}");
            html.putObject("body").put("contentType", "html").put("content", HTML);
            ObjectNode text = item("{\"id\":\"2\"}");
            text.putObject("body").put("contentType", "text").put("content", TEXT);
            text.putObject("uniqueBody").put("contentType", "text").put("content", TEXT);

            JsonNode htmlRow = parse(messages.toBytes(html, METADATA));
            JsonNode textRow = parse(messages.toBytes(text, METADATA));

            assertThat(htmlRow.get("body").get("contentType").textValue()).isEqualTo("microsoft.graph.bodyType'html'");
            assertThat(htmlRow.get("body").get("content").textValue()).isEqualTo(HTML);
            assertThat(textRow.get("body").get("contentType").textValue()).isEqualTo("microsoft.graph.bodyType'text'");
            assertThat(textRow.get("body").get("content").textValue()).isEqualTo(TEXT);
            assertThat(textRow.get("uniqueBody").get("content").textValue()).isEqualTo(TEXT);
        }

        @Test
        void shouldWriteLineBreaksInsideABodyEscapedSoThatTheRowIsOneLine() {
            ObjectNode html = item("{\"id\":\"1\",\"bodyPreview\":\"line one\\r\\nline two\"}");
            html.putObject("body").put("contentType", "html").put("content", HTML);

            byte[] row = messages.toBytes(html, METADATA);

            for (byte b : row) {
                assertThat(b).isNotEqualTo((byte) '\n').isNotEqualTo((byte) '\r');
            }
            assertThat(new String(row, StandardCharsets.UTF_8)).contains("<html><head>\\r\\n<meta charset=\\\"utf-8\\\">")
                    .contains("line one\\r\\nline two").contains("a \\\\ backslash,\\ta tab");
        }
    }

    /** Field case D3: UTF-8 whatever the platform, valid even for malformed strings. */
    @Nested
    class Unicode {

        private static final String SUBJECT = "Résumé 📈 東京 — Grüße";

        private final ObjectNode item = item("{\"id\":\"1\",\"subject\":\"" + SUBJECT + "\","
                + "\"from\":{\"emailAddress\":{\"name\":\"Zoë Ørsted\",\"address\":\"zoe@contoso.test\"}},"
                + "\"bodyPreview\":\"broken \\ud83d preview\"}");

        @Test
        void shouldWriteStrictUtf8WithoutBomThatAStrictParserAccepts() throws IOException {
            byte[] row = messages.toBytes(item, METADATA);

            assertThat(row[0]).isEqualTo((byte) '{');
            assertThatCode(() -> decodeStrictly(row)).doesNotThrowAnyException();
            JsonNode parsed = STRICT.readTree(row);
            assertThat(parsed.get("subject").textValue()).isEqualTo(SUBJECT);
            assertThat(parsed.get("from").get("emailAddress").get("name").textValue()).isEqualTo("Zoë Ørsted");
        }

        @Test
        void shouldWriteCharactersBeyondTheBasicPlaneAsFourByteSequences() {
            String row = new String(messages.toBytes(item, METADATA), StandardCharsets.ISO_8859_1);

            assertThat(row).contains(new String(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x93, (byte) 0x88},
                    StandardCharsets.ISO_8859_1)).doesNotContain("\\ud83d").doesNotContain("\\uD83D");
        }

        @Test
        void shouldReplaceALoneSurrogateWithTheReplacementCharacter() throws IOException {
            JsonNode parsed = STRICT.readTree(messages.toBytes(item, METADATA));

            assertThat(parsed.get("bodyPreview").textValue()).isEqualTo("broken \uFFFD preview");
        }

        @Test
        void shouldKeepLongTextsOfSupplementaryCharactersIntactAcrossBufferBoundaries() throws IOException {
            StringBuilder content = new StringBuilder();
            for (int i = 0; i < 40_000; i++) {
                content.append(i % 3 == 0 ? "📈" : i % 3 == 1 ? "é" : "x");
            }
            ObjectNode big = item("{\"id\":\"1\"}");
            big.putObject("body").put("contentType", "text").put("content", content.toString());

            byte[] row = messages.toBytes(big, METADATA);

            decodeStrictly(row);
            assertThat(STRICT.readTree(row).get("body").get("content").textValue()).isEqualTo(content.toString());
        }

        private static void decodeStrictly(byte[] bytes) throws CharacterCodingException {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        }
    }

    @Nested
    class Conversions {

        @Test
        void shouldWriteTimestampsAtSecondPrecisionInUtc() {
            ObjectNode graph = item("""
                    {"id":"1","createdDateTime":"2024-03-01T10:15:30.1234567Z","sentDateTime":"2024-03-01T11:15:30+01:00",
                     "attachments":[{"@odata.type":"#microsoft.graph.fileAttachment",
                                     "lastModifiedDateTime":"2024-03-01T09:00:00.5Z"}]}""");

            JsonNode row = parse(messages.toBytes(graph, METADATA));

            assertThat(row.get("createdDateTime").textValue()).isEqualTo("2024-03-01T10:15:30Z");
            assertThat(row.get("sentDateTime").textValue()).isEqualTo("2024-03-01T10:15:30Z");
            assertThat(row.get("attachments").get(0).get("lastModifiedDateTime").textValue())
                    .isEqualTo("2024-03-01T09:00:00Z");
        }

        @Test
        void shouldQualifyNestedEnumerationsAndKeepTopLevelOnesPlain() {
            ObjectNode graph = item("""
                    {"id":"1","importance":"high","inferenceClassification":"other","flag":{"flagStatus":"flagged"}}""");

            JsonNode row = parse(messages.toBytes(graph, METADATA));

            assertThat(row.get("importance").textValue()).isEqualTo("high");
            assertThat(row.get("inferenceClassification").textValue()).isEqualTo("other");
            assertThat(row.get("flag").get("flagStatus").textValue()).isEqualTo("microsoft.graph.followupFlagStatus'flagged'");
        }

        @Test
        void shouldWriteEventRecurrencesAndAttendeesAsMgdcDoes() {
            Dataset event = DatasetCatalog.get(DatasetCatalog.EVENT_V1);
            ObjectNode graph = item("""
                    {"id":"1","showAs":"busy","type":"seriesMaster",
                     "responseStatus":{"response":"organizer","time":"0001-01-01T00:00:00Z"},
                     "recurrence":{"pattern":{"type":"weekly","interval":1,"daysOfWeek":["tuesday","friday"],
                                              "firstDayOfWeek":"sunday","index":"first"},
                                   "range":{"type":"noEnd","startDate":"2012-02-07","endDate":"0001-01-01",
                                            "recurrenceTimeZone":"UTC","numberOfOccurrences":0}},
                     "attendees":[{"type":"optional","status":{"response":"accepted","time":"2024-03-01T10:00:00.1Z"},
                                   "emailAddress":{"name":"Carol Diaz","address":"carol@contoso.test"}}],
                     "location":{"displayName":"","locationType":"default","uniqueIdType":"unknown","address":{},
                                 "coordinates":{"latitude":47.6,"longitude":-122.1}}}""");

            JsonNode row = parse(new MgdcRowWriter(event, event.columns()).toBytes(graph, METADATA));

            assertThat(row.get("showAs").textValue()).isEqualTo("busy");
            assertThat(row.get("type").textValue()).isEqualTo("seriesMaster");
            assertThat(row.get("responseStatus").toString())
                    .isEqualTo("{\"response\":\"microsoft.graph.responseType'organizer'\",\"time\":\"0001-01-01T00:00:00Z\"}");
            assertThat(row.get("recurrence").toString()).isEqualTo("{\"pattern\":{"
                    + "\"type\":\"microsoft.graph.recurrencePatternType'weekly'\",\"interval\":1,"
                    + "\"daysOfWeek\":[\"microsoft.graph.dayOfWeek'tuesday'\",\"microsoft.graph.dayOfWeek'friday'\"],"
                    + "\"firstDayOfWeek\":\"microsoft.graph.dayOfWeek'sunday'\","
                    + "\"index\":\"microsoft.graph.weekIndex'first'\"},"
                    + "\"range\":{\"type\":\"microsoft.graph.recurrenceRangeType'noEnd'\","
                    + "\"startDate\":\"2012-02-07T00:00:00Z\","
                    + "\"endDate\":\"0001-01-01T00:00:00Z\",\"recurrenceTimeZone\":\"UTC\",\"numberOfOccurrences\":0}}");
            assertThat(row.get("attendees").get(0).toString()).isEqualTo("{\"type\":\"microsoft.graph.attendeeType'optional'\","
                    + "\"status\":{\"response\":\"microsoft.graph.responseType'accepted'\",\"time\":\"2024-03-01T10:00:00Z\"},"
                    + "\"emailAddress\":{\"name\":\"Carol Diaz\",\"address\":\"carol@contoso.test\"}}");
            assertThat(row.get("location").toString()).isEqualTo("{\"displayName\":\"\","
                    + "\"locationType\":\"microsoft.graph.locationType'default'\","
                    + "\"uniqueIdType\":\"microsoft.graph.locationUniqueIdType'unknown'\",\"address\":{},"
                    + "\"coordinates\":{\"latitude\":47.6,\"longitude\":-122.1}}");
            assertThat(row.get("ODataType").textValue()).isEqualTo("#microsoft.graph.event");
        }

        @Test
        void shouldWriteWorkingHoursOnTheFirstOfJanuary1970() {
            Dataset settings = DatasetCatalog.get(DatasetCatalog.MAILBOX_SETTINGS_V0);
            ObjectNode graph = item("""
                    {"@odata.context":"https://graph.contoso.test/v1.0/$metadata#users('a')/mailboxSettings",
                     "userPurpose":"user",
                     "delegateMeetingMessageDeliveryOptions":"sendToDelegateOnly",
                     "automaticRepliesSetting":{"status":"alwaysEnabled","externalAudience":"contactsOnly"},
                     "workingHours":{"daysOfWeek":["monday"],"startTime":"08:00:00.0000000",
                                     "endTime":"17:00:00.0000000","timeZone":{"name":"UTC"}}}""");

            JsonNode row = parse(new MgdcRowWriter(settings, settings.columns()).toBytes(graph, METADATA));

            assertThat(row.get("workingHours").toString()).isEqualTo("{\"daysOfWeek\":[\"microsoft.graph.dayOfWeek'monday'\"],"
                    + "\"startTime\":\"1970-01-01T08:00:00Z\",\"endTime\":\"1970-01-01T17:00:00Z\","
                    + "\"timeZone\":{\"name\":\"UTC\"}}");
            assertThat(row.get("automaticRepliesSetting").toString())
                    .isEqualTo("{\"status\":\"microsoft.graph.automaticRepliesStatus'alwaysEnabled'\","
                            + "\"externalAudience\":\"microsoft.graph.externalAudienceScope'contactsOnly'\"}");
            assertThat(row.get("delegateMeetingMessageDeliveryOptions").textValue()).isEqualTo("sendToDelegateOnly");
            assertThat(row.has("userPurpose")).isFalse();
            assertThat(row.has("@odata.context")).isFalse();
        }

        @Test
        void shouldMoveAnAttachmentsTypeToItsEndAndDropOtherAnnotations() {
            ObjectNode graph = item("""
                    {"id":"1","attachments":[{"@odata.type":"#microsoft.graph.fileAttachment",
                      "@odata.mediaContentType":"image/png","id":"att-1","name":"logo.png","contentType":"image/png",
                      "size":95,"isInline":true,"contentBytes":"iVBORw0KGgo="}]}""");

            JsonNode row = parse(messages.toBytes(graph, METADATA));

            assertThat(row.get("attachments").get(0).toString()).isEqualTo("{\"id\":\"att-1\",\"name\":\"logo.png\","
                    + "\"contentType\":\"image/png\",\"size\":95,\"isInline\":true,\"contentBytes\":\"iVBORw0KGgo=\","
                    + "\"ODataType\":\"#microsoft.graph.fileAttachment\"}");
        }
    }

    @Nested
    class Shape {

        @Test
        void shouldWriteOnlyTheSelectedColumnsInTableOrderThenTheMetadata() {
            List<DatasetColumn> columns = message.resolveColumns("subject,id,receivedDateTime");
            ObjectNode graph = item("""
                    {"@odata.etag":"W/\\"x\\"","subject":"Hi","receivedDateTime":"2024-03-01T10:00:00Z","id":"m-1",
                     "mentionsPreview":null,"unsubscribeEnabled":false,"isRead":true}""");

            String row = new String(new MgdcRowWriter(message, columns).toBytes(graph, METADATA), StandardCharsets.UTF_8);

            assertThat(row).isEqualTo("{\"id\":\"m-1\",\"receivedDateTime\":\"2024-03-01T10:00:00Z\",\"subject\":\"Hi\","
                    + "\"ODataType\":\"#microsoft.graph.message\",\"puser\":\"" + ALICE + "\",\"ptenant\":\"" + TENANT + "\","
                    + "\"pAdditionalInfo\":null,\"datarow\":3,\"userrow\":3,\"pagerow\":1,\"rowinformation\":{"
                    + "\"errorInformation\":null,\"userReturnedNoData\":false,\"isUserSummaryRow\":false,"
                    + "\"userHasCompleteData\":false}}");
        }

        @Test
        void shouldWriteNoODataTypeForADirectoryTable() {
            Dataset user = DatasetCatalog.get(DatasetCatalog.USER_V1);
            ObjectNode graph = item("""
                    {"id":"u-1","displayName":"Alice Ray","hireDate":"0001-01-01T08:00:00Z","birthday":"1990-05-01T00:00:00Z",
                     "assignedPlans":[{"assignedDateTime":"2024-01-01T10:00:00.000Z","capabilityStatus":"Enabled",
                                       "service":"exchange"}]}""");

            JsonNode row = parse(new MgdcRowWriter(user, user.resolveColumns("id,displayName,hireDate,birthday,assignedPlans"))
                    .toBytes(graph, new RowMetadata("u-1", TENANT, 0, 0, 0)));

            assertThat(row.has("ODataType")).isFalse();
            assertThat(row.get("puser").textValue()).isEqualTo("u-1");
            assertThat(row.get("hireDate").textValue()).isEqualTo("0001-01-01T08:00:00Z");
            assertThat(row.get("assignedPlans").get(0).get("assignedDateTime").textValue()).isEqualTo("2024-01-01T10:00:00Z");
        }

        @Test
        void shouldTakeTheODataTypeOfADerivedItemFromTheItem() {
            ObjectNode graph = item("{\"@odata.type\":\"#microsoft.graph.eventMessageRequest\",\"id\":\"m-2\"}");

            assertThat(parse(messages.toBytes(graph, METADATA)).get("ODataType").textValue())
                    .isEqualTo("#microsoft.graph.eventMessageRequest");
        }

        @Test
        void shouldAppendRowsToAStreamWithoutLineEndsAndWithoutClosingIt() throws IOException {
            ClosingTrackingStream out = new ClosingTrackingStream();

            messages.write(item("{\"id\":\"a\"}"), METADATA, out);
            int firstLength = out.size();
            messages.write(item("{\"id\":\"b\"}"), METADATA, out);

            byte[] bytes = out.toByteArray();
            assertThat(out.closed).isFalse();
            assertThat(bytes[firstLength - 1]).isEqualTo((byte) '}');
            assertThat(bytes[firstLength]).isEqualTo((byte) '{');
            assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '}');
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("\n");
        }
    }

    private static final class ClosingTrackingStream extends ByteArrayOutputStream {
        private boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    static ObjectNode item(String json) {
        try {
            return (ObjectNode) STRICT.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static JsonNode parse(byte[] row) {
        try {
            return STRICT.readTree(row);
        } catch (IOException e) {
            throw new AssertionError("The row is not valid JSON: " + new String(row, StandardCharsets.UTF_8), e);
        }
    }

    static JsonNode parse(String row) {
        return parse(row.getBytes(StandardCharsets.UTF_8));
    }
}
