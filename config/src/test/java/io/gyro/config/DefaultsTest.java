package io.gyro.config;

import io.gyro.config.model.CreditControlFailureHandling;
import io.gyro.config.model.DiameterConfiguration;
import io.gyro.config.model.DiameterPeer;
import io.gyro.config.model.DirectDebitingFailureHandling;
import io.gyro.config.model.FinalUnitAction;
import io.gyro.config.model.GyroConfiguration;
import io.gyro.config.model.JournalSync;
import io.gyro.config.model.LedgerConfiguration;
import io.gyro.config.model.LogLevel;
import io.gyro.config.model.Mode;
import io.gyro.config.model.RadiusClient;
import io.gyro.config.model.RadiusConfiguration;
import io.gyro.config.model.RadiusIdentity;
import io.gyro.config.model.RadiusVendor;
import io.gyro.config.model.TariffConfiguration;
import io.gyro.config.model.WaitStrategy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every default, as the registry and docs/configuration.md state it. */
class DefaultsTest
{
    private final GyroConfiguration config = ConfigurationLoader.defaults();

    @Test
    void shouldGiveTheDefaultsForAnEmptyFileOrEmptySections()
    {
        assertEquals(config, ConfigurationLoader.fromYaml("", "empty.yaml", Map.of(), List.of()));
        assertEquals(config, ConfigurationLoader.fromYaml("# nothing\n", "comment.yaml", Map.of(), List.of()));
        assertEquals(config, ConfigurationLoader.fromYaml(
            "mode:\nnode:\ndiameter:\n  peers:\nradius: {}\nledger: {}\ntariffs: []\ndemo:\nadmin:\ncdr:\nlogging:\n",
            "sections.yaml", Map.of(), List.of()));
    }

    @Test
    void shouldDefaultTheModeAndNode()
    {
        assertEquals(Mode.PRODUCTION, config.mode());
        assertFalse(config.isPilot());
        assertEquals("gyro.localdomain", config.node().originHost());
        assertEquals("localdomain", config.node().originRealm());
        assertEquals("Gyro", config.node().productName());
        assertEquals(0L, config.node().vendorId());
        assertEquals(Path.of("data"), config.node().dataDir());
    }

    @Test
    void shouldDefaultDiameter()
    {
        final DiameterConfiguration diameter = config.diameter();
        assertTrue(diameter.enabled());
        assertEquals("127.0.0.1", diameter.bindAddress());
        assertEquals(3868, diameter.port());
        assertEquals(1, diameter.ioThreads());
        assertEquals(65_536, diameter.maxMessageLength());
        assertEquals(30_000L, diameter.watchdogIntervalMs());
        assertEquals(10_000L, diameter.cerTimeoutMs());
        assertEquals(List.of("localdomain"), diameter.servedRealms(), "[<node.origin-realm>]");
        assertEquals(32, diameter.maxMscc());
        assertEquals(240_000L, diameter.duplicateWindowMs());
        assertEquals(978, diameter.currencyCode());
        assertTrue(diameter.lowBalanceIndication());
        assertEquals(1, diameter.peers().size());
        final DiameterPeer peer = diameter.peers().get(0);
        assertEquals("*", peer.originHost());
        assertEquals("[127.0.0.0/8, ::1/128]", peer.addresses().toString());
        assertEquals(CreditControlFailureHandling.NONE, peer.creditControlFailureHandling());
        assertEquals(DirectDebitingFailureHandling.NONE, peer.directDebitingFailureHandling());
        assertFalse(peer.send3gppAvps());
        assertEquals(List.of(10415L), peer.supportedVendorIds());
    }

    @Test
    void shouldDeriveServedRealmsFromTheOriginRealm()
    {
        final GyroConfiguration custom = ConfigurationLoader.fromYaml(
            "node:\n  origin-realm: operator.example\n", "realm.yaml", Map.of(), List.of());
        assertEquals(List.of("operator.example"), custom.diameter().servedRealms());
    }

