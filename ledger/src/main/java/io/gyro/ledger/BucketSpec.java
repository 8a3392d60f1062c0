package io.gyro.ledger;

/**
 * A unit bucket to add (ADD_BUCKET payload, or part of an {@link AccountSpec}): an allowance such as 5 GiB of
 * data for rating group 10 until the end of the month. Admin path: allocation is fine here.
 */
public final class BucketSpec
{
    /** Rating group scope meaning "any rating group of this unit type". */
    public static final long ANY_RATING_GROUP = -1;
    /** Expiry meaning "never". */
    public static final long NEVER_EXPIRES = 0;

    private final int unitType;
    private final long units;
    private final long ratingGroup;
    private final long expiryMs;

    /**
     * @param unitType    {@link UnitType} of the units.
     * @param units       allowance, 1..{@link LedgerLimits#MAX_BUCKET_UNITS}.
     * @param ratingGroup scope, or {@link #ANY_RATING_GROUP}.
     * @param expiryMs    epoch ms after which unused units expire, or {@link #NEVER_EXPIRES}.
     */
    public BucketSpec(final int unitType, final long units, final long ratingGroup, final long expiryMs)
    {
        this.unitType = unitType;
        this.units = units;
        this.ratingGroup = ratingGroup;
        this.expiryMs = expiryMs;
    }

    /**
     * @return the {@link UnitType}.
     */
    public int unitType()
    {
        return unitType;
    }

    /**
     * @return the allowance in units.
     */
    public long units()
    {
        return units;
    }

    /**
     * @return the rating-group scope or {@link #ANY_RATING_GROUP}.
     */
    public long ratingGroup()
    {
        return ratingGroup;
    }

    /**
     * @return expiry epoch ms or {@link #NEVER_EXPIRES}.
     */
    public long expiryMs()
    {
        return expiryMs;
    }

    /**
     * Validate the fields.
     *
     * @return null when valid, else what is wrong.
     */
    public String validate()
    {
        if (!UnitType.isValid(unitType))
        {
            return "bucket unit type unknown: " + unitType;
        }
        if (units <= 0 || units > LedgerLimits.MAX_BUCKET_UNITS)
        {
            return "bucket units must be 1.." + LedgerLimits.MAX_BUCKET_UNITS + ": " + units;
        }
        if (ratingGroup < ANY_RATING_GROUP)
        {
            return "bucket rating group must be -1 or non-negative: " + ratingGroup;
        }
        if (expiryMs < 0)
        {
            return "bucket expiry must be 0 (never) or epoch ms: " + expiryMs;
        }
        return null;
    }

    @Override
    public String toString()
    {
        return "BucketSpec{" + UnitType.name(unitType) + " " + units + " rg=" + ratingGroup + " expiryMs=" + expiryMs + '}';
    }
}
