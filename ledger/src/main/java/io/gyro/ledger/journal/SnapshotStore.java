package io.gyro.ledger.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Snapshot files: {@code snapshot-<commandSeq, 20 digits>.gsnap}, written to a temporary file, forced to disk
 * and renamed atomically, so a crash mid-write leaves only a {@code .tmp} that is ignored (and deleted).
 * <pre>
 * file:  0 long magic "GYROSNAP" | 8 int format version (1) | 12 int flags (0)
 *       16 long command sequence | 24 long journal index (-1 = before any document) | 32 long last command time
 *       40 body (the state, see StateSnapshotCodec) | trailer int CRC32C over every byte before it
 * </pre>
 * Reading refuses a newer format version with a clear message; a damaged file is reported so the caller can
 * fall back to the previous snapshot.
 */
public final class SnapshotStore
{
    /** "GYROSNAP" as a little-endian long. */
    public static final long MAGIC = 0x50414E534F525947L;
    /** Snapshot format version written by this Gyro. */
    public static final int FORMAT_VERSION = 1;
    /** Header length. */
    public static final int HEADER_LENGTH = 40;
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".gsnap";
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private final Path dir;
    private final int retention;

    /** Writes a snapshot body. */
    @FunctionalInterface
    public interface BodyWriter
    {
        /**
         * @param out destination.
         * @throws IOException on failure.
         */
        void write(SnapshotOutput out) throws IOException;
    }

    /** Reads a snapshot body. */
    @FunctionalInterface
    public interface BodyReader<T>
    {
        /**
         * @param header the file's header.
         * @param in     source.
         * @return what was read.
         * @throws IOException on failure.
         */
        T read(Header header, SnapshotInput in) throws IOException;
    }

    /**
     * A snapshot's header.
     *
     * @param path         file.
     * @param version      format version.
     * @param commandSeq   last command sequence included.
     * @param journalIndex Chronicle index of the last journal document included, -1 when none.
     * @param timestampMs  time of the last command included.
     */
    public record Header(Path path, int version, long commandSeq, long journalIndex, long timestampMs)
    {
    }

    /**
     * @param dir       directory (created if missing).
     * @param retention snapshots kept.
     * @throws IOException when the directory cannot be created.
     */
    public SnapshotStore(final Path dir, final int retention) throws IOException
    {
        this.dir = dir;
        this.retention = retention;
        Files.createDirectories(dir);
    }

    /**
     * @return the directory.
     */
    public Path dir()
    {
        return dir;
    }

    /**
     * Write a snapshot durably, then prune old ones.
     *
     * @param commandSeq   last command included.
     * @param journalIndex last journal document included, or -1.
     * @param timestampMs  last command time.
     * @param body         body writer.
     * @return the file written.
     * @throws IOException on failure (the previous snapshots are untouched).
     */
    public Path write(final long commandSeq, final long journalIndex, final long timestampMs, final BodyWriter body)
        throws IOException
    {
        final Path target = dir.resolve(String.format("%s%020d%s", PREFIX, commandSeq, SUFFIX));
        final Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final SnapshotOutput out = new SnapshotOutput(channel);
            out.putLong(MAGIC);
            out.putInt(FORMAT_VERSION);
            out.putInt(0);
            out.putLong(commandSeq);
            out.putLong(journalIndex);
            out.putLong(timestampMs);
            body.write(out);
            out.finish();
            channel.force(true);
        }
        try
        {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        DurableFiles.forceDirectory(dir);
        prune();
        return target;
    }

