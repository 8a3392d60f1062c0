package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.gyro.protocol.radius.RadiusTestSupport.TESTING123;
import static io.gyro.protocol.radius.RadiusTestSupport.golden;
import static io.gyro.protocol.radius.RadiusTestSupport.goldenNamedVectors;
import static io.gyro.protocol.radius.RadiusTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Human-readable rendering through the dictionary.
 */
class RadiusPacketFormatterTest
{
    private static final Map<String, byte[]> VSA = goldenNamedVectors("freeradius-vsa-attributes");
    private static final String ZERO_AUTHENTICATOR = "00000000000000000000000000000000";

    private final RadiusTestSupport.TrackedBuffers buffers = new RadiusTestSupport.TrackedBuffers();
    private final RadiusDictionary dictionary = RadiusDictionary.standard();
    private final RadiusPacketFlyweight packet = new RadiusPacketFlyweight();
    private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(new RadiusAuthenticators());

    @AfterEach
    void releaseBuffers()
    {
        buffers.close();
    }

    @Test
    void shouldRenderAnAccessRequestWithTheHiddenPassword()
    {
        assertEquals("Access-Request(1) id=0 length=56 authenticator=0f403f9473978057bd83d5cb98f4227a " +
            "{User-Name=\"nemo\", User-Password=<hidden>, NAS-IP-Address=192.168.1.16, NAS-Port=3}",
            render(golden("rfc2865-7.1-access-request")));
        assertTrue(render(golden("rfc2865-7.2-chap-access-request")).contains(
            "{User-Name=\"flopsy\", CHAP-Password=<hidden>, NAS-IP-Address=192.168.1.16, NAS-Port=20, " +
            "Service-Type=Framed-User, Framed-Protocol=PPP}"));
    }

    @Test
    void shouldRenderAccountingWithValueNames()
    {
        assertEquals("Accounting-Request(4) id=42 length=79 authenticator=57b3f8122f939d617078e10f9fcab53f " +
            "{Acct-Status-Type=Interim-Update, Acct-Session-Id=\"0000001A\", User-Name=\"alice\", NAS-IP-Address=192.0.2.1, " +
            "Acct-Session-Time=600, Acct-Input-Octets=16, Acct-Input-Gigawords=1, Acct-Output-Octets=1000, " +
            "Acct-Output-Gigawords=0}",
            render(golden("accounting-interim-update-42")));
        assertEquals("Accounting-Response(5) id=42 length=20 authenticator=c532de9c650792e42587c66fb1aa6ac3 {}",
            render(golden("accounting-response-42")));
    }

    @Test
    void shouldRenderOctetsAsHex()
    {
        assertTrue(render(golden("wireshark01-access-challenge-103")).endsWith(
            "Framed-MTU=1500, Framed-Compression=Van-Jacobson-TCP-IP, EAP-Message=0x016700160410ff0bf1d6e401a9cbe5b46eb943e5549a, " +
            "Message-Authenticator=0x6e794a020c45c66f4247ba8c5ff04ed1, State=0x736f868573088277414ae3f31eac34e9}"));
        assertEquals("Disconnect-Request(40) id=1 length=38 authenticator=e1792d2b4ab349f1a4c0fcc733d091c1 " +
            "{Message-Authenticator=0x58513d662847e5f8734a30dbdac8e4af}", render(golden("rfc5176-disconnect-request-1")));
    }

    @Test
    void shouldRenderVendorSpecificAttributesByName()
    {
        assertEquals("{SN-VPN-Name=\"foo\"}", renderAttributes(VSA.get("starent-vpn-name")));
        assertEquals("{WiMAX-Capability={WiMAX-Release=\"1.0\", WiMAX-Accounting-Capabilities=IP-Session-Based}}",
            renderAttributes(VSA.get("wimax-capability")));
        assertEquals("{WiMAX-Capability={WiMAX-Release=\"1.0\"} <continued>, WiMAX-Capability={WiMAX-Accounting-Capabilities=No-Accounting}}",
            renderAttributes(VSA.get("wimax-continued")));
        assertEquals("{Attr-26.32768.1=0xabcdef, Attr-26.32768.2=0x6161616161}",
            renderAttributes(VSA.get("unknown-vendor-two-subs")));
        assertEquals("{Attr-26.24757=0x010a000105312e30020301}", renderAttributes(VSA.get("wimax-bad-sub-length")));
        assertEquals("{Attr-26.429=0x0000bfbe000004d2}", renderAttributes(VSA.get("usr-event-id")));
    }

