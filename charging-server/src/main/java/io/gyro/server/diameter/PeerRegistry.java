package io.gyro.server.diameter;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open peer connections by their CER Origin-Host, so that server-initiated requests (RAR, ASR) find the
 * connection a session came through. DiameterIdentity comparisons are case-insensitive (FQDNs). Thread safe:
 * lanes register and remove, the notification thread looks up.
 */
public final class PeerRegistry
{
    private final ConcurrentHashMap<String, DiameterConnection> byHost = new ConcurrentHashMap<>();

    /**
     * Register an open connection, replacing an older one from the same host (a peer that reconnected).
     *
     * @param host       CER Origin-Host.
     * @param connection the connection.
     * @return the connection it replaced, or null.
     */
    DiameterConnection register(final String host, final DiameterConnection connection)
    {
        return byHost.put(host.toLowerCase(Locale.ROOT), connection);
    }

    /**
     * Forget a connection if it is still the registered one.
     *
     * @param host       CER Origin-Host.
     * @param connection the connection that closed.
     */
    void remove(final String host, final DiameterConnection connection)
    {
        byHost.remove(host.toLowerCase(Locale.ROOT), connection);
    }

    /**
     * @param host a peer's Origin-Host.
     * @return its open connection, or null.
     */
    public DiameterConnection find(final String host)
    {
        return null == host ? null : byHost.get(host.toLowerCase(Locale.ROOT));
    }

    /** @return every open connection. */
    public Collection<DiameterConnection> connections()
    {
        return byHost.values();
    }

    /** @return number of open peers. */
    public int size()
    {
        return byHost.size();
    }
}
