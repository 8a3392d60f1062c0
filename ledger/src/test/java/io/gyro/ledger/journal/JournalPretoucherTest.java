package io.gyro.ledger.journal;

import io.gyro.ledger.SyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal pretoucher reads (never writes) the window ahead of the append position, stops at the end of the file
 * and at the window, starts over on a rolled file, shrugs off a file it cannot read, and a journal with it on reads
 * back every document intact. {@link JournalPretoucher#touchAhead} is driven directly, without its thread, except
 * where the thread itself is under test.
 */
@Timeout(60)
class JournalPretoucherTest
{
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void shouldReadAheadOfTheAppendPositionUpToTheWindowWithoutChangingTheFile() throws IOException
    {
        final Path file = sparseFile("a.cq4", 8 * MIB);
        final byte[] before = Files.readAllBytes(file);
        final FileTime modified = Files.getLastModifiedTime(file);
        final JournalPretoucher pretoucher = new JournalPretoucher(3 * MIB, null);

        pretoucher.advance(file, 100_000);
        final int reads = drain(pretoucher);

        assertEquals(pageAbove(100_000 + 3 * MIB), pretoucher.touchedUntil());
        assertEquals(4, reads, "from the page below the position, in chunks of at most 1 MiB");
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(modified, Files.getLastModifiedTime(file));
        pretoucher.close();
    }

    @Test
    void shouldGoOnFromWhereItStoppedAndNeverReadBehindThePosition() throws IOException
    {
        final Path file = sparseFile("a.cq4", 16 * MIB);
        final JournalPretoucher pretoucher = new JournalPretoucher(2 * MIB, null);
        pretoucher.advance(file, 0);
        drain(pretoucher);
        assertEquals(2 * MIB, pretoucher.touchedUntil());

        pretoucher.advance(file, MIB + 10);
        assertEquals(2, drain(pretoucher), "only the part of the window not read yet: 1 MiB and a page");
        assertEquals(3 * MIB + 4096, pretoucher.touchedUntil());

        pretoucher.advance(file, 10 * MIB + 5);
        assertTrue(pretoucher.touchAhead());
        assertEquals(11 * MIB, pretoucher.touchedUntil(), "skips ahead to the page of the position");
        pretoucher.close();
    }

    @Test
    void shouldStopAtTheEndOfTheFileAndGoOnWhenTheFileGrows() throws IOException
    {
        final Path file = sparseFile("a.cq4", 2 * MIB);
        final JournalPretoucher pretoucher = new JournalPretoucher(16 * MIB, null);
        pretoucher.advance(file, 4096);
        drain(pretoucher);
        assertEquals(2 * MIB, pretoucher.touchedUntil());
        assertFalse(pretoucher.touchAhead());

        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(5 * MIB);
        }
        assertTrue(pretoucher.touchAhead());
        drain(pretoucher);
        assertEquals(5 * MIB, pretoucher.touchedUntil());
        pretoucher.close();
    }

    @Test
    void shouldStartOverOnARolledFile() throws IOException
    {
        final Path first = sparseFile("20261125F.cq4", 4 * MIB);
        final Path second = sparseFile("20261126F.cq4", 4 * MIB);
        final JournalPretoucher pretoucher = new JournalPretoucher(MIB, null);
        pretoucher.advance(first, 3 * MIB);
        drain(pretoucher);
        assertEquals(4 * MIB, pretoucher.touchedUntil());

        pretoucher.advance(second, 200);
        drain(pretoucher);
        assertEquals(pageAbove(200 + MIB), pretoucher.touchedUntil());
        pretoucher.close();
    }

    @Test
    void shouldPretouchTheStartOfARolledFileEvenIfItSawTheNewFileWithTheOldPosition() throws Exception
    {
        // The pretouch thread may run between the appender's two stores of advance(): new position, old file is
        // harmless; this test forces the other mix, new file with the old file's (far larger) position.
        final Path first = sparseFile("20261125F.cq4", 80 * MIB);
        final Path second = sparseFile("20261126F.cq4", 80 * MIB);
        final JournalPretoucher pretoucher = new JournalPretoucher(2 * MIB, null);
        pretoucher.advance(first, 40 * MIB);
        drain(pretoucher);
        final Field file = JournalPretoucher.class.getDeclaredField("file");
        file.setAccessible(true);
        file.set(pretoucher, second);
        assertTrue(pretoucher.touchAhead());

        pretoucher.advance(second, 200);
        drain(pretoucher);
        assertEquals(pageAbove(200 + 2 * MIB), pretoucher.touchedUntil());
        pretoucher.close();
    }

    @Test
    void shouldNotAskForAWakeUpPerDocumentWhileWaitingForTheFileToGrow() throws IOException
    {
        final Path file = sparseFile("a.cq4", 2 * MIB);
        final JournalPretoucher pretoucher = new JournalPretoucher(16 * MIB, null);
        pretoucher.advance(file, 4096);
        assertEquals(1, pretoucher.wakeUps(), "a new file");
        drain(pretoucher);
        assertEquals(2 * MIB, pretoucher.touchedUntil());

        for (int i = 1; i <= 1_000; i++)
        {
            pretoucher.advance(file, 4096 + i * 100L);
        }
        assertEquals(1, pretoucher.wakeUps(), "at the end of the file the reader's own park is enough");

        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(40 * MIB);
        }
        assertTrue(pretoucher.touchAhead(), "the reader finds the grown file by itself");
        drain(pretoucher);
        assertEquals(pageAbove(4096 + 100_000 + 16 * MIB), pretoucher.touchedUntil(), "now the window is the limit");
        pretoucher.advance(file, 4 * MIB);
        assertEquals(1, pretoucher.wakeUps(), "more than half the window still ahead");
        pretoucher.advance(file, 9 * MIB);
        assertEquals(2, pretoucher.wakeUps(), "wake-ups resume once the end of the file is no longer the limit");
        pretoucher.close();
    }

    @Test
    void shouldRefuseAWindowBeyondAChronicleBlock()
    {
        assertThrows(IllegalArgumentException.class, () -> new JournalPretoucher(0, null));
        assertThrows(IllegalArgumentException.class,
            () -> new JournalPretoucher(JournalPretoucher.MAX_WINDOW_BYTES + 1, null));
        assertThrows(IllegalStateException.class,
            () -> new io.gyro.ledger.LedgerContext().journalPretouchBytes(Long.MAX_VALUE).conclude());
    }

    @Test
    void shouldSkipAFileItCannotReadAndTakeTheNextOne() throws IOException
    {
        final JournalPretoucher pretoucher = new JournalPretoucher(MIB, null);
        pretoucher.advance(dir.resolve("gone.cq4"), 0);
        assertFalse(pretoucher.touchAhead());
        assertFalse(pretoucher.touchAhead(), "not tried again until the file changes");

        final Path next = sparseFile("next.cq4", 4 * MIB);
        pretoucher.advance(next, 0);
        drain(pretoucher);
        assertEquals(MIB, pretoucher.touchedUntil());
        pretoucher.close();
    }

    @Test
    void shouldReadAheadOnItsOwnThreadAndStopWhenClosed() throws IOException
    {
        final Path file = sparseFile("a.cq4", 8 * MIB);
        final JournalPretoucher pretoucher = new JournalPretoucher(2 * MIB, "test-pretouch");
        assertTrue(pretoucher.isThreadAlive());

        pretoucher.advance(file, 3 * MIB);
        while (pretoucher.touchedUntil() < 5 * MIB)
        {
            LockSupport.parkNanos(1_000_000);
        }
        assertEquals(5 * MIB, pretoucher.touchedUntil(), "never past the window");

        pretoucher.close();
        assertFalse(pretoucher.isThreadAlive());
    }

    @Test
    void shouldReadBackEveryDocumentOfAJournalWrittenWithPretouchOn()
    {
        final Random random = new Random(7);
        final List<byte[]> written = new ArrayList<>();
        try (ChronicleJournal journal = new ChronicleJournal(dir.resolve("journal"), SyncPolicy.NONE, false, 0, MIB))
        {
            for (int i = 0; i < 3_000; i++)
            {
                final byte[] document = new byte[1 + random.nextInt(20_000)];
                random.nextBytes(document);
                written.add(document);
                journal.append(document, document.length);
            }
        }

        final List<byte[]> read = new ArrayList<>();
        try (ChronicleJournal journal = new ChronicleJournal(dir.resolve("journal"), SyncPolicy.NONE, true))
        {
            journal.readAfter(-1, (index, buffer, length) ->
            {
                final byte[] document = new byte[length];
                buffer.getBytes(0, document);
                read.add(document);
            });
        }
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++)
        {
            assertTrue(Arrays.equals(written.get(i), read.get(i)), "document " + i);
        }
    }

    private Path sparseFile(final String name, final long length) throws IOException
    {
        final Path file = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length);
            raf.seek(12_345);
            raf.write(new byte[] {1, 2, 3, 4});
        }
        return file;
    }

    private static long pageAbove(final long position)
    {
        return (position + 4095) / 4096 * 4096;
    }

    private static int drain(final JournalPretoucher pretoucher)
    {
        int reads = 0;
        while (pretoucher.touchAhead())
        {
            reads++;
        }
        return reads;
    }
}
