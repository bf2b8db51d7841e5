package io.github.cameloffice365.run;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes of whole rows, each followed by a line feed: a part being filled, or the rows of a user held in memory.
 * Rows are written into it as a stream and completed with {@link #endRow()}.
 */
final class PartBuffer extends OutputStream {

    private final long growthLimit;
    private byte[] bytes;
    private int length;
    private long rows;

    /**
     * An empty buffer.
     *
     * @param initialCapacity the bytes it holds before it first grows
     * @param growthLimit     where doubling stops: the most the buffer is meant to hold (for a part, its size plus
     *                        room for the row that crosses it; for a user's rows held back, the part size). Doubling
     *                        past it would leave a buffer of nearly twice that size for good. A row too large for it
     *                        still gets all the room it needs.
     */
    PartBuffer(int initialCapacity, long growthLimit) {
        this.bytes = new byte[Math.max(initialCapacity, 1024)];
        this.growthLimit = growthLimit;
    }

    /** Bytes of the row being written; {@link #endRow()} completes it. */
    @Override
    public void write(byte[] source, int offset, int count) {
        ensureCapacity(length + count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    @Override
    public void write(int b) {
        ensureCapacity(length + 1);
        bytes[length++] = (byte) b;
    }

    /** Ends the row being written with its line feed. */
    void endRow() {
        write('\n');
        rows++;
    }

    int length() {
        return length;
    }

    long rows() {
        return rows;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    /** The content as a new array, and the buffer emptied for the next part. */
    byte[] drain() {
        byte[] content = Arrays.copyOf(bytes, length);
        length = 0;
        rows = 0;
        return content;
    }

    /** Empties the buffer, keeping its capacity. */
    void clear() {
        length = 0;
        rows = 0;
    }

    /** Hands every row in the buffer, in order and without copying, to the consumer. */
    void forEachRow(UserRows.RowConsumer consumer) throws IOException {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                consumer.accept(bytes, start, i - start);
                start = i + 1;
            }
        }
    }

    /** Writes the whole content, line feeds included, to the stream, without copying it first. */
    void writeContentTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    /** The bytes it can hold before it grows again. */
    int capacity() {
        return bytes.length;
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            long doubled = (long) bytes.length * 2;
            long grown = Math.max(bytes.length < growthLimit ? Math.min(doubled, growthLimit) : doubled, needed);
            if (grown > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("A part cannot hold more than 2 GiB; lower partSize");
            }
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
    }
}
