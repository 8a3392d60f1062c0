package io.gyro.config;

import io.gyro.config.model.DemoAccount;
import io.gyro.config.model.DemoSubscribers;
import io.gyro.config.model.DiameterPeer;
import io.gyro.config.model.FinalUnitAction;
import io.gyro.config.model.GyroConfiguration;
import io.gyro.config.model.JournalSync;
import io.gyro.config.model.Mode;
import io.gyro.config.model.RadiusClient;
import io.gyro.config.model.RadiusVendor;
import io.gyro.config.model.TariffConfiguration;
import io.gyro.config.model.UnitType;
import io.gyro.config.model.WaitStrategy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled {@code config/gyro.yaml} is exactly the demo set-up of issue 4. */
class BundledConfigurationTest
{
    /** The file at the module root, as the launcher uses it. */
    static final Path BUNDLED_FILE = Path.of("gyro.yaml");

    private final GyroConfiguration config = ConfigurationLoader.load(BUNDLED_FILE, Map.of(), List.of());

    @Test
    void shouldPackageTheSameFileThatSitsInTheConfigDirectory() throws Exception
    {
        assertEquals(Files.readString(BUNDLED_FILE, StandardCharsets.UTF_8), ConfigurationLoader.bundledYaml());
        assertEquals(config, ConfigurationLoader.bundled());
    }

    @Test
    void shouldKeepMoneyAtFourDecimalPlaces()
    {
        assertEquals(4, config.ledger().moneyScale());
        assertEquals(10_000L, config.ledger().minorUnitsPerMajor());
        assertEquals(Mode.PRODUCTION, config.mode());
    }

    @Test
    void shouldGenerateOneHundredThousandDemoSubscribers()
    {
        assertTrue(config.demo().enabled());
        final DemoSubscribers subscribers = config.demo().subscribers();
        assertEquals(100_000, subscribers.count());
        assertEquals(491_700_000_000L, subscribers.msisdn(0));
        assertEquals(491_700_099_999L, subscribers.msisdn(99_999));
        assertEquals(262_010_000_000_000L, subscribers.imsi(0));
        assertEquals(262_010_000_099_999L, subscribers.imsi(99_999));
        assertEquals(1_000_000L, subscribers.balanceMinor(), "100.00 at scale 4");
        assertEquals("gyro-demo", subscribers.password().reveal());
    }

    @Test
    void shouldHaveTheTwoEdgeCaseAccounts()
    {
        final List<DemoAccount> accounts = config.demo().accounts();
        assertEquals(2, accounts.size());
        assertEquals("491709999990", accounts.get(0).msisdn());
        assertEquals(0L, accounts.get(0).balanceMinor());
        assertEquals("491709999991", accounts.get(1).msisdn());
        assertEquals(500L, accounts.get(1).balanceMinor(), "0.0500 at scale 4");
        for (final DemoAccount account : accounts)
        {
            assertNull(account.imsi());
            assertEquals(0L, account.creditLimitMinor());
            assertEquals("gyro-demo", account.password().reveal(), "inherits the demo password");
        }
    }

    @Test
    void shouldPriceDataPerStartedMebibyte()
    {
        final TariffConfiguration data = config.tariffFor(10);
        assertEquals(10L, data.ratingGroup());
        assertEquals(UnitType.OCTETS, data.unit());
        assertEquals(1_048_576L, data.quantumUnits());
        assertEquals(100L, data.priceMinor(), "0.0100 at scale 4");
        assertEquals(10L * 1_048_576, data.defaultGrantUnits());
        assertEquals(100L * 1_048_576, data.maxGrantUnits());
        assertEquals(600L, data.validityTimeSeconds());
        assertEquals(FinalUnitAction.TERMINATE, data.finalUnitAction());
    }

