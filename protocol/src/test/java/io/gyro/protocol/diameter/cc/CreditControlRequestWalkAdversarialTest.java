package io.gyro.protocol.diameter.cc;

import io.gyro.protocol.diameter.AvpDescriptor;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterHeaderDescriptor;
import io.gyro.protocol.diameter.DiameterValidator;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An adversarial review of {@link CreditControlRequestWalk} against the validator's walk, one message per
 * difference in what the two check or in the order they show AVPs to the decoder: duplicates at each level, the V bit
 * with Vendor-ID 0, vendor AVPs with the code of a handled IETF AVP, lengths, strict enumerations, empty groups, short
 * trailing octets in a group, limits lowered to 0 or 1, the decoder's kept counts, header bits.
 * <p>
 * For each message: the validator's own walk gives the verdict (asserted exactly: a Result-Code, or valid); the server's
 * {@code validateAndWrap} must give the same verdict, Result-Code and Failed-AVP (contract 1: the walk never takes a
 * message the validator refuses), and on a valid message the same decoded fields as the validator's walk with the
 * decoder as its visitor and as {@code wrap} (contract 2); where a gateway sends the shape, the walk must take it
 * (contract 3).
 */
class CreditControlRequestWalkAdversarialTest
{
    private static final int M = AvpDescriptor.FLAG_MANDATORY;
    private static final int V = AvpDescriptor.FLAG_VENDOR;
    private static final int VALID = 2001;
    private static final int AVP_UNSUPPORTED = 5001;
    private static final int INVALID_AVP_VALUE = 5004;
    private static final int MISSING_AVP = 5005;
    private static final int AVP_NOT_ALLOWED = 5008;
    private static final int AVP_OCCURS_TOO_MANY_TIMES = 5009;
    private static final int INVALID_AVP_LENGTH = 5014;
    private static final int INVALID_AVP_BITS = 3009;
    private static final int INVALID_HDR_BITS = 3008;
    private static final int APPLICATION_UNSUPPORTED = 3007;
    private static final int COMMAND_UNSUPPORTED = 3001;
    /** A vendor Gyro's dictionary does not know. */
    private static final int OTHER_VENDOR = 5535;

    private final DiameterValidator validator = validator();
    private final DiameterValidator referenceValidator = validator();
    private final CreditControlRequestDecoder decoder = new CreditControlRequestDecoder();
    private final CreditControlRequestDecoder genericDecode = new CreditControlRequestDecoder();
    private final CreditControlRequestDecoder wrapDecode = new CreditControlRequestDecoder();
    private final DiameterEncoder failedAvpEncoder = new DiameterEncoder();
    private final List<String> failures = new ArrayList<>();

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

    // ---- the checks

    /**
     * @param expected the validator's Result-Code for the message, {@link #VALID} when it accepts it.
     * @param taken    for a valid message, whether the walk must take it (contract 3).
     */
    private void check(final String what, final ByteBuf message, final int expected, final boolean taken)
    {
        final boolean valid = referenceValidator.validate(message, 0);
        final int referenceCode = valid ? VALID : referenceValidator.resultCode();
        final String referenceFailedAvp = failedAvp(referenceValidator, message);
        if (expected != referenceCode)
        {
            failures.add(what + ": the validator answers " + referenceCode + ", expected " + expected);
            return;
        }
        final boolean validInOnePass = decoder.validateAndWrap(validator, message, 0);
        if (valid != validInOnePass)
        {
            failures.add(what + ": validateAndWrap says " + validInOnePass + (decoder.decodedBySpecialisedWalk() ?
                " (the walk took it)" : " (" + validator.resultCode() + ")"));
            return;
        }
        if (!valid)
        {
            if (decoder.decodedBySpecialisedWalk())
            {
                failures.add(what + ": refused, but the walk took it");
            }
            if (expected != validator.resultCode())
            {
                failures.add(what + ": Result-Code " + validator.resultCode() + ", expected " + expected);
            }
            if (!referenceFailedAvp.equals(failedAvp(validator, message)))
            {
                failures.add(what + ": Failed-AVP " + failedAvp(validator, message) + ", expected "
                    + referenceFailedAvp);
            }
            return;
        }
        if (taken != decoder.decodedBySpecialisedWalk())
        {
            failures.add(what + ": the walk " + (taken ? "left it to the validator" : "took it"));
        }
        final String decoded = DecodedCcr.describe(decoder);
        genericDecode(referenceValidator, message);
        final String generic = DecodedCcr.describe(genericDecode);
        if (!generic.equals(decoded))
        {
            failures.add(what + ": decoded\n  " + decoded + "\nthe validator's walk with the decoder decodes\n  "
                + generic);
        }
        final String wrapped = DecodedCcr.describe(wrapDecode.wrap(message, 0));
        if (!wrapped.equals(generic))
        {
            failures.add(what + ": wrap decodes\n  " + wrapped + "\nthe validator's walk with the decoder decodes\n  "
                + generic);
        }
    }

    private void assertNoFailures()
    {
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures:\n" + String.join("\n", failures));
    }

    /** The validator's generic walk with the decoder as its visitor, as validateAndWrap runs it when not sure. */
    private void genericDecode(final DiameterValidator validator, final ByteBuf message)
    {
        try
        {
            final Method begin = CreditControlRequestDecoder.class.getDeclaredMethod("begin", ByteBuf.class, int.class);
            begin.setAccessible(true);
            begin.invoke(genericDecode, message, 0);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new AssertionError(ex);
        }
        assertTrue(validator.validate(message, 0, genericDecode));
    }

    private String failedAvp(final DiameterValidator validator, final ByteBuf frame)
    {
        if (!validator.failedAvp().isPresent())
        {
            return "none";
        }
        final ByteBuf out = Unpooled.buffer(1024);
        validator.failedAvp().writeTo(failedAvpEncoder.wrap(out), frame);
        return ByteBufUtil.hexDump(out);
    }

    // ---- messages

    /** A CCR-U with the mandatory AVPs of RFC 4006 §3.1 and one Subscription-Id, then what {@code rest} writes. */
    private static ByteBuf ccr(final Consumer<DiameterEncoder> rest)
    {
        return ccr(ascii("pgw.example;1;adversarial"), rest);
    }

    private static ByteBuf ccr(final byte[] sessionId, final Consumer<DiameterEncoder> rest)
    {
        return ccr(sessionId, 2, rest);
    }

