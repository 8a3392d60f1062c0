package io.gyro.ledger.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Buffered little-endian writer of a snapshot file that keeps a running CRC32C of everything written.
 * Not thread safe.
 */
public final class SnapshotOutput
{
    /** 1 MiB write buffer: large sequential writes, negligible memory. */
    private static final int BUFFER_BYTES = 1 << 20;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long written;

    SnapshotOutput(final FileChannel channel)
    {
        this.channel = channel;
    }

    /**
     * @param value value.
     * @throws IOException on write failure.
     */
    public void putInt(final int value) throws IOException
    {
        ensure(4);
        buffer.putInt(value);
    }

    /**
     * @param value value.
     * @throws IOException on write failure.
     */
    public void putLong(final long value) throws IOException
    {
        ensure(8);
        buffer.putLong(value);
    }

    /**
     * Write an int length then the bytes.
     *
     * @param bytes  source.
     * @param offset start.
     * @param length length.
     * @throws IOException on write failure.
     */
    public void putBytes(final byte[] bytes, final int offset, final int length) throws IOException
    {
        putInt(length);
        int done = 0;
        while (done < length)
        {
            if (!buffer.hasRemaining())
            {
                drain();
            }
            final int chunk = Math.min(length - done, buffer.remaining());
            buffer.put(bytes, offset + done, chunk);
            done += chunk;
        }
    }

    /**
     * @return CRC32C of everything written so far (after draining the buffer).
     * @throws IOException on write failure.
     */
    int crcSoFar() throws IOException
    {
        drain();
        return (int)crc.getValue();
    }

    /**
     * Write the CRC32C trailer (not itself covered) and flush.
     *
     * @throws IOException on write failure.
     */
    void finish() throws IOException
    {
        final int value = crcSoFar();
        buffer.putInt(value);
        buffer.flip();
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /**
     * @return bytes written so far (including buffered).
     */
    public long position()
    {
        return written + buffer.position();
    }

    private void ensure(final int bytes) throws IOException
    {
        if (buffer.remaining() < bytes)
        {
            drain();
        }
    }

    private void drain() throws IOException
    {
        buffer.flip();
        crc.update(buffer.array(), 0, buffer.limit());
        written += buffer.limit();
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
        buffer.clear();
    }
}
