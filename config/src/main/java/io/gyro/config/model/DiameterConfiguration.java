package io.gyro.config.model;

import java.net.InetAddress;
import java.util.List;

/**
 * The Diameter credit-control listener (RFC 6733, RFC 4006/8506, 3GPP TS 32.299 Gy/Ro).
 *
 * @param enabled              whether the listener starts.
 * @param bindAddress          IP address literal to listen on.
 * @param port                 TCP port; 0 picks a free port (tests).
 * @param tls                  Diameter over TLS.
 * @param ioThreads            Netty event-loop threads.
 * @param maxMessageLength     largest accepted message in bytes (Message Length is 24 bits, RFC 6733 §3).
 * @param watchdogIntervalMs   Tw, the device-watchdog interval (RFC 3539 §3.4.1, at least 6 s).
 * @param cerTimeoutMs         how long a new connection may take to send its CER.
 * @param maxConnections       most connections open at once (plain and TLS together).
 * @param maxConnectionsPerAddress most connections open at once from one source address.
 * @param servedRealms         Destination-Realm values answered locally.
 * @param maxMscc              most Multiple-Services-Credit-Control AVPs accepted in one CCR.
 * @param defaultRatingGroup   rating group for command-level RSU/USU, or
 *                             {@link TariffConfiguration#DEFAULT_RATING_GROUP} for the default tariff.
 * @param duplicateWindowMs    how long (Origin-Host, End-to-End) pairs are remembered (RFC 6733 Appendix C).
 * @param currencyCode         ISO 4217 numeric currency code sent in CC-Money/Cost-Information.
 * @param lowBalanceIndication whether Gy CCAs carry Low-Balance-Indication (3GPP AVP 2020, TS 32.299 §6.4.3).
 * @param peers                the allow-list of Diameter clients, matched in order.
 */
public record DiameterConfiguration(
    boolean enabled,
    String bindAddress,
    int port,
    DiameterTlsConfiguration tls,
    int ioThreads,
    int maxMessageLength,
    long watchdogIntervalMs,
    long cerTimeoutMs,
    int maxConnections,
    int maxConnectionsPerAddress,
    List<String> servedRealms,
    int maxMscc,
    long defaultRatingGroup,
    long duplicateWindowMs,
    int currencyCode,
    boolean lowBalanceIndication,
    List<DiameterPeer> peers)
{
    /** Copies the lists so the record stays immutable. */
    public DiameterConfiguration
    {
        servedRealms = List.copyOf(servedRealms);
        peers = List.copyOf(peers);
    }

    /**
     * @param originHost the Origin-Host from a CER.
     * @param address    the connection's remote address.
     * @return the first peer entry that admits this pair, or null if the peer is unknown (RFC 6733 §5.3:
     *         answer CEA 3010 DIAMETER_UNKNOWN_PEER or drop, then close).
     */
    public DiameterPeer findPeer(final String originHost, final InetAddress address)
    {
        for (final DiameterPeer peer : peers)
        {
            if (peer.admits(originHost, address))
            {
                return peer;
            }
        }
        return null;
    }
}
