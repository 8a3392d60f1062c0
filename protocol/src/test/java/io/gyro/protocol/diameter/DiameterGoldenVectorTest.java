package io.gyro.protocol.diameter;

import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.cc.CreditControlAnswerEncoder;
import io.gyro.protocol.diameter.cc.CreditControlRequestDecoder;
import io.gyro.protocol.diameter.cc.CreditControlRequestEncoder;
import io.gyro.protocol.diameter.cc.MultipleServicesCreditControlDecoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CcRequestType;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.gyro.protocol.test.GoldenVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Golden vectors in both directions: decode to fields, encode the fields to identical octets
 * (PROTOCOLS.md §5.5 and Gyro's hand-made CCR-U).
 */
class DiameterGoldenVectorTest
{
    private static final DiameterDictionary DICTIONARY = DiameterDictionary.standard();

    static byte[] vector(final String name)
    {
        return GoldenVectors.load(DiameterGoldenVectorTest.class, "golden/" + name);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytesOf(final ByteBuf buffer)
    {
        try
        {
            return ByteBufUtil.getBytes(buffer);
        }
        finally
        {
            buffer.release();
        }
    }

    @Test
    void shouldDecodeGoDiameterCer()
    {
        final ByteBuf buffer = Unpooled.wrappedBuffer(vector("cer-go-diameter.hex"));
        final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight().wrap(buffer, 0);
        assertEquals(204, header.messageLength());
        assertTrue(header.isRequest());
        assertEquals(257, header.commandCode());
        assertEquals(0xa8cc407d, header.hopByHopId());
        assertEquals(0xa8c1b2b4, header.endToEndId());

        final DiameterValidator validator = new DiameterValidator(DICTIONARY, new long[] {4}, 256);
        assertTrue(validator.validate(buffer, 0), () -> "result " + validator.resultCode());

        final CapabilitiesExchange cer = CapabilitiesExchange.decode(buffer, 0);
        assertEquals("test", cer.originHost());
        assertEquals("localhost", cer.originRealm());
        assertEquals(1, cer.hostIpAddresses().size());
        assertArrayEquals(new byte[] {10, 1, 0, 1}, cer.hostIpAddresses().get(0));
        assertEquals(13, cer.vendorId());
        assertEquals("go-diameter", cer.productName());
        assertEquals(0x5350228aL, cer.originStateId());
        assertEquals(List.of(10415L, 13L), cer.supportedVendorIds());
        assertEquals(List.of(4L), cer.authApplicationIds());
        assertEquals(List.of(0L), cer.inbandSecurityIds());
        assertEquals(List.of(4L), cer.vendorSpecificApplicationIds());
        assertEquals(1, cer.firmwareRevision());
        assertTrue(cer.supportsApplication(4));
        assertFalse(cer.supportsApplication(16777238));
    }

    @Test
    void shouldEncodeGoDiameterCerIdentically()
    {
        final ByteBuf out = Unpooled.buffer();
        final DiameterEncoder encoder = new DiameterEncoder().wrap(out);
        encoder.header(0x80, 257, 0, 0xa8cc407d, 0xa8c1b2b4);
        encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "test");
        encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "localhost");
        encoder.address(AvpCode.HOST_IP_ADDRESS, FLAG_MANDATORY, 0, new byte[] {10, 1, 0, 1});
        encoder.uint32(AvpCode.VENDOR_ID, FLAG_MANDATORY, 0, 13);
        encoder.utf8(AvpCode.PRODUCT_NAME, 0, 0, "go-diameter");
        encoder.uint32(AvpCode.ORIGIN_STATE_ID, FLAG_MANDATORY, 0, 0x5350228aL);
        encoder.uint32(AvpCode.SUPPORTED_VENDOR_ID, FLAG_MANDATORY, 0, 10415);
        encoder.uint32(AvpCode.SUPPORTED_VENDOR_ID, FLAG_MANDATORY, 0, 13);
        encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, 4);
        encoder.uint32(AvpCode.INBAND_SECURITY_ID, FLAG_MANDATORY, 0, 0);
        encoder.beginGroup(AvpCode.VENDOR_SPECIFIC_APPLICATION_ID, FLAG_MANDATORY, 0);
        encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, 4);
        encoder.uint32(AvpCode.VENDOR_ID, FLAG_MANDATORY, 0, 10415);
        encoder.endGroup();
        encoder.uint32(AvpCode.FIRMWARE_REVISION, 0, 0, 1);
        encoder.finish();
        assertArrayEquals(vector("cer-go-diameter.hex"), bytesOf(out));
    }

    @Test
    void shouldDecodeGoDiameterCcrIgnoringNonZeroPadding()
    {
        final ByteBuf buffer = Unpooled.wrappedBuffer(vector("ccr-i-go-diameter-nonzero-padding.hex"));
        final DiameterValidator validator = new DiameterValidator(DICTIONARY, new long[] {4}, 256);
        assertTrue(validator.validate(buffer, 0), () -> "result " + validator.resultCode());

        final CreditControlRequestDecoder ccr = new CreditControlRequestDecoder().wrap(buffer, 0);
        assertEquals("123456", ccr.text(ccr.sessionIdOffset(), ccr.sessionIdLength()));
        assertEquals("client", ccr.text(ccr.originHostOffset(), ccr.originHostLength()));
        assertEquals("go-diameter", ccr.text(ccr.originRealmOffset(), ccr.originRealmLength()));
        assertEquals("realm", ccr.text(ccr.destinationRealmOffset(), ccr.destinationRealmLength()));
        assertFalse(ccr.hasDestinationHost());
        assertEquals(4, ccr.authApplicationId());
        assertTrue(ccr.serviceContextIdEndsWith(ascii("32251@3gpp.org")));
        assertEquals(CcRequestType.INITIAL_REQUEST, ccr.ccRequestType());
        assertEquals(0, ccr.ccRequestNumber());
        assertEquals("123456@test.com", ccr.text(ccr.userNameOffset(), ccr.userNameLength()));
        assertEquals(0x55ae77b3L, ccr.originStateId());
        assertEquals(0xda12ca05L - DiameterTime.NTP_TO_UNIX_OFFSET_SECONDS, ccr.eventTimestampSeconds());
        assertEquals(0, ccr.msccCount());
        assertEquals(0, ccr.subscriptionIdCount());
        assertEquals("01", ccr.text(ccr.ratTypeOffset(), ccr.ratTypeLength()));
        assertEquals(-1, ccr.chargingId());
    }

    @Test
    void shouldEncodeReferenceCcaForGoDiameterCcr()
    {
        final ByteBuf request = Unpooled.wrappedBuffer(vector("ccr-i-go-diameter-nonzero-padding.hex"));
        final RequestEcho echo = new RequestEcho().capture(request, 0, new AvpReader());

        final ByteBuf out = Unpooled.buffer();
        final CreditControlAnswerEncoder cca = new CreditControlAnswerEncoder();
        cca.begin(out, echo, ResultCode.SUCCESS, ascii("ocs"), ascii("go-diameter"),
            CcRequestType.INITIAL_REQUEST, 0);
        cca.beginMscc()
            .msccGranted(ServiceUnits.TOTAL_OCTETS, 1_048_576)
            .ratingGroup(100)
            .validityTime(3600)
            .resultCode(ResultCode.SUCCESS)
            .volumeQuotaThreshold(104_858, true)
            .quotaHoldingTime(300, true)
            .endMscc();
        cca.finish();
        assertArrayEquals(vector("cca-for-go-diameter-ccr.hex"), bytesOf(out));
    }

    @Test
    void shouldDecodeHandmadeCcrUpdate()
    {
        final ByteBuf buffer = Unpooled.wrappedBuffer(vector("ccr-u-handmade.hex"));
        final DiameterValidator validator = new DiameterValidator(DICTIONARY, new long[] {4}, 256);
        assertTrue(validator.validate(buffer, 0), () -> "result " + validator.resultCode());

        final CreditControlRequestDecoder ccr = new CreditControlRequestDecoder().wrap(buffer, 0);
        assertTrue(ccr.header().isProxiable());
        assertEquals("pgw1.operator.net;1700000000;42;gy", ccr.text(ccr.sessionIdOffset(), ccr.sessionIdLength()));
        assertEquals("gyro.localdomain", ccr.text(ccr.destinationHostOffset(), ccr.destinationHostLength()));
        assertEquals(CcRequestType.UPDATE_REQUEST, ccr.ccRequestType());
        assertEquals(1, ccr.ccRequestNumber());
        assertEquals(1_767_225_600L, ccr.eventTimestampSeconds());
        assertEquals(1, ccr.subscriptionIdCount());
        assertEquals(0, ccr.subscriptionIdType(0));
        assertEquals("491700000001", ccr.text(ccr.subscriptionIdDataOffset(0), ccr.subscriptionIdDataLength(0)));
        assertEquals(1, ccr.multipleServicesIndicator());
        assertEquals(0x0badcafeL, ccr.chargingId());
        assertEquals("internet", ccr.text(ccr.calledStationIdOffset(), ccr.calledStationIdLength()));
        assertEquals("26201", ccr.text(ccr.sgsnMccMncOffset(), ccr.sgsnMccMncLength()));
        assertEquals(1, ccr.ratTypeLength());

        assertEquals(1, ccr.msccCount());
        final MultipleServicesCreditControlDecoder mscc = ccr.mscc(0);
        assertEquals(10, mscc.ratingGroup());
        assertTrue(mscc.requested().isEmpty());
        assertEquals(1_048_576, mscc.used().totalOctets());
        assertEquals(262_144, mscc.used().inputOctets());
        assertEquals(786_432, mscc.used().outputOctets());
        assertEquals(1_048_576, mscc.used().volumeOctets());
        assertEquals(3, mscc.effectiveReportingReason());
    }

    @Test
    void shouldDecodeEveryCcrVectorInTheValidatorsWalkAsInTwoWalks()
    {
        for (final String name : List.of("ccr-u-handmade.hex", "ccr-i-go-diameter-nonzero-padding.hex"))
        {
            final ByteBuf buffer = Unpooled.wrappedBuffer(vector(name));
            final DiameterValidator validator = new DiameterValidator(DICTIONARY, new long[] {4}, 256);
            final CreditControlRequestDecoder onePass = new CreditControlRequestDecoder();
            assertTrue(onePass.validateAndWrap(validator, buffer, 0), () -> name + ": " + validator.resultCode());
            assertEquals(OnePassDecodeCheck.describe(new CreditControlRequestDecoder().wrap(buffer, 0)),
                OnePassDecodeCheck.describe(onePass), name);
            new OnePassDecodeCheck(validator, new DiameterValidator(DICTIONARY, new long[] {4}, 256)).check(buffer);
        }
        final CreditControlRequestDecoder ccr = new CreditControlRequestDecoder();
        assertTrue(ccr.validateAndWrap(new DiameterValidator(DICTIONARY, new long[] {4}, 256),
            Unpooled.wrappedBuffer(vector("ccr-u-handmade.hex")), 0));
        assertEquals(1_048_576, ccr.mscc(0).used().totalOctets());
        assertEquals(3, ccr.mscc(0).effectiveReportingReason());
        assertEquals(0x0badcafeL, ccr.chargingId());
        assertEquals("491700000001", ccr.text(ccr.subscriptionIdDataOffset(0), ccr.subscriptionIdDataLength(0)));
    }

    @Test
    void shouldEncodeHandmadeCcrUpdateIdentically()
    {
        final ByteBuf out = Unpooled.buffer();
        final CreditControlRequestEncoder ccr = new CreditControlRequestEncoder();
        ccr.begin(out, 0x00000101, 0x5a5a0001, ascii("pgw1.operator.net;1700000000;42;gy"), ascii("pgw1.operator.net"),
            ascii("operator.net"), ascii("localdomain"), ascii("gyro.localdomain"), ascii("32251@3gpp.org"),
            CcRequestType.UPDATE_REQUEST, 1);
        ccr.originStateId(1_700_000_000L)
            .eventTimestamp(1_767_225_600L)
            .subscriptionId(0, ascii("491700000001"))
            .multipleServicesIndicator(1)
            .beginMscc()
            .requestedServiceUnit(new ServiceUnits().markPresent())
            .usedServiceUnit(new ServiceUnits().totalOctets(1_048_576).inputOctets(262_144).outputOctets(786_432))
            .ratingGroup(10)
            .reportingReason(3)
            .endMscc();
        final DiameterEncoder encoder = ccr.encoder();
        encoder.beginGroup(AvpCode.SERVICE_INFORMATION, FLAG_MANDATORY, VendorId.TGPP);
        encoder.beginGroup(AvpCode.PS_INFORMATION, FLAG_MANDATORY, VendorId.TGPP);
        encoder.uint32(AvpCode.TGPP_CHARGING_ID, 0, VendorId.TGPP, 0x0badcafeL);
        encoder.utf8(AvpCode.CALLED_STATION_ID, FLAG_MANDATORY, 0, "internet");
        encoder.utf8(AvpCode.TGPP_SGSN_MCC_MNC, 0, VendorId.TGPP, "26201");
        encoder.octets(AvpCode.TGPP_RAT_TYPE, 0, VendorId.TGPP, new byte[] {6});
        encoder.endGroup();
        encoder.endGroup();
        ccr.finish();
        assertArrayEquals(vector("ccr-u-handmade.hex"), bytesOf(out));
    }

    @Test
    void shouldRenderCcrThroughTheDictionary()
    {
        final ByteBuf buffer = Unpooled.wrappedBuffer(vector("ccr-u-handmade.hex"));
        final String text = new DiameterMessageRenderer(DICTIONARY).render(buffer, 0);
        assertTrue(text.startsWith("CCR (272) R P app=4"), text);
        assertTrue(text.contains("CC-Request-Type (416) M = UPDATE_REQUEST (2)"), text);
        assertTrue(text.contains("\n    Rating-Group (432) M = 10"), text);
        assertTrue(text.contains("Session-Id (263) M = \"pgw1.operator.net;1700000000;42;gy\""), text);
        assertTrue(text.contains("3GPP-Charging-Id (2, vendor 10415) = 195939070"), text);
    }
}
