package io.gyro.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tariffs the simulator predicts costs with, keyed by rating group. Today they come from {@code --tariff}
 * options with the bundled demo tariffs as defaults; once the {@code gyro-config} module lands they can be built
 * from {@code config/gyro.yaml} through {@link #of(Collection)} instead, which is why this is a plain value with
 * no option parsing of its own.
 */
public final class TariffTable
{
    /** Demo data tariff: 0.0100 per started MiB at money scale 4. */
    public static final Tariff DEMO_DATA = new Tariff(10, UnitType.OCTETS, 1_048_576, 100);
    /** Demo voice tariff: 0.0100 per started second. */
    public static final Tariff DEMO_VOICE = new Tariff(20, UnitType.SECONDS, 1, 100);
    /** Demo event tariff: 0.0500 per event. */
    public static final Tariff DEMO_EVENT = new Tariff(30, UnitType.EVENTS, 1, 500);

    private final Map<Long, Tariff> byRatingGroup;

    private TariffTable(final Map<Long, Tariff> byRatingGroup)
    {
        this.byRatingGroup = Collections.unmodifiableMap(byRatingGroup);
    }

    /** @return the bundled demo tariffs (rating groups 10, 20, 30). */
    public static TariffTable demo()
    {
        return of(List.of(DEMO_DATA, DEMO_VOICE, DEMO_EVENT));
    }

    /**
     * @param tariffs one per rating group; a later entry for the same rating group replaces an earlier one.
     * @return the table.
     */
    public static TariffTable of(final Collection<Tariff> tariffs)
    {
        final Map<Long, Tariff> map = new LinkedHashMap<>();
        for (final Tariff tariff : tariffs)
        {
            map.put(tariff.ratingGroup(), tariff);
        }
        return new TariffTable(map);
    }

    /**
     * @param overrides tariffs given on the command line, replacing the same rating groups of this table.
     * @return a new table.
     */
    public TariffTable with(final Collection<Tariff> overrides)
    {
        final List<Tariff> all = new ArrayList<>(byRatingGroup.values());
        all.addAll(overrides);
        return of(all);
    }

    /**
     * @param ratingGroup Rating-Group.
     * @return its tariff, or null.
     */
    public Tariff get(final long ratingGroup)
    {
        return byRatingGroup.get(ratingGroup);
    }

    /** @return every tariff in rating-group order of definition. */
    public Collection<Tariff> all()
    {
        return byRatingGroup.values();
    }
}
