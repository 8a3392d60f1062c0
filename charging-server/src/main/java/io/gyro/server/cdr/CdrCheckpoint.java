package io.gyro.server.cdr;

import io.gyro.ledger.journal.DurableFiles;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The tailer's position, persisted with the CDR files ({@code cdr.position} in the CDR directory): the journal
 * document last fully processed, the next line id, the open file and its length, a file still to publish, the
 * tariff table, and every session being followed. Written to a temporary file, forced, then renamed over the old
 * one, so a crash leaves either the old or the new checkpoint, never half of one; a CRC32C guards the content.
 *
 * @param journalIndex      Chronicle index of the last document fully processed, or -1 for none.
 * @param nextRecordId      id of the next CDR line.
 * @param openPeriod        period of the file in progress, or -1.
 * @param openLength        its length in bytes.
 * @param minPeriod         the earliest period a new file may have (periods never go back).
 * @param publishPeriod     a finished period whose file may still need renaming, or -1.
 * @param tariffBytes       the last journaled tariff table.
 * @param sessions          sessions being followed.
 */
record CdrCheckpoint(
    long journalIndex,
    long nextRecordId,
    long openPeriod,
    long openLength,
    long minPeriod,
    long publishPeriod,
    byte[] tariffBytes,
    List<SessionTracker.Session> sessions)
{
    /** File name in the CDR directory. */
    static final String FILE_NAME = "cdr.position";
    private static final int MAGIC = 0x4743_4B31; // "GCK1"
    private static final int VERSION = 1;

    /**
     * @param dir CDR directory.
     * @return the checkpoint, or null when there is none.
     * @throws IOException when it exists but cannot be read or is damaged.
     */
    static CdrCheckpoint read(final Path dir) throws IOException
    {
        final Path path = dir.resolve(FILE_NAME);
        if (!Files.exists(path))
        {
            return null;
        }
        // The whole file is checked before any of its counts is believed: a damaged count must be refused, not
        // allocated (a session count of 2^31 - 1 was an OutOfMemoryError that killed the start).
        final byte[] all = Files.readAllBytes(path);
        if (all.length < Integer.BYTES * 3)
        {
            throw new IOException(path + " is truncated");
        }
        final int body = all.length - Integer.BYTES;
        final CRC32C crc = new CRC32C();
        crc.update(all, 0, body);
        final int stored = ((all[body] & 0xFF) << 24) | ((all[body + 1] & 0xFF) << 16) | ((all[body + 2] & 0xFF) << 8) |
            (all[body + 3] & 0xFF);
        final int magic = ((all[0] & 0xFF) << 24) | ((all[1] & 0xFF) << 16) | ((all[2] & 0xFF) << 8) | (all[3] & 0xFF);
        if (magic != MAGIC)
        {
            throw new IOException(path + " is not a Gyro CDR checkpoint");
        }
        if (stored != (int)crc.getValue())
        {
            throw new IOException(path + " fails its CRC32C check: it is damaged");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, body)))
        {
            in.readInt();
            final int version = in.readInt();
            if (version != VERSION)
            {
                throw new IOException(path + " has version " + version + "; this Gyro reads version " + VERSION);
            }
            final long journalIndex = in.readLong();
            final long nextRecordId = in.readLong();
            final long openPeriod = in.readLong();
            final long openLength = in.readLong();
            final long minPeriod = in.readLong();
            final long publishPeriod = in.readLong();
            final byte[] tariffs = bytes(in);
            final int count = in.readInt();
            if (count < 0 || count > body)
            {
                throw new IOException(path + " records " + count + " sessions in " + all.length + " bytes");
            }
            final List<SessionTracker.Session> sessions = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                sessions.add(readSession(in));
            }
            if (in.available() != 0)
            {
                throw new IOException(path + " has " + in.available() + " bytes after its last session");
            }
            return new CdrCheckpoint(journalIndex, nextRecordId, openPeriod, openLength, minPeriod, publishPeriod,
                tariffs, sessions);
        }
        catch (final java.io.EOFException ex)
        {
            throw new IOException(path + " is truncated", ex);
        }
    }

    /**
     * Write atomically.
     *
     * @param dir CDR directory.
     * @throws IOException on failure.
     */
    void write(final Path dir) throws IOException
    {
        final Path temporary = dir.resolve(FILE_NAME + ".tmp");
        final CRC32C crc = new CRC32C();
        try (OutputStream file = Files.newOutputStream(temporary);
            BufferedOutputStream buffered = new BufferedOutputStream(file, 1 << 16))
        {
            final DataOutputStream out = new DataOutputStream(new CheckedOutputStream(buffered, crc));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(journalIndex);
            out.writeLong(nextRecordId);
            out.writeLong(openPeriod);
            out.writeLong(openLength);
            out.writeLong(minPeriod);
            out.writeLong(publishPeriod);
            writeBytes(out, tariffBytes);
            out.writeInt(sessions.size());
            for (final SessionTracker.Session s : sessions)
            {
                writeSession(out, s);
            }
            out.flush();
            new DataOutputStream(buffered).writeInt((int)crc.getValue());
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE))
        {
            channel.force(true);
        }
        Files.move(temporary, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        // The ledger deletes journal cycles before this checkpoint's: an older one must not come back after a crash.
        DurableFiles.forceDirectory(dir);
    }

    private static void writeSession(final DataOutputStream out, final SessionTracker.Session s) throws IOException
    {
        out.writeLong(s.sessionId);
        out.writeInt(s.accountId);
        writeBytes(out, s.key);
        writeBytes(out, s.context);
        out.writeLong(s.openedMs);
        out.writeLong(s.partStartMs);
        out.writeInt(s.part);
        out.writeInt(s.state);
        out.writeInt(s.endReason);
        out.writeInt(s.wouldDeny);
        out.writeInt(s.lastResult);
        out.writeBoolean(s.activity);
        out.writeInt(s.groupCount);
        for (int g = 0; g < s.groupCount; g++)
        {
            out.writeLong(s.ratingGroup[g]);
            out.writeInt(s.unitType[g]);
            out.writeLong(s.usedUnits[g]);
            out.writeLong(s.chargedMinor[g]);
            out.writeLong(s.bucketUnits[g]);
            out.writeLong(s.reservedMinor[g]);
            out.writeLong(s.reservedUnits[g]);
            out.writeInt(s.outcome[g]);
        }
    }

    private static SessionTracker.Session readSession(final DataInputStream in) throws IOException
    {
        final SessionTracker.Session s = new SessionTracker.Session();
        s.sessionId = in.readLong();
        s.accountId = in.readInt();
        s.key = bytes(in);
        s.context = bytes(in);
        s.openedMs = in.readLong();
        s.partStartMs = in.readLong();
        s.part = in.readInt();
        s.state = in.readInt();
        s.endReason = in.readInt();
        s.wouldDeny = in.readInt();
        s.lastResult = in.readInt();
        s.activity = in.readBoolean();
        final int groups = in.readInt();
        if (groups < 0 || groups > 1 << 16)
        {
            throw new IOException("checkpoint session " + s.sessionId + " has " + groups + " rating groups");
        }
        for (int i = 0; i < groups; i++)
        {
            final int g = s.group(in.readLong());
            s.unitType[g] = in.readInt();
            s.usedUnits[g] = in.readLong();
            s.chargedMinor[g] = in.readLong();
            s.bucketUnits[g] = in.readLong();
            s.reservedMinor[g] = in.readLong();
            s.reservedUnits[g] = in.readLong();
            s.outcome[g] = in.readInt();
        }
        return s;
    }

    private static void writeBytes(final DataOutputStream out, final byte[] bytes) throws IOException
    {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] bytes(final DataInputStream in) throws IOException
    {
        final int length = in.readInt();
        if (length < 0 || length > 1 << 24)
        {
            throw new IOException("checkpoint has a byte field of impossible length " + length);
        }
        final byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
