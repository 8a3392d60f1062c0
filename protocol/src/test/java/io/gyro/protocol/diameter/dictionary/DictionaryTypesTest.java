package io.gyro.protocol.diameter.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DictionaryTypesTest
{
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "OctetString,      OCTET_STRING",
        "Integer32,        INTEGER32",
        "Integer64,        INTEGER64",
        "Unsigned32,       UNSIGNED32",
        "Unsigned64,       UNSIGNED64",
        "Float32,          FLOAT32",
        "Float64,          FLOAT64",
        "Grouped,          GROUPED",
        "Address,          ADDRESS",
        "Time,             TIME",
        "UTF8String,       UTF8_STRING",
        "DiameterIdentity, DIAMETER_IDENTITY",
        "DiamIdent,        DIAMETER_IDENTITY",
        "DiameterURI,      DIAMETER_URI",
        "DiamURI,          DIAMETER_URI",
        "Enumerated,       ENUMERATED",
        "IPFilterRule,     IP_FILTER_RULE",
        "QoSFilterRule,    QOS_FILTER_RULE",
    })
    void shouldMapDictionaryTypeNames(final String name, final AvpType expected)
    {
        assertSame(expected, AvpType.fromDictionaryName(name));
    }

    @Test
    void shouldRefuseUnknownOrMisspeltTypeNames()
    {
        assertNull(AvpType.fromDictionaryName("Utf8String"), "exact match only");
        assertNull(AvpType.fromDictionaryName("OctetSting"));
        assertNull(AvpType.fromDictionaryName(""));
        assertNull(AvpType.fromDictionaryName(null));
    }

    @ParameterizedTest
    @EnumSource(AvpType.class)
    void shouldRoundTripTheCanonicalName(final AvpType type)
    {
        assertSame(type, AvpType.fromDictionaryName(type.dictionaryName()));
        if (type.isFixedLength())
        {
            assertEquals(type.fixedDataLength(), type.minDataLength(), "a fixed-size value has one length");
        }
        else
        {
            assertEquals(-1, type.fixedDataLength());
        }
    }

    @Test
    void shouldUseTheRfc6733LengthsOfFixedSizeTypes()
    {
        assertEquals(4, AvpType.INTEGER32.fixedDataLength());
        assertEquals(4, AvpType.UNSIGNED32.fixedDataLength());
        assertEquals(4, AvpType.FLOAT32.fixedDataLength());
        assertEquals(4, AvpType.ENUMERATED.fixedDataLength(), "Enumerated is an Integer32");
        assertEquals(4, AvpType.TIME.fixedDataLength(), "NTP seconds");
        assertEquals(8, AvpType.INTEGER64.fixedDataLength());
        assertEquals(8, AvpType.UNSIGNED64.fixedDataLength());
        assertEquals(8, AvpType.FLOAT64.fixedDataLength());
        assertFalse(AvpType.GROUPED.isFixedLength());
        assertEquals(0, AvpType.GROUPED.minDataLength(), "an empty group is well-formed");
        assertEquals(0, AvpType.OCTET_STRING.minDataLength());
        assertEquals(3, AvpType.ADDRESS.minDataLength(), "2-octet AddressType plus at least one octet");
    }

    @Test
    void shouldCheckABitAgainstItsFlagRule()
    {
        assertTrue(FlagRule.MUST.allows(true));
        assertFalse(FlagRule.MUST.allows(false));
        assertTrue(FlagRule.MUST_NOT.allows(false));
        assertFalse(FlagRule.MUST_NOT.allows(true));
        assertTrue(FlagRule.MAY.allows(true));
        assertTrue(FlagRule.MAY.allows(false));
    }

    @Test
    void shouldCountOccurrencesAgainstARule()
    {
        final AvpDefinition origin = DiameterDictionary.standard().avp("Origin-Host");
        final AvpRule exactlyOne = new AvpRule(origin, 1, 1, false, 0, "test");
        assertFalse(exactlyOne.allowsCount(0));
        assertTrue(exactlyOne.allowsCount(1));
        assertFalse(exactlyOne.allowsCount(2));
        assertTrue(exactlyOne.isRequired());

        final AvpRule any = new AvpRule(origin, 0, AvpRule.UNBOUNDED, false, 0, "test");
        assertTrue(any.allowsCount(0));
        assertTrue(any.allowsCount(1_000_000));
        assertFalse(any.isRequired());

        final AvpRule forbidden = new AvpRule(origin, 0, 0, false, 0, "test");
        assertTrue(forbidden.isForbidden());
        assertFalse(forbidden.allowsCount(1));
    }

    @Test
    void shouldNameResultCodesAsAnOpenEnum()
    {
        assertEquals("DIAMETER_SUCCESS", ResultCode.name(ResultCode.SUCCESS));
        assertEquals("ELECTION_LOST", ResultCode.name(4003));
        assertEquals("DIAMETER_CREDIT_LIMIT_REACHED", ResultCode.name(4012));
        assertEquals("UNKNOWN_2999", ResultCode.name(2999));
        assertEquals("UNKNOWN_4294967295", ResultCode.name(-1), "Result-Code is Unsigned32");
    }

    @Test
    void shouldClassifyResultCodesByTheirThousandsDigit()
    {
        assertTrue(ResultCode.isInformational(1001));
        assertTrue(ResultCode.isSuccess(2001));
        assertTrue(ResultCode.isSuccess(2002));
        assertFalse(ResultCode.isSuccess(3001));
        assertTrue(ResultCode.isProtocolError(3004));
        assertFalse(ResultCode.isProtocolError(4003));
        assertTrue(ResultCode.isTransientFailure(4012));
        assertTrue(ResultCode.isPermanentFailure(5031));
        assertFalse(ResultCode.isPermanentFailure(4010));
        assertTrue(ResultCode.isPermanentFailure(7000), "RFC 6733 §7.1: an unrecognized class is a permanent failure");
        assertTrue(ResultCode.isPermanentFailure(999));
        assertTrue(ResultCode.isPermanentFailure(-1));
        assertFalse(ResultCode.isSuccess(-1), "4294967295 is class 4294967, not 2");
    }
}
