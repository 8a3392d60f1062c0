package io.gyro.simulator;

import io.gyro.config.ConfigurationLoader;
import io.gyro.config.model.GyroConfiguration;
import io.gyro.config.model.RadiusClient;
import io.gyro.config.model.TariffConfiguration;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the server's {@code config/gyro.yaml} ({@code --config FILE}) through the {@code gyro-config} module, so
 * that a run matches the server it talks to without repeating its settings: the tariffs the expected costs are
 * computed with, the demo subscriber range, the ports, the realm, the RADIUS secret and password, and the admin
 * API's address and token. Options given explicitly win over the file.
 */
public final class ServerConfiguration
{
    private ServerConfiguration()
    {
    }

    /**
     * @param file the server's configuration; {@code GYRO_*} environment overrides apply as they do for the server.
     * @return the typed configuration.
     */
    public static GyroConfiguration load(final Path file)
    {
        return ConfigurationLoader.load(file, System.getenv(), List.of());
    }

    /**
     * @param configuration the server's configuration.
     * @return its flat tariffs (time bands and tiers cannot be predicted by the simulator and are refused).
     */
    public static List<Tariff> tariffs(final GyroConfiguration configuration)
    {
        final List<Tariff> tariffs = new ArrayList<>();
        for (final TariffConfiguration tariff : configuration.tariffs())
        {
            if (tariff.isDefault())
            {
                continue;
            }
            if (!tariff.bands().isEmpty() || !tariff.tiers().isEmpty())
            {
                throw new IllegalArgumentException("tariff of rating group " + tariff.ratingGroup() +
                    " has time bands or tiers, which the simulator cannot predict costs for");
            }
            tariffs.add(new Tariff(tariff.ratingGroup(), UnitType.valueOf(tariff.unit().name()), tariff.quantumUnits(),
                tariff.priceMinor()));
        }
        return tariffs;
    }

    /**
     * @param configuration the server's configuration.
     * @return the demo subscribers as a range.
     */
    public static SubscriberRange demoRange(final GyroConfiguration configuration)
    {
        final var demo = configuration.demo().subscribers();
        return new SubscriberRange(demo.msisdnStart(), demo.imsiStart(), demo.count());
    }

    /**
     * @param configuration the server's configuration.
     * @return the admin API's base URL.
     */
    public static URI adminUrl(final GyroConfiguration configuration)
    {
        final var admin = configuration.admin();
        final String host = admin.bindAddress().contains(":") ? "[" + admin.bindAddress() + "]" : admin.bindAddress();
        return URI.create((null != admin.tls() && admin.tls().enabled() ? "https" : "http") + "://" + host + ":" +
            admin.port());
    }

    /**
     * @param configuration the server's configuration.
     * @return the first RADIUS client's entry (the secret and rating group a loopback NAS gets), or null.
     */
    public static RadiusClient radiusClient(final GyroConfiguration configuration)
    {
        return configuration.radius().clients().isEmpty() ? null : configuration.radius().clients().get(0);
    }
}
