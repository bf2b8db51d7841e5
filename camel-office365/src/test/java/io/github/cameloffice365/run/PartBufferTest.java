package io.github.cameloffice365.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PartBufferTest {

    private static final int PART_SIZE = 8 * 1024;
    private static final long GROWTH_LIMIT = PART_SIZE + PART_SIZE / 8;

    @Test
    void shouldStopGrowingAtPartSizePlusSlackWhenRowsAreSmall() {
        PartBuffer buffer = new PartBuffer(1024, GROWTH_LIMIT);
        byte[] row = rowOf(100, 'a');

        while (buffer.length() < PART_SIZE) {
            buffer.write(row, 0, row.length);
            buffer.endRow();
        }

        // doubling from 1 KiB would have reached 16 KiB, twice the part size
        assertThat(buffer.capacity()).isEqualTo(GROWTH_LIMIT);
        assertThat(buffer.length()).isGreaterThanOrEqualTo(PART_SIZE);
    }

    @Test
    void shouldGiveARowLargerThanTheGrowthLimitAllTheRoomItNeeds() {
        PartBuffer buffer = new PartBuffer(1024, GROWTH_LIMIT);
        byte[] small = rowOf(500, 'a');
        byte[] large = rowOf(3 * PART_SIZE, 'b');

        buffer.write(small, 0, small.length);
        buffer.endRow();
        buffer.write(large, 0, large.length);
        buffer.endRow();

        byte[] content = buffer.drain();
        assertThat(content).hasSize(small.length + 1 + large.length + 1);
        assertThat(Arrays.copyOfRange(content, 0, small.length + 1))
                .isEqualTo((new String(small, StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(Arrays.copyOfRange(content, small.length + 1, content.length))
                .isEqualTo((new String(large, StandardCharsets.US_ASCII) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldKeepDoublingOnceALargeRowHasTakenItPastTheGrowthLimit() {
        PartBuffer buffer = new PartBuffer(1024, GROWTH_LIMIT);
        byte[] large = rowOf((int) GROWTH_LIMIT + 100, 'c');
        buffer.write(large, 0, large.length);
        int afterLargeRow = buffer.capacity();

        buffer.write('x');

        // growing by exactly what each byte needs would copy the whole buffer for every write
        assertThat(buffer.capacity()).isEqualTo(2 * afterLargeRow);
    }

    private static byte[] rowOf(int length, char letter) {
        byte[] row = new byte[length];
        Arrays.fill(row, (byte) letter);
        return row;
    }
}
