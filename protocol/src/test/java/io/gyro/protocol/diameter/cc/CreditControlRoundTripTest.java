package io.gyro.protocol.diameter.cc;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterValidator;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Property test over generated credit-control conversations: what the encoder writes, the validator accepts and
 * the decoder reads back field for field; the answer built from the request echoes what it must.
 */
class CreditControlRoundTripTest
{
    private static final DiameterDictionary DICTIONARY = DiameterDictionary.standard();

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static ServiceUnits randomUnits(final Random random)
    {
        final ServiceUnits units = new ServiceUnits().markPresent();
        if (random.nextBoolean())
        {
            units.timeSeconds(random.nextInt(1 << 20));
        }
        if (random.nextBoolean())
        {
            units.totalOctets(random.nextLong() >>> 1);
        }
        if (random.nextBoolean())
        {
            units.inputOctets(random.nextInt(Integer.MAX_VALUE));
            units.outputOctets(random.nextInt(Integer.MAX_VALUE));
        }
        if (random.nextInt(4) == 0)
        {
            units.serviceSpecificUnits(random.nextInt(1000));
        }
        if (random.nextInt(8) == 0)
        {
            units.money(random.nextInt(100_000), -random.nextInt(5), 978);
        }
        return units;
    }

    private static void assertSameUnits(final ServiceUnits expected, final ServiceUnits actual)
    {
        assertEquals(expected.isPresent(), actual.isPresent());
        assertEquals(expected.kinds(), actual.kinds());
        assertEquals(expected.timeSeconds(), actual.timeSeconds());
        assertEquals(expected.totalOctets(), actual.totalOctets());
        assertEquals(expected.inputOctets(), actual.inputOctets());
        assertEquals(expected.outputOctets(), actual.outputOctets());
        assertEquals(expected.serviceSpecificUnits(), actual.serviceSpecificUnits());
        assertEquals(expected.moneyValueDigits(), actual.moneyValueDigits());
        assertEquals(expected.moneyExponent(), actual.moneyExponent());
    }

    @Test
    void shouldRoundTripGeneratedRequestsAndAnswers()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final DiameterValidator validator = new DiameterValidator(DICTIONARY, new long[] {4}, 256);
        final CreditControlRequestEncoder encoder = new CreditControlRequestEncoder();
        final CreditControlRequestDecoder decoder = new CreditControlRequestDecoder();
        final CreditControlAnswerEncoder answerEncoder = new CreditControlAnswerEncoder();
        final CreditControlAnswerDecoder answerDecoder = new CreditControlAnswerDecoder();
        final RequestEcho echo = new RequestEcho();
        final AvpReader reader = new AvpReader();

