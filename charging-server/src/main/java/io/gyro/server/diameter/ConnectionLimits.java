package io.gyro.server.diameter;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps on concurrent Diameter connections, overall and per source address ({@code diameter.max-connections},
 * {@code diameter.max-connections-per-address}), checked as each connection is accepted, on whichever event loop
 * accepts it. A connection flood then costs a file descriptor for a moment and a count, never a lane's state, a
 * frame buffer or a CER wait. Accepting is rare next to requests, so a lock is cheap enough here.
 */
public final class ConnectionLimits
{
    /** Why a connection was refused. */
    public enum Refusal
    {
        /** {@code diameter.max-connections} were open. */
        MAX_CONNECTIONS("max_connections"),
        /** {@code diameter.max-connections-per-address} were open from the same address. */
        MAX_CONNECTIONS_PER_ADDRESS("max_connections_per_address");

        private final String label;

        Refusal(final String label)
        {
            this.label = label;
        }

        /** @return the stable metric label. */
        public String label()
        {
            return label;
        }
    }

    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final Map<InetAddress, Integer> openByAddress = new HashMap<>();
    private final AtomicLong[] refused = {new AtomicLong(), new AtomicLong()};
    private int open;

    /**
     * @param maxConnections           most connections open at once.
     * @param maxConnectionsPerAddress most connections open at once from one address.
     */
    public ConnectionLimits(final int maxConnections, final int maxConnectionsPerAddress)
    {
        this.maxConnections = maxConnections;
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
    }

    /**
     * Count a new connection in, unless a limit is reached.
     *
     * @param address the connection's source address.
     * @return null when admitted (then {@link #release} must follow when it closes), else why it is refused.
     */
    public synchronized Refusal tryAcquire(final InetAddress address)
    {
        final Refusal refusal;
        if (open >= maxConnections)
        {
            refusal = Refusal.MAX_CONNECTIONS;
        }
        else if (openByAddress.getOrDefault(address, 0) >= maxConnectionsPerAddress)
        {
            refusal = Refusal.MAX_CONNECTIONS_PER_ADDRESS;
        }
        else
        {
            open++;
            openByAddress.merge(address, 1, Integer::sum);
            return null;
        }
        refused[refusal.ordinal()].incrementAndGet();
        return refusal;
    }

    /**
     * Count an admitted connection out.
     *
     * @param address its source address.
     */
    public synchronized void release(final InetAddress address)
    {
        open--;
        openByAddress.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
    }

    /** @return connections admitted and not yet closed. */
    public synchronized int open()
    {
        return open;
    }

    /**
     * @param refusal a reason.
     * @return connections refused for it since start.
     */
    public long refused(final Refusal refusal)
    {
        return refused[refusal.ordinal()].get();
    }
}
