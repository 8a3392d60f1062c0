package io.gyro.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsAndSizesTest
{
    @Test
    void shouldParseDurationsInEveryUnit()
    {
        assertEquals(250L, Durations.parseMillis("250ms"));
        assertEquals(600_000L, Durations.parseMillis("600s"));
        assertEquals(600_000L, Durations.parseMillis("10m"));
        assertEquals(3_600_000L, Durations.parseMillis("1h"));
        assertEquals(86_400_000L, Durations.parseMillis("1d"));
        assertEquals(0L, Durations.parseMillis("0s"));
        assertEquals(600L, Durations.parseWholeSeconds("10m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "", "1.5s", "10 s", "-1s", "1H", "1sec", "s", "1h30m", "99999999999999999999d"})
    void shouldRefuseTextThatIsNotADuration(final String text)
    {
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMillis(text));
    }

    @Test
    void shouldRefuseDurationsThatOverflow()
    {
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMillis("9223372036854775d"));
    }

    @Test
    void shouldRefuseFractionsOfASecondWhereWholeSecondsAreNeeded()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Durations.parseWholeSeconds("1500ms"));
        assertTrue(ex.getMessage().contains("whole number of seconds"), ex.getMessage());
    }

    @Test
    void shouldFormatDurationsInTheLargestExactUnit()
    {
        assertEquals("10m", Durations.format(600_000));
        assertEquals("90s", Durations.format(90_000));
        assertEquals("250ms", Durations.format(250));
        assertEquals("1d", Durations.format(86_400_000));
        assertEquals("0s", Durations.format(0));
    }

    @Test
    void shouldParseSizes()
    {
        assertEquals(1_048_576L, Sizes.parseBytes("1048576"));
        assertEquals(10_485_760L, Sizes.parseBytes("10MiB"));
        assertEquals(1L << 30, Sizes.parseBytes("1GiB"));
        assertEquals(4096L, Sizes.parseBytes("4KiB"));
        assertEquals(1L << 40, Sizes.parseBytes("1TiB"));
        assertEquals(512L, Sizes.parseBytes("512B"));
    }

    @Test
    void shouldRefuseAmbiguousDecimalSizeUnits()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes("10MB"));
        assertTrue(ex.getMessage().contains("ambiguous"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes("10kB"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes("1G"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.5MiB", "-1", "10 MiB", "10mib", "MiB", "9999999999TiB", "99999999999999999999"})
    void shouldRefuseTextThatIsNotASize(final String text)
    {
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes(text));
    }

    @Test
    void shouldFormatSizesInTheLargestExactUnit()
    {
        assertEquals("10MiB", Sizes.format(10_485_760));
        assertEquals("64KiB", Sizes.format(65_536));
        assertEquals("16777215", Sizes.format(16_777_215));
        assertEquals("0", Sizes.format(0));
    }
}
