package io.gyro.config.model;

import java.net.InetAddress;
import java.util.List;

/**
 * The RADIUS listeners (RFC 2865 authentication, RFC 2866 accounting) and the CoA/Disconnect sender
 * (RFC 5176), with RFC 5080 §2.2.1 retransmission parameters.
 *
 * @param enabled                     whether the listeners start.
 * @param bindAddress                 IP address literal to listen on.
 * @param authPort                    UDP port for Access-Request; 0 picks a free port (tests).
 * @param acctPort                    UDP port for Accounting-Request; 0 picks a free port (tests).
 * @param coaPort                     the NAS's UDP port that CoA/Disconnect-Requests are sent to.
 * @param identityOrder               attributes tried, in order, to find the subscriber.
 * @param acctInterimIntervalSeconds  Acct-Interim-Interval sent in Access-Accept (RFC 2869 §5.16).
 * @param reservationAdoptionTimeoutMs how long units reserved at Access-Accept wait for their Accounting-Start.
 * @param duplicateCacheTimeMs        how long answers are cached for retransmitted requests (RFC 5080 §2.2.2).
 * @param coaMaxTransmissions         MRC: most transmissions of one CoA/Disconnect-Request, the first included.
 * @param coaInitialTimeoutMs         IRT: the first retransmission timeout.
 * @param coaMaxTimeoutMs             MRT: the cap of the doubling retransmission timeout.
 * @param coaMaxDurationMs            MRD: give up on a request after this long.
 * @param clients                     the NASes allowed to talk to the server.
 */
public record RadiusConfiguration(
    boolean enabled,
    String bindAddress,
    int authPort,
    int acctPort,
    int coaPort,
    List<RadiusIdentity> identityOrder,
    long acctInterimIntervalSeconds,
    long reservationAdoptionTimeoutMs,
    long duplicateCacheTimeMs,
    int coaMaxTransmissions,
    long coaInitialTimeoutMs,
    long coaMaxTimeoutMs,
    long coaMaxDurationMs,
    List<RadiusClient> clients)
{
    /** Copies the lists so the record stays immutable. */
    public RadiusConfiguration
    {
        identityOrder = List.copyOf(identityOrder);
        clients = List.copyOf(clients);
    }

    /**
     * @param source where a datagram came from.
     * @return the client whose network holds the address (client networks never overlap), or null: such
     *         a packet is silently discarded (RFC 2865 §3).
     */
    public RadiusClient findClient(final InetAddress source)
    {
        for (final RadiusClient client : clients)
        {
            if (client.address().contains(source))
            {
                return client;
            }
        }
        return null;
    }
}
