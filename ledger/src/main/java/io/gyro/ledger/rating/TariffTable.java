package io.gyro.ledger.rating;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable set of tariffs, one per rating group, plus an optional {@code default} tariff for rating groups
 * without one. As a SET_TARIFFS payload its version is 0; the ledger assigns the version and tariff ids when it
 * journals the table.
 */
public final class TariffTable
{
    /** Tariffs in one table: rating groups are Unsigned32, but real deployments use tens to hundreds. */
    public static final int MAX_TARIFFS = 4096;

    private final long version;
    private final List<Tariff> tariffs;
    private final Long2ObjectHashMap<Tariff> byRatingGroup = new Long2ObjectHashMap<>();
    private final Tariff defaultTariff;

    TariffTable(final long version, final List<Tariff> tariffs)
    {
        this.version = version;
        this.tariffs = Collections.unmodifiableList(new ArrayList<>(tariffs));
        Tariff fallback = null;
        for (final Tariff tariff : tariffs)
        {
            if (tariff.ratingGroup() == Tariff.DEFAULT_RATING_GROUP)
            {
                fallback = tariff;
            }
            else
            {
                byRatingGroup.put(tariff.ratingGroup(), tariff);
            }
        }
        this.defaultTariff = fallback;
    }

    /**
     * An empty table (version 0): every rating fails until SET_TARIFFS.
     *
     * @return the empty table.
     */
    public static TariffTable empty()
    {
        return new TariffTable(0, List.of());
    }

    /**
     * Start a table.
     *
     * @return a builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return ledger-assigned version, 0 for a payload not yet accepted.
     */
    public long version()
    {
        return version;
    }

    /**
     * @return tariffs in insertion order.
     */
    public List<Tariff> tariffs()
    {
        return tariffs;
    }

    /**
     * Tariff for a rating group, falling back to the default tariff. Allocation-free.
     *
     * @param ratingGroup rating group, or -1 for command level.
     * @return the tariff, or null when neither exists (RATING_FAILED).
     */
    public Tariff lookup(final long ratingGroup)
    {
        if (ratingGroup >= 0)
        {
            final Tariff tariff = byRatingGroup.get(ratingGroup);
            if (tariff != null)
            {
                return tariff;
            }
        }
        return defaultTariff;
    }

    /**
     * @return the default tariff or null.
     */
    public Tariff defaultTariff()
    {
        return defaultTariff;
    }

    /** Collects tariffs; {@link #build()} rejects duplicates. */
    public static final class Builder
    {
        private final List<Tariff> tariffs = new ArrayList<>();

        /**
         * @param tariff tariff to include.
         * @return this.
         */
        public Builder tariff(final Tariff tariff)
        {
            tariffs.add(tariff);
            return this;
        }

        /**
         * @return the table (version 0).
         * @throws IllegalArgumentException on duplicate rating groups or too many tariffs.
         */
        public TariffTable build()
        {
            final String error = validate(tariffs);
            if (error != null)
            {
                throw new IllegalArgumentException(error);
            }
            return new TariffTable(0, tariffs);
        }
    }

    /**
     * Validate a table's tariffs.
     *
     * @param tariffs tariffs.
     * @return null when valid, else the problem.
     */
    static String validate(final List<Tariff> tariffs)
    {
        if (tariffs.size() > MAX_TARIFFS)
        {
            return "tariff table has " + tariffs.size() + " tariffs, limit " + MAX_TARIFFS;
        }
        final Long2ObjectHashMap<Tariff> seen = new Long2ObjectHashMap<>();
        for (final Tariff tariff : tariffs)
        {
            final String error = Tariff.validate(tariff);
            if (error != null)
            {
                return error;
            }
            if (seen.put(tariff.ratingGroup(), tariff) != null)
            {
                return "tariff table has two tariffs for rating group " + tariff.ratingGroup();
            }
        }
        return null;
    }
}
