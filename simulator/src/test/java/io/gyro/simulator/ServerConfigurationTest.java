package io.gyro.simulator;

import io.gyro.config.ConfigurationLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerConfigurationTest
{
    @TempDir
    Path dir;

    private Path bundledWith(final String from, final String to) throws IOException
    {
        final String yaml = ConfigurationLoader.bundledYaml();
        final String changed = yaml.replace(from, to);
        final Path file = dir.resolve("gyro.yaml");
        Files.writeString(file, changed);
        return file;
    }

    @Test
    void shouldMatchTheBundledDemoWhenReadFromTheServersFile() throws IOException
    {
        final SimulatorOptions options = new SimulatorOptions().config(bundledWith("", "")).conclude();
        assertEquals(TariffTable.DEMO_DATA, options.tariff(ServiceKind.DATA));
        assertEquals(TariffTable.DEMO_VOICE, options.tariff(ServiceKind.VOICE));
        assertEquals(TariffTable.DEMO_EVENT, options.tariff(ServiceKind.EVENT));
        assertEquals(SubscriberRange.demo(), options.subscribers());
        assertEquals("localdomain", options.destinationRealm());
        assertEquals(3868, options.port());
    }

    @Test
    void shouldFollowTheServersTariffsAndRangeButLetExplicitOptionsWin() throws IOException
    {
        final Path file = bundledWith("msisdn-start: 491700000000", "msisdn-start: 491800000000");
        Files.writeString(file, Files.readString(file).replaceFirst("price: \"0.0100\"", "price: \"0.0250\""));

        final SimulatorOptions fromFile = new SimulatorOptions().config(file).conclude();
        assertEquals(250, fromFile.tariff(ServiceKind.DATA).priceMinor(), "0.0250 at money scale 4");
        assertEquals(491_800_000_000L, fromFile.subscribers().msisdnStart());

        final SimulatorOptions explicit = SimulatorOptions.parse(new String[] {"--config", file.toString(),
            "--subscribers", "491700000000:10", "--port", "3999", "--tariff", "rg=10,unit=octets,quantum=1,price=1"});
        assertEquals(new SubscriberRange(491_700_000_000L, SubscriberRange.DEMO_IMSI_START, 10), explicit.subscribers());
        assertEquals(3999, explicit.port());
        assertEquals(1, explicit.tariff(ServiceKind.DATA).priceMinor());
    }

    @Test
    void shouldTakeTheRadiusSecretPasswordAndPortsInRadiusMode() throws IOException
    {
        final SimulatorOptions options = SimulatorOptions.parse(new String[] {"--mode", "radius", "--config",
            bundledWith("secret: testing123", "secret: s3cret-for-nas").toString()});
        assertEquals("s3cret-for-nas", options.radiusSecret());
        assertEquals("gyro-demo", options.radiusPassword());
        assertEquals(1812, options.port());
        assertEquals(1813, options.acctPort());
        assertEquals(10, options.ratingGroup(ServiceKind.DATA));
    }
}
