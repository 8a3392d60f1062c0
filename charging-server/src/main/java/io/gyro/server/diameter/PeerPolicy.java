package io.gyro.server.diameter;

import io.gyro.config.model.Cidr;
import io.gyro.config.model.DiameterPeer;

import java.net.InetAddress;
import java.util.List;

/**
 * The peer allow-list (RFC 6733 §5.3: an unknown peer is refused with 3010 DIAMETER_UNKNOWN_PEER and the
 * connection closed): a peer is accepted when an entry matches both its Origin-Host (exactly, or {@code *}) and
 * the address it connected from. First match wins, as in the configuration file.
 */
public final class PeerPolicy
{
    private final List<DiameterPeer> peers;

    /**
     * @param peers configured entries, in order.
     */
    public PeerPolicy(final List<DiameterPeer> peers)
    {
        this.peers = List.copyOf(peers);
    }

    /**
     * @param originHost the CER's Origin-Host.
     * @param address    the connection's remote address.
     * @return the matching entry with its per-peer options, or null when the peer is not allowed.
     */
    public DiameterPeer match(final String originHost, final InetAddress address)
    {
        for (final DiameterPeer peer : peers)
        {
            if (("*".equals(peer.originHost()) || peer.originHost().equalsIgnoreCase(originHost)) &&
                containsAddress(peer.addresses(), address))
            {
                return peer;
            }
        }
        return null;
    }

    private static boolean containsAddress(final List<Cidr> ranges, final InetAddress address)
    {
        for (final Cidr range : ranges)
        {
            if (range.contains(address))
            {
                return true;
            }
        }
        return false;
    }
}
