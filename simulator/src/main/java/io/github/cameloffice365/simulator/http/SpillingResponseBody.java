package io.github.cameloffice365.simulator.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body that is buffered and sent with a {@code Content-Length} while it is small, and streamed chunked
 * once it outgrows the buffer, so a page of large messages never has to fit in memory.
 */
public final class SpillingResponseBody extends OutputStream {

    /** Bodies up to this size are sent with a Content-Length. */
    public static final int BUFFER_LIMIT = 1 << 20;

    private final HttpExchange exchange;
    private final int status;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private OutputStream streaming;

    /** A body for a response with this status; the content type must already be set. */
    public SpillingResponseBody(HttpExchange exchange, int status) {
        this.exchange = exchange;
        this.status = status;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (streaming != null) {
            streaming.write(bytes, offset, length);
            return;
        }
        buffer.write(bytes, offset, length);
        if (buffer.size() > BUFFER_LIMIT) {
            exchange.sendResponseHeaders(status, 0);
            streaming = exchange.getResponseBody();
            buffer.writeTo(streaming);
            buffer = null;
        }
    }

    @Override
    public void flush() throws IOException {
        if (streaming != null) {
            streaming.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (streaming != null) {
            streaming.close();
            return;
        }
        byte[] body = buffer.toByteArray();
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
