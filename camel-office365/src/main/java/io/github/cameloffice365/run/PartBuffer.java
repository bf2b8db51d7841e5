package io.github.cameloffice365.run;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes of whole rows, each followed by a line feed: a part being filled, or the rows of a user held in memory.
 * Rows are written into it as a stream and completed with {@link #endRow()}.
 */
final class PartBuffer extends OutputStream {

    private byte[] bytes;
    private int length;
    private long rows;

    PartBuffer(int initialCapacity) {
        this.bytes = new byte[Math.max(initialCapacity, 1024)];
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

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            long grown = Math.max((long) bytes.length * 2, needed);
            if (grown > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("A part cannot hold more than 2 GiB; lower partSize");
            }
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
    }
}
