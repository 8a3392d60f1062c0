package io.gyro.simulator;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelTest
{
    @Test
    void shouldChargeEveryStartedQuantumOfTheSessionTotal()
    {
        final Tariff data = TariffTable.DEMO_DATA;
        assertEquals(0, data.costMinor(0));
        assertEquals(100, data.costMinor(1));
        assertEquals(100, data.costMinor(1_048_576));
        assertEquals(200, data.costMinor(1_048_577));
        assertEquals(1_000, data.costMinor(10 * 1_048_576));
        assertEquals(1_500, TariffTable.DEMO_EVENT.costMinor(3), "events: count x price");
        assertEquals(new Tariff(20, UnitType.SECONDS, 60, 7), Tariff.parse("rg=20, unit=time, quantum=60, price=7"));
        assertThrows(IllegalArgumentException.class, () -> Tariff.parse("rg=20,unit=time,price=7"));
    }

    @Test
    void shouldUseBetweenTheConfiguredFractionsOfEachGrant()
    {
        final UsagePattern pattern = UsagePattern.parse("0.5..1.0");
        final SplittableRandom random = new SplittableRandom(1);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++)
        {
            final long used = pattern.usedOf(10_000_000, random);
            min = Math.min(min, used);
            max = Math.max(max, used);
        }
        assertTrue(min >= 5_000_000 && min < 5_100_000, "min " + min);
        assertTrue(max <= 10_000_000 && max > 9_900_000, "max " + max);
        assertEquals(0, pattern.usedOf(0, random));
        assertEquals(Long.MAX_VALUE, UsagePattern.parse("full").usedOf(Long.MAX_VALUE, random), "no overflow");
        assertEquals(750, UsagePattern.parse("0.75").usedOf(1000, random));
    }

    @Test
    void shouldDrawKindsInProportionToTheirWeights()
    {
        final TrafficMix mix = TrafficMix.parse("data=80,voice=15,event=5");
        final SplittableRandom random = new SplittableRandom(3);
        final int[] counts = new int[3];
        for (int i = 0; i < 100_000; i++)
        {
            counts[mix.pick(random).ordinal()]++;
        }
        assertTrue(Math.abs(counts[0] - 80_000) < 1_000, "data " + counts[0]);
        assertTrue(Math.abs(counts[1] - 15_000) < 1_000, "voice " + counts[1]);
        assertTrue(Math.abs(counts[2] - 5_000) < 500, "event " + counts[2]);
        assertEquals("data=80,voice=15,event=5", mix.toString());
    }

    @Test
    void shouldWriteAndReadDigitsWithoutStrings()
    {
        final byte[] out = new byte[20];
        assertEquals(12, AsciiDigits.write(491_700_000_042L, out, 1));
        assertEquals("491700000042", new String(out, 1, 12, java.nio.charset.StandardCharsets.US_ASCII));
        AsciiDigits.writePadded(42, out, 0, 5);
        assertEquals("00042", new String(out, 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(42, AsciiDigits.parse(out, 0, 5));
        out[2] = 'x';
        assertEquals(-1, AsciiDigits.parse(out, 0, 5));
    }

    @Test
    void shouldParseDurations()
    {
        assertEquals(java.time.Duration.ofMillis(1500), Durations.parse("--d", "1.5s"));
        assertEquals(java.time.Duration.ofMinutes(2), Durations.parse("--d", "2m"));
        assertEquals(java.time.Duration.ofMillis(250), Durations.parse("--d", "250ms"));
        assertEquals(java.time.Duration.ofSeconds(3), Durations.parse("--d", "3"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("--d", "-1s"));
    }
}
