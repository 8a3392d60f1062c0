package io.gyro.protocol.diameter.cc;

import io.gyro.protocol.diameter.AvpDescriptor;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterFrameDecoder;
import io.gyro.protocol.diameter.DiameterValidator;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.gyro.protocol.test.GoldenVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CreditControlRequestWalk}, the server's walk of a CCR: it must take the CCRs gateways send (or the server
 * gains nothing), decode them exactly as the validator's walk does, and never accept what the validator refuses (it
 * then leaves the answer to the validator). The mutation and fuzz tests of the diameter package compare the two
 * walks on damaged messages ({@code OnePassDecodeCheck}); this test covers valid ones of many shapes.
 */
class CreditControlRequestWalkTest
{
    private static final int FLAG_MANDATORY = AvpDescriptor.FLAG_MANDATORY;
    private static final int FLAG_VENDOR_MANDATORY = AvpDescriptor.FLAG_VENDOR | AvpDescriptor.FLAG_MANDATORY;

    private final DiameterValidator validator = validator();
    private final DiameterValidator referenceValidator = validator();
    private final CreditControlRequestDecoder decoder = new CreditControlRequestDecoder();
    private final CreditControlRequestDecoder reference = new CreditControlRequestDecoder();

    private static DiameterValidator validator()
    {
        final DiameterValidator validator = new DiameterValidator(DiameterDictionary.standard(), new long[] {4}, 256);
        validator.limitOccurrences(CommandCode.CREDIT_CONTROL, true, 0, AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, 32);
        return validator;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Decode with the walk, and with the validator's walk then the decoder's own; both must agree. */
    private void assertTakenAndDecodedAlike(final ByteBuf message, final String shape)
    {
        assertTrue(decoder.validateAndWrap(validator, message, 0), () -> shape + ": " + validator.resultCode());
        assertTrue(decoder.decodedBySpecialisedWalk(), () -> shape + ": the walk left it to the validator");
        assertTrue(referenceValidator.validate(message, 0), shape);
        assertEquals(DecodedCcr.describe(reference.wrap(message, 0)), DecodedCcr.describe(decoder), shape);
    }

    @Test
    void shouldTakeTheGoldenCcrUpdateAndDecodeItAsTheValidatorsWalkDoes()
    {
        final byte[] golden = GoldenVectors.load(DiameterFrameDecoder.class, "golden/ccr-u-handmade.hex");
        assertTakenAndDecodedAlike(Unpooled.wrappedBuffer(golden), "golden CCR-U");
        final byte[] goDiameter = GoldenVectors.load(DiameterFrameDecoder.class,
            "golden/ccr-i-go-diameter-nonzero-padding.hex");
        assertTakenAndDecodedAlike(Unpooled.wrappedBuffer(goDiameter), "go-diameter CCR-I with non-zero padding");
    }

    @Test
    void shouldTakeValidCcrsOfManyShapesAndDecodeThemAsTheValidatorsWalkDoes()
    {
        final SplittableRandom random = new SplittableRandom(0x6770_7265L);
        for (int i = 0; i < 2_000; i++)
        {
            final long seed = random.nextLong();
            assertTakenAndDecodedAlike(randomCcr(new SplittableRandom(seed)), "seed " + seed);
        }
    }

    @Test
    void shouldLeaveEveryRefusalToTheValidator()
    {
        // Each of these is refused by the validator; the walk must not take it, so that the answer is the validator's.
        final ByteBuf[] refused = {
            ccr(encoder -> encoder.uint32(AvpCode.CC_REQUEST_NUMBER, FLAG_MANDATORY, 0, 2)),
            ccr(encoder -> encoder.int32(AvpCode.CC_REQUEST_TYPE, FLAG_MANDATORY, 0, 2)),
            ccr(encoder -> encoder.uint32(4_242, FLAG_MANDATORY, 0, 1)),
            ccr(encoder -> encoder.uint32(4_242, FLAG_VENDOR_MANDATORY, 0, 1)),
            ccr(encoder -> encoder.beginGroup(AvpCode.SUBSCRIPTION_ID, FLAG_MANDATORY, 0)
                .int32(AvpCode.SUBSCRIPTION_ID_TYPE, FLAG_MANDATORY, 0, 0).endGroup()),
            ccr(encoder -> encoder.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, FLAG_MANDATORY, 0)
                .uint32(AvpCode.RATING_GROUP, FLAG_MANDATORY, 0, 1).uint32(AvpCode.RATING_GROUP, FLAG_MANDATORY, 0, 2)
                .endGroup()),
            ccr(encoder -> encoder.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, FLAG_MANDATORY, 0)
                .beginGroup(AvpCode.USED_SERVICE_UNIT, FLAG_MANDATORY, 0)
                .uint32(AvpCode.CC_TOTAL_OCTETS, FLAG_MANDATORY, 0, 1).endGroup().endGroup()),
            ccr(encoder -> encoder.int32(AvpCode.MULTIPLE_SERVICES_INDICATOR, FLAG_MANDATORY, 0, 7)),
            ccr(encoder -> encoder.octets(AvpCode.SESSION_ID, FLAG_MANDATORY, 0, new byte[1])),
            ccr(new byte[257], encoder -> encoder.uint32(AvpCode.RATING_GROUP, 0, 0, 1)),
            ccr(encoder -> encoder.octets(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, ascii("again.example"))),
            ccr(encoder -> encoder.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, FLAG_MANDATORY, 0)
                .beginGroup(AvpCode.REQUESTED_SERVICE_UNIT, FLAG_MANDATORY, 0)
                .uint32(AvpCode.CC_TIME, FLAG_MANDATORY, 0, 1).uint32(AvpCode.CC_TIME, FLAG_MANDATORY, 0, 2)
                .endGroup().endGroup()),
            ccr(encoder -> encoder.uint32(AvpCode.EVENT_TIMESTAMP, FLAG_MANDATORY, 0, 1)
                .uint32(AvpCode.EVENT_TIMESTAMP, FLAG_MANDATORY, 0, 2)),
            ccr(encoder -> encoder.beginGroup(AvpCode.SUBSCRIPTION_ID, FLAG_MANDATORY, 0)
                .int32(AvpCode.SUBSCRIPTION_ID_TYPE, FLAG_MANDATORY, 0, 9)
                .octets(AvpCode.SUBSCRIPTION_ID_DATA, FLAG_MANDATORY, 0, ascii("1")).endGroup()),
        };
        for (int i = 0; i < refused.length; i++)
        {
            final int index = i;
            assertFalse(referenceValidator.validate(refused[i], 0), () -> "case " + index + " is valid");
            assertFalse(decoder.validateAndWrap(validator, refused[i], 0), () -> "case " + index);
            assertFalse(decoder.decodedBySpecialisedWalk(), () -> "case " + index);
            assertEquals(referenceValidator.resultCode(), validator.resultCode(), () -> "case " + index);
        }
    }

    @Test
    void shouldFollowALimitLoweredAfterItsFirstUse()
    {
        final ByteBuf threeMsccs = ccr(encoder ->
        {
            for (int rg = 1; rg <= 3; rg++)
            {
                encoder.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, FLAG_MANDATORY, 0)
                    .uint32(AvpCode.RATING_GROUP, FLAG_MANDATORY, 0, rg).endGroup();
            }
        });
        assertTakenAndDecodedAlike(threeMsccs, "three MSCCs");
        validator.limitOccurrences(CommandCode.CREDIT_CONTROL, true, 0, AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, 2);
        assertFalse(decoder.validateAndWrap(validator, threeMsccs, 0));
        assertEquals(5009, validator.resultCode(), "DIAMETER_AVP_OCCURS_TOO_MANY_TIMES");
    }

    /** A CCR-U with the mandatory AVPs, then what {@code rest} writes. */
    private static ByteBuf ccr(final java.util.function.Consumer<DiameterEncoder> rest)
    {
        return ccr(ascii("pgw.example;1;walk"), rest);
    }

    private static ByteBuf ccr(final byte[] sessionId, final java.util.function.Consumer<DiameterEncoder> rest)
    {
        final ByteBuf out = Unpooled.buffer();
        final CreditControlRequestEncoder ccr = new CreditControlRequestEncoder();
        ccr.begin(out, 7, 8, sessionId, ascii("pgw.example"), ascii("example"),
            ascii("ocs.example"), null, ascii("32251@3gpp.org"), 2, 1);
        rest.accept(ccr.encoder());
        ccr.finish();
        return out;
    }

    /**
     * A valid CCR of a random shape: the optional AVPs of RFC 4006 §3.1 or not, one to four Subscription-Ids, none to
     * five MSCCs with any mix of RSU, USUs (every unit kind, CC-Money included), Service-Identifiers, Reporting-Reasons
     * and 3GPP members, command-level units, Service-Information, User-Equipment-Info, Route-Record and unknown AVPs
     * without the M bit, in a random order.
     */
    private static ByteBuf randomCcr(final SplittableRandom random)
    {
        final ByteBuf out = Unpooled.buffer();
        final CreditControlRequestEncoder ccr = new CreditControlRequestEncoder();
        ccr.begin(out, random.nextInt(), random.nextInt(), ascii("pgw.example;" + random.nextInt(1 << 20) + ";r"),
            ascii("pgw.example"), ascii("example"), ascii("ocs.example"),
            random.nextBoolean() ? ascii("ocs1.example") : null, ascii("32251@3gpp.org"), 1 + random.nextInt(4),
            random.nextInt(1 << 16));
        final DiameterEncoder encoder = ccr.encoder();
        final int subscriptionIds = 1 + random.nextInt(4);
        for (int i = 0; i < subscriptionIds; i++)
        {
            ccr.subscriptionId(random.nextInt(5), ascii(Long.toString(491_700_000_000L + random.nextInt(1000))));
        }
        if (random.nextBoolean())
        {
            ccr.originStateId(random.nextLong(1L << 32));
        }
        if (random.nextBoolean())
        {
            ccr.eventTimestamp(1_700_000_000L + random.nextInt(1 << 20));
        }
        if (random.nextInt(4) == 0)
        {
            encoder.octets(AvpCode.USER_NAME, FLAG_MANDATORY, 0, ascii("user@example"));
        }
        if (random.nextInt(4) == 0)
        {
            ccr.terminationCause(1 + random.nextInt(8));
        }
        if (random.nextInt(4) == 0)
        {
            ccr.requestedAction(random.nextInt(4));
        }
        if (random.nextBoolean())
        {
            ccr.multipleServicesIndicator(random.nextInt(2));
        }
        if (random.nextInt(4) == 0)
        {
            ccr.serviceIdentifier(random.nextLong(1L << 32));
        }
        if (random.nextInt(5) == 0)
        {
            ccr.requestedServiceUnit(units(random));
        }
        for (int i = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0; i > 0; i--)
        {
            ccr.usedServiceUnit(units(random));
        }
        if (random.nextInt(3) == 0)
        {
            encoder.beginGroup(AvpCode.USER_EQUIPMENT_INFO, 0, 0)
                .int32(AvpCode.USER_EQUIPMENT_INFO_TYPE, 0, 0, 0)
                .octets(AvpCode.USER_EQUIPMENT_INFO_VALUE, 0, 0, ascii("3542180123456701"))
                .endGroup();
        }
        if (random.nextInt(4) == 0)
        {
            encoder.octets(AvpCode.ROUTE_RECORD, FLAG_MANDATORY, 0, ascii("dra.example"));
        }
        if (random.nextInt(3) == 0)
        {
            encoder.uint32(4_242 + random.nextInt(100), 0, 0, random.nextInt());
        }
        final int msccs = random.nextInt(6);
        for (int i = 0; i < msccs; i++)
        {
            ccr.beginMscc();
            if (random.nextInt(5) != 0)
            {
                ccr.ratingGroup(random.nextLong(1L << 32));
            }
            for (int s = random.nextInt(3); s > 0; s--)
            {
                encoder.uint32(AvpCode.SERVICE_IDENTIFIER, FLAG_MANDATORY, 0, random.nextLong(1L << 32));
            }
            if (random.nextBoolean())
            {
                ccr.requestedServiceUnit(random.nextInt(4) == 0 ? new ServiceUnits().markPresent() : units(random));
            }
            for (int u = random.nextInt(3); u > 0; u--)
            {
                ccr.usedServiceUnit(units(random));
            }
            for (int r = random.nextInt(3); r > 0; r--)
            {
                ccr.reportingReason(random.nextInt(9));
            }
            if (random.nextInt(4) == 0)
            {
                encoder.beginGroup(AvpCode.TRIGGER, FLAG_VENDOR_MANDATORY, VendorId.TGPP)
                    .int32(AvpCode.TRIGGER_TYPE, FLAG_VENDOR_MANDATORY, VendorId.TGPP, 2)
                    .endGroup();
            }
            if (random.nextInt(4) == 0)
            {
                encoder.int32(AvpCode.TARIFF_CHANGE_USAGE, FLAG_MANDATORY, 0, random.nextInt(3));
            }
            ccr.endMscc();
        }
        if (random.nextBoolean())
        {
            encoder.beginGroup(AvpCode.SERVICE_INFORMATION, FLAG_VENDOR_MANDATORY, VendorId.TGPP);
            if (random.nextInt(4) == 0)
            {
                ccr.subscriptionId(0, ascii("491700000001"));
            }
            encoder.beginGroup(AvpCode.PS_INFORMATION, FLAG_VENDOR_MANDATORY, VendorId.TGPP);
            if (random.nextInt(4) != 0)
            {
                encoder.uint32(AvpCode.TGPP_CHARGING_ID, FLAG_VENDOR_MANDATORY, VendorId.TGPP, random.nextLong(1L << 32));
            }
            if (random.nextInt(4) != 0)
            {
                encoder.octets(AvpCode.CALLED_STATION_ID, FLAG_MANDATORY, 0, ascii("internet"));
            }
            if (random.nextBoolean())
            {
                encoder.octets(AvpCode.TGPP_IMSI, AvpDescriptor.FLAG_VENDOR, VendorId.TGPP, ascii("262010000000001"));
            }
            if (random.nextInt(4) != 0)
            {
                encoder.octets(AvpCode.TGPP_SGSN_MCC_MNC, AvpDescriptor.FLAG_VENDOR, VendorId.TGPP, ascii("26201"));
            }
            if (random.nextBoolean())
            {
                encoder.octets(AvpCode.TGPP_RAT_TYPE, AvpDescriptor.FLAG_VENDOR, VendorId.TGPP, new byte[] {6});
            }
            if (random.nextInt(3) == 0)
            {
                encoder.uint32(4_000 + random.nextInt(50), AvpDescriptor.FLAG_VENDOR, 5_535, random.nextInt());
            }
            encoder.endGroup().endGroup();
        }
        ccr.finish();
        return out;
    }

    private static ServiceUnits units(final SplittableRandom random)
    {
        final ServiceUnits units = new ServiceUnits().markPresent();
        if (random.nextBoolean())
        {
            units.timeSeconds(random.nextLong(1L << 32));
        }
        switch (random.nextInt(4))
        {
            case 0 -> units.totalOctets(random.nextLong(1L << 40));
            case 1 -> units.inputOctets(random.nextLong(1L << 40)).outputOctets(random.nextLong(1L << 40));
            case 2 -> units.totalOctets(random.nextLong(1L << 40)).inputOctets(random.nextLong(1L << 30));
            default ->
            {
            }
        }
        if (random.nextInt(3) == 0)
        {
            units.serviceSpecificUnits(random.nextLong(1000));
        }
        if (random.nextInt(6) == 0)
        {
            units.money(random.nextLong(100_000), -2, 978);
        }
        return units;
    }
}
