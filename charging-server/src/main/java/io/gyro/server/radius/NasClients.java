package io.gyro.server.radius;

import io.gyro.config.model.RadiusClient;
import org.agrona.collections.Int2ObjectHashMap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The configured NASes, found by source address (RFC 2865 §3: the shared secret is chosen by the packet's source
 * IP; client networks never overlap, the configuration checks that). IPv4 sources are remembered by their 32-bit
 * value, so the per-packet lookup allocates nothing once an address has been seen. Not thread safe: one per lane.
 */
public final class NasClients
{
    /**
     * Distinct IPv4 sources remembered; a NAS fleet is a few thousand boxes, and past this bound lookups still work
     * (without the cache), so a spoofed-source flood cannot grow memory.
     */
    static final int MAX_REMEMBERED_SOURCES = 65_536;

    private final List<NasClient> clients = new ArrayList<>();
    private final Int2ObjectHashMap<NasClient> byIpv4 = new Int2ObjectHashMap<>();
    private final byte[] ipv4 = new byte[4];

    /**
     * @param configured the configured clients.
     */
    public NasClients(final List<RadiusClient> configured)
    {
        for (final RadiusClient client : configured)
        {
            final NasClient resolved = NasClient.of(client);
            for (final NasClient other : clients)
            {
                if (Arrays.equals(other.keyId(), resolved.keyId()))
                {
                    // Two names with one 64-bit id would share session keys: refuse rather than merge two NASes.
                    throw new IllegalArgumentException("radius.clients: the names " + other.name() + " and " +
                        resolved.name() + " give the same session key id; rename one");
                }
            }
            clients.add(resolved);
        }
    }

    /**
     * @param source the datagram's source address.
     * @return the client whose network holds it, or null.
     */
    public NasClient find(final InetAddress source)
    {
        if (source instanceof Inet4Address)
        {
            // Inet4Address.hashCode() is its address as an int: no copy of the octets.
            final int address = source.hashCode();
            final NasClient known = byIpv4.get(address);
            if (null != known)
            {
                return known;
            }
            ipv4[0] = (byte)(address >>> 24);
            ipv4[1] = (byte)(address >>> 16);
            ipv4[2] = (byte)(address >>> 8);
            ipv4[3] = (byte)address;
            final NasClient client = match(ipv4);
            if (null != client && byIpv4.size() < MAX_REMEMBERED_SOURCES)
            {
                byIpv4.put(address, client);
            }
            return client;
        }
        return match(source.getAddress());
    }

    /**
     * @param name a client's configured name.
     * @return the client, or null.
     */
    public NasClient byName(final String name)
    {
        for (final NasClient client : clients)
        {
            if (client.name().equals(name))
            {
                return client;
            }
        }
        return null;
    }

    private NasClient match(final byte[] address)
    {
        for (final NasClient client : clients)
        {
            if (client.network().contains(address, 0, address.length))
            {
                return client;
            }
        }
        return null;
    }
}
