package io.gyro.config.model;

import java.util.List;

/**
 * The whole, validated configuration of one Gyro server: what {@code gyro.yaml} plus environment and
 * command-line overrides resolve to. Immutable; build it with {@code io.gyro.config.ConfigurationLoader}.
 *
 * @param mode        production or pilot (never deny service, only report).
 * @param node        this node's Diameter identity and data directory.
 * @param diameter    the Diameter Gy/Ro listener and its peers.
 * @param radius      the RADIUS listeners, CoA sender and NAS clients.
 * @param ledger      the single-writer ledger, its ring and journal.
 * @param tariffs     one tariff per rating group, at most one of them the {@code default} tariff.
 * @param demo        generated and explicit demo subscribers.
 * @param admin       the admin HTTP API.
 * @param cdr         the CDR writer.
 * @param logging     logging.
 */
public record GyroConfiguration(
    Mode mode,
    NodeConfiguration node,
    DiameterConfiguration diameter,
    RadiusConfiguration radius,
    LedgerConfiguration ledger,
    List<TariffConfiguration> tariffs,
    DemoConfiguration demo,
    AdminConfiguration admin,
    CdrConfiguration cdr,
    LoggingConfiguration logging)
{
    /** Copies the list so the record stays immutable. */
    public GyroConfiguration
    {
        tariffs = List.copyOf(tariffs);
    }

    /** @return whether the server runs in pilot mode (rates and records, never denies). */
    public boolean isPilot()
    {
        return Mode.PILOT == mode;
    }

    /**
     * @param ratingGroup a Rating-Group (AVP 432) value.
     * @return the tariff of exactly that rating group, else the {@code default} tariff, else null
     *         (the server then answers 5031 RATING_FAILED).
     */
    public TariffConfiguration tariffFor(final long ratingGroup)
    {
        TariffConfiguration fallback = null;
        for (final TariffConfiguration tariff : tariffs)
        {
            if (tariff.ratingGroup() == ratingGroup)
            {
                return tariff;
            }
            if (tariff.isDefault())
            {
                fallback = tariff;
            }
        }
        return fallback;
    }
}
