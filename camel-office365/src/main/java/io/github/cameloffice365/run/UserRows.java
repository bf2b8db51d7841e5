package io.github.cameloffice365.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rows of one user, held back until the user is complete, so that a user who fails half way leaves no row in any
 * part. Rows stay in memory up to a threshold (the part size) and spill to a temporary file beyond it, so memory stays
 * bounded by the part size whatever the size of the mailbox. The file is deleted on {@link #close()}.
 */
final class UserRows implements Closeable {

    private final int memoryThreshold;
    private final ByteArrayOutputStream row = new ByteArrayOutputStream(8 * 1024);
    private PartBuffer memory;
    private Path spillFile;
    private OutputStream spill;
    private long rows;

    UserRows(long memoryThreshold) {
        this.memoryThreshold = (int) Math.min(memoryThreshold, Integer.MAX_VALUE - 16);
        this.memory = new PartBuffer(16 * 1024, this.memoryThreshold);
    }

    /** A stream for the next row; the row counts once {@link #endRow()} is called, and is dropped otherwise. */
    OutputStream startRow() {
        row.reset();
        return row;
    }

    /** Keeps the row written since {@link #startRow()}. */
    void endRow() throws IOException {
        if (spill == null && memory.length() + row.size() + 1 > memoryThreshold) {
            spillToFile();
        }
        if (spill != null) {
            row.writeTo(spill);
            spill.write('\n');
        } else {
            row.writeTo(memory);
            memory.endRow();
        }
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Hands every row, in order, to the consumer: the bytes of one row without its line feed. */
    void forEachRow(RowConsumer consumer) throws IOException {
        if (spill == null) {
            byte[] content = memory.drain();
            int start = 0;
            for (int i = 0; i < content.length; i++) {
                if (content[i] == '\n') {
                    consumer.accept(content, start, i - start);
                    start = i + 1;
                }
            }
            return;
        }
        spill.flush();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(spillFile), 64 * 1024)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(8 * 1024);
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    consumer.accept(line.toByteArray(), 0, line.size());
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
    }

    private void spillToFile() throws IOException {
        spillFile = Files.createTempFile("office365-user-rows-", ".jsonl");
        spill = new BufferedOutputStream(Files.newOutputStream(spillFile), 64 * 1024);
        byte[] held = memory.drain();
        spill.write(held);
        memory = new PartBuffer(1024, memoryThreshold);
    }

    @Override
    public void close() {
        try {
            if (spill != null) {
                spill.close();
            }
            if (spillFile != null) {
                Files.deleteIfExists(spillFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The rows of a user could not be removed from " + spillFile, e);
        }
    }

    /** Receives one row's bytes. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }
}