    private static ByteBuf ccr(final byte[] sessionId, final int ccRequestType, final Consumer<DiameterEncoder> rest)
    {
        final ByteBuf out = Unpooled.buffer();
        final CreditControlRequestEncoder ccr = new CreditControlRequestEncoder();
        ccr.begin(out, 7, 8, sessionId, ascii("pgw.example"), ascii("example"), ascii("ocs.example"), null,
            ascii("32251@3gpp.org"), ccRequestType, 1);
        ccr.subscriptionId(0, ascii("4917012345"));
        rest.accept(ccr.encoder());
        ccr.finish();
        return out;
    }

    private static ByteBuf withHeaderFlags(final ByteBuf message, final int flags)
    {
        message.setByte(DiameterHeaderDescriptor.FLAGS_OFFSET, flags);
        return message;
    }

    /** An MSCC with Rating-Group 1, then {@code members}. */
    private static Consumer<DiameterEncoder> mscc(final Consumer<DiameterEncoder> members)
    {
        return encoder ->
        {
            encoder.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, M, 0).uint32(AvpCode.RATING_GROUP, M, 0, 1);
            members.accept(encoder);
            encoder.endGroup();
        };
    }

    private static Consumer<DiameterEncoder> group(final int code, final Consumer<DiameterEncoder> members)
    {
        return encoder ->
        {
            encoder.beginGroup(code, M, 0);
            members.accept(encoder);
            encoder.endGroup();
        };
    }

    private static Consumer<DiameterEncoder> subscriptionId(final Consumer<DiameterEncoder> members)
    {
        return group(AvpCode.SUBSCRIPTION_ID, members);
    }

    private static Consumer<DiameterEncoder> usuInMscc(final Consumer<DiameterEncoder> members)
    {
        return mscc(group(AvpCode.USED_SERVICE_UNIT, members));
    }

    /** One AVP of each kind the walk handles at the message level, written once. */
    private static final List<Consumer<DiameterEncoder>> MESSAGE_ONCE_AVPS = List.of(
        encoder -> encoder.octets(AvpCode.SESSION_ID, M, 0, ascii("pgw.example;2;again")),
        encoder -> encoder.octets(AvpCode.ORIGIN_HOST, M, 0, ascii("other.example")),
        encoder -> encoder.octets(AvpCode.ORIGIN_REALM, M, 0, ascii("other")),
        encoder -> encoder.octets(AvpCode.DESTINATION_REALM, M, 0, ascii("other")),
        encoder -> encoder.uint32(AvpCode.AUTH_APPLICATION_ID, M, 0, 4),
        encoder -> encoder.octets(AvpCode.SERVICE_CONTEXT_ID, M, 0, ascii("32260@3gpp.org")),
        encoder -> encoder.int32(AvpCode.CC_REQUEST_TYPE, M, 0, 3),
        encoder -> encoder.uint32(AvpCode.CC_REQUEST_NUMBER, M, 0, 9));

    private static final List<Consumer<DiameterEncoder>> MESSAGE_OPTIONAL_ONCE_AVPS = List.of(
        encoder -> encoder.octets(AvpCode.DESTINATION_HOST, M, 0, ascii("ocs1.example")),
        encoder -> encoder.octets(AvpCode.USER_NAME, M, 0, ascii("user@example")),
        encoder -> encoder.uint32(AvpCode.ORIGIN_STATE_ID, M, 0, 77),
        encoder -> encoder.time(AvpCode.EVENT_TIMESTAMP, M, 0, 1_700_000_000L),
        encoder -> encoder.uint32(AvpCode.SERVICE_IDENTIFIER, M, 0, 5),
        encoder -> encoder.int32(AvpCode.TERMINATION_CAUSE, M, 0, 1),
        encoder -> encoder.int32(AvpCode.REQUESTED_ACTION, M, 0, 0),
        encoder -> encoder.int32(AvpCode.MULTIPLE_SERVICES_INDICATOR, M, 0, 1),
        group(AvpCode.REQUESTED_SERVICE_UNIT, encoder -> encoder.uint32(AvpCode.CC_TIME, M, 0, 60)));

    private static final int[] MESSAGE_HANDLED_CODES = {AvpCode.SESSION_ID, AvpCode.ORIGIN_HOST,
        AvpCode.ORIGIN_REALM, AvpCode.DESTINATION_REALM, AvpCode.DESTINATION_HOST, AvpCode.AUTH_APPLICATION_ID,
        AvpCode.SERVICE_CONTEXT_ID, AvpCode.CC_REQUEST_TYPE, AvpCode.CC_REQUEST_NUMBER, AvpCode.USER_NAME,
        AvpCode.ORIGIN_STATE_ID, AvpCode.EVENT_TIMESTAMP, AvpCode.SERVICE_IDENTIFIER, AvpCode.TERMINATION_CAUSE,
        AvpCode.REQUESTED_ACTION, AvpCode.MULTIPLE_SERVICES_INDICATOR, AvpCode.SUBSCRIPTION_ID,
        AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, AvpCode.REQUESTED_SERVICE_UNIT, AvpCode.USED_SERVICE_UNIT};
    private static final int[] UNIT_CODES = {AvpCode.CC_TIME, AvpCode.CC_TOTAL_OCTETS, AvpCode.CC_INPUT_OCTETS,
        AvpCode.CC_OUTPUT_OCTETS, AvpCode.CC_SERVICE_SPECIFIC_UNITS};

    private static Consumer<DiameterEncoder> unit(final int code, final long value)
    {
        return encoder ->
        {
            if (AvpCode.CC_TIME == code)
            {
                encoder.uint32(code, M, 0, value);
            }
            else
            {
                encoder.uint64(code, M, 0, value);
            }
        };
    }

    // ---- the cases

    @Test
    void shouldRefuseEveryDuplicatedAvpOfTheMessageAsTheValidatorDoes()
    {
        for (int i = 0; i < MESSAGE_ONCE_AVPS.size(); i++)
        {
            check("required message AVP " + i + " twice", ccr(MESSAGE_ONCE_AVPS.get(i)), AVP_OCCURS_TOO_MANY_TIMES,
                false);
        }
        for (int i = 0; i < MESSAGE_OPTIONAL_ONCE_AVPS.size(); i++)
        {
            final Consumer<DiameterEncoder> avp = MESSAGE_OPTIONAL_ONCE_AVPS.get(i);
            check("optional message AVP " + i + " once", ccr(avp), VALID, true);
            check("optional message AVP " + i + " twice", ccr(avp.andThen(avp)), AVP_OCCURS_TOO_MANY_TIMES, false);
        }
        // User-Equipment-Info is [ ] too but goes to the validator's own check (acceptOther).
        final Consumer<DiameterEncoder> userEquipmentInfo = encoder ->
            encoder.beginGroup(AvpCode.USER_EQUIPMENT_INFO, 0, 0).int32(AvpCode.USER_EQUIPMENT_INFO_TYPE, 0, 0, 0)
                .octets(AvpCode.USER_EQUIPMENT_INFO_VALUE, 0, 0, ascii("3542180123456701")).endGroup();
        check("User-Equipment-Info once", ccr(userEquipmentInfo), VALID, true);
        check("User-Equipment-Info twice", ccr(userEquipmentInfo.andThen(userEquipmentInfo)),
            AVP_OCCURS_TOO_MANY_TIMES, false);
        assertNoFailures();
    }

    @Test
    void shouldRefuseEveryDuplicatedMemberAsTheValidatorDoes()
    {
        check("Subscription-Id-Type twice", ccr(subscriptionId(encoder -> encoder
            .int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 0).int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 1)
            .octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("1")))), AVP_OCCURS_TOO_MANY_TIMES, false);
        check("Subscription-Id-Data twice", ccr(subscriptionId(encoder -> encoder
            .int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 0).octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("1"))
            .octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("2")))), AVP_OCCURS_TOO_MANY_TIMES, false);
        check("Subscription-Id without Data", ccr(subscriptionId(encoder -> encoder
            .int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 0))), MISSING_AVP, false);
        check("empty Subscription-Id", ccr(subscriptionId(encoder -> { })), MISSING_AVP, false);

        check("MSCC Rating-Group twice", ccr(mscc(encoder -> encoder.uint32(AvpCode.RATING_GROUP, M, 0, 2))),
            AVP_OCCURS_TOO_MANY_TIMES, false);
        check("MSCC RSU twice", ccr(mscc(group(AvpCode.REQUESTED_SERVICE_UNIT, encoder -> { })
            .andThen(group(AvpCode.REQUESTED_SERVICE_UNIT, encoder -> { })))), AVP_OCCURS_TOO_MANY_TIMES, false);
        check("MSCC Service-Identifier three times", ccr(mscc(encoder -> encoder
            .uint32(AvpCode.SERVICE_IDENTIFIER, M, 0, 1).uint32(AvpCode.SERVICE_IDENTIFIER, M, 0, 2)
            .uint32(AvpCode.SERVICE_IDENTIFIER, M, 0, 3))), VALID, true);
        check("MSCC USU three times", ccr(mscc(group(AvpCode.USED_SERVICE_UNIT, unit(AvpCode.CC_TIME, 1))
            .andThen(group(AvpCode.USED_SERVICE_UNIT, unit(AvpCode.CC_TOTAL_OCTETS, 2)))
            .andThen(group(AvpCode.USED_SERVICE_UNIT, unit(AvpCode.CC_TIME, 3))))), VALID, true);
        check("MSCC Reporting-Reason three times", ccr(mscc(encoder -> encoder
            .int32(AvpCode.REPORTING_REASON, M, VendorId.TGPP, 2).int32(AvpCode.REPORTING_REASON, M, VendorId.TGPP, 3)
            .int32(AvpCode.REPORTING_REASON, M, VendorId.TGPP, 4))), VALID, true);
        final Consumer<DiameterEncoder> trigger = encoder -> encoder.beginGroup(AvpCode.TRIGGER, V | M, VendorId.TGPP)
            .int32(AvpCode.TRIGGER_TYPE, V | M, VendorId.TGPP, 2).endGroup();
        check("MSCC Trigger twice", ccr(mscc(trigger.andThen(trigger))), AVP_OCCURS_TOO_MANY_TIMES, false);
        check("MSCC Tariff-Change-Usage twice", ccr(mscc(encoder -> encoder
            .int32(AvpCode.TARIFF_CHANGE_USAGE, M, 0, 0).int32(AvpCode.TARIFF_CHANGE_USAGE, M, 0, 1))),
            AVP_OCCURS_TOO_MANY_TIMES, false);
        check("empty MSCC", ccr(group(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, encoder -> { })), VALID, true);

        for (final int code : UNIT_CODES)
        {
            final Consumer<DiameterEncoder> twice = unit(code, 1).andThen(unit(code, 2));
            check("unit " + code + " twice in the command's RSU", ccr(group(AvpCode.REQUESTED_SERVICE_UNIT, twice)),
                AVP_OCCURS_TOO_MANY_TIMES, false);
            check("unit " + code + " twice in the command's USU", ccr(group(AvpCode.USED_SERVICE_UNIT, twice)),
                AVP_OCCURS_TOO_MANY_TIMES, false);
            check("unit " + code + " twice in an MSCC's RSU", ccr(mscc(group(AvpCode.REQUESTED_SERVICE_UNIT, twice))),
                AVP_OCCURS_TOO_MANY_TIMES, false);
            check("unit " + code + " twice in an MSCC's USU", ccr(usuInMscc(twice)), AVP_OCCURS_TOO_MANY_TIMES,
                false);
            check("unit " + code + " once in each of two USUs", ccr(mscc(group(AvpCode.USED_SERVICE_UNIT,
                unit(code, 1)).andThen(group(AvpCode.USED_SERVICE_UNIT, unit(code, 2))))), VALID, true);
        }
        final Consumer<DiameterEncoder> money = encoder -> encoder.beginGroup(AvpCode.CC_MONEY, M, 0)
            .beginGroup(AvpCode.UNIT_VALUE, M, 0).int64(AvpCode.VALUE_DIGITS, M, 0, 1234).int32(AvpCode.EXPONENT, M, 0, -2)
            .endGroup().uint32(AvpCode.CURRENCY_CODE, M, 0, 978).endGroup();
        check("CC-Money in an MSCC's USU", ccr(usuInMscc(money)), VALID, true);
        check("CC-Money in the command's RSU", ccr(group(AvpCode.REQUESTED_SERVICE_UNIT, money)), VALID, true);
        check("CC-Money twice in an MSCC's USU", ccr(usuInMscc(money.andThen(money))), AVP_OCCURS_TOO_MANY_TIMES,
            false);
        check("CC-Money without Unit-Value", ccr(usuInMscc(encoder -> encoder.beginGroup(AvpCode.CC_MONEY, M, 0)
            .uint32(AvpCode.CURRENCY_CODE, M, 0, 978).endGroup())), MISSING_AVP, false);
        check("Reporting-Reason twice in an MSCC's USU", ccr(usuInMscc(encoder -> encoder
            .int32(AvpCode.REPORTING_REASON, M, VendorId.TGPP, 2).int32(AvpCode.REPORTING_REASON, M, VendorId.TGPP, 3))),
            AVP_OCCURS_TOO_MANY_TIMES, false);
        check("Reporting-Reason in an MSCC's USU", ccr(usuInMscc(encoder -> encoder
            .uint64(AvpCode.CC_TOTAL_OCTETS, M, 0, 10).int32(AvpCode.REPORTING_REASON, M, VendorId.TGPP, 3))),
            VALID, true);
        check("the command's RSU twice", ccr(group(AvpCode.REQUESTED_SERVICE_UNIT, unit(AvpCode.CC_TIME, 1))
            .andThen(group(AvpCode.REQUESTED_SERVICE_UNIT, unit(AvpCode.CC_TIME, 2)))), AVP_OCCURS_TOO_MANY_TIMES,
            false);
        check("the command's USU twice", ccr(group(AvpCode.USED_SERVICE_UNIT, unit(AvpCode.CC_TIME, 1))
            .andThen(group(AvpCode.USED_SERVICE_UNIT, unit(AvpCode.CC_TIME, 2)))), VALID, true);
        check("empty RSU and USU", ccr(group(AvpCode.REQUESTED_SERVICE_UNIT, encoder -> { })
            .andThen(group(AvpCode.USED_SERVICE_UNIT, encoder -> { }))), VALID, true);
        assertNoFailures();
    }

    @Test
    void shouldLeaveTheVBitWithVendorIdZeroToTheValidatorAtEveryLevel()
    {
        for (final int code : MESSAGE_HANDLED_CODES)
        {
            check("V bit, Vendor-ID 0, code " + code + " in the message",
                ccr(encoder -> encoder.zeroFilled(code, V | M, 0, 4)), INVALID_AVP_BITS, false);
        }
        for (final int code : new int[] {AvpCode.SUBSCRIPTION_ID_TYPE, AvpCode.SUBSCRIPTION_ID_DATA})
        {
            check("V bit, Vendor-ID 0, code " + code + " in a Subscription-Id", ccr(subscriptionId(encoder -> encoder
                .zeroFilled(code, V | M, 0, 4))), INVALID_AVP_BITS, false);
        }
        for (final int code : new int[] {AvpCode.RATING_GROUP, AvpCode.SERVICE_IDENTIFIER,
            AvpCode.REQUESTED_SERVICE_UNIT, AvpCode.USED_SERVICE_UNIT, AvpCode.REPORTING_REASON, 4_242})
        {
            check("V bit, Vendor-ID 0, code " + code + " in an MSCC", ccr(mscc(encoder -> encoder
                .zeroFilled(code, V | M, 0, 4))), INVALID_AVP_BITS, false);
        }
        for (final int code : UNIT_CODES)
        {
            check("V bit, Vendor-ID 0, code " + code + " in an MSCC's USU", ccr(usuInMscc(encoder -> encoder
                .zeroFilled(code, V | M, 0, 8))), INVALID_AVP_BITS, false);
            check("V bit, Vendor-ID 0, code " + code + " in the command's RSU", ccr(group(
                AvpCode.REQUESTED_SERVICE_UNIT, encoder -> encoder.zeroFilled(code, V | M, 0, 8))), INVALID_AVP_BITS,
                false);
        }
        // The V bit without the M bit, and an unknown code: still 3009, not an ignored unknown AVP.
        check("V bit, Vendor-ID 0, unknown code without M", ccr(encoder -> encoder.zeroFilled(4_242, V, 0, 4)),
            INVALID_AVP_BITS, false);
        assertNoFailures();
    }

    @Test
    void shouldTreatVendorAvpsWithTheCodeOfAHandledIetfAvpAsTheValidatorDoes()
    {
        for (final int vendorId : new int[] {VendorId.TGPP, OTHER_VENDOR})
        {
            for (final int code : MESSAGE_HANDLED_CODES)
            {
                // 3GPP code 1 is 3GPP-IMSI, a known UTF8String: any content is valid; the rest are unknown.
                final boolean known = VendorId.TGPP == vendorId && AvpCode.TGPP_IMSI == code;
                check("vendor " + vendorId + " code " + code + " without M in the message",
                    ccr(encoder -> encoder.uint32(code, V, vendorId, 1)), VALID, true);
                check("vendor " + vendorId + " code " + code + " with M in the message",
                    ccr(encoder -> encoder.uint32(code, V | M, vendorId, 1)), known ? VALID : AVP_UNSUPPORTED,
                    known);
            }
            for (final int code : new int[] {AvpCode.RATING_GROUP, AvpCode.SERVICE_IDENTIFIER,
                AvpCode.REQUESTED_SERVICE_UNIT, AvpCode.USED_SERVICE_UNIT})
            {
                check("vendor " + vendorId + " code " + code + " without M in an MSCC",
                    ccr(mscc(encoder -> encoder.uint32(code, V, vendorId, 9))), VALID, true);
                check("vendor " + vendorId + " code " + code + " with M in an MSCC",
                    ccr(mscc(encoder -> encoder.uint32(code, V | M, vendorId, 9))), AVP_UNSUPPORTED, false);
            }
            for (final int code : UNIT_CODES)
            {
                check("vendor " + vendorId + " code " + code + " without M in an MSCC's USU",
                    ccr(usuInMscc(encoder -> encoder.uint64(code, V, vendorId, 9))), VALID, true);
                check("vendor " + vendorId + " code " + code + " without M in the command's USU",
                    ccr(group(AvpCode.USED_SERVICE_UNIT, encoder -> encoder.uint64(code, V, vendorId, 9))), VALID,
                    true);
            }
        }
        // Reporting-Reason's code from a vendor that is not 3GPP: unknown, ignored without M.
        check("vendor 5535 code 872 without M in an MSCC", ccr(mscc(encoder -> encoder
            .int32(AvpCode.REPORTING_REASON, V, OTHER_VENDOR, 2))), VALID, true);
        check("vendor 5535 code 872 with M in an MSCC", ccr(mscc(encoder -> encoder
            .int32(AvpCode.REPORTING_REASON, V | M, OTHER_VENDOR, 2))), AVP_UNSUPPORTED, false);
        // Reporting-Reason as an IETF AVP (code 872, no vendor): unknown.
        check("IETF code 872 without M in an MSCC", ccr(mscc(encoder -> encoder
            .int32(AvpCode.REPORTING_REASON, 0, 0, 2))), VALID, true);
        check("IETF code 872 with M in an MSCC", ccr(mscc(encoder -> encoder
            .int32(AvpCode.REPORTING_REASON, M, 0, 2))), AVP_UNSUPPORTED, false);
        assertNoFailures();
    }

    @Test
    void shouldCheckLengthsAndValuesAsTheValidatorDoes()
    {
        check("Reporting-Reason of 8 octets in an MSCC", ccr(mscc(encoder -> encoder
            .octets(AvpCode.REPORTING_REASON, M, VendorId.TGPP, new byte[8]))), INVALID_AVP_LENGTH, false);
        check("Reporting-Reason of 0 octets in an MSCC", ccr(mscc(encoder -> encoder
            .octets(AvpCode.REPORTING_REASON, M, VendorId.TGPP, new byte[0]))), INVALID_AVP_LENGTH, false);
        check("Reporting-Reason of 8 octets in an MSCC's USU", ccr(usuInMscc(encoder -> encoder
            .octets(AvpCode.REPORTING_REASON, M, VendorId.TGPP, new byte[8]))), INVALID_AVP_LENGTH, false);
        check("Reporting-Reason 99 (not strict)", ccr(mscc(encoder -> encoder
            .int32(AvpCode.REPORTING_REASON, M, VendorId.TGPP, 99))), VALID, true);
        check("Termination-Cause 99 (not strict)", ccr(encoder -> encoder
            .int32(AvpCode.TERMINATION_CAUSE, M, 0, 99)), VALID, true);
        check("CC-Request-Type 5 (strict)", ccr(ascii("pgw.example;1;adversarial"), 5, encoder -> { }),
            INVALID_AVP_VALUE, false);
        check("CC-Request-Type 0 (strict)", ccr(ascii("pgw.example;1;adversarial"), 0, encoder -> { }),
            INVALID_AVP_VALUE, false);
        check("CC-Request-Type 4", ccr(ascii("pgw.example;1;adversarial"), 4, encoder -> { }), VALID, true);
        check("Requested-Action 4 (strict)", ccr(encoder -> encoder.int32(AvpCode.REQUESTED_ACTION, M, 0, 4)),
            INVALID_AVP_VALUE, false);
        check("Requested-Action -1 (strict)", ccr(encoder -> encoder.int32(AvpCode.REQUESTED_ACTION, M, 0, -1)),
            INVALID_AVP_VALUE, false);
        check("Multiple-Services-Indicator 2 (strict)", ccr(encoder -> encoder
            .int32(AvpCode.MULTIPLE_SERVICES_INDICATOR, M, 0, 2)), INVALID_AVP_VALUE, false);
        check("Subscription-Id-Type 5 (strict)", ccr(subscriptionId(encoder -> encoder
            .int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 5).octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("1")))),
            INVALID_AVP_VALUE, false);
        for (final int code : new int[] {AvpCode.AUTH_APPLICATION_ID, AvpCode.CC_REQUEST_NUMBER,
            AvpCode.ORIGIN_STATE_ID, AvpCode.EVENT_TIMESTAMP, AvpCode.SERVICE_IDENTIFIER, AvpCode.TERMINATION_CAUSE,
            AvpCode.REQUESTED_ACTION, AvpCode.MULTIPLE_SERVICES_INDICATOR})
        {
            check("code " + code + " of 8 octets in the message", ccr(encoder -> encoder.zeroFilled(code, M, 0, 8)),
                code == AvpCode.AUTH_APPLICATION_ID || code == AvpCode.CC_REQUEST_NUMBER ?
                    AVP_OCCURS_TOO_MANY_TIMES : INVALID_AVP_LENGTH, false);
        }
        // The dictionary's DiameterIdentity has no least length: both walks take an empty one.
        check("Destination-Host of 0 octets", ccr(encoder -> encoder.zeroFilled(AvpCode.DESTINATION_HOST, M, 0, 0)),
            VALID, true);
        check("Rating-Group of 8 octets", ccr(group(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, encoder -> encoder
            .zeroFilled(AvpCode.RATING_GROUP, M, 0, 8))), INVALID_AVP_LENGTH, false);
        check("CC-Time of 8 octets in an MSCC's USU", ccr(usuInMscc(encoder -> encoder
            .zeroFilled(AvpCode.CC_TIME, M, 0, 8))), INVALID_AVP_LENGTH, false);
        check("CC-Total-Octets of 4 octets in the command's USU", ccr(group(AvpCode.USED_SERVICE_UNIT, encoder ->
            encoder.zeroFilled(AvpCode.CC_TOTAL_OCTETS, M, 0, 4))), INVALID_AVP_LENGTH, false);
        check("Subscription-Id-Type of 0 octets", ccr(subscriptionId(encoder -> encoder
            .zeroFilled(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 0)
            .octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("1")))), INVALID_AVP_LENGTH, false);
        check("empty Subscription-Id-Data", ccr(subscriptionId(encoder -> encoder
            .int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 1).octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, new byte[0]))),
            VALID, true);
        check("Session-Id of 256 octets", ccr(new byte[256], encoder -> { }), VALID, true);
        check("Session-Id of 257 octets", ccr(new byte[257], encoder -> { }), INVALID_AVP_VALUE, false);
        check("empty Session-Id", ccr(new byte[0], encoder -> { }), VALID, true);
        // A Granted-Service-Unit must not be in a CCR (RFC 8506 §10.1: 0 occurrences).
        check("Granted-Service-Unit in the message", ccr(group(AvpCode.GRANTED_SERVICE_UNIT, encoder -> { })),
            AVP_NOT_ALLOWED, false);
        assertNoFailures();
    }

    @Test
    void shouldLeaveShortTrailingOctetsInAGroupToTheValidator()
    {
        final Consumer<DiameterEncoder> trailing = encoder -> encoder.raw(new byte[4], 0, 4);
        check("4 octets after the members of a Subscription-Id", ccr(subscriptionId(encoder -> encoder
            .int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 1).octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("2"))
            .raw(new byte[4], 0, 4))), INVALID_AVP_LENGTH, false);
        check("4 octets after the members of an MSCC", ccr(mscc(trailing)), INVALID_AVP_LENGTH, false);
        check("4 octets in an empty MSCC", ccr(group(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, trailing)),
            INVALID_AVP_LENGTH, false);
        check("4 octets after the units of an MSCC's USU", ccr(usuInMscc(unit(AvpCode.CC_TIME, 1).andThen(trailing))),
            INVALID_AVP_LENGTH, false);
        check("4 octets after the units of the command's RSU", ccr(group(AvpCode.REQUESTED_SERVICE_UNIT,
            unit(AvpCode.CC_TIME, 1).andThen(trailing))), INVALID_AVP_LENGTH, false);
        check("4 octets at the end of the message", ccr(trailing), INVALID_AVP_LENGTH, false);
        assertNoFailures();
    }

    @Test
    void shouldTreatUnknownAvpsAsTheValidatorDoesAtEveryLevel()
    {
        final int unknown = 4_242;
        check("unknown without M in the message", ccr(encoder -> encoder.uint32(unknown, 0, 0, 1)), VALID, true);
        check("unknown with M in the message", ccr(encoder -> encoder.uint32(unknown, M, 0, 1)), AVP_UNSUPPORTED,
            false);
        check("unknown without M in a Subscription-Id", ccr(subscriptionId(encoder -> encoder
            .int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 1).octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("1"))
            .uint32(unknown, 0, 0, 1))), VALID, false);
        check("unknown with M in a Subscription-Id", ccr(subscriptionId(encoder -> encoder
            .int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 1).octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("1"))
            .uint32(unknown, M, 0, 1))), AVP_UNSUPPORTED, false);
        check("unknown without M in an MSCC", ccr(mscc(encoder -> encoder.uint32(unknown, 0, 0, 1))), VALID, true);
        check("unknown with M in an MSCC", ccr(mscc(encoder -> encoder.uint32(unknown, M, 0, 1))), AVP_UNSUPPORTED,
            false);
        check("unknown without M in an MSCC's USU", ccr(usuInMscc(encoder -> encoder.uint32(unknown, 0, 0, 1))),
            VALID, true);
        check("unknown with M in an MSCC's USU", ccr(usuInMscc(encoder -> encoder.uint32(unknown, M, 0, 1))),
            AVP_UNSUPPORTED, false);
        check("unknown without M in the command's RSU", ccr(group(AvpCode.REQUESTED_SERVICE_UNIT, encoder -> encoder
            .uint32(unknown, 0, 0, 1))), VALID, true);
        check("unknown with M in the command's RSU", ccr(group(AvpCode.REQUESTED_SERVICE_UNIT, encoder -> encoder
            .uint32(unknown, M, 0, 1))), AVP_UNSUPPORTED, false);
        check("unknown with M in CC-Money in an MSCC's USU", ccr(usuInMscc(encoder -> encoder
            .beginGroup(AvpCode.CC_MONEY, M, 0).beginGroup(AvpCode.UNIT_VALUE, M, 0).int64(AvpCode.VALUE_DIGITS, M, 0, 1)
            .endGroup().uint32(unknown, M, 0, 1).endGroup())), AVP_UNSUPPORTED, false);
        // A known AVP its level does not list: allowed by *[AVP] in the message, the MSCC and the units.
        check("Validity-Time (known, not listed) in an MSCC's USU", ccr(usuInMscc(encoder -> encoder
            .uint32(AvpCode.VALIDITY_TIME, M, 0, 1))), VALID, true);
        check("Validity-Time in a Subscription-Id (no *[AVP])", ccr(subscriptionId(encoder -> encoder
            .int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 1).octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("1"))
            .uint32(AvpCode.VALIDITY_TIME, M, 0, 1))), AVP_NOT_ALLOWED, false);
        assertNoFailures();
    }

    @Test
    void shouldRefuseGroupsNestedTooDeeplyAsTheValidatorDoes()
    {
        // USU allows *[AVP]: a chain of USUs in an MSCC's USU reaches the validator's nesting limit.
        for (final int depth : new int[] {DiameterValidator.MAX_NESTING_DEPTH - 2, DiameterValidator.MAX_NESTING_DEPTH - 1})
        {
            check("USUs nested " + depth + " deep in an MSCC", ccr(mscc(encoder ->
            {
                for (int i = 0; i < depth; i++)
                {
                    encoder.beginGroup(AvpCode.USED_SERVICE_UNIT, M, 0);
                }
                encoder.uint32(AvpCode.CC_TIME, M, 0, 5);
                for (int i = 0; i < depth; i++)
                {
                    encoder.endGroup();
                }
                        // The innermost USU is at depth "depth" (the MSCC at 0): refused when its members would be at 16.
            })), depth + 1 >= DiameterValidator.MAX_NESTING_DEPTH ? INVALID_AVP_VALUE : VALID, true);
        }
        assertNoFailures();
    }

    @Test
    void shouldFollowLimitsLoweredToZeroOrOne()
    {
        final ByteBuf twoSubscriptionIds = ccr(subscriptionId(encoder -> encoder
            .int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 1).octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("2"))));
        final ByteBuf oneMscc = ccr(mscc(encoder -> { }));
        final ByteBuf twoUsus = ccr(group(AvpCode.USED_SERVICE_UNIT, unit(AvpCode.CC_TIME, 1))
            .andThen(group(AvpCode.USED_SERVICE_UNIT, unit(AvpCode.CC_TIME, 2))));
        final ByteBuf twoRouteRecords = ccr(encoder -> encoder.octets(AvpCode.ROUTE_RECORD, M, 0, ascii("a.example"))
            .octets(AvpCode.ROUTE_RECORD, M, 0, ascii("b.example")));
        final ByteBuf userName = ccr(encoder -> encoder.octets(AvpCode.USER_NAME, M, 0, ascii("user@example")));
        check("two Subscription-Ids", twoSubscriptionIds, VALID, true);
        check("one MSCC", oneMscc, VALID, true);
        check("two USUs", twoUsus, VALID, true);
        check("two Route-Records", twoRouteRecords, VALID, true);
        check("User-Name", userName, VALID, true);

        limit(AvpCode.SUBSCRIPTION_ID, 1);
        limit(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, 0);
        limit(AvpCode.USED_SERVICE_UNIT, 1);
        limit(AvpCode.ROUTE_RECORD, 1);
        check("two Subscription-Ids, at most 1", twoSubscriptionIds, AVP_OCCURS_TOO_MANY_TIMES, false);
        check("one MSCC, at most 0", oneMscc, AVP_NOT_ALLOWED, false);
        check("two USUs, at most 1", twoUsus, AVP_OCCURS_TOO_MANY_TIMES, false);
        check("two Route-Records, at most 1", twoRouteRecords, AVP_OCCURS_TOO_MANY_TIMES, false);
        check("User-Name, still allowed", userName, VALID, true);

        // A handled AVP allowed once lowered to 0: the walk no longer fits the rules and is not used at all.
        limit(AvpCode.USER_NAME, 0);
        check("User-Name, at most 0", userName, AVP_NOT_ALLOWED, false);
        check("no User-Name, the walk unused", ccr(encoder -> { }), VALID, false);
        limit(AvpCode.SUBSCRIPTION_ID, 0);
        check("Subscription-Id, at most 0", ccr(encoder -> { }), AVP_NOT_ALLOWED, false);
        assertNoFailures();
    }

    private void limit(final int code, final int max)
    {
        validator.limitOccurrences(CommandCode.CREDIT_CONTROL, true, 0, code, max);
        referenceValidator.limitOccurrences(CommandCode.CREDIT_CONTROL, true, 0, code, max);
    }

    @Test
    void shouldDecodeBeyondTheKeptCountsAsTheValidatorsWalkDoes()
    {
        check("12 Subscription-Ids", ccr(encoder ->
        {
            for (int i = 0; i < 11; i++)
            {
                encoder.beginGroup(AvpCode.SUBSCRIPTION_ID, M, 0).int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, i % 5)
                    .octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("id" + i)).endGroup();
            }
        }), VALID, true);
        check("a refused 12th Subscription-Id", ccr(encoder ->
        {
            for (int i = 0; i < 11; i++)
            {
                encoder.beginGroup(AvpCode.SUBSCRIPTION_ID, M, 0).int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 1)
                    .octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("id" + i));
                if (10 == i)
                {
                    encoder.int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 1);
                }
                encoder.endGroup();
            }
        }), AVP_OCCURS_TOO_MANY_TIMES, false);
        // The validator of this test takes 32 MSCCs; the decoder keeps 64: without the limit, 70 are decoded alike.
        final DiameterValidator unlimited = new DiameterValidator(DiameterDictionary.standard(), new long[] {4}, 256);
        final ByteBuf seventyMsccs = ccr(encoder ->
        {
            for (int i = 0; i < 70; i++)
            {
                encoder.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, M, 0).uint32(AvpCode.RATING_GROUP, M, 0, i)
                    .beginGroup(AvpCode.USED_SERVICE_UNIT, M, 0).uint32(AvpCode.CC_TIME, M, 0, i)
                    .int32(AvpCode.REPORTING_REASON, M, VendorId.TGPP, 2).endGroup()
                    .int32(AvpCode.REPORTING_REASON, M, VendorId.TGPP, 3).endGroup();
            }
        });
        assertTrue(decoder.validateAndWrap(unlimited, seventyMsccs, 0));
        assertTrue(decoder.decodedBySpecialisedWalk());
        assertEquals(70, decoder.msccCount());
        genericDecode(unlimited, seventyMsccs);
        assertEquals(DecodedCcr.describe(genericDecode), DecodedCcr.describe(decoder));
        check("33 MSCCs, at most 32", ccr(encoder ->
        {
            for (int i = 0; i < 33; i++)
            {
                encoder.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, M, 0).endGroup();
            }
        }), AVP_OCCURS_TOO_MANY_TIMES, false);
        assertNoFailures();
    }

    @Test
    void shouldLeaveEveryHeaderTheWalkDoesNotServeToTheValidator()
    {
        final int request = DiameterHeaderDescriptor.FLAG_REQUEST;
        final int proxiable = DiameterHeaderDescriptor.FLAG_PROXIABLE;
        check("a request without the P bit", withHeaderFlags(ccr(encoder -> { }), request), VALID, true);
        check("a request with the T bit", withHeaderFlags(ccr(encoder -> { }),
            request | proxiable | DiameterHeaderDescriptor.FLAG_RETRANSMITTED), VALID, true);
        check("a request with the E bit", withHeaderFlags(ccr(encoder -> { }),
            request | proxiable | DiameterHeaderDescriptor.FLAG_ERROR), INVALID_HDR_BITS, false);
        // An answer (R bit clear) is checked against the answer's rules, which refuse some of a CCR's AVPs.
        check("an answer", withHeaderFlags(ccr(encoder -> { }), proxiable), AVP_NOT_ALLOWED, false);
        final ByteBuf otherApplication = ccr(encoder -> { });
        otherApplication.setInt(DiameterHeaderDescriptor.APPLICATION_ID_OFFSET, 16_777_238);
        check("another Application-ID", otherApplication, APPLICATION_UNSUPPORTED, false);
        final ByteBuf baseApplication = ccr(encoder -> { });
        baseApplication.setInt(DiameterHeaderDescriptor.APPLICATION_ID_OFFSET, 0);
        check("Application-ID 0", baseApplication, COMMAND_UNSUPPORTED, false);
        assertNoFailures();
    }

    @Test
    void shouldRefuseAnAvpRepeatedAroundAGroupOfItsOwnKind()
    {
        // RFC 4006 §8.16 [ Rating-Group ], §8.19 [ CC-Time ] [ Tariff-Change-Usage ], TS 32.299 [ Trigger ]: at most
        // once, whatever sits between the two. MSCC and USU allow *[AVP], so either may hold one of its own kind.
        final Consumer<DiameterEncoder> ratingGroup3 = encoder -> encoder.uint32(AvpCode.RATING_GROUP, M, 0, 3);
        final Consumer<DiameterEncoder> innerMscc =
            group(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, encoder -> encoder.uint32(AvpCode.RATING_GROUP, M, 0, 2));
        check("Rating-Group, an MSCC in the MSCC", ccr(mscc(innerMscc)), VALID, true);
        check("Rating-Group, an MSCC in the MSCC, Rating-Group again", ccr(mscc(innerMscc.andThen(ratingGroup3))),
            AVP_OCCURS_TOO_MANY_TIMES, false);
        check("Rating-Group, an MSCC in a USU in the MSCC, Rating-Group again", ccr(mscc(
            group(AvpCode.USED_SERVICE_UNIT, innerMscc).andThen(ratingGroup3))), AVP_OCCURS_TOO_MANY_TIMES, false);
        final Consumer<DiameterEncoder> trigger = encoder -> encoder.beginGroup(AvpCode.TRIGGER, V | M, VendorId.TGPP)
            .int32(AvpCode.TRIGGER_TYPE, V | M, VendorId.TGPP, 2).endGroup();
        check("Trigger, an MSCC with a Trigger in a USU in the MSCC, Trigger again", ccr(mscc(trigger
            .andThen(group(AvpCode.USED_SERVICE_UNIT, group(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, trigger)))
            .andThen(trigger))), AVP_OCCURS_TOO_MANY_TIMES, false);
        check("CC-Time, a USU in the USU, CC-Time again", ccr(group(AvpCode.USED_SERVICE_UNIT, unit(AvpCode.CC_TIME, 1)
            .andThen(group(AvpCode.USED_SERVICE_UNIT, unit(AvpCode.CC_TIME, 2)))
            .andThen(unit(AvpCode.CC_TIME, 3)))), AVP_OCCURS_TOO_MANY_TIMES, false);
        final Consumer<DiameterEncoder> tariffChangeUsage =
            encoder -> encoder.int32(AvpCode.TARIFF_CHANGE_USAGE, M, 0, 0);
        check("Tariff-Change-Usage, a USU in an MSCC's USU, Tariff-Change-Usage again", ccr(usuInMscc(
            tariffChangeUsage.andThen(group(AvpCode.USED_SERVICE_UNIT, tariffChangeUsage)).andThen(tariffChangeUsage))),
            AVP_OCCURS_TOO_MANY_TIMES, false);
        check("Tariff-Change-Usage, a USU in an MSCC's USU", ccr(usuInMscc(
            tariffChangeUsage.andThen(group(AvpCode.USED_SERVICE_UNIT, tariffChangeUsage)))), VALID, true);
        assertNoFailures();
    }

    @Test
    void shouldNotTakeAnotherVendorsAvpForASubscriptionIdMember()
    {
        // RFC 6733 §4.1: the Vendor-ID and the AVP Code together identify an AVP; an unknown one without M is ignored.
        final ByteBuf message = ccr(subscriptionId(encoder -> encoder
            .int32(AvpCode.SUBSCRIPTION_ID_TYPE, M, 0, 1).octets(AvpCode.SUBSCRIPTION_ID_DATA, M, 0, ascii("262011"))
            .int32(AvpCode.SUBSCRIPTION_ID_TYPE, V, OTHER_VENDOR, 0)
            .octets(AvpCode.SUBSCRIPTION_ID_DATA, V, OTHER_VENDOR, ascii("999"))));
        check("another vendor's codes 450 and 444 in a Subscription-Id", message, VALID, false);
        assertNoFailures();
        assertEquals(2, decoder.subscriptionIdCount());
        assertEquals(1, decoder.subscriptionIdType(1));
        assertEquals("262011",
            decoder.text(decoder.subscriptionIdDataOffset(1), decoder.subscriptionIdDataLength(1)));
    }

    @Test
    void shouldNotTakeAnotherVendorsAvpForAUnitMember()
    {
        final ByteBuf message = ccr(usuInMscc(encoder -> encoder.uint64(AvpCode.CC_TOTAL_OCTETS, M, 0, 10)
            .int32(AvpCode.REPORTING_REASON, V, OTHER_VENDOR, 2)
            .beginGroup(AvpCode.CC_MONEY, M, 0).beginGroup(AvpCode.UNIT_VALUE, M, 0).int64(AvpCode.VALUE_DIGITS, M, 0, 5)
            .int64(AvpCode.VALUE_DIGITS, V, OTHER_VENDOR, 7_000).int32(AvpCode.EXPONENT, V, OTHER_VENDOR, 3).endGroup()
            .uint32(AvpCode.CURRENCY_CODE, V, OTHER_VENDOR, 840)
            .beginGroup(AvpCode.UNIT_VALUE, V, OTHER_VENDOR).int64(AvpCode.VALUE_DIGITS, M, 0, 9).endGroup()
            .endGroup()));
        check("another vendor's codes 872, 447, 429, 425 and 445 in a USU", message, VALID, true);
        assertNoFailures();
        final ServiceUnits used = decoder.mscc(0).used();
        assertEquals(-1, used.reportingReason());
        assertEquals(-1, decoder.mscc(0).effectiveReportingReason());
        assertEquals(5, used.moneyValueDigits());
        assertEquals(0, used.moneyExponent());
        assertEquals(-1, used.moneyCurrencyCode());
    }

    @Test
    void shouldNotTakeAnotherVendorsAvpForAFinalUnitIndicationMember()
    {
        final ByteBuf out = Unpooled.buffer();
        final DiameterEncoder encoder = new DiameterEncoder().wrap(out);
        encoder.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, M, 0)
            .beginGroup(AvpCode.FINAL_UNIT_INDICATION, M, 0).int32(AvpCode.FINAL_UNIT_ACTION, M, 0, 1)
            .int32(AvpCode.FINAL_UNIT_ACTION, V, OTHER_VENDOR, 2)
            .octets(AvpCode.FILTER_ID, V, OTHER_VENDOR, ascii("not-a-filter"))
            .beginGroup(AvpCode.REDIRECT_SERVER, M, 0).int32(AvpCode.REDIRECT_ADDRESS_TYPE, M, 0, 2)
            .octets(AvpCode.REDIRECT_SERVER_ADDRESS, M, 0, ascii("http://top-up.example"))
            .int32(AvpCode.REDIRECT_ADDRESS_TYPE, V, OTHER_VENDOR, 0)
            .octets(AvpCode.REDIRECT_SERVER_ADDRESS, V, OTHER_VENDOR, ascii("http://elsewhere.example"))
            .endGroup().endGroup().endGroup();
        final MultipleServicesCreditControlDecoder mscc =
            new MultipleServicesCreditControlDecoder().wrap(out, 0, AvpDescriptor.HEADER_LENGTH,
                out.writerIndex() - AvpDescriptor.HEADER_LENGTH);
        assertEquals(1, mscc.finalUnitAction());
        assertEquals(0, mscc.filterIdCount());
        assertEquals(2, mscc.redirectAddressType());
        assertEquals("http://top-up.example", mscc.redirectServerAddress());
    }

    @Test
    void shouldNotBeUsedWithADictionaryWhoseSubscriptionIdRequiresAnotherMember(@TempDir final Path folder)
        throws IOException
    {
        // The walk takes a Subscription-Id of exactly Type and Data; a dictionary that requires another member of it
        // (two required, but not those two) must keep the walk away, or a Subscription-Id without that member would
        // be answered as valid.
        final List<URL> files = new ArrayList<>();
        for (final String name : DiameterDictionary.STANDARD_FILE_NAMES)
        {
            final URL standard = DiameterDictionary.class.getResource(DiameterDictionary.STANDARD_RESOURCE_FOLDER + name);
            String text;
            try (InputStream in = standard.openStream())
            {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            final String data = "<rule avp=\"Subscription-Id-Data\" required=\"true\" max=\"1\"/>";
            if (text.contains(data))
            {
                text = text.replace(data, "<rule avp=\"Subscription-Id-Data\" max=\"1\"/>"
                    + "<rule avp=\"Validity-Time\" required=\"true\" max=\"1\"/>");
            }
            files.add(Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8).toUri().toURL());
        }
        final DiameterDictionary dictionary = DiameterDictionary.load(files);
        final DiameterValidator custom = new DiameterValidator(dictionary, new long[] {4}, 256);
        final ByteBuf message = ccr(encoder -> { });
        assertFalse(new DiameterValidator(dictionary, new long[] {4}, 256).validate(message, 0));
        assertFalse(decoder.validateAndWrap(custom, message, 0));
        assertFalse(decoder.decodedBySpecialisedWalk());
        assertEquals(MISSING_AVP, custom.resultCode());
    }
}
