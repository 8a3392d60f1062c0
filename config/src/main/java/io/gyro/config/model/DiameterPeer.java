package io.gyro.config.model;

import java.net.InetAddress;
import java.util.List;

/**
 * One entry of the Diameter peer allow-list.
 *
 * @param originHost                    the peer's Origin-Host, or {@code *} for any.
 * @param addresses                     networks the connection must come from.
 * @param creditControlFailureHandling  CCFH sent to this peer in CCAs (RFC 4006 §8.14), or none.
 * @param directDebitingFailureHandling DDFH sent to this peer in CCAs (RFC 4006 §8.15), or none.
 * @param send3gppAvps                  whether answers to this peer may carry 3GPP (10415) AVPs.
 * @param supportedVendorIds            Supported-Vendor-Id values advertised in the CEA (RFC 6733 §5.3.6).
 */
public record DiameterPeer(
    String originHost,
    List<Cidr> addresses,
    CreditControlFailureHandling creditControlFailureHandling,
    DirectDebitingFailureHandling directDebitingFailureHandling,
    boolean send3gppAvps,
    List<Long> supportedVendorIds)
{
    /** The origin-host that matches any peer. */
    public static final String ANY_HOST = "*";

    /** Copies the lists so the record stays immutable. */
    public DiameterPeer
    {
        addresses = List.copyOf(addresses);
        supportedVendorIds = List.copyOf(supportedVendorIds);
    }

    /** @return whether this entry matches any Origin-Host. */
    public boolean matchesAnyHost()
    {
        return ANY_HOST.equals(originHost);
    }

    /**
     * @param peerOriginHost the Origin-Host the peer sent (DiameterIdentity compares case-insensitively).
     * @param address        where the connection comes from.
     * @return whether this entry admits the peer.
     */
    public boolean admits(final String peerOriginHost, final InetAddress address)
    {
        if (!matchesAnyHost() && !originHost.equalsIgnoreCase(peerOriginHost))
        {
            return false;
        }
        for (final Cidr network : addresses)
        {
            if (network.contains(address))
            {
                return true;
            }
        }
        return false;
    }
}
