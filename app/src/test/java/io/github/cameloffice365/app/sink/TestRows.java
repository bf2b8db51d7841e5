package io.github.cameloffice365.app.sink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Made-up rows in the shape of MGDC JSON lines, with characters outside ASCII so that bytes and chars differ. */
final class TestRows {

    private TestRows() {
    }

    /** One row, without its line end. */
    static String row(long index) {
        return "{\"Id\":\"AAMk-" + index + "\",\"Subject\":\"Quarterly réport № " + index + " – naïve café ✓\","
               + "\"BodyPreview\":\"Grüße aus Zürich, line " + index + "\",\"puser\":\"user-" + (index % 7) + "\","
               + "\"ptenant\":\"00000000-0000-0000-0000-000000000001\",\"datarow\":" + index + "}";
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as a part: UTF-8, a line end after each row. */
    static byte[] part(long from, long to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long i = from; i < to; i++) {
            out.writeBytes((row(i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A run summary in the shape the consumer writes, with non-ASCII text. */
    static String summary(String runId, long rows) {
        return "{\"runId\":\"" + runId + "\",\"rows\":" + rows + ",\"usersExtracted\":3,"
               + "\"usersSkipped\":[{\"user\":\"user-9\",\"reason\":\"Mailbox not found – boîte absente\"}]}";
    }
}
