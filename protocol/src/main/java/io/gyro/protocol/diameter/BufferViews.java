package io.gyro.protocol.diameter;

import io.netty.buffer.ByteBuf;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Lays an Agrona {@link UnsafeBuffer} over a Netty {@link ByteBuf}'s memory so that hot loops read with one bounds
 * check and no reference-count check per access. Index 0 of the view is index 0 of the buffer, so offsets carry
 * over unchanged. The view is only valid while the buffer is alive and not reallocated; readers re-attach on every
 * wrap.
 */
public final class BufferViews
{
    private BufferViews()
    {
    }

    /**
     * Point {@code view} at {@code buffer}'s memory: direct memory by address, heap memory by array; anything else
     * (a composite buffer) is copied into {@code scratch}, grown when needed.
     *
     * @param buffer  to view.
     * @param view    to re-wrap.
     * @param scratch copy space for buffers without a single backing region, may be null.
     * @return the scratch array to keep for next time (possibly new).
     */
    public static byte[] attach(final ByteBuf buffer, final UnsafeBuffer view, final byte[] scratch)
    {
        if (buffer.hasMemoryAddress())
        {
            view.wrap(buffer.memoryAddress(), buffer.capacity());
            return scratch;
        }
        if (buffer.hasArray())
        {
            view.wrap(buffer.array(), buffer.arrayOffset(), buffer.capacity());
            return scratch;
        }
        final int length = buffer.writerIndex();
        final byte[] copy = null == scratch || scratch.length < length ? new byte[Math.max(length, 1024)] : scratch;
        buffer.getBytes(0, copy, 0, length);
        view.wrap(copy, 0, length);
        return copy;
    }
}