    /**
     * Snapshot files, newest (highest command sequence) first; temporary leftovers are deleted.
     *
     * @return paths.
     * @throws IOException on listing failure.
     */
    public List<Path> list() throws IOException
    {
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir))
        {
            for (final Path p : stream)
            {
                final String name = p.getFileName().toString();
                if (name.startsWith(PREFIX) && name.endsWith(SUFFIX))
                {
                    files.add(p);
                }
                else if (name.startsWith(PREFIX) && name.endsWith(".tmp"))
                {
                    Files.deleteIfExists(p);
                }
            }
        }
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return files;
    }

    /**
     * The journal index the oldest kept snapshot ends at: a restart may fall back to any kept snapshot, so the journal
     * must keep what follows this index. Only the headers are read. A header that is unreadable, of another format,
     * or names an index beyond {@code newestJournalIndex} (the snapshot just written) makes the answer -1: nothing is
     * known to be covered.
     *
     * @param newestJournalIndex the index the newest snapshot ends at.
     * @return the lowest index any kept snapshot ends at, or -1 when that cannot be told.
     * @throws IOException on listing failure.
     */
    public long oldestJournalIndex(final long newestJournalIndex) throws IOException
    {
        long oldest = newestJournalIndex;
        for (final Path path : list())
        {
            final long index = journalIndexOf(path);
            if (index < 0 || index > newestJournalIndex)
            {
                return -1;
            }
            oldest = Math.min(oldest, index);
        }
        return oldest;
    }

    /** @return the journal index in a snapshot's header, or -1 when the header is not a readable Gyro snapshot's. */
    private static long journalIndexOf(final Path path)
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            final java.nio.ByteBuffer head =
                java.nio.ByteBuffer.allocate(HEADER_LENGTH).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            channel.read(head, 0);
            head.flip();
            if (head.remaining() < HEADER_LENGTH || head.getLong() != MAGIC || head.getInt() != FORMAT_VERSION)
            {
                return -1;
            }
            head.getInt();
            head.getLong();
            return head.getLong();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * Read and verify one snapshot.
     *
     * @param path   file.
     * @param reader body reader.
     * @param <T>    what the body becomes.
     * @return the body, only if the CRC matched.
     * @throws IOException          on read failure.
     * @throws JournalFormatException when damaged or of an unknown newer version.
     */
    public <T> T read(final Path path, final BodyReader<T> reader) throws IOException
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size < HEADER_LENGTH + 4)
            {
                throw new JournalFormatException("snapshot " + path + " is truncated (" + size + " bytes)");
            }
            // Magic and version first: a newer format is refused as such, whatever its checksum looks like.
            final java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            channel.read(head, 0);
            head.flip();
            if (head.getLong() != MAGIC)
            {
                throw new JournalFormatException("snapshot " + path + " does not start with the Gyro snapshot magic");
            }
            final int version = head.getInt();
            JournalRecordDescriptor.checkVersion(version, FORMAT_VERSION, "snapshot " + path);
            verifyChecksum(channel, size, path);
            final SnapshotInput in = new SnapshotInput(channel, size, path.toString());
            in.getLong();
            in.getInt();
            in.getInt();
            final Header header = new Header(path, version, in.getLong(), in.getLong(), in.getLong());
            final T body = reader.read(header, in);
            in.verifyTrailer();
            return body;
        }
    }

    /** Check the CRC32C trailer before parsing anything, so a damaged file is reported as damaged. */
    private static void verifyChecksum(final FileChannel channel, final long size, final Path path) throws IOException
    {
        final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 20);
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        final long body = size - 4;
        long position = 0;
        while (position < body)
        {
            buffer.clear();
            buffer.limit((int)Math.min(buffer.capacity(), body - position));
            final int n = channel.read(buffer, position);
            if (n <= 0)
            {
                throw new JournalFormatException("snapshot " + path + " ends early: truncated");
            }
            crc.update(buffer.array(), 0, n);
            position += n;
        }
        final java.nio.ByteBuffer trailer = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        channel.read(trailer, body);
        trailer.flip();
        if (trailer.remaining() != 4 || trailer.getInt() != (int)crc.getValue())
        {
            throw new JournalFormatException("snapshot " + path + " fails its CRC32C check: the file is damaged");
        }
    }

    private void prune() throws IOException
    {
        final List<Path> files = list();
        for (int i = retention; i < files.size(); i++)
        {
            Files.deleteIfExists(files.get(i));
            LOG.debug("pruned snapshot {}", files.get(i));
        }
    }
}
