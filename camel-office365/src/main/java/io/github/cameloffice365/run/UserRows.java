package io.github.cameloffice365.run;

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

    /** Rows spilled to a file are read back in blocks of this size. */
    private static final int READ_BLOCK = 256 * 1024;

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
            memory.forEachRow(consumer);
            return;
        }
        spill.flush();
        try (InputStream in = Files.newInputStream(spillFile)) {
            byte[] block = new byte[READ_BLOCK];
            PartBuffer line = new PartBuffer(8 * 1024, memoryThreshold);
            int read;
            while ((read = in.read(block)) > 0) {
                int start = 0;
                for (int i = 0; i < read; i++) {
                    if (block[i] == '\n') {
                        if (line.length() == 0) {
                            consumer.accept(block, start, i - start);
                        } else {
                            // a row that began in the previous block
                            line.write(block, start, i - start);
                            line.endRow();
                            line.forEachRow(consumer);
                            line.clear();
                        }
                        start = i + 1;
                    }
                }
                line.write(block, start, read - start);
            }
        }
    }

    private void spillToFile() throws IOException {
        spillFile = Files.createTempFile("office365-user-rows-", ".jsonl");
        spill = new BufferedOutputStream(Files.newOutputStream(spillFile), 64 * 1024);
        memory.writeContentTo(spill);
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
