package io.gyro.server.radius;

import io.gyro.config.model.RadiusIdentity;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.UnitType;
import io.gyro.protocol.radius.RadiusAttributeIterator;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusAuthenticators;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.protocol.radius.RadiusPacketEncoder;
import io.gyro.protocol.radius.RadiusPacketFlyweight;
import io.gyro.protocol.radius.RadiusSecret;
import io.gyro.protocol.radius.RadiusVendorAttributeIterator;
import io.gyro.protocol.radius.RadiusVendorId;
import io.gyro.server.session.SessionContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RADIUS server's parts without sockets: keys, Class values, the duplicate cache, attributes, quotas. */
class RadiusPartsTest
{
    private static final RadiusSecret SECRET = RadiusSecret.ofUtf8("testing123");
    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void release()
    {
        for (final ByteBuf buffer : buffers)
        {
            buffer.release();
            assertEquals(0, buffer.refCnt());
        }
    }

    private ByteBuf track(final ByteBuf buffer)
    {
        buffers.add(buffer);
        return buffer;
    }

    private ByteBuf ascii(final String text)
    {
        return track(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    private static NasClient client(final String name, final String network)
    {
        return NasClient.of(new io.gyro.config.model.RadiusClient(name, io.gyro.config.model.Cidr.parse(network),
            io.gyro.config.model.Secret.of("testing123"), io.gyro.config.model.RadiusVendor.GENERIC, 10, false));
    }

    private static int scope(final byte[] destination, final NasClient client, final byte[] source,
        final byte[] nasIdentity)
    {
        final int offset = RadiusSessionKeys.scope(destination, client, source, source.length);
        System.arraycopy(nasIdentity, 0, destination, offset, nasIdentity.length);
        return offset + nasIdentity.length;
    }

    @Test
    void shouldKeyAccountingSessionsByClientSourceNasIdentityAndAcctSessionId()
    {
        final byte[] nas = {RadiusSessionKeys.NAS_IDENTIFIER, 'b', 'r', 'a', 's'};
        final byte[] sourceA = {127, 0, 0, 1};
        final byte[] sourceB = {127, 0, 0, 2};
        final NasClient network = client("bras-pool", "127.0.0.0/8");
        final NasClient host = client("bras-1", "127.0.0.1/32");
        final byte[] scope = new byte[RadiusSessionKeys.MAX_NAS_SCOPE_LENGTH];
        final ByteBuf acctSessionId = ascii("0000001A");
        final byte[] key = new byte[256];

        final int hostScope = scope(scope, host, sourceA, nas);
        assertEquals(RadiusSessionKeys.CLIENT_ID_LENGTH + nas.length, hostScope, "one NAS per entry: no source");
        final int length = RadiusSessionKeys.accounting(key, scope, hostScope, acctSessionId, 0, 8);
        assertEquals(3 + hostScope + 8, length);
        assertEquals('N', key[1]);
        assertTrue(RadiusSessionKeys.isRadius(key, length));
        assertArrayEquals("0000001A".getBytes(StandardCharsets.US_ASCII), RadiusSessionKeys.acctSessionId(key, length));
        assertFalse(RadiusSessionKeys.isRadius("gyro.example;1;2".getBytes(StandardCharsets.US_ASCII), 16),
            "a Diameter Session-Id is never taken for a RADIUS key");
        final byte[] legacy = {0, 'A', 2, 'I', 'x', 'i', 'd'};
        assertTrue(RadiusSessionKeys.isRadius(legacy, legacy.length), "keys of the first layout, from old journals");
        assertArrayEquals(new byte[] {'i', 'd'}, RadiusSessionKeys.acctSessionId(legacy, legacy.length));

        // One declared identity, three different NASes: another client, and two sources of one network client.
        final long hostOrigin = RadiusSessionKeys.originKey(scope, hostScope);
        final byte[] otherScope = new byte[RadiusSessionKeys.MAX_NAS_SCOPE_LENGTH];
        final long networkA = RadiusSessionKeys.originKey(otherScope, scope(otherScope, network, sourceA, nas));
        final long networkB = RadiusSessionKeys.originKey(otherScope, scope(otherScope, network, sourceB, nas));
        assertEquals(RadiusSessionKeys.CLIENT_ID_LENGTH + 5 + nas.length, scope(otherScope, network, sourceB, nas));
        assertNotEquals(hostOrigin, networkA);
        assertNotEquals(networkA, networkB);
        assertNotEquals(RadiusSessionKeys.originKey(nas, nas.length), hostOrigin);

        final byte[] tooLong = new byte[RadiusSessionKeys.MAX_NAS_SCOPE_LENGTH];
        final ByteBuf longId = track(Unpooled.buffer(253).writeZero(253));
        assertEquals(-1, RadiusSessionKeys.accounting(key, tooLong, tooLong.length, longId, 0, 253));
        assertEquals(-1, RadiusSessionKeys.accounting(key, tooLong, 256, longId, 0, 0), "scope length fits one octet");
        assertNull(RadiusSessionKeys.acctSessionId(new byte[] {0, 'R', 1}, 3), "a reservation key has none");
    }

    @Test
    void shouldDeriveTheClientIdFromTheNameNotThePosition()
    {
        assertArrayEquals(client("bras-1", "10.0.0.1/32").keyId(), client("bras-1", "10.9.9.0/24").keyId());
        assertFalse(Arrays.equals(client("bras-1", "10.0.0.1/32").keyId(), client("bras-2", "10.0.0.1/32").keyId()));
        // The first 8 octets of SHA-256("bras-1"): pinned, because a changed id loses every open session on upgrade.
        assertArrayEquals(new byte[] {0x53, 0x6d, 0x68, (byte)0xc4, 0x3f, (byte)0xd1, (byte)0xd5, 0x5b},
            client("bras-1", "10.0.0.1/32").keyId());
        assertFalse(client("bras-1", "10.0.0.1/32").sharedNetwork());
        assertTrue(client("pool", "10.0.0.0/31").sharedNetwork());
        assertFalse(client("v6", "2001:db8::1/128").sharedNetwork());
        assertTrue(client("v6-pool", "2001:db8::/64").sharedNetwork());
    }

    @Test
    void shouldRememberClassSessionsUpToItsCapacityAndForgetTheOldestFirst()
    {
        final ClassSessionMemory memory = new ClassSessionMemory();
        final byte[] key = new byte[8];
        memory.add(key, 8);
        memory.add(key, 8);
        assertTrue(memory.contains(key, 8));
        assertFalse(memory.contains(key, 7), "the length is part of the key");
        for (int i = 1; i < ClassSessionMemory.CAPACITY; i++)
        {
            key[0] = (byte)i;
            key[1] = (byte)(i >>> 8);
            key[2] = (byte)(i >>> 16);
            memory.add(key, 8);
        }
        assertTrue(memory.contains(new byte[8], 8), "full, the first still there: adding it twice kept one entry");
        key[3] = 1;
        memory.add(key, 8);
        assertFalse(memory.contains(new byte[8], 8), "one more: the oldest is forgotten");
        assertTrue(memory.contains(key, 8));
    }

    @Test
    void shouldMakeDistinctPrintableClassValuesThatAreRecognisedOnTheWayBack()
    {
        final ClassGenerator generator = new ClassGenerator(0x89ab_cdefL);
        final byte[] first = new byte[ClassGenerator.LENGTH];
        final byte[] second = new byte[ClassGenerator.LENGTH];
        // 2026-01-05T10:00:00Z is 0x695b8ba0 seconds since the epoch.
        generator.next(first, 0, 1_767_607_200_000L);
        generator.next(second, 0, 1_767_607_200_999L);
        assertEquals("GYRO695b8ba089abcdef00000001", new String(first, StandardCharsets.US_ASCII));
        assertEquals("GYRO695b8ba089abcdef00000002", new String(second, StandardCharsets.US_ASCII));
        assertTrue(ClassGenerator.isGyroClass(track(Unpooled.wrappedBuffer(first)), 0, first.length));
        assertFalse(ClassGenerator.isGyroClass(ascii("OTHER-SERVER-CLASS-VALUE-123"), 0, 28));
        assertFalse(ClassGenerator.isGyroClass(track(Unpooled.wrappedBuffer(first)), 0, 27));
    }

    @Test
    void shouldKeyIpv6SourcesByAllTheirOctets() throws Exception
    {
        // Inet6Address.hashCode() adds the address's four 32-bit words: these two, words swapped, would collide.
        final InetAddress first = InetAddress.getByName("2001:db8:0:1::2");
        final InetAddress second = InetAddress.getByName("2001:db8:0:2::1");
        assertEquals(first.hashCode(), second.hashCode(), "the JDK's hash cannot tell them apart");
        assertNotEquals(RadiusDuplicateCache.addressHash(first), RadiusDuplicateCache.addressHash(second));
        assertNotEquals(RadiusDuplicateCache.addressHash(first),
            RadiusDuplicateCache.addressHash(InetAddress.getByName("2001:db8:0:1::3")));

        final InetAddress ipv4 = InetAddress.getByName("192.0.2.7");
        assertEquals(0xC000_0207, RadiusDuplicateCache.addressHash(ipv4), "an IPv4 address is its own key");
    }

    @Test
    void shouldCacheResponsesByRequestAndEvictOnANewAuthenticator()
    {
        final RadiusDuplicateCache cache = new RadiusDuplicateCache(4, 30_000);
        final ByteBuf request = track(Unpooled.buffer(20).writeZero(20));
        final long key = RadiusDuplicateCache.key(1, 0x7F00_0001, 50_000, 9);
        assertEquals(RadiusDuplicateCache.MISS, cache.find(key, request, 4, 0));
        final int slot = cache.begin(key, request, 4, 0);
        assertEquals(RadiusDuplicateCache.IN_PROGRESS, cache.find(key, request, 4, 10));

        final ByteBuf response = ascii("response");
        cache.complete(slot, key, response, 0, 8, 10);
        assertEquals(slot, cache.find(key, request, 4, 20));
        final ByteBuf out = track(Unpooled.buffer());
        cache.write(slot, out);
        assertEquals("response", out.toString(StandardCharsets.US_ASCII));

        assertEquals(RadiusDuplicateCache.MISS, cache.find(key, request, 4, 30_011), "past the window");
        final int again = cache.begin(key, request, 4, 40_000);
        cache.complete(again, key, response, 0, 8, 40_000);
        request.setByte(10, 1);
        assertEquals(RadiusDuplicateCache.MISS, cache.find(key, request, 4, 40_001), "a new authenticator: new request");
        assertEquals(RadiusDuplicateCache.MISS, cache.find(key, request, 4, 40_002), "and the old entry is gone");

        final int shed = cache.begin(key, request, 4, 50_000);
        cache.abandon(shed, key);
        assertEquals(RadiusDuplicateCache.MISS, cache.find(key, request, 4, 50_001), "a shed request is retried");
        for (int i = 0; i < 4; i++)
        {
            cache.begin(RadiusDuplicateCache.key(1, 0x7F00_0001, 50_000, 100 + i), request, 4, 50_002);
        }
        cache.complete(shed, key, response, 0, 8, 50_003);
        assertEquals(RadiusDuplicateCache.MISS, cache.find(key, request, 4, 50_004), "a reused slot is not written");
    }

    @Test
    void shouldOfferIdentitiesInTheConfiguredOrder()
    {
        final RadiusAuthenticators authenticators = new RadiusAuthenticators();
        final ByteBuf packet = track(Unpooled.buffer());
        new RadiusPacketEncoder(authenticators).start(packet, RadiusCode.ACCESS_REQUEST, 1)
            .putString(RadiusAttributeType.USER_NAME, "491700000001")
            .putString(RadiusAttributeType.CALLING_STATION_ID, "+491700000002")
            .beginVendorSpecific(RadiusVendorId.THREE_GPP)
            .putVendorString(RadiusRequestAttributes.TGPP_IMSI, "262010000000003").endVendorSpecific()
            .putInt(RadiusAttributeType.NAS_IP_ADDRESS, 0x0A00_0001)
            .putString(RadiusAttributeType.ACCT_SESSION_ID, "abc")
            .putInt(RadiusAttributeType.ACCT_INPUT_OCTETS, 5)
            .putInt(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, 2)
            .putInt(RadiusAttributeType.ACCT_OUTPUT_OCTETS, 7)
            .finishUnsigned();
        final RadiusRequestAttributes attributes = new RadiusRequestAttributes();
        attributes.parse(packet, 20, packet.writerIndex(), new RadiusAttributeIterator(),
            new RadiusVendorAttributeIterator());

        final LedgerCommand command = new LedgerCommand().reset();
        assertEquals(4, attributes.identities(command, packet,
            List.of(RadiusIdentity.IMSI_3GPP, RadiusIdentity.CALLING_STATION_ID, RadiusIdentity.USER_NAME)));
        assertEquals(IdentityType.IMSI, command.identityType[0]);
        assertEquals("262010000000003", identity(command, 0));
        assertEquals(IdentityType.E164, command.identityType[1]);
        assertEquals("491700000002", identity(command, 1), "the '+' is not part of an MSISDN");
        assertEquals(IdentityType.E164, command.identityType[2]);
        assertEquals(IdentityType.IMSI, command.identityType[3], "digits in User-Name may also be an IMSI");
        assertEquals((2L << 32) + 5 + 7, attributes.totalOctets());

        final byte[] nasIdentity = new byte[1 + RadiusSessionKeys.MAX_NAS_IDENTITY_LENGTH];
        assertEquals(5, attributes.nasIdentity(packet, new byte[] {127, 0, 0, 1}, 4, nasIdentity, 1));
        assertArrayEquals(new byte[] {0, '4', 10, 0, 0, 1}, Arrays.copyOf(nasIdentity, 6));

        final byte[] context = new byte[512];
        final int length = attributes.writeContext(context, packet, new byte[] {127, 0, 0, 1}, 4,
            NasClient.of(new io.gyro.config.model.RadiusClient("bras-1", io.gyro.config.model.Cidr.parse("127.0.0.0/8"),
                io.gyro.config.model.Secret.of("testing123"), io.gyro.config.model.RadiusVendor.GENERIC, 10, false)),
            List.of(RadiusIdentity.USER_NAME, RadiusIdentity.CALLING_STATION_ID), true);
        assertEquals("bras-1", SessionContext.text(context, length, SessionContext.NAS_NAME));
        assertEquals("abc", SessionContext.text(context, length, SessionContext.ACCT_SESSION_ID));
        assertEquals(0x0A00_0001L, SessionContext.number(context, length, SessionContext.NAS_IP_ADDRESS));
        assertEquals((2L << 32) + 5, SessionContext.longNumber(context, length, SessionContext.ACCT_INPUT_OCTETS));
        assertEquals("262010000000003", SessionContext.text(context, length, SessionContext.IMSI));
        assertEquals("491700000002", SessionContext.text(context, length, SessionContext.MSISDN),
            "Calling-Station-Id is the MSISDN, before a User-Name of digits, without its '+'");
    }

    @Test
    void shouldTakeTheMsisdnOfTheContextFromTheE164Identities()
    {
        final List<RadiusIdentity> all =
            List.of(RadiusIdentity.USER_NAME, RadiusIdentity.CALLING_STATION_ID, RadiusIdentity.IMSI_3GPP);
        assertEquals("491700000001", contextMsisdn(all, "+491700000001", null, null),
            "a User-Name of digits when there is no Calling-Station-Id");
        assertEquals("491700000002", contextMsisdn(all, "491700000001", "+491700000002", null));
        assertEquals("491700000001", contextMsisdn(List.of(RadiusIdentity.USER_NAME), "491700000001",
            "491700000002", null), "Calling-Station-Id is no identity when it is not in the order");
        assertEquals(null, contextMsisdn(all, "262010000000003", null, "262010000000003"),
            "a User-Name equal to the 3GPP-IMSI is the IMSI");
        assertEquals("491700000002", contextMsisdn(all, "262010000000003", "491700000002", "262010000000003"));
        assertEquals(null, contextMsisdn(all, "alice@example.org", "00-11-22-33-44-55", null),
            "neither an NAI nor a MAC address is an MSISDN");
        assertEquals(null, contextMsisdn(all, "+", "+", null), "a lone '+' is no number");
        assertEquals(null, contextMsisdn(List.of(RadiusIdentity.IMSI_3GPP), "491700000001", "491700000002",
            "262010000000003"), "neither is an identity");
    }

    private String contextMsisdn(
        final List<RadiusIdentity> order, final String userName, final String callingStationId, final String imsi)
    {
        final ByteBuf packet = track(Unpooled.buffer());
        final RadiusPacketEncoder encoder = new RadiusPacketEncoder(new RadiusAuthenticators())
            .start(packet, RadiusCode.ACCOUNTING_REQUEST, 1)
            .putString(RadiusAttributeType.USER_NAME, userName);
        if (null != callingStationId)
        {
            encoder.putString(RadiusAttributeType.CALLING_STATION_ID, callingStationId);
        }
        if (null != imsi)
        {
            encoder.beginVendorSpecific(RadiusVendorId.THREE_GPP)
                .putVendorString(RadiusRequestAttributes.TGPP_IMSI, imsi).endVendorSpecific();
        }
        encoder.finishUnsigned();
        final RadiusRequestAttributes attributes = new RadiusRequestAttributes();
        attributes.parse(packet, 20, packet.writerIndex(), new RadiusAttributeIterator(),
            new RadiusVendorAttributeIterator());
        final byte[] context = new byte[512];
        final int length = attributes.writeContext(context, packet, new byte[] {127, 0, 0, 1}, 4,
            NasClient.of(new io.gyro.config.model.RadiusClient("bras-1", io.gyro.config.model.Cidr.parse("127.0.0.0/8"),
                io.gyro.config.model.Secret.of("testing123"), io.gyro.config.model.RadiusVendor.GENERIC, 10, false)),
            order, false);
        return SessionContext.text(context, length, SessionContext.MSISDN);
    }

    @Test
    void shouldSkipAttributesThatNameNobody()
    {
        final ByteBuf packet = track(Unpooled.buffer());
        new RadiusPacketEncoder(new RadiusAuthenticators()).start(packet, RadiusCode.ACCESS_REQUEST, 1)
            .putString(RadiusAttributeType.USER_NAME, "alice@example.org")
            .putString(RadiusAttributeType.CALLING_STATION_ID, "00-11-22-33-44-55")
            .finishUnsigned();
        final RadiusRequestAttributes attributes = new RadiusRequestAttributes();
        attributes.parse(packet, 20, packet.writerIndex(), new RadiusAttributeIterator(),
            new RadiusVendorAttributeIterator());
        final LedgerCommand command = new LedgerCommand().reset();
        assertEquals(1, attributes.identities(command, packet,
            List.of(RadiusIdentity.CALLING_STATION_ID, RadiusIdentity.USER_NAME, RadiusIdentity.IMSI_3GPP)));
        assertEquals(IdentityType.NAI, command.identityType[0], "a MAC address is no MSISDN; the NAI is kept");
        assertEquals(-1, attributes.totalOctets());
    }

    @Test
    void shouldWriteEachVendorsQuotaInItsUnitAndMeaning()
    {
        final long mib = 1L << 20;
        assertEquals(List.of(), quota(VendorProfile.GENERIC, UnitType.OCTETS, 10 * mib, 0));
        assertEquals(List.of("27=300"), quota(VendorProfile.GENERIC, UnitType.SECONDS, 300, 0));
        assertEquals(List.of("27=360"), quota(VendorProfile.HUAWEI, UnitType.SECONDS, 300, 60),
            "Session-Timeout counts the whole session");
        assertEquals(List.of("14988/17=" + 12 * mib), quota(VendorProfile.MIKROTIK, UnitType.OCTETS, 10 * mib, 2 * mib),
            "Total-Limit counts the whole session");
        assertEquals(List.of("14988/17=" + mib, "14988/18=1"),
            quota(VendorProfile.MIKROTIK, UnitType.OCTETS, 4 * 1024 * mib, mib), "past 4 GiB the Gigawords carry");
        assertEquals(List.of("2011/15=10240"), quota(VendorProfile.HUAWEI, UnitType.OCTETS, 10 * mib, 2 * mib),
            "Remanent-Volume counts what remains, in KB");
        assertEquals(List.of("2011/15=1"), quota(VendorProfile.HUAWEI, UnitType.OCTETS, 100, 0),
            "never 0, which would log the user off");
        assertFalse(VendorProfile.GENERIC.canCarry(UnitType.OCTETS));
        assertTrue(VendorProfile.GENERIC.canCarry(UnitType.SECONDS));
        assertFalse(VendorProfile.MIKROTIK.canCarry(UnitType.EVENTS));
    }

    private List<String> quota(final VendorProfile vendor, final int unitType, final long granted, final long used)
    {
        final ByteBuf packet = track(Unpooled.buffer());
        final RadiusPacketEncoder encoder = new RadiusPacketEncoder(new RadiusAuthenticators());
        encoder.start(packet, RadiusCode.ACCESS_ACCEPT, 1);
        vendor.putQuota(encoder, unitType, granted, used);
        encoder.finishResponse(new byte[16], 0, SECRET);
        final List<String> attributes = new ArrayList<>();
        final RadiusAttributeIterator iterator = new RadiusPacketFlyweight().wrap(packet)
            .attributes(new RadiusAttributeIterator());
        final RadiusVendorAttributeIterator vendorIterator = new RadiusVendorAttributeIterator();
        while (iterator.next())
        {
            if (iterator.isVendorSpecific())
            {
                vendorIterator.reset(iterator);
                while (vendorIterator.next())
                {
                    attributes.add(iterator.vendorId() + "/" + vendorIterator.vendorType() + "=" +
                        vendorIterator.unsignedIntValue());
                }
            }
            else
            {
                attributes.add(iterator.type() + "=" + iterator.unsignedIntValue());
            }
        }
        return attributes;
    }

    private static String identity(final LedgerCommand command, final int index)
    {
        return new String(command.identity[index], 0, command.identityLength[index], StandardCharsets.US_ASCII);
    }
}