    @Test
    void shouldDefaultRadius()
    {
        final RadiusConfiguration radius = config.radius();
        assertTrue(radius.enabled());
        assertEquals("127.0.0.1", radius.bindAddress());
        assertEquals(1812, radius.authPort());
        assertEquals(1813, radius.acctPort());
        assertEquals(3799, radius.coaPort());
        assertEquals(List.of(RadiusIdentity.USER_NAME, RadiusIdentity.CALLING_STATION_ID, RadiusIdentity.IMSI_3GPP),
            radius.identityOrder());
        assertEquals(300L, radius.acctInterimIntervalSeconds());
        assertEquals(60_000L, radius.reservationAdoptionTimeoutMs());
        assertEquals(30_000L, radius.duplicateCacheTimeMs());
        assertEquals(5, radius.coaMaxTransmissions());
        assertEquals(2_000L, radius.coaInitialTimeoutMs());
        assertEquals(16_000L, radius.coaMaxTimeoutMs());
        assertEquals(30_000L, radius.coaMaxDurationMs());
        assertEquals(1, radius.clients().size());
        final RadiusClient client = radius.clients().get(0);
        assertEquals("localhost", client.name());
        assertEquals("127.0.0.0/8", client.address().toString());
        assertEquals("testing123", client.secret().reveal());
        assertEquals(RadiusVendor.GENERIC, client.vendor());
        assertEquals(10L, client.ratingGroup());
        assertFalse(client.requireMessageAuthenticator());
    }

    @Test
    void shouldDefaultTheLedger()
    {
        final LedgerConfiguration ledger = config.ledger();
        assertEquals(8_192, ledger.ringSize());
        assertEquals(WaitStrategy.SLEEPING, ledger.waitStrategy());
        assertTrue(ledger.journalEnabled());
        assertEquals(JournalSync.BATCH, ledger.journalSync());
        assertEquals(3_600_000L, ledger.snapshotIntervalMs());
        assertEquals(3, ledger.snapshotsKept());
        assertEquals(4, ledger.moneyScale());
        assertEquals(0.75, ledger.shedNewSessionsAt());
        assertEquals(0.5, ledger.adminPublishBelow());
        assertEquals(6_144, ledger.shedNewSessionsAtSlots());
        assertEquals(4_096, ledger.adminPublishBelowSlots());
        assertEquals(600_000L, ledger.tombstoneTimeMs());
        assertEquals(300_000L, ledger.eventResultRetentionMs());
        assertEquals(3_600_000L, ledger.defaultSupervisionMs());
        assertEquals(30_000L, ledger.supervisionMarginMs());
    }

    @Test
    void shouldHaveNoTariffsByDefault()
    {
        assertTrue(config.tariffs().isEmpty());
        assertNull(config.tariffFor(10));
    }

    @Test
    void shouldDefaultEveryKeyOfATariffThatGivesOnlyTheRequiredOnes()
    {
        final GyroConfiguration custom = ConfigurationLoader.fromYaml(String.join("\n",
            "tariffs:",
            "  - {rating-group: 10, unit: octets, price: \"0.0100\"}",
            "  - {rating-group: 20, unit: seconds, price: \"0.0100\"}",
            "  - {rating-group: default, unit: events, price: \"0.0500\"}"), "t.yaml", Map.of(), List.of());
        final TariffConfiguration octets = custom.tariffFor(10);
        assertEquals("10", octets.name());
        assertEquals(1_048_576L, octets.quantumUnits());
        assertEquals(10L * 1_048_576, octets.defaultGrantUnits());
        assertEquals(100L * 1_048_576, octets.maxGrantUnits());
        assertEquals(3_600L, octets.validityTimeSeconds());
        assertEquals(0L, octets.volumeThresholdOctets());
        assertEquals(0L, octets.quotaHoldingTimeSeconds());
        assertEquals(FinalUnitAction.TERMINATE, octets.finalUnitAction());
        assertNull(octets.redirectAddressType());
        assertNull(octets.redirectAddress());
        assertTrue(octets.restrictionFilterRules().isEmpty());
        assertNull(octets.filterId());
        assertEquals(ZoneId.of("UTC"), octets.timeZone());
        assertTrue(octets.bands().isEmpty());
        assertTrue(octets.tiers().isEmpty());

        final TariffConfiguration seconds = custom.tariffFor(20);
        assertEquals(1L, seconds.quantumUnits());
        assertEquals(300L, seconds.defaultGrantUnits());
        assertEquals(3_600L, seconds.maxGrantUnits());

        final TariffConfiguration events = custom.tariffFor(99);
        assertTrue(events.isDefault());
        assertEquals("default", events.name());
        assertEquals(1L, events.quantumUnits());
        assertEquals(1L, events.defaultGrantUnits());
        assertEquals(100L, events.maxGrantUnits());
    }

