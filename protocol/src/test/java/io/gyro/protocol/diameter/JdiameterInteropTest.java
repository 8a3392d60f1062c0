package io.gyro.protocol.diameter;

import io.gyro.protocol.diameter.cc.CreditControlAnswerEncoder;
import io.gyro.protocol.diameter.cc.CreditControlRequestDecoder;
import io.gyro.protocol.diameter.cc.MultipleServicesCreditControlDecoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Interop with an independent Diameter stack, in process: jdiameter 1.7.1 (RestComm; AGPL, test scope only)
 * builds a CCR that Gyro decodes, and reads back the CCA Gyro encodes.
 */
class JdiameterInteropTest
{
    private static final DiameterDictionary DICTIONARY = DiameterDictionary.standard();

    private static byte[] jdiameterCcr() throws Exception
    {
        final MessageParser parser = new MessageParser();
        final IMessage ccr = parser.createEmptyMessage(272, 4);
        ccr.setRequest(true);
        ccr.setProxiable(true);
        ccr.setHopByHopIdentifier(0x1234);
        ccr.setEndToEndIdentifier(0x5678);
        final AvpSet avps = ccr.getAvps();
        avps.addAvp(Avp.SESSION_ID, "pgw.example;42;7", true, false, false);
        avps.addAvp(Avp.ORIGIN_HOST, "pgw.example", true, false, true);
        avps.addAvp(Avp.ORIGIN_REALM, "example", true, false, true);
        avps.addAvp(Avp.DESTINATION_REALM, "localdomain", true, false, true);
        avps.addAvp(Avp.AUTH_APPLICATION_ID, 4L, true, false, true);
        avps.addAvp(Avp.SERVICE_CONTEXT_ID, "32251@3gpp.org", true, false, false);
        avps.addAvp(Avp.CC_REQUEST_TYPE, 2, true, false);
        avps.addAvp(Avp.CC_REQUEST_NUMBER, 3L, true, false, true);
        final AvpSet subscription = avps.addGroupedAvp(Avp.SUBSCRIPTION_ID, true, false);
        subscription.addAvp(Avp.SUBSCRIPTION_ID_TYPE, 1, true, false);
        subscription.addAvp(Avp.SUBSCRIPTION_ID_DATA, "262010000000007", true, false, false);
        avps.addAvp(Avp.MULTIPLE_SERVICES_INDICATOR, 1, true, false);
        final AvpSet mscc = avps.addGroupedAvp(Avp.MULTIPLE_SERVICES_CREDIT_CONTROL, true, false);
        mscc.addGroupedAvp(Avp.REQUESTED_SERVICE_UNIT, true, false);
        final AvpSet usu = mscc.addGroupedAvp(Avp.USED_SERVICE_UNIT, true, false);
        usu.addAvp(Avp.CC_INPUT_OCTETS, 5_000_000_000L, true, false, false);
        usu.addAvp(Avp.CC_OUTPUT_OCTETS, 7L, true, false, false);
        usu.addAvp(AvpCode.REPORTING_REASON, 3, VendorId.TGPP, true, false);
        mscc.addAvp(Avp.RATING_GROUP, 10L, true, false, true);
        final ByteBuffer encoded = parser.encodeMessage(ccr);
        final byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    @Test
    void shouldDecodeCcrBuiltByJdiameter() throws Exception
    {
        final ByteBuf buffer = Unpooled.wrappedBuffer(jdiameterCcr());
        final DiameterValidator validator = new DiameterValidator(DICTIONARY, new long[] {4}, 256);
        assertTrue(validator.validate(buffer, 0), () -> "result " + validator.resultCode() + "\n" +
            new DiameterMessageRenderer(DICTIONARY).render(buffer, 0));

        final CreditControlRequestDecoder ccr = new CreditControlRequestDecoder().wrap(buffer, 0);
        assertEquals(0x1234, ccr.header().hopByHopId());
        assertEquals(0x5678, ccr.header().endToEndId());
        assertEquals("pgw.example;42;7", ccr.text(ccr.sessionIdOffset(), ccr.sessionIdLength()));
        assertEquals(2, ccr.ccRequestType());
        assertEquals(3, ccr.ccRequestNumber());
        assertEquals(1, ccr.subscriptionIdType(0));
        assertEquals("262010000000007", ccr.text(ccr.subscriptionIdDataOffset(0), ccr.subscriptionIdDataLength(0)));
        final MultipleServicesCreditControlDecoder mscc = ccr.mscc(0);
        assertEquals(10, mscc.ratingGroup());
        assertTrue(mscc.requested().isEmpty());
        assertEquals(5_000_000_007L, mscc.used().volumeOctets());
        assertEquals(3, mscc.effectiveReportingReason());
    }

    @Test
    void shouldProduceCcaThatJdiameterReads() throws Exception
    {
        final ByteBuf request = Unpooled.wrappedBuffer(jdiameterCcr());
        final RequestEcho echo = new RequestEcho().capture(request, 0, new AvpReader());
        final ByteBuf answer = Unpooled.buffer();
        final CreditControlAnswerEncoder cca = new CreditControlAnswerEncoder();
        cca.begin(answer, echo, ResultCode.SUCCESS, "gyro.localdomain".getBytes(StandardCharsets.US_ASCII),
            "localdomain".getBytes(StandardCharsets.US_ASCII), 2, 3);
        cca.beginMscc()
            .msccGranted(ServiceUnits.TOTAL_OCTETS, 10L << 20)
            .ratingGroup(10)
            .resultCode(ResultCode.SUCCESS)
            .validityTime(600)
            .finalUnitRedirect(2, "http://top-up.example/".getBytes(StandardCharsets.US_ASCII))
            .endMscc();
        cca.finish();

        final IMessage parsed = new MessageParser().createMessage(ByteBufUtil.getBytes(answer));
        answer.release();
        assertFalse(parsed.isRequest());
        assertTrue(parsed.isProxiable());
        assertEquals(0x1234, parsed.getHopByHopIdentifier());
        assertEquals(0x5678, parsed.getEndToEndIdentifier());
        assertEquals("pgw.example;42;7", parsed.getSessionId());
        final AvpSet avps = parsed.getAvps();
        assertEquals(2001, avps.getAvp(Avp.RESULT_CODE).getUnsigned32());
        assertEquals("gyro.localdomain", avps.getAvp(Avp.ORIGIN_HOST).getDiameterIdentity());
        assertEquals(4, avps.getAvp(Avp.AUTH_APPLICATION_ID).getUnsigned32());
        assertEquals(2, avps.getAvp(Avp.CC_REQUEST_TYPE).getInteger32());
        assertEquals(3, avps.getAvp(Avp.CC_REQUEST_NUMBER).getUnsigned32());
        final AvpSet mscc = avps.getAvp(Avp.MULTIPLE_SERVICES_CREDIT_CONTROL).getGrouped();
        assertEquals(10L << 20,
            mscc.getAvp(Avp.GRANTED_SERVICE_UNIT).getGrouped().getAvp(Avp.CC_TOTAL_OCTETS).getUnsigned64());
        assertEquals(10, mscc.getAvp(Avp.RATING_GROUP).getUnsigned32());
        assertEquals(2001, mscc.getAvp(Avp.RESULT_CODE).getUnsigned32());
        assertEquals(600, mscc.getAvp(Avp.VALIDITY_TIME).getUnsigned32());
        final AvpSet fui = mscc.getAvp(Avp.FINAL_UNIT_INDICATION).getGrouped();
        assertEquals(1, fui.getAvp(Avp.FINAL_UNIT_ACTION).getInteger32());
        assertEquals("http://top-up.example/",
            fui.getAvp(Avp.REDIRECT_SERVER).getGrouped().getAvp(Avp.REDIRECT_ADDRESS).getUTF8String());
    }
}
