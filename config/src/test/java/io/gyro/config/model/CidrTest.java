package io.gyro.config.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest
{
    @Test
    void shouldMatchAddressesInsideAnIpv4Network() throws Exception
    {
        final Cidr loopback = Cidr.parse("127.0.0.0/8");
        assertTrue(loopback.contains(InetAddress.getByName("127.0.0.1")));
        assertTrue(loopback.contains(InetAddress.getByName("127.255.255.254")));
        assertFalse(loopback.contains(InetAddress.getByName("128.0.0.1")));
        assertFalse(loopback.contains(InetAddress.getByName("::1")));
        assertEquals(8, loopback.prefixLength());
        assertFalse(loopback.isIpv6());
        assertEquals("127.0.0.0/8", loopback.toString());
    }

    @Test
    void shouldMatchAddressesInsideAnIpv6Network() throws Exception
    {
        final Cidr network = Cidr.parse("2001:db8::/32");
        assertTrue(network.contains(InetAddress.getByName("2001:db8:1::7")));
        assertFalse(network.contains(InetAddress.getByName("2001:db9::1")));
        assertTrue(Cidr.parse("::1/128").contains(InetAddress.getByName("::1")));
        assertTrue(network.isIpv6());
    }

    @Test
    void shouldMatchAnIpv4MappedIpv6AddressAsIpv4()
    {
        final byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)0xFF, (byte)0xFF, 10, 1, 2, 3};
        assertTrue(Cidr.parse("10.0.0.0/8").contains(mapped, 0, mapped.length));
        assertFalse(Cidr.parse("11.0.0.0/8").contains(mapped, 0, mapped.length));
    }

    @Test
    void shouldMatchPrefixesThatEndInsideAByte() throws Exception
    {
        final Cidr network = Cidr.parse("192.168.4.0/22");
        assertTrue(network.contains(InetAddress.getByName("192.168.7.255")));
        assertFalse(network.contains(InetAddress.getByName("192.168.8.0")));
        assertFalse(network.contains(InetAddress.getByName("192.168.3.255")));
    }

    @Test
    void shouldTreatABareAddressAsOneHost() throws Exception
    {
        final Cidr host = Cidr.parse("10.1.2.3");
        assertEquals(32, host.prefixLength());
        assertTrue(host.contains(InetAddress.getByName("10.1.2.3")));
        assertFalse(host.contains(InetAddress.getByName("10.1.2.4")));
        assertEquals(128, Cidr.parse("::1").prefixLength());
    }

    @Test
    void shouldMatchEverythingWithAZeroPrefix() throws Exception
    {
        assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9")));
        assertTrue(Cidr.parse("::/0").contains(InetAddress.getByName("2001:db8::1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/8", "127.0.0.0/33", "::1/129", "localhost", "example.com", "1.2.3", "1.2.3.4.5",
        "010.0.0.1", "256.0.0.1", "10.0.0.0/", "10.0.0.0/x", "", "fe80::1%eth0", "::ffff:10.0.0.1", "g::1", "1.2.3.4/-1"})
    void shouldRefuseWhatIsNotAnAddressOrNetwork(final String text)
    {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @Test
    void shouldDetectOverlappingNetworks()
    {
        assertTrue(Cidr.parse("10.0.0.0/8").overlaps(Cidr.parse("10.1.0.0/16")));
        assertTrue(Cidr.parse("10.1.0.0/16").overlaps(Cidr.parse("10.0.0.0/8")));
        assertFalse(Cidr.parse("10.0.0.0/16").overlaps(Cidr.parse("10.1.0.0/16")));
        assertFalse(Cidr.parse("127.0.0.0/8").overlaps(Cidr.parse("::1/128")));
    }

    @Test
    void shouldCompareByNetworkNotByText()
    {
        assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse(" 10.0.0.0/8"));
        assertEquals(Cidr.parse("::1/128"), Cidr.parse("0:0:0:0:0:0:0:1/128"));
        assertEquals(Cidr.parse("::1/128").hashCode(), Cidr.parse("0:0:0:0:0:0:0:1/128").hashCode());
    }
}