    @Test
    void shouldKeepImplicitGrantsConsistentWithAnExplicitOne()
    {
        final GyroConfiguration custom = ConfigurationLoader.fromYaml(String.join("\n",
            "tariffs:",
            "  - {rating-group: 1, unit: octets, price: 1, max-grant: 5MiB}",
            "  - {rating-group: 2, unit: octets, price: 1, default-grant: 200MiB}"), "t.yaml", Map.of(), List.of());
        assertEquals(5L * 1_048_576, custom.tariffFor(1).defaultGrantUnits(), "default-grant is at most max-grant");
        assertEquals(200L * 1_048_576, custom.tariffFor(2).maxGrantUnits(), "max-grant is at least default-grant");
    }

    @Test
    void shouldDefaultTheDemo()
    {
        assertTrue(config.demo().enabled());
        assertEquals(100_000, config.demo().subscribers().count());
        assertEquals(491_700_000_000L, config.demo().subscribers().msisdnStart());
        assertEquals(262_010_000_000_000L, config.demo().subscribers().imsiStart());
        assertEquals(1_000_000L, config.demo().subscribers().balanceMinor());
        assertEquals("gyro-demo", config.demo().subscribers().password().reveal());
        assertTrue(config.demo().accounts().isEmpty());

        final GyroConfiguration custom = ConfigurationLoader.fromYaml(
            "demo:\n  accounts:\n    - msisdn: \"491709999990\"\n", "a.yaml", Map.of(), List.of());
        final var account = custom.demo().accounts().get(0);
        assertNull(account.imsi());
        assertEquals(0L, account.balanceMinor());
        assertEquals("gyro-demo", account.password().reveal());
        assertEquals(0L, account.creditLimitMinor());
        assertEquals(0L, account.lowBalanceThresholdMinor());
    }

    @Test
    void shouldKeepTheAdminApiOffWithoutAToken()
    {
        assertFalse(config.admin().enabled());
        assertEquals("127.0.0.1", config.admin().bindAddress());
        assertEquals(8080, config.admin().port());
        assertNull(config.admin().token());
        assertFalse(config.admin().tls().enabled());
        assertNull(config.admin().tls().keyStore());
        assertNull(config.admin().tls().keyStorePassword());
    }

    @Test
    void shouldDefaultCdrsAndLogging()
    {
        assertTrue(config.cdr().enabled());
        assertEquals(Path.of("data", "cdr"), config.cdr().dir(), "<node.data-dir>/cdr");
        assertEquals(3_600_000L, config.cdr().rollIntervalMs());
        assertEquals(LogLevel.INFO, config.logging().level());
    }

    @Test
    void shouldDeriveTheCdrDirectoryFromTheDataDirectory()
    {
        final GyroConfiguration custom = ConfigurationLoader.fromYaml(
            "node:\n  data-dir: /var/lib/gyro\n", "d.yaml", Map.of(), List.of());
        assertEquals(Path.of("/var/lib/gyro/cdr"), custom.cdr().dir());
        final GyroConfiguration explicit = ConfigurationLoader.fromYaml(
            "node:\n  data-dir: /var/lib/gyro\ncdr:\n  dir: /srv/cdr\n", "d.yaml", Map.of(), List.of());
        assertEquals(Path.of("/srv/cdr"), explicit.cdr().dir());
    }
}
