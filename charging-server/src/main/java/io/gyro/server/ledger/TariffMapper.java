package io.gyro.server.ledger;

import io.gyro.config.model.PriceTier;
import io.gyro.config.model.TariffConfiguration;
import io.gyro.config.model.TimeBand;
import io.gyro.ledger.FinalUnitAction;
import io.gyro.ledger.UnitType;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.rating.TariffTable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns configured tariffs into the ledger's tariff table.
 * <p>
 * Configured bands are {@code from}-{@code to} windows with the tariff's base price outside them; the ledger's
 * bands are consecutive starts, so each window becomes a start at {@code from} and, unless another window begins
 * there, a return to the base price at {@code to}. Tiers keep the base price below the first tier. The band clock
 * runs at the zone's UTC offset in force when the table is built (the ledger rates on a fixed offset, which keeps
 * rating a pure function of the command's timestamp; a DST change takes a tariff reload).
 */
public final class TariffMapper
{
    private static final int SECONDS_PER_MINUTE = 60;

    private TariffMapper()
    {
    }

    /**
     * @param tariffs configured tariffs.
     * @param now     instant whose UTC offset the band clocks use.
     * @return the table.
     */
    public static TariffTable toTable(final List<TariffConfiguration> tariffs, final Instant now)
    {
        final TariffTable.Builder table = TariffTable.builder();
        for (final TariffConfiguration tariff : tariffs)
        {
            table.tariff(toTariff(tariff, now));
        }
        return table.build();
    }

    /**
     * @param configured one configured tariff.
     * @param now        instant whose UTC offset the band clock uses.
     * @return the ledger tariff.
     */
    public static Tariff toTariff(final TariffConfiguration configured, final Instant now)
    {
        final int unitType = switch (configured.unit())
        {
            case OCTETS -> UnitType.OCTETS;
            case SECONDS -> UnitType.SECONDS;
            case EVENTS -> UnitType.EVENTS;
        };
        final long threshold = switch (configured.unit())
        {
            case OCTETS -> configured.volumeThresholdOctets();
            case SECONDS -> configured.timeThresholdSeconds();
            case EVENTS -> configured.unitThreshold();
        };
        final Tariff.Builder builder = Tariff.builder(configured.ratingGroup())
            .name(configured.name())
            .unitType(unitType)
            .quantumUnits(configured.quantumUnits())
            .defaultGrantUnits(configured.defaultGrantUnits())
            .maxGrantUnits(configured.maxGrantUnits())
            .validityTimeSec(configured.validityTimeSeconds())
            .quotaThresholdUnits(threshold)
            .quotaHoldingTimeSec(configured.quotaHoldingTimeSeconds())
            .finalUnitAction(configured.finalUnitAction().avpValue())
            .utcOffsetSeconds(configured.timeZone().getRules().getOffset(now).getTotalSeconds());
        if (FinalUnitAction.REDIRECT == configured.finalUnitAction().avpValue())
        {
            builder.redirectAddress(configured.redirectAddress())
                .redirectAddressType(configured.redirectAddressType().avpValue());
        }
        builder.restrictionFilterRules(configured.restrictionFilterRules());
        if (null != configured.filterId())
        {
            builder.filterId(configured.filterId());
        }

        if (!configured.tiers().isEmpty())
        {
            final List<PriceTier> tiers = configured.tiers();
            final boolean firstAtZero = 0 == tiers.get(0).fromUnits();
            final long[] from = new long[tiers.size() + (firstAtZero ? 0 : 1)];
            final long[] prices = new long[from.length];
            int i = 0;
            if (!firstAtZero)
            {
                from[0] = 0;
                prices[0] = configured.priceMinor();
                i = 1;
            }
            for (final PriceTier tier : tiers)
            {
                from[i] = tier.fromUnits();
                prices[i] = tier.priceMinor();
                i++;
            }
            builder.tiers(from).band(0, prices);
        }
        else if (!configured.bands().isEmpty())
        {
            final TreeMap<Integer, Long> starts = new TreeMap<>();
            starts.put(0, configured.priceMinor());
            final List<TimeBand> bands = new ArrayList<>(configured.bands());
            for (final TimeBand band : bands)
            {
                final int to = band.toMinuteOfDay() * SECONDS_PER_MINUTE;
                if (to < Tariff.SECONDS_PER_DAY)
                {
                    starts.putIfAbsent(to, configured.priceMinor());
                }
            }
            for (final TimeBand band : bands)
            {
                starts.put(band.fromMinuteOfDay() * SECONDS_PER_MINUTE, band.priceMinor());
            }
            starts.forEach((start, price) -> builder.band(start, price));
        }
        else
        {
            builder.pricePerQuantumMinor(configured.priceMinor());
        }
        return builder.build();
    }

    /**
     * Whether two tables price the same way (tariff ids and table versions aside).
     *
     * @param a one table.
     * @param b the other.
     * @return true when every rating group has the same tariff in both.
     */
    public static boolean sameTariffs(final TariffTable a, final TariffTable b)
    {
        if (a.tariffs().size() != b.tariffs().size())
        {
            return false;
        }
        for (final Tariff tariff : a.tariffs())
        {
            final Tariff other = b.lookup(tariff.ratingGroup());
            if (null == other || other.ratingGroup() != tariff.ratingGroup() || !samePricing(tariff, other))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean samePricing(final Tariff a, final Tariff b)
    {
        if (a.unitType() != b.unitType() || a.quantumUnits() != b.quantumUnits() ||
            a.defaultGrantUnits() != b.defaultGrantUnits() || a.maxGrantUnits() != b.maxGrantUnits() ||
            a.validityTimeSec() != b.validityTimeSec() || a.quotaThresholdUnits() != b.quotaThresholdUnits() ||
            a.quotaHoldingTimeSec() != b.quotaHoldingTimeSec() || a.finalUnitAction() != b.finalUnitAction() ||
            a.utcOffsetSeconds() != b.utcOffsetSeconds() || a.tierCount() != b.tierCount() ||
            a.bandCount() != b.bandCount() || !a.redirectAddress().equals(b.redirectAddress()) ||
            !a.filterId().equals(b.filterId()) || !a.name().equals(b.name()) ||
            a.redirectAddressType() != b.redirectAddressType() ||
            !a.restrictionFilterRules().equals(b.restrictionFilterRules()))
        {
            return false;
        }
        for (int tier = 0; tier < a.tierCount(); tier++)
        {
            if (a.tierFromUnits(tier) != b.tierFromUnits(tier))
            {
                return false;
            }
            for (int band = 0; band < a.bandCount(); band++)
            {
                if (a.bandStartSecond(band) != b.bandStartSecond(band) ||
                    a.pricePerQuantumMinor(band, tier) != b.pricePerQuantumMinor(band, tier))
                {
                    return false;
                }
            }
        }
        return true;
    }
}
