package io.github.cameloffice365.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The inverse of the row writer, on invented rows in MGDC's shapes. */
class SampleToGraphTest {

    private static final String METADATA = "\"puser\":\"u-1\",\"ptenant\":\"t-1\",\"pAdditionalInfo\":null,"
            + "\"datarow\":7,\"userrow\":7,\"pagerow\":7,\"rowinformation\":{\"errorInformation\":null,"
            + "\"userReturnedNoData\":false,\"isUserSummaryRow\":false,\"userHasCompleteData\":false}";

    @Test
    void shouldTurnAMessageRowBackIntoTheGraphMessage() {
        ObjectNode row = MgdcSamples.parseRow("{\"id\":\"m-1\",\"changeKey\":\"CQA=\",\"importance\":\"normal\","
                + "\"body\":{\"contentType\":\"microsoft.graph.bodyType'html'\",\"content\":\"<p>x</p>\"},"
                + "\"flag\":{\"flagStatus\":\"microsoft.graph.followupFlagStatus'notFlagged'\"},"
                + "\"attachments\":[{\"id\":\"a-1\",\"contentType\":\"image/png\","
                + "\"ODataType\":\"#microsoft.graph.fileAttachment\"}],"
                + "\"ODataType\":\"#microsoft.graph.message\"," + METADATA + "}");

        ObjectNode graph = SampleToGraph.toGraph(row);

        assertThat(graph.toString()).isEqualTo("{\"@odata.etag\":\"W/\\\"CQA=\\\"\",\"id\":\"m-1\",\"changeKey\":\"CQA=\","
                + "\"importance\":\"normal\",\"body\":{\"contentType\":\"html\",\"content\":\"<p>x</p>\"},"
                + "\"flag\":{\"flagStatus\":\"notFlagged\"},"
                + "\"attachments\":[{\"@odata.type\":\"#microsoft.graph.fileAttachment\","
                + "\"@odata.mediaContentType\":\"image/png\",\"id\":\"a-1\",\"contentType\":\"image/png\"}]}");
        assertThat(SampleToGraph.userOf(row)).isEqualTo("u-1");
        assertThat(SampleToGraph.tenantOf(row)).isEqualTo("t-1");
    }

    @Test
    void shouldGiveDatesAndTimesOfDayTheirGraphForms() {
        ObjectNode event = MgdcSamples.parseRow("{\"recurrence\":{\"range\":{"
                + "\"type\":\"microsoft.graph.recurrenceRangeType'noEnd'\","
                + "\"startDate\":\"2012-02-07T00:00:00Z\",\"endDate\":\"0001-01-01T00:00:00Z\"}},"
                + "\"createdDateTime\":\"2021-02-03T00:28:26Z\",\"ODataType\":\"#microsoft.graph.event\"," + METADATA + "}");
        ObjectNode settings = MgdcSamples.parseRow("{\"workingHours\":{\"daysOfWeek\":[\"microsoft.graph.dayOfWeek'monday'\"],"
                + "\"startTime\":\"1970-01-01T08:00:00Z\"},\"ODataType\":\"#microsoft.graph.mailboxSettings\","
                + METADATA + "}");

        assertThat(SampleToGraph.toGraph(event).toString()).isEqualTo("{\"recurrence\":{\"range\":{\"type\":\"noEnd\","
                + "\"startDate\":\"2012-02-07\",\"endDate\":\"0001-01-01\"}},\"createdDateTime\":\"2021-02-03T00:28:26Z\"}");
        assertThat(SampleToGraph.toGraph(settings).toString()).isEqualTo("{\"workingHours\":{\"daysOfWeek\":[\"monday\"],"
                + "\"startTime\":\"08:00:00.0000000\"},\"userPurpose\":\"user\"}");
    }
}
