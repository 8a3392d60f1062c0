package io.gyro.protocol.diameter.cc;

import io.gyro.protocol.diameter.DiameterValidator;
import io.gyro.protocol.diameter.dictionary.CcRequestType;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several Used-Service-Unit AVPs in one MSCC (RFC 4006 §8.16 *[Used-Service-Unit], §8.19; split at a tariff change,
 * §8.27) or at command level, each reporting its volume its own way: one as CC-Total-Octets, another as only
 * CC-Input- and CC-Output-Octets. Each is a volume of its own, and the volume decoded is their sum.
 */
class UsedServiceUnitsDecodeTest
{
    private static final long MIB = 1L << 20;

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static ByteBuf ccr()
    {
        final ByteBuf out = Unpooled.buffer();
        final CreditControlRequestEncoder ccr = new CreditControlRequestEncoder();
        ccr.begin(out, 1, 2, ascii("pgw1.example;1;usu"), ascii("pgw1.example"), ascii("example"),
            ascii("gyro.example"), null, ascii("32251@3gpp.org"), CcRequestType.UPDATE_REQUEST, 1);
        ccr.subscriptionId(0, ascii("491700000001"))
            // Command level: input and output first, then a total.
            .usedServiceUnit(new ServiceUnits().inputOctets(3 * MIB).outputOctets(MIB))
            .usedServiceUnit(new ServiceUnits().totalOctets(5 * MIB))
            // A total, then input and output only.
            .beginMscc()
            .usedServiceUnit(new ServiceUnits().totalOctets(2 * MIB))
            .usedServiceUnit(new ServiceUnits().inputOctets(MIB).outputOctets(MIB / 2))
            .ratingGroup(10)
            .endMscc()
            // Input and output, a total, input only; the total's own input and output are not added again.
            .beginMscc()
            .usedServiceUnit(new ServiceUnits().inputOctets(7).outputOctets(11))
            .usedServiceUnit(new ServiceUnits().totalOctets(100).inputOctets(60).outputOctets(40))
            .usedServiceUnit(new ServiceUnits().inputOctets(13))
            .ratingGroup(20)
            .endMscc()
            // One USU with all three counters: its total.
            .beginMscc()
            .usedServiceUnit(new ServiceUnits().totalOctets(1_000).inputOctets(300).outputOctets(700))
            .ratingGroup(30)
            .endMscc();
        ccr.finish();
        return out;
    }

    private static void assertVolumes(final CreditControlRequestDecoder decoded)
    {
        assertEquals(4 * MIB + 5 * MIB, decoded.usedServiceUnit().volumeOctets(), "command level");
        assertEquals(3, decoded.msccCount());
        assertEquals(2 * MIB + MIB + MIB / 2, decoded.mscc(0).used().volumeOctets());
        assertEquals(2, decoded.mscc(0).usedServiceUnitCount());
        assertEquals(7 + 11 + 100 + 13, decoded.mscc(1).used().volumeOctets());
        assertEquals(1_000, decoded.mscc(2).used().volumeOctets());
        // The counters themselves are still the sums of each AVP over the occurrences.
        assertEquals(2 * MIB, decoded.mscc(0).used().totalOctets());
        assertEquals(MIB, decoded.mscc(0).used().inputOctets());
        assertEquals(MIB / 2, decoded.mscc(0).used().outputOctets());
    }

    @Test
    void shouldAddUpTheVolumeOfEveryUsedServiceUnit()
    {
        final ByteBuf buffer = ccr();
        assertVolumes(new CreditControlRequestDecoder().wrap(buffer, 0));

        final CreditControlRequestDecoder onePass = new CreditControlRequestDecoder();
        final DiameterValidator validator = new DiameterValidator(DiameterDictionary.standard(), new long[] {4}, 256);
        assertTrue(onePass.validateAndWrap(validator, buffer, 0), () -> "result " + validator.resultCode());
        assertVolumes(onePass);
    }

    @Test
    void shouldSaturateCountsThatDoNotFitALongInsteadOfReadingThemAsLittleOrNothing()
    {
        // Unsigned64 counters of 2^63 and more, and sums past 2^63 - 1: read as they are, 2^64 - 1 is -1 and
        // 2^63 + 2^63 wraps round to 0, which charging would take as no usage at all.
        final ByteBuf out = Unpooled.buffer();
        final CreditControlRequestEncoder ccr = new CreditControlRequestEncoder();
        ccr.begin(out, 1, 2, ascii("pgw1.example;1;huge"), ascii("pgw1.example"), ascii("example"),
            ascii("gyro.example"), null, ascii("32251@3gpp.org"), CcRequestType.UPDATE_REQUEST, 1);
        ccr.subscriptionId(0, ascii("491700000001"))
            .beginMscc()
            .usedServiceUnit(new ServiceUnits().totalOctets(-1L))
            .ratingGroup(10)
            .endMscc()
            .beginMscc()
            .usedServiceUnit(new ServiceUnits().inputOctets(Long.MIN_VALUE).outputOctets(Long.MIN_VALUE))
            .ratingGroup(20)
            .endMscc()
            .beginMscc()
            .usedServiceUnit(new ServiceUnits().totalOctets(1L << 62))
            .usedServiceUnit(new ServiceUnits().totalOctets(1L << 62))
            .usedServiceUnit(new ServiceUnits().serviceSpecificUnits(-2L))
            .ratingGroup(30)
            .endMscc();
        ccr.finish();

        final CreditControlRequestDecoder decoded = new CreditControlRequestDecoder();
        final DiameterValidator validator = new DiameterValidator(DiameterDictionary.standard(), new long[] {4}, 256);
        assertTrue(decoded.validateAndWrap(validator, out, 0), () -> "result " + validator.resultCode());
        assertEquals(Long.MAX_VALUE, decoded.mscc(0).used().volumeOctets(), "2^64 - 1 octets");
        assertEquals(Long.MAX_VALUE, decoded.mscc(1).used().volumeOctets(), "2^63 in plus 2^63 out");
        assertEquals(Long.MAX_VALUE, decoded.mscc(1).used().inputOctets());
        assertEquals(Long.MAX_VALUE, decoded.mscc(2).used().volumeOctets(), "2^62 + 2^62 is 2^63");
        assertEquals(Long.MAX_VALUE, decoded.mscc(2).used().serviceSpecificUnits());
    }

    @Test
    void shouldKeepTheSumAcrossCopiesAndStartOverWhenCleared()
    {
        final CreditControlRequestDecoder decoded = new CreditControlRequestDecoder().wrap(ccr(), 0);
        final ServiceUnits copy = new ServiceUnits().copyFrom(decoded.mscc(0).used());
        assertEquals(2 * MIB + MIB + MIB / 2, copy.volumeOctets());
        copy.clear().inputOctets(5).outputOctets(6);
        assertEquals(11, copy.volumeOctets());
        copy.totalOctets(20);
        assertEquals(20, copy.volumeOctets(), "one occurrence with a total: the total");
    }
}
