package io.gyro.ledger.rating;

import io.gyro.ledger.FinalUnitAction;
import io.gyro.ledger.UnitType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One immutable tariff version for a rating group: unit type, quantum, a price matrix of time-of-day bands by
 * usage tiers, and the grant parameters. Reservations keep a reference to the version they were rated on, so a
 * tariff change never re-prices a grant already given.
 * <p>
 * Price lookup: the band is the last whose start (seconds of day at {@link #utcOffsetSeconds()}) is at or before
 * the time, wrapping to the last band before the first start; the tier is the last whose threshold is at or
 * below the account's usage of the rating group in its current monthly billing period.
 */
public final class Tariff
{
    /** Rating group of the {@code default} tariff, used for rating groups without their own tariff. */
    public static final long DEFAULT_RATING_GROUP = -1;
    /** Seconds in a day: band starts lie in [0, SECONDS_PER_DAY). */
    public static final int SECONDS_PER_DAY = 86_400;
    /** UTC offsets range from -12:00 to +14:00 (ITU-T/IANA time zones). */
    public static final int MAX_UTC_OFFSET_SECONDS = 14 * 3600;
    /** Bands per day: 48 half-hour bands is the finest schedule seen in retail tariffs. */
    public static final int MAX_BANDS = 48;
    /** Usage tiers per tariff. */
    public static final int MAX_TIERS = 16;
    /** Redirect-Address-Type URL (RFC 4006 §8.38), the default. */
    public static final int REDIRECT_URL = 2;
    /** Highest Redirect-Address-Type defined (SIP URI). */
    private static final int MAX_REDIRECT_ADDRESS_TYPE = 3;
    /** Most Restriction-Filter-Rules one tariff carries. */
    public static final int MAX_FILTER_RULES = 64;

    private final long tariffId;
    private final long ratingGroup;
    private final String name;
    private final int unitType;
    private final long quantumUnits;
    private final long[] tierFromUnits;
    private final int[] bandStartSecond;
    private final long[][] pricePerQuantumMinor;
    private final int utcOffsetSeconds;
    private final long defaultGrantUnits;
    private final long maxGrantUnits;
    private final long validityTimeSec;
    private final long quotaThresholdUnits;
    private final long quotaHoldingTimeSec;
    private final int finalUnitAction;
    private final String redirectAddress;
    private final String filterId;
    private final int redirectAddressType;
    private final List<String> restrictionFilterRules;

    Tariff(
        final long tariffId,
        final long ratingGroup,
        final String name,
        final int unitType,
        final long quantumUnits,
        final long[] tierFromUnits,
        final int[] bandStartSecond,
        final long[][] pricePerQuantumMinor,
        final int utcOffsetSeconds,
        final long defaultGrantUnits,
        final long maxGrantUnits,
        final long validityTimeSec,
        final long quotaThresholdUnits,
        final long quotaHoldingTimeSec,
        final int finalUnitAction,
        final String redirectAddress,
        final String filterId,
        final int redirectAddressType,
        final List<String> restrictionFilterRules)
    {
        this.tariffId = tariffId;
        this.ratingGroup = ratingGroup;
        this.name = name;
        this.unitType = unitType;
        this.quantumUnits = quantumUnits;
        this.tierFromUnits = tierFromUnits;
        this.bandStartSecond = bandStartSecond;
        this.pricePerQuantumMinor = pricePerQuantumMinor;
        this.utcOffsetSeconds = utcOffsetSeconds;
        this.defaultGrantUnits = defaultGrantUnits;
        this.maxGrantUnits = maxGrantUnits;
        this.validityTimeSec = validityTimeSec;
        this.quotaThresholdUnits = quotaThresholdUnits;
        this.quotaHoldingTimeSec = quotaHoldingTimeSec;
        this.finalUnitAction = finalUnitAction;
        this.redirectAddress = redirectAddress;
        this.filterId = filterId;
        this.redirectAddressType = redirectAddressType;
        this.restrictionFilterRules = List.copyOf(restrictionFilterRules);
    }

    /**
     * Start a tariff for a rating group.
     *
     * @param ratingGroup rating group, or {@link #DEFAULT_RATING_GROUP} for the default tariff.
     * @return a builder.
     */
    public static Builder builder(final long ratingGroup)
    {
        return new Builder(ratingGroup);
    }

    /**
     * Same tariff with a ledger-assigned version id.
     *
     * @param newTariffId id.
     * @return a copy.
     */
    Tariff withId(final long newTariffId)
    {
        return new Tariff(newTariffId, ratingGroup, name, unitType, quantumUnits, tierFromUnits, bandStartSecond,
            pricePerQuantumMinor, utcOffsetSeconds, defaultGrantUnits, maxGrantUnits, validityTimeSec,
            quotaThresholdUnits, quotaHoldingTimeSec, finalUnitAction, redirectAddress, filterId, redirectAddressType,
            restrictionFilterRules);
    }

    /**
     * @return ledger-assigned version id (table version in the high bits), 0 before the ledger accepted it.
     */
    public long tariffId()
    {
        return tariffId;
    }

    /**
     * @return rating group, or {@link #DEFAULT_RATING_GROUP}.
     */
    public long ratingGroup()
    {
        return ratingGroup;
    }

    /**
     * @return display name (may be empty).
     */
    public String name()
    {
        return name;
    }

    /**
     * @return {@link UnitType}.
     */
    public int unitType()
    {
        return unitType;
    }

    /**
     * @return units per priced quantum (e.g. 1 MiB, 60 s, 1 event).
     */
    public long quantumUnits()
    {
        return quantumUnits;
    }

    /**
     * @return number of usage tiers (at least 1).
     */
    public int tierCount()
    {
        return tierFromUnits.length;
    }

    /**
     * @param tier tier index.
     * @return cumulative period usage from which the tier applies.
     */
    public long tierFromUnits(final int tier)
    {
        return tierFromUnits[tier];
    }

    /**
     * @return number of time-of-day bands (at least 1).
     */
    public int bandCount()
    {
        return bandStartSecond.length;
    }

    /**
     * @param band band index.
     * @return second of day (local to {@link #utcOffsetSeconds()}) at which the band starts.
     */
    public int bandStartSecond(final int band)
    {
        return bandStartSecond[band];
    }

    /**
     * @param band band index.
     * @param tier tier index.
     * @return price of one quantum in minor units.
     */
    public long pricePerQuantumMinor(final int band, final int tier)
    {
        return pricePerQuantumMinor[band][tier];
    }

    /**
     * @return offset of the band clock from UTC, seconds.
     */
    public int utcOffsetSeconds()
    {
        return utcOffsetSeconds;
    }

    /**
     * @return grant for an empty Requested-Service-Unit.
     */
    public long defaultGrantUnits()
    {
        return defaultGrantUnits;
    }

    /**
     * @return largest grant.
     */
    public long maxGrantUnits()
    {
        return maxGrantUnits;
    }

    /**
     * @return Validity-Time of a grant, seconds (cut at the next band boundary).
     */
    public long validityTimeSec()
    {
        return validityTimeSec;
    }

    /**
     * @return quota threshold (units left at which the client re-requests), 0 = none.
     */
    public long quotaThresholdUnits()
    {
        return quotaThresholdUnits;
    }

    /**
     * @return Quota-Holding-Time, seconds, 0 = none.
     */
    public long quotaHoldingTimeSec()
    {
        return quotaHoldingTimeSec;
    }

    /**
     * @return {@link FinalUnitAction} for final grants.
     */
    public int finalUnitAction()
    {
        return finalUnitAction;
    }

    /**
     * @return Redirect-Server-Address for REDIRECT, or empty.
     */
    public String redirectAddress()
    {
        return redirectAddress;
    }

    /**
     * @return Filter-Id for RESTRICT_ACCESS, or empty.
     */
    public String filterId()
    {
        return filterId;
    }

    /**
     * @return Redirect-Address-Type for REDIRECT (RFC 4006 §8.38: 0 IPv4, 1 IPv6, 2 URL, 3 SIP URI).
     */
    public int redirectAddressType()
    {
        return redirectAddressType;
    }

    /**
     * @return Restriction-Filter-Rules (IPFilterRule text) for RESTRICT_ACCESS, possibly empty.
     */
    public List<String> restrictionFilterRules()
    {
        return restrictionFilterRules;
    }

    @Override
    public String toString()
    {
        return "Tariff{id=" + tariffId + ", rg=" + ratingGroup + ", name='" + name + "', unit=" +
            UnitType.name(unitType) + ", quantum=" + quantumUnits + ", tiers=" + Arrays.toString(tierFromUnits) +
            ", bands=" + Arrays.toString(bandStartSecond) + ", prices=" + Arrays.deepToString(pricePerQuantumMinor) +
            ", utcOffset=" + utcOffsetSeconds + ", defaultGrant=" + defaultGrantUnits + ", maxGrant=" +
            maxGrantUnits + ", validity=" + validityTimeSec + "s, threshold=" + quotaThresholdUnits + ", qht=" +
            quotaHoldingTimeSec + "s, fua=" + finalUnitAction + '}';
    }

    /** Fluent builder; {@link #build()} validates and names the bad value. */
    public static final class Builder
    {
        private final long ratingGroup;
        private String name = "";
        private int unitType = UnitType.OCTETS;
        private long quantumUnits = 1;
        private long[] tierFromUnits = {0};
        private final List<Integer> bandStarts = new ArrayList<>();
        private final List<long[]> bandPrices = new ArrayList<>();
        private long singlePriceMinor = -1;
        private int utcOffsetSeconds;
        private long defaultGrantUnits = -1;
        private long maxGrantUnits = -1;
        private long validityTimeSec = 3600;
        private long quotaThresholdUnits;
        private long quotaHoldingTimeSec;
        private int finalUnitAction = FinalUnitAction.TERMINATE;
        private String redirectAddress = "";
        private String filterId = "";
        private int redirectAddressType = REDIRECT_URL;
        private List<String> restrictionFilterRules = List.of();

        private Builder(final long ratingGroup)
        {
            this.ratingGroup = ratingGroup;
        }

        /**
         * @param name display name.
         * @return this.
         */
        public Builder name(final String name)
        {
            this.name = name == null ? "" : name;
            return this;
        }

        /**
         * @param unitType {@link UnitType}.
         * @return this.
         */
        public Builder unitType(final int unitType)
        {
            this.unitType = unitType;
            return this;
        }

        /**
         * @param quantumUnits units per priced quantum, more than 0.
         * @return this.
         */
        public Builder quantumUnits(final long quantumUnits)
        {
            this.quantumUnits = quantumUnits;
            return this;
        }

        /**
         * One price all day for a single tier.
         *
         * @param priceMinor price of one quantum in minor units.
         * @return this.
         */
        public Builder pricePerQuantumMinor(final long priceMinor)
        {
            this.singlePriceMinor = priceMinor;
            return this;
        }

        /**
         * Usage-tier thresholds: the first must be 0, then strictly ascending.
         *
         * @param fromUnits cumulative period usage from which each tier applies.
         * @return this.
         */
        public Builder tiers(final long... fromUnits)
        {
            this.tierFromUnits = fromUnits.clone();
            return this;
        }

        /**
         * A time-of-day band and its price per tier.
         *
         * @param startSecondOfDay local second of day at which the band starts.
         * @param pricePerTierMinor price of one quantum per tier.
         * @return this.
         */
        public Builder band(final int startSecondOfDay, final long... pricePerTierMinor)
        {
            bandStarts.add(startSecondOfDay);
            bandPrices.add(pricePerTierMinor.clone());
            return this;
        }

        /**
         * @param seconds offset of the band clock from UTC.
         * @return this.
         */
        public Builder utcOffsetSeconds(final int seconds)
        {
            this.utcOffsetSeconds = seconds;
            return this;
        }

        /**
         * @param units grant for an empty RSU.
         * @return this.
         */
        public Builder defaultGrantUnits(final long units)
        {
            this.defaultGrantUnits = units;
            return this;
        }

        /**
         * @param units largest grant (defaults to the default grant).
         * @return this.
         */
        public Builder maxGrantUnits(final long units)
        {
            this.maxGrantUnits = units;
            return this;
        }

        /**
         * @param seconds Validity-Time of a grant.
         * @return this.
         */
        public Builder validityTimeSec(final long seconds)
        {
            this.validityTimeSec = seconds;
            return this;
        }

        /**
         * @param units quota threshold, 0 = none.
         * @return this.
         */
        public Builder quotaThresholdUnits(final long units)
        {
            this.quotaThresholdUnits = units;
            return this;
        }

        /**
         * @param seconds Quota-Holding-Time, 0 = none.
         * @return this.
         */
        public Builder quotaHoldingTimeSec(final long seconds)
        {
            this.quotaHoldingTimeSec = seconds;
            return this;
        }

        /**
         * @param action {@link FinalUnitAction}.
         * @return this.
         */
        public Builder finalUnitAction(final int action)
        {
            this.finalUnitAction = action;
            return this;
        }

        /**
         * @param address Redirect-Server-Address.
         * @return this.
         */
        public Builder redirectAddress(final String address)
        {
            this.redirectAddress = address == null ? "" : address;
            return this;
        }

        /**
         * @param filterId Filter-Id for RESTRICT_ACCESS.
         * @return this.
         */
        public Builder filterId(final String filterId)
        {
            this.filterId = filterId == null ? "" : filterId;
            return this;
        }

        /**
         * @param type Redirect-Address-Type for REDIRECT (0 IPv4, 1 IPv6, 2 URL, 3 SIP URI).
         * @return this.
         */
        public Builder redirectAddressType(final int type)
        {
            this.redirectAddressType = type;
            return this;
        }

        /**
         * @param rules Restriction-Filter-Rules for RESTRICT_ACCESS.
         * @return this.
         */
        public Builder restrictionFilterRules(final List<String> rules)
        {
            this.restrictionFilterRules = null == rules ? List.of() : List.copyOf(rules);
            return this;
        }

        /**
         * Validate and build.
         *
         * @return the tariff (id 0 until the ledger accepts it).
         * @throws IllegalArgumentException naming the bad value.
         */
        public Tariff build()
        {
            final int[] starts;
            final long[][] prices;
            if (bandStarts.isEmpty())
            {
                if (singlePriceMinor < 0)
                {
                    throw new IllegalArgumentException("tariff rg=" + ratingGroup + ": set a price or bands");
                }
                starts = new int[]{0};
                prices = new long[1][tierFromUnits.length];
                Arrays.fill(prices[0], singlePriceMinor);
            }
            else
            {
                starts = new int[bandStarts.size()];
                prices = new long[bandStarts.size()][];
                for (int i = 0; i < starts.length; i++)
                {
                    starts[i] = bandStarts.get(i);
                    prices[i] = bandPrices.get(i);
                }
            }
            final long grant = defaultGrantUnits < 0 ? quantumUnits : defaultGrantUnits;
            final long max = maxGrantUnits < 0 ? Math.max(grant, 1) : maxGrantUnits;
            final Tariff tariff = new Tariff(0, ratingGroup, name, unitType, quantumUnits, tierFromUnits.clone(),
                starts, prices, utcOffsetSeconds, grant, max, validityTimeSec, quotaThresholdUnits,
                quotaHoldingTimeSec, finalUnitAction, redirectAddress, filterId, redirectAddressType,
                restrictionFilterRules);
            final String error = validate(tariff);
            if (error != null)
            {
                throw new IllegalArgumentException(error);
            }
            return tariff;
        }
    }

    /**
     * Check every field and cross-field rule.
     *
     * @param t tariff.
     * @return null when valid, else the problem naming the value.
     */
    static String validate(final Tariff t)
    {
        final String at = "tariff rg=" + t.ratingGroup + ": ";
        if (t.ratingGroup < DEFAULT_RATING_GROUP)
        {
            return at + "rating group must be -1 (default) or non-negative";
        }
        if (!UnitType.isValid(t.unitType))
        {
            return at + "unit type unknown: " + t.unitType;
        }
        if (t.quantumUnits <= 0)
        {
            return at + "quantum must be positive: " + t.quantumUnits;
        }
        if (t.tierFromUnits.length == 0 || t.tierFromUnits.length > MAX_TIERS || t.tierFromUnits[0] != 0)
        {
            return at + "tiers must be 1.." + MAX_TIERS + " thresholds starting at 0: " +
                Arrays.toString(t.tierFromUnits);
        }
        for (int i = 1; i < t.tierFromUnits.length; i++)
        {
            if (t.tierFromUnits[i] <= t.tierFromUnits[i - 1])
            {
                return at + "tier thresholds must ascend strictly: " + Arrays.toString(t.tierFromUnits);
            }
        }
        if (t.bandStartSecond.length == 0 || t.bandStartSecond.length > MAX_BANDS)
        {
            return at + "bands must number 1.." + MAX_BANDS + ": " + t.bandStartSecond.length;
        }
        for (int i = 0; i < t.bandStartSecond.length; i++)
        {
            final int start = t.bandStartSecond[i];
            if (start < 0 || start >= SECONDS_PER_DAY || (i > 0 && start <= t.bandStartSecond[i - 1]))
            {
                return at + "band starts must ascend strictly within 0.." + (SECONDS_PER_DAY - 1) + ": " +
                    Arrays.toString(t.bandStartSecond);
            }
            if (t.pricePerQuantumMinor[i].length != t.tierFromUnits.length)
            {
                return at + "band " + i + " needs one price per tier (" + t.tierFromUnits.length + "): " +
                    Arrays.toString(t.pricePerQuantumMinor[i]);
            }
            for (final long price : t.pricePerQuantumMinor[i])
            {
                if (price < 0)
                {
                    return at + "price must not be negative: " + price;
                }
            }
        }
        if (Math.abs(t.utcOffsetSeconds) > MAX_UTC_OFFSET_SECONDS)
        {
            return at + "UTC offset outside +-" + MAX_UTC_OFFSET_SECONDS + " s: " + t.utcOffsetSeconds;
        }
        if (t.defaultGrantUnits <= 0)
        {
            return at + "default grant must be positive: " + t.defaultGrantUnits;
        }
        if (t.maxGrantUnits < t.defaultGrantUnits)
        {
            return at + "maximum grant " + t.maxGrantUnits + " is below the default grant " + t.defaultGrantUnits;
        }
        if (t.validityTimeSec <= 0)
        {
            return at + "validity time must be positive: " + t.validityTimeSec;
        }
        if (t.quotaThresholdUnits < 0 || t.quotaHoldingTimeSec < 0)
        {
            return at + "threshold and holding time must not be negative";
        }
        if (t.redirectAddressType < 0 || t.redirectAddressType > MAX_REDIRECT_ADDRESS_TYPE)
        {
            return at + "redirect address type out of range (0-3): " + t.redirectAddressType;
        }
        if (t.restrictionFilterRules.size() > MAX_FILTER_RULES)
        {
            return at + "too many restriction filter rules: " + t.restrictionFilterRules.size();
        }
        if (!FinalUnitAction.isValid(t.finalUnitAction))
        {
            return at + "final unit action unknown: " + t.finalUnitAction;
        }
        return null;
    }
}
