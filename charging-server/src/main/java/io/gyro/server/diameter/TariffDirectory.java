package io.gyro.server.diameter;

import io.gyro.config.model.TariffConfiguration;
import io.gyro.ledger.UnitType;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.List;

/**
 * What the protocol side needs to know about tariffs, read-only and swapped whole on a tariff change: the unit
 * each rating group is charged in (to pick CC-Time, octets or service units out of RSU/USU) and its
 * Final-Unit-Indication policy. The ledger stays the authority on prices and grants.
 */
public final class TariffDirectory
{
    private final Long2LongHashMap unitTypes = new Long2LongHashMap(0);
    private final Long2ObjectHashMap<FinalUnitPolicy> finalUnitPolicies = new Long2ObjectHashMap<>();

    /**
     * @param tariffs configured tariffs ({@code default} under {@link TariffConfiguration#DEFAULT_RATING_GROUP}).
     */
    public TariffDirectory(final List<TariffConfiguration> tariffs)
    {
        for (final TariffConfiguration tariff : tariffs)
        {
            final long unit = switch (tariff.unit())
            {
                case OCTETS -> UnitType.OCTETS;
                case SECONDS -> UnitType.SECONDS;
                case EVENTS -> UnitType.EVENTS;
            };
            unitTypes.put(tariff.ratingGroup(), unit);
            finalUnitPolicies.put(tariff.ratingGroup(), FinalUnitPolicy.of(tariff));
        }
    }

    /**
     * @param ratingGroup a rating group, or -1 for command-level units.
     * @return its {@link UnitType}, the {@code default} tariff's when it has none, or 0 when neither exists.
     */
    public int unitType(final long ratingGroup)
    {
        final long unit = unitTypes.get(ratingGroup);
        return (int)(0 != unit ? unit : unitTypes.get(TariffConfiguration.DEFAULT_RATING_GROUP));
    }

    Long2ObjectHashMap<FinalUnitPolicy> finalUnitPolicies()
    {
        return finalUnitPolicies;
    }
}
