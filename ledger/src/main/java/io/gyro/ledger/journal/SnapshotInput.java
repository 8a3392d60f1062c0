package io.gyro.ledger.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Buffered little-endian reader of a snapshot file with a running CRC32C over the bytes consumed; the last four
 * bytes of the file are the trailer and are never handed to the reader. Any read past the body is a
 * {@link JournalFormatException}. Not thread safe.
 */
public final class SnapshotInput
{
    private static final int BUFFER_BYTES = 1 << 20;

    private final FileChannel channel;
    private final String where;
    private final long bodyLength;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long consumedBeforeBuffer;
    private long filePosition;

    SnapshotInput(final FileChannel channel, final long fileSize, final String where)
    {
        this.channel = channel;
        this.where = where;
        this.bodyLength = fileSize - 4;
        buffer.limit(0);
    }

    /**
     * @return next int.
     * @throws IOException on read failure.
     */
    public int getInt() throws IOException
    {
        ensure(4);
        return buffer.getInt();
    }

    /**
     * @return next long.
     * @throws IOException on read failure.
     */
    public long getLong() throws IOException
    {
        ensure(8);
        return buffer.getLong();
    }

    /**
     * Read a length-prefixed byte field.
     *
     * @param max largest acceptable length.
     * @return the bytes.
     * @throws IOException on read failure.
     */
    public byte[] getBytes(final int max) throws IOException
    {
        final int length = getInt();
        if (length < 0 || length > max)
        {
            throw new JournalFormatException("snapshot " + where + " has a byte field of impossible length " + length);
        }
        final byte[] bytes = new byte[length];
        getBytes(bytes, length);
        return bytes;
    }

    /**
     * Read raw bytes.
     *
     * @param into   destination.
     * @param length count.
     * @throws IOException on read failure.
     */
    public void getBytes(final byte[] into, final int length) throws IOException
    {
        int done = 0;
        while (done < length)
        {
            if (!buffer.hasRemaining())
            {
                ensure(1);
            }
            final int chunk = Math.min(length - done, buffer.remaining());
            buffer.get(into, done, chunk);
            done += chunk;
        }
    }

    /**
     * @return whether the body has bytes left to read (a section later formats append).
     */
    public boolean hasMore()
    {
        return consumedBeforeBuffer + buffer.position() < bodyLength;
    }

    /**
     * Check that the whole body was read and that its CRC32C matches the trailer.
     *
     * @throws IOException on read failure.
     */
    void verifyTrailer() throws IOException
    {
        final long consumed = consumedBeforeBuffer + buffer.position();
        if (consumed != bodyLength)
        {
            throw new JournalFormatException("snapshot " + where + " has " + (bodyLength - consumed) +
                " unread bytes before its checksum");
        }
        crc.update(buffer.array(), 0, buffer.position());
        final ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(trailer, bodyLength);
        trailer.flip();
        if (trailer.remaining() != 4 || trailer.getInt() != (int)crc.getValue())
        {
            throw new JournalFormatException("snapshot " + where + " fails its CRC32C check: the file is damaged");
        }
    }

    private void ensure(final int bytes) throws IOException
    {
        if (buffer.remaining() >= bytes)
        {
            return;
        }
        crc.update(buffer.array(), 0, buffer.position());
        consumedBeforeBuffer += buffer.position();
        buffer.compact();
        final long remainingInBody = bodyLength - filePosition;
        final int room = (int)Math.min(buffer.remaining(), remainingInBody);
        final ByteBuffer target = buffer.duplicate();
        target.limit(buffer.position() + room);
        while (target.hasRemaining())
        {
            final int n = channel.read(target, filePosition);
            if (n < 0)
            {
                break;
            }
            filePosition += n;
        }
        buffer.position(target.position());
        buffer.flip();
        if (buffer.remaining() < bytes)
        {
            throw new JournalFormatException("snapshot " + where + " ends early: truncated or damaged");
        }
    }
}