    @Test
    void shouldRenderPrepaidVendorAttributes()
    {
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCESS_ACCEPT, 5)
            .putVendorInt(RadiusVendorId.HUAWEI, 15, 1024)
            .beginVendorSpecific(RadiusVendorId.MIKROTIK).putVendorInt(17, 100).putVendorInt(18, 2).endVendorSpecific()
            .beginVendorSpecific(RadiusVendorId.STARENT).putVendorInt(34, 5000).putVendorInt(36, 20).endVendorSpecific()
            .beginVendorSpecific(RadiusVendorId.WIMAX).putVendorBytes(37, hex("02060000100004060000012c"), 0, 12).endVendorSpecific()
            .beginVendorSpecific(RadiusVendorId.THREE_GPP2).putVendorBytes(90, hex("0106000000070206000f4240"), 0, 12).endVendorSpecific()
            .putVendorInt(RadiusVendorId.JUNIPER_ERX, 67, 0x01000400)
            .beginVendorSpecific(RadiusVendorId.NOKIA_SR).putVendorString(96, "volume=1000").endVendorSpecific()
            .beginVendorSpecific(RadiusVendorId.CISCO).putVendorString(251, "QV1048576").endVendorSpecific()
            .finishUnsigned();
        assertEquals("{Huawei-Remanent-Volume=1024, Mikrotik-Total-Limit=100, Mikrotik-Total-Limit-Gigawords=2, " +
            "SN-Prepaid-Total-Octets=5000, SN-Prepaid-Watermark=20, " +
            "WiMAX-PPAQ={WiMAX-Volume-Quota=4096, WiMAX-Duration-Quota=300}, " +
            "3GPP2-Prepaid-Acct-Quota={3GPP2-Prepaid-Acct-Quota-QuotaIDentifier=7, 3GPP2-Prepaid-Acct-Quota-VolumeQuota=1000000}, " +
            "ERX-Service-Volume:1=1024, Alc-Credit-Control-Quota=\"volume=1000\", Cisco-Service-Info=\"QV1048576\"}",
            attributesPart(render(out)));
    }

    @Test
    void shouldRenderTypedValuesAndFallBackToHexWhenTheLengthIsWrong()
    {
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCOUNTING_REQUEST, 5)
            .putInt(RadiusAttributeType.EVENT_TIMESTAMP, 1_700_000_000)
            .putBytes(RadiusAttributeType.NAS_IPV6_ADDRESS, hex("20010db8000000000000000000000001"), 0, 16)
            .putBytes(97, hex("0040 20010db800000001"), 0, 10)
            .putBytes(RadiusAttributeType.NAS_PORT, hex("000001"), 0, 3)
            .putBytes(RadiusAttributeType.USER_NAME, hex("ff fe"), 0, 2)
            .putString(RadiusAttributeType.REPLY_MESSAGE, "line1\n\"q\"\\\u0001")
            .putBytes(200, hex("0102"), 0, 2)
            .putInt(RadiusAttributeType.ACCT_STATUS_TYPE, 99)
            .beginVendorSpecific(RadiusVendorId.JUNIPER_ERX).putVendorInt(58, 1).endVendorSpecific()
            .finishUnsigned();
        assertEquals("{Event-Timestamp=2023-11-14T22:13:20Z, NAS-IPv6-Address=2001:db8:0:0:0:0:0:1, " +
            "Framed-IPv6-Prefix=2001:db8:0:1:0:0:0:0/64, NAS-Port=0x000001, User-Name=0xfffe, " +
            "Reply-Message=\"line1\\n\\\"q\\\"\\\\\\x01\", Attr-200=0x0102, Acct-Status-Type=99, ERX-LI-Action=<hidden>}",
            attributesPart(render(out)));
    }

    @Test
    void shouldRenderDamageWithoutThrowing()
    {
        assertEquals("<truncated RADIUS packet: 5 octets 0x0401002000>", render(hex("0401002000")));
        assertEquals("<truncated RADIUS packet: 0 octets>", render(new byte[0]));
        assertEquals("Code-99(99) id=1 length=20 authenticator=" + ZERO_AUTHENTICATOR + " {}",
            render(hex("63010014" + ZERO_AUTHENTICATOR)));
        assertEquals("Accounting-Request(4) id=1 length=5000 <illegal length> authenticator=" + ZERO_AUTHENTICATOR +
            " {User-Name=\"a\"}", render(hex("04011388" + ZERO_AUTHENTICATOR + "010361")));
        assertEquals("Accounting-Request(4) id=1 length=30 <truncated: 23 octets received> authenticator=" + ZERO_AUTHENTICATOR +
            " {User-Name=\"a\"}", render(hex("0401001e" + ZERO_AUTHENTICATOR + "010361")));
        assertEquals("Accounting-Request(4) id=1 length=27 authenticator=" + ZERO_AUTHENTICATOR +
            " {User-Name=\"a\", <malformed attribute at octet 23: 0x01006162>}",
            render(hex("0401001b" + ZERO_AUTHENTICATOR + "010361" + "01006162")));
    }

    @Test
    void shouldRenderThroughTheFlyweight()
    {
        final ByteBuf buffer = buffers.heap(golden("port1700-coa-request-166"));
        final String rendered = packet.wrap(buffer).appendTo(new StringBuilder("> "), dictionary).toString();
        assertEquals("> CoA-Request(43) id=166 length=25 authenticator=7fbf02c6662b5990838a5e6e331b3ff0 {User-Name=\"bob\"}", rendered);
        assertFalse(rendered.contains(TESTING123.toString()));
    }

    private String render(final byte[] bytes)
    {
        return render(buffers.heap(bytes));
    }

    private String render(final ByteBuf buffer)
    {
        return RadiusPacketFormatter.appendTo(new StringBuilder(), buffer, buffer.readerIndex(), buffer.readableBytes(), dictionary)
            .toString();
    }

    private String renderAttributes(final byte[] attributes)
    {
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCESS_ACCEPT, 0).putRawAttributes(attributes, 0, attributes.length).finishUnsigned();
        return attributesPart(render(out));
    }

    private static String attributesPart(final String rendered)
    {
        return rendered.substring(rendered.indexOf('{'));
    }
}