    @Test
    void shouldPriceVoicePerStartedSecond()
    {
        final TariffConfiguration voice = config.tariffFor(20);
        assertEquals(20L, voice.ratingGroup());
        assertEquals(UnitType.SECONDS, voice.unit());
        assertEquals(1L, voice.quantumUnits());
        assertEquals(100L, voice.priceMinor());
        assertEquals(300L, voice.defaultGrantUnits());
    }

    @Test
    void shouldPriceMessagesPerEvent()
    {
        final TariffConfiguration messaging = config.tariffFor(30);
        assertEquals(30L, messaging.ratingGroup());
        assertEquals(UnitType.EVENTS, messaging.unit());
        assertEquals(1L, messaging.quantumUnits());
        assertEquals(500L, messaging.priceMinor(), "0.0500 at scale 4");
    }

    @Test
    void shouldHaveNoDefaultTariff()
    {
        assertEquals(3, config.tariffs().size());
        assertFalse(config.tariffs().stream().anyMatch(TariffConfiguration::isDefault));
        assertNull(config.tariffFor(40));
    }

    @Test
    void shouldAcceptAnyDiameterPeerFromLoopbackOn3868() throws Exception
    {
        assertTrue(config.diameter().enabled());
        assertEquals("127.0.0.1", config.diameter().bindAddress());
        assertEquals(3868, config.diameter().port());
        assertEquals(1, config.diameter().peers().size());
        final DiameterPeer peer = config.diameter().peers().get(0);
        assertTrue(peer.matchesAnyHost());
        assertNotNull(config.diameter().findPeer("pgw1.example.net", InetAddress.getByName("127.0.0.1")));
        assertNotNull(config.diameter().findPeer("smf.example.net", InetAddress.getByName("::1")));
        assertNull(config.diameter().findPeer("pgw1.example.net", InetAddress.getByName("192.0.2.1")));
        assertEquals(List.of("localdomain"), config.diameter().servedRealms());
        assertEquals(978, config.diameter().currencyCode());
        assertEquals("gyro.localdomain", config.node().originHost());
    }

    @Test
    void shouldAcceptTheLoopbackNasWithTheTestingSecret() throws Exception
    {
        assertTrue(config.radius().enabled());
        assertEquals(1812, config.radius().authPort());
        assertEquals(1813, config.radius().acctPort());
        assertEquals(1, config.radius().clients().size());
        final RadiusClient nas = config.radius().findClient(InetAddress.getByName("127.0.0.1"));
        assertNotNull(nas);
        assertEquals("127.0.0.0/8", nas.address().toString());
        assertEquals("testing123", nas.secret().reveal());
        assertEquals(RadiusVendor.GENERIC, nas.vendor());
        assertEquals(10L, nas.ratingGroup());
        assertNull(config.radius().findClient(InetAddress.getByName("192.0.2.1")));
    }

    @Test
    void shouldServeTheAdminApiOnLoopback8080()
    {
        assertTrue(config.admin().enabled());
        assertEquals("127.0.0.1", config.admin().bindAddress());
        assertEquals(8080, config.admin().port());
        assertTrue(config.admin().token().lengthInBytes() >= ConfigurationKeys.MIN_ADMIN_TOKEN_LENGTH);
        assertFalse(config.admin().tls().enabled());
    }

    @Test
    void shouldBeSafeAndGentleOnATwoCoreBox()
    {
        assertEquals(JournalSync.BATCH, config.ledger().journalSync());
        assertEquals(WaitStrategy.SLEEPING, config.ledger().waitStrategy());
        assertEquals(Path.of("data", "cdr"), config.cdr().dir());
    }

    @Test
    void shouldCommentEveryValue() throws Exception
    {
        for (final String line : Files.readAllLines(BUNDLED_FILE, StandardCharsets.UTF_8))
        {
            final String trimmed = line.trim();
            final boolean sectionHeader = trimmed.matches("[a-z0-9-]+:");
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !sectionHeader)
            {
                assertTrue(trimmed.contains(" # "), "value without a comment: " + line);
            }
        }
    }
}