        for (int round = 0; round < 2_000; round++)
        {
            final String context = "round " + round + " seed " + seed;
            final int type = 1 + random.nextInt(4);
            final long number = random.nextInt(1000);
            final String sessionId = "pgw" + random.nextInt(100) + ".example;" + random.nextLong() + ";" + round;
            final int msccCount = random.nextInt(6);
            final ServiceUnits[] requested = new ServiceUnits[msccCount];
            final ServiceUnits[] used = new ServiceUnits[msccCount];
            final long[] ratingGroups = new long[msccCount];

            final ByteBuf request = Unpooled.buffer(512);
            final ByteBuf answer = Unpooled.buffer(512);
            try
            {
                final int hopByHop = random.nextInt();
                final int endToEnd = random.nextInt();
                encoder.begin(request, hopByHop, endToEnd, ascii(sessionId), ascii("pgw.example"), ascii("example"),
                    ascii("localdomain"), random.nextBoolean() ? ascii("gyro.localdomain") : null,
                    ascii("8.32251@3gpp.org"), type, number);
                encoder.subscriptionId(0, ascii(Long.toString(491700000000L + random.nextInt(100_000))));
                encoder.subscriptionId(1, ascii(Long.toString(262010000000000L + random.nextInt(100_000))));
                if (4 == type)
                {
                    encoder.requestedAction(random.nextInt(4));
                }
                for (int i = 0; i < msccCount; i++)
                {
                    ratingGroups[i] = random.nextInt(1000);
                    requested[i] = random.nextBoolean() ? randomUnits(random) : new ServiceUnits();
                    used[i] = random.nextBoolean() ? randomUnits(random) : new ServiceUnits();
                    encoder.beginMscc();
                    if (requested[i].isPresent())
                    {
                        encoder.requestedServiceUnit(requested[i]);
                    }
                    if (used[i].isPresent())
                    {
                        encoder.usedServiceUnit(used[i]);
                    }
                    encoder.ratingGroup(ratingGroups[i]).endMscc();
                }
                encoder.finish();

                assertTrue(validator.validate(request, 0), () -> context + " result " + validator.resultCode());
                decoder.wrap(request, 0);
                assertEquals(sessionId, decoder.text(decoder.sessionIdOffset(), decoder.sessionIdLength()), context);
                assertEquals(type, decoder.ccRequestType(), context);
                assertEquals(number, decoder.ccRequestNumber(), context);
                assertEquals(2, decoder.subscriptionIdCount(), context);
                assertEquals(1, decoder.subscriptionIdType(1), context);
                assertEquals(msccCount, decoder.msccCount(), context);
                for (int i = 0; i < msccCount; i++)
                {
                    final MultipleServicesCreditControlDecoder mscc = decoder.mscc(i);
                    assertEquals(ratingGroups[i], mscc.ratingGroup(), context);
                    assertSameUnits(requested[i], mscc.requested());
                    assertSameUnits(used[i], mscc.used());
                }

                echo.capture(request, 0, reader);
                answerEncoder.begin(answer, echo, ResultCode.SUCCESS, ascii("gyro.localdomain"),
                    ascii("localdomain"), type, number);
                for (int i = 0; i < msccCount; i++)
                {
                    answerEncoder.beginMscc().msccGranted(ServiceUnits.TOTAL_OCTETS, 10L << 20)
                        .ratingGroup(ratingGroups[i]).resultCode(ResultCode.SUCCESS).validityTime(600)
                        .endMscc();
                }
                answerEncoder.finish();
                assertTrue(validator.validate(answer, 0), () -> context + " answer " + validator.resultCode());
                answerDecoder.wrap(answer, 0);
                assertFalse(answerDecoder.header().isRequest());
                assertTrue(answerDecoder.header().isProxiable());
                assertEquals(hopByHop, answerDecoder.header().hopByHopId());
                assertEquals(endToEnd, answerDecoder.header().endToEndId());
                assertEquals(sessionId, answerDecoder.sessionId());
                assertEquals(msccCount, answerDecoder.msccCount());
                for (int i = 0; i < msccCount; i++)
                {
                    assertEquals(ratingGroups[i], answerDecoder.mscc(i).ratingGroup());
                    assertEquals(10L << 20, answerDecoder.mscc(i).granted().totalOctets());
                }
            }
            finally
            {
                assertTrue(request.release());
                assertTrue(answer.release());
            }
        }
    }

    @Test
    void shouldRoundTripEveryFormOfFinalUnitIndication()
    {
        final DiameterValidator validator = new DiameterValidator(DICTIONARY, new long[] {4}, 256);
        final CreditControlRequestEncoder requestEncoder = new CreditControlRequestEncoder();
        final CreditControlAnswerEncoder encoder = new CreditControlAnswerEncoder();
        final CreditControlAnswerDecoder decoder = new CreditControlAnswerDecoder();
        final RequestEcho echo = new RequestEcho();
        final ByteBuf request = Unpooled.buffer(512);
        final ByteBuf answer = Unpooled.buffer(2048);
        try
        {
            requestEncoder.begin(request, 1, 2, ascii("pgw.example;1;2"), ascii("pgw.example"), ascii("example"),
                ascii("localdomain"), null, ascii("8.32251@3gpp.org"), 2, 1);
            requestEncoder.finish();
            echo.capture(request, 0, new AvpReader());
            final byte[][] tenRules = new byte[10][];
            for (int i = 0; i < tenRules.length; i++)
            {
                tenRules[i] = ascii("permit out ip from any to 10.0.0." + i);
            }
            encoder.begin(answer, echo, ResultCode.SUCCESS, ascii("gyro.localdomain"), ascii("localdomain"), 2, 1);
            encoder.beginMscc().ratingGroup(1).finalUnitIndication(0).endMscc();
            encoder.beginMscc().ratingGroup(2).finalUnitRedirect(2, ascii("http://top-up.example/")).endMscc();
            encoder.beginMscc().ratingGroup(3)
                .finalUnitRestrictAccess(new byte[][] {ascii("permit out ip from any to 10.9.9.9")},
                    "portal-only".getBytes(StandardCharsets.UTF_8))
                .endMscc();
            encoder.beginMscc().ratingGroup(4).finalUnitRestrictAccess(tenRules, null).endMscc();
            encoder.finish();

            assertTrue(validator.validate(answer, 0), () -> "answer refused: " + validator.resultCode());
            decoder.wrap(answer, 0);
            assertEquals(4, decoder.msccCount());
            assertEquals(0, decoder.mscc(0).finalUnitAction());
            assertEquals(0, decoder.mscc(0).filterIdCount());
            assertEquals(1, decoder.mscc(1).finalUnitAction());
            assertEquals("http://top-up.example/", decoder.mscc(1).redirectServerAddress());
            assertEquals(0, decoder.mscc(1).restrictionFilterRuleCount());

            final MultipleServicesCreditControlDecoder restricted = decoder.mscc(2);
            assertEquals(2, restricted.finalUnitAction());
            assertEquals(1, restricted.restrictionFilterRuleCount());
            assertEquals("permit out ip from any to 10.9.9.9", restricted.restrictionFilterRule(0));
            assertEquals(1, restricted.filterIdCount());
            assertEquals("portal-only", restricted.filterId(0));

            final MultipleServicesCreditControlDecoder many = decoder.mscc(3);
            assertEquals(10, many.restrictionFilterRuleCount(), "every rule counted");
            assertEquals("permit out ip from any to 10.0.0.7",
                many.restrictionFilterRule(MultipleServicesCreditControlDecoder.MAX_FILTERS - 1));
            assertThrows(IndexOutOfBoundsException.class,
                () -> many.restrictionFilterRule(MultipleServicesCreditControlDecoder.MAX_FILTERS), "not kept");
            assertEquals(0, many.filterIdCount());
        }
        finally
        {
            assertTrue(request.release());
            assertTrue(answer.release());
        }
    }
}
