package io.gyro.server.diameter;

import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.rating.TariffTable;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * What the protocol side needs to know about the journaled tariffs, read-only and swapped whole on a tariff
 * change: the unit each rating group is charged in (to pick CC-Time, octets or service units out of RSU/USU) and
 * its Final-Unit-Indication policy. The ledger stays the authority on prices and grants.
 */
public final class TariffDirectory
{
    private final Long2LongHashMap unitTypes = new Long2LongHashMap(0);
    private final Long2ObjectHashMap<FinalUnitPolicy> finalUnitPolicies = new Long2ObjectHashMap<>();

    /**
     * @param table the tariff table in force (the {@code default} tariff under rating group -1).
     */
    public TariffDirectory(final TariffTable table)
    {
        for (final Tariff tariff : table.tariffs())
        {
            unitTypes.put(tariff.ratingGroup(), tariff.unitType());
            finalUnitPolicies.put(tariff.ratingGroup(), FinalUnitPolicy.of(tariff));
        }
    }

    /**
     * @param ratingGroup a rating group, or -1 for the {@code default} tariff.
     * @return its {@link io.gyro.ledger.UnitType}, the {@code default} tariff's when it has none, or 0 when neither
     * exists.
     */
    public int unitType(final long ratingGroup)
    {
        final long unit = unitTypes.get(ratingGroup);
        return (int)(0 != unit ? unit : unitTypes.get(Tariff.DEFAULT_RATING_GROUP));
    }

    Long2ObjectHashMap<FinalUnitPolicy> finalUnitPolicies()
    {
        return finalUnitPolicies;
    }
}
