package io.gyro.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MoneyTest
{
    @Test
    void shouldParseExactlyIntoMinorUnits()
    {
        assertEquals(1_000_000L, Money.parse("100.00", 4));
        assertEquals(100L, Money.parse("0.0100", 4));
        assertEquals(500L, Money.parse("0.05", 4));
        assertEquals(50_000L, Money.parse("5", 4));
        assertEquals(0L, Money.parse("0", 4));
        assertEquals(0L, Money.parse("-0.00", 4));
        assertEquals(-100L, Money.parse("-0.0100", 4));
        assertEquals(75_000L, Money.parse("007.5", 4));
        assertEquals(12L, Money.parse("12", 0));
    }

    @Test
    void shouldKeepPrecisionThatADoubleWouldLose()
    {
        // 2^53 + 1 minor units: not representable as a double.
        assertEquals(9_007_199_254_740_993L, Money.parse("900719925474099.3", 1));
        assertEquals(9_007_199_254_740_993L, Money.parse("900719925474.0993", 4));
    }

    @Test
    void shouldRefuseMoreDecimalsThanTheScaleInsteadOfRounding()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Money.parse("0.00001", 4));
        assertTrue(ex.getMessage().contains("5 decimal places"), ex.getMessage());
        assertTrue(ex.getMessage().contains("at most 4"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Money.parse("0.01000", 4));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("1.5", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.", ".5", "+1", "1e3", "1E-2", "1,000.00", " 1", "1 ", "1.0.0", "-", "--1", "abc",
        "0x10", "\uFF11", "1_000", "NaN", "Infinity"})
    void shouldRefuseTextThatIsNotADecimalAmount(final String text)
    {
        assertThrows(IllegalArgumentException.class, () -> Money.parse(text, 4));
    }

    @Test
    void shouldRefuseNull()
    {
        assertThrows(IllegalArgumentException.class, () -> Money.parse(null, 4));
    }

    @Test
    void shouldParseTheWholeRangeOfALongAndRefuseBeyond()
    {
        assertEquals(Long.MAX_VALUE, Money.parse("922337203685477.5807", 4));
        assertEquals(Long.MIN_VALUE, Money.parse("-922337203685477.5808", 4));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Money.parse("922337203685477.5808", 4));
        assertTrue(ex.getMessage().contains("too large"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Money.parse("-922337203685477.5809", 4));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("99999999999999999999999", 4));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("9223372037", 9));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("922337203685477.6", 4));
    }

    @Test
    void shouldRefuseAScaleOutsideItsRange()
    {
        assertThrows(IllegalArgumentException.class, () -> Money.parse("1", -1));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("1", Money.MAX_SCALE + 1));
        assertThrows(IllegalArgumentException.class, () -> Money.format(1, Money.MAX_SCALE + 1));
    }

    @Test
    void shouldFormatWithExactlyTheScaleDecimals()
    {
        assertEquals("0.0100", Money.format(100, 4));
        assertEquals("-0.0100", Money.format(-100, 4));
        assertEquals("100.0000", Money.format(1_000_000, 4));
        assertEquals("0.0000", Money.format(0, 4));
        assertEquals("5", Money.format(5, 0));
        assertEquals("-922337203685477.5808", Money.format(Long.MIN_VALUE, 4));
        assertEquals("922337203685477.5807", Money.format(Long.MAX_VALUE, 4));
        assertEquals("-9223372036.854775808", Money.format(Long.MIN_VALUE, 9));
    }

    @Test
    void shouldRoundTripFormatAndParse()
    {
        final long[] amounts = {0, 1, -1, 99, 100, 12_345_678, -987_654_321, Long.MAX_VALUE, Long.MIN_VALUE};
        for (int scale = 0; scale <= Money.MAX_SCALE; scale++)
        {
            for (final long amount : amounts)
            {
                assertEquals(amount, Money.parse(Money.format(amount, scale), scale), amount + " at scale " + scale);
            }
        }
    }
}
