package io.gyro.server.cdr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The CDR checkpoint file: read back as written; a damaged one is refused by its CRC before any of its counts is
 * believed (a flipped bit in a count must not make the start allocate gigabytes).
 */
class CdrCheckpointTest
{
    /** magic, version, six longs, the tariff bytes' length: where the session count starts with no tariffs. */
    private static final int SESSION_COUNT_OFFSET = 4 + 4 + 6 * 8 + 4;

    @TempDir
    Path dir;

    private static SessionTracker.Session session()
    {
        final SessionTracker.Session s = new SessionTracker.Session();
        s.sessionId = 42;
        s.accountId = 7;
        s.key = new byte[] {'s', ';', '1'};
        s.context = new byte[] {1};
        s.openedMs = 1_767_607_200_000L;
        s.partStartMs = 1_767_607_200_000L;
        s.state = 1;
        final int g = s.group(10);
        s.usedUnits[g] = 1_048_576;
        s.chargedMinor[g] = -25;
        return s;
    }

    @Test
    void shouldReadBackWhatWasWritten() throws IOException
    {
        new CdrCheckpoint(99, 5, 3_600_000, 1234, 3_600_000, -1, new byte[0], List.of(session())).write(dir);
        final CdrCheckpoint read = CdrCheckpoint.read(dir);
        assertEquals(99, read.journalIndex());
        assertEquals(5, read.nextRecordId());
        assertEquals(1234, read.openLength());
        assertEquals(1, read.sessions().size());
        final SessionTracker.Session s = read.sessions().get(0);
        assertEquals(42, s.sessionId);
        assertArrayEquals(new byte[] {'s', ';', '1'}, s.key);
        assertEquals(1_048_576, s.usedUnits[0]);
        assertEquals(-25, s.chargedMinor[0]);
    }

    @Test
    void shouldRefuseADamagedSessionCountByItsCrcBeforeAllocating() throws IOException
    {
        new CdrCheckpoint(99, 5, -1, 0, 0, -1, new byte[0], List.of()).write(dir);
        final Path file = dir.resolve(CdrCheckpoint.FILE_NAME);
        final byte[] bytes = Files.readAllBytes(file);
        assertEquals(0, bytes[SESSION_COUNT_OFFSET + 3], "no sessions written");
        for (final byte[] count : List.of(new byte[] {0x7F, -1, -1, -1}, new byte[] {-1, -1, -1, -1}))
        {
            System.arraycopy(count, 0, bytes, SESSION_COUNT_OFFSET, 4);
            Files.write(file, bytes);
            final IOException ex = assertThrows(IOException.class, () -> CdrCheckpoint.read(dir));
            assertEquals(file + " fails its CRC32C check: it is damaged", ex.getMessage());
        }
    }

    @Test
    void shouldRefuseATruncatedCheckpoint() throws IOException
    {
        new CdrCheckpoint(99, 5, -1, 0, 0, -1, new byte[0], List.of(session())).write(dir);
        final Path file = dir.resolve(CdrCheckpoint.FILE_NAME);
        final byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 9));
        final IOException ex = assertThrows(IOException.class, () -> CdrCheckpoint.read(dir));
        assertEquals(file + " fails its CRC32C check: it is damaged", ex.getMessage());
    }
}
