package io.gyro.ledger.rating;

import io.gyro.ledger.UnitType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RatingTest
{
    private static final long MIB = 1 << 20;
    /** 2026-01-15T00:00:00Z. */
    private static final long DAY_START_MS = 1_768_435_200_000L;

    private static Tariff dayNight()
    {
        // Night 00:00-08:00 at 50, day 08:00-20:00 at 100, evening 20:00-24:00 at 70; tiers at 0 and 10 GiB.
        return Tariff.builder(10).unitType(UnitType.OCTETS).quantumUnits(MIB)
            .tiers(0, 10L << 30)
            .band(0, 50, 25).band(8 * 3600, 100, 50).band(20 * 3600, 70, 35)
            .defaultGrantUnits(10 * MIB).maxGrantUnits(100 * MIB).validityTimeSec(3600).build();
    }

    @Test
    void shouldSaturateAProductThatOverflowsALong()
    {
        assertEquals(0, Rating.saturatingMultiply(0, Long.MAX_VALUE));
        assertEquals(0, Rating.saturatingMultiply(Long.MAX_VALUE, 0));
        assertEquals(Long.MAX_VALUE, Rating.saturatingMultiply(Long.MAX_VALUE, 1));
        assertEquals(Long.MAX_VALUE, Rating.saturatingMultiply(Long.MAX_VALUE, 2));
        // 3037000499^2 is the largest square below 2^63; one more overflows.
        assertEquals(3_037_000_499L * 3_037_000_499L, Rating.saturatingMultiply(3_037_000_499L, 3_037_000_499L));
        assertEquals(Long.MAX_VALUE, Rating.saturatingMultiply(3_037_000_500L, 3_037_000_500L));
        // 2^31 x 2^32 = 2^63: the low half alone wraps to Long.MIN_VALUE, the high half is still 0.
        assertEquals(Long.MAX_VALUE, Rating.saturatingMultiply(1L << 31, 1L << 32));
        // 2^32 x 2^32 = 2^64: the low half alone is 0.
        assertEquals(Long.MAX_VALUE, Rating.saturatingMultiply(1L << 32, 1L << 32));
        assertEquals(1_048_576L * 1_000_000L, Rating.saturatingMultiply(1_048_576L, 1_000_000L));
    }

    @Test
    void shouldPickTheBandInForceAtTheCommandTime()
    {
        final Tariff t = dayNight();
        assertEquals(0, Rating.bandIndex(t, DAY_START_MS + 3_600_000));
        assertEquals(1, Rating.bandIndex(t, DAY_START_MS + 8 * 3_600_000));
        assertEquals(1, Rating.bandIndex(t, DAY_START_MS + 20 * 3_600_000 - 1));
        assertEquals(2, Rating.bandIndex(t, DAY_START_MS + 23 * 3_600_000));
    }

    @Test
    void shouldWrapToTheLastBandBeforeTheFirstStart()
    {
        final Tariff t = Tariff.builder(1).quantumUnits(1).band(6 * 3600, 10).band(22 * 3600, 5).build();
        assertEquals(1, Rating.bandIndex(t, DAY_START_MS + 3 * 3_600_000));
        assertEquals(DAY_START_MS + 6 * 3_600_000, Rating.nextBandBoundaryMs(t, DAY_START_MS + 3 * 3_600_000));
        assertEquals(DAY_START_MS + 30 * 3_600_000, Rating.nextBandBoundaryMs(t, DAY_START_MS + 23 * 3_600_000));
    }

    @Test
    void shouldCutValidityAtTheNextBandBoundary()
    {
        final Tariff t = dayNight();
        assertEquals(600, Rating.validityTimeSec(t, DAY_START_MS + 8 * 3_600_000 - 600_000));
        assertEquals(3600, Rating.validityTimeSec(t, DAY_START_MS + 9 * 3_600_000));
        assertEquals(1, Rating.validityTimeSec(t, DAY_START_MS + 8 * 3_600_000 - 10));
    }

    @Test
    void shouldApplyTheBandLocalToTheTariffOffset()
    {
        final Tariff t = Tariff.builder(1).quantumUnits(1).band(0, 1).band(12 * 3600, 2).utcOffsetSeconds(3600).build();
        assertEquals(1, Rating.bandIndex(t, DAY_START_MS + 11 * 3_600_000));
        assertEquals(0, Rating.bandIndex(t, DAY_START_MS + 23 * 3_600_000));
    }

    @Test
    void shouldPickTheTierByPeriodUsage()
    {
        final Tariff t = dayNight();
        final long noon = DAY_START_MS + 12 * 3_600_000;
        assertEquals(100, Rating.pricePerQuantumMinor(t, noon, 0));
        assertEquals(100, Rating.pricePerQuantumMinor(t, noon, (10L << 30) - 1));
        assertEquals(50, Rating.pricePerQuantumMinor(t, noon, 10L << 30));
    }

    @Test
    void shouldRoundUpToWholeQuantaWithoutOverflow()
    {
        assertEquals(0, Rating.ceilDiv(0, MIB));
        assertEquals(1, Rating.ceilDiv(1, MIB));
        assertEquals(1, Rating.ceilDiv(MIB, MIB));
        assertEquals(2, Rating.ceilDiv(MIB + 1, MIB));
        assertEquals(Long.MAX_VALUE / 2 + 1, Rating.ceilDiv(Long.MAX_VALUE, 2));
        assertEquals(Long.MAX_VALUE, Rating.costMinor(Long.MAX_VALUE, 1, 3));
        assertEquals(Long.MAX_VALUE, Rating.saturatingAdd(Long.MAX_VALUE, 1));
        assertEquals(300, Rating.costMinor(2 * MIB + 1, MIB, 100));
    }

    @Test
    void shouldComputeAffordableUnitsIncludingTheRestOfAStartedQuantum()
    {
        assertEquals(2 * MIB + 5, Rating.affordableUnits(250, 5, MIB, 100));
        assertEquals(5, Rating.affordableUnits(-10, 5, MIB, 100));
        assertEquals(Long.MAX_VALUE, Rating.affordableUnits(0, 0, MIB, 0));
    }

    @Test
    void shouldMatchJavaTimeForBillingPeriods()
    {
        for (long day = -800; day < 30_000; day += 7)
        {
            final LocalDate date = LocalDate.ofEpochDay(day);
            final long ms = day * 86_400_000L + 43_200_000L;
            for (final int billingDay : new int[]{1, 15, 28})
            {
                long expected = (date.getYear() - 1970) * 12L + date.getMonthValue() - 1;
                if (date.getDayOfMonth() < billingDay)
                {
                    expected--;
                }
                assertEquals(expected, Rating.billingPeriod(ms, billingDay, 0), date + " day " + billingDay);
            }
        }
        final long lateEvening = LocalDate.of(2026, 1, 31).atTime(23, 30).toEpochSecond(ZoneOffset.UTC) * 1000;
        assertEquals(Rating.billingPeriod(lateEvening, 1, 0) + 1, Rating.billingPeriod(lateEvening, 1, 3600));
    }

    @Test
    void shouldRefuseInvalidTariffsNamingTheValue()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Tariff.builder(1).quantumUnits(0).pricePerQuantumMinor(1).build());
        assertTrue(ex.getMessage().contains("quantum"), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> Tariff.builder(1).band(100, 1).band(50, 2).build());
        assertThrows(IllegalArgumentException.class,
            () -> Tariff.builder(1).tiers(0, 10).band(0, 1).build());
        assertThrows(IllegalArgumentException.class,
            () -> TariffTable.builder().tariff(Tariff.builder(1).pricePerQuantumMinor(1).build())
                .tariff(Tariff.builder(1).pricePerQuantumMinor(2).build()).build());
    }

    @Test
    void shouldRoundTripATableThroughItsCodecAssigningIds()
    {
        final TariffTable table = TariffTable.builder().tariff(dayNight())
            .tariff(Tariff.builder(Tariff.DEFAULT_RATING_GROUP).unitType(UnitType.EVENTS).pricePerQuantumMinor(7)
                .redirectAddress("http://topup.example").finalUnitAction(1).build()).build();
        final org.agrona.ExpandableArrayBuffer buffer = new org.agrona.ExpandableArrayBuffer();
        final int length = TariffCodec.write(table, 42, buffer, 0);
        final TariffTable read = TariffCodec.read(buffer, 0, length);
        assertEquals(42, read.version());
        assertEquals(TariffCodec.tariffId(42, 0), read.lookup(10).tariffId());
        assertEquals(TariffCodec.tariffId(42, 1), read.lookup(99).tariffId());
        assertEquals("http://topup.example", read.lookup(99).redirectAddress());
        assertEquals(dayNight().toString().replace("id=0", "id=" + TariffCodec.tariffId(42, 0)),
            read.lookup(10).toString());
    }
}
