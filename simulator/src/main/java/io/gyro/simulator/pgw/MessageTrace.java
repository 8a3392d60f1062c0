package io.gyro.simulator.pgw;

import io.gyro.protocol.diameter.DiameterMessageRenderer;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.netty.buffer.ByteBuf;

import java.io.Closeable;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code --trace}: every message sent and received, rendered through the dictionary with
 * {@link DiameterMessageRenderer}. Allocates per message; a debugging aid, not for load runs.
 * Thread safe (one lock per message).
 */
public final class MessageTrace implements Closeable
{
    private final DiameterMessageRenderer renderer = new DiameterMessageRenderer(DiameterDictionary.standard());
    private final PrintStream out;
    private final long startNs = System.nanoTime();

    /**
     * @param out where the trace goes; closed with this.
     */
    public MessageTrace(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * @param connection the connection's name (its Origin-Host).
     * @param outbound   true for a message sent.
     * @param buffer     holding the message.
     * @param offset     of its header.
     */
    public void record(final String connection, final boolean outbound, final ByteBuf buffer, final int offset)
    {
        final StringBuilder text = new StringBuilder(512);
        text.append(String.format(Locale.ROOT, "%12.6f %s %s ", (System.nanoTime() - startNs) / 1e9, connection,
            outbound ? "->" : "<-"));
        renderer.appendTo(text, buffer, offset);
        synchronized (this)
        {
            out.println(text);
        }
    }

    @Override
    public synchronized void close()
    {
        out.flush();
        out.close();
    }
}
