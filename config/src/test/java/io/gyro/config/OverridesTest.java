package io.gyro.config;

import io.gyro.config.model.GyroConfiguration;
import io.gyro.config.model.JournalSync;
import io.gyro.config.model.RadiusIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Precedence: command line > environment > file > defaults. */
class OverridesTest
{
    private static final String FILE = "diameter:\n  port: 3870\n";

    @Test
    void shouldLetTheCommandLineWinOverEnvironmentFileAndDefault()
    {
        assertEquals(3872, load(FILE, Map.of("GYRO_DIAMETER_PORT", "3871"), List.of("diameter.port=3872")).diameter().port());
        assertEquals(3871, load(FILE, Map.of("GYRO_DIAMETER_PORT", "3871"), List.of()).diameter().port());
        assertEquals(3872, load(FILE, Map.of(), List.of("diameter.port=3872")).diameter().port());
        assertEquals(3870, load(FILE, Map.of(), List.of()).diameter().port());
        assertEquals(3868, load("", Map.of(), List.of()).diameter().port());
        assertEquals(3871, load("", Map.of("GYRO_DIAMETER_PORT", "3871"), List.of()).diameter().port());
    }

    @Test
    void shouldLetALaterCommandLineOverrideWin()
    {
        assertEquals(4000, load("", Map.of(), List.of("diameter.port=3999", "diameter.port=4000")).diameter().port());
    }

    @Test
    void shouldLoadAFileWithOverrides(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("gyro.yaml");
        Files.writeString(file, FILE + "ledger:\n  journal-sync: none\n");
        final GyroConfiguration config = ConfigurationLoader.load(file, Map.of("GYRO_LEDGER_JOURNAL_SYNC", "batch"),
            List.of("diameter.watchdog-interval=45s"));
        assertEquals(3870, config.diameter().port());
        assertEquals(JournalSync.BATCH, config.ledger().journalSync());
        assertEquals(45_000L, config.diameter().watchdogIntervalMs());
    }

    @Test
    void shouldNameEnvironmentVariablesAfterTheKeyPath()
    {
        assertEquals("GYRO_DIAMETER_WATCHDOG_INTERVAL", ConfigKey.environmentVariable("diameter.watchdog-interval"));
        assertEquals("GYRO_RADIUS_CLIENTS_0_SECRET", ConfigKey.environmentVariable("radius.clients[0].secret"));
        assertEquals("GYRO_TARIFFS_<i>_BANDS_<i>_PRICE", ConfigurationKeys.BAND_PRICE.environmentVariable());
        final GyroConfiguration config = load("", Map.of(
            "GYRO_DIAMETER_WATCHDOG_INTERVAL", "45s",
            "GYRO_ADMIN_TOKEN", "a-token-of-sixteen-chars",
            "GYRO_ADMIN_ENABLED", "true",
            "GYRO_DEMO_SUBSCRIBERS_COUNT", "7"), List.of());
        assertEquals(45_000L, config.diameter().watchdogIntervalMs());
        assertTrue(config.admin().enabled());
        assertEquals("a-token-of-sixteen-chars", config.admin().token().reveal());
        assertEquals(7, config.demo().subscribers().count());
    }

    @Test
    void shouldOverrideKeysOfListEntriesByIndex()
    {
        final String tariffs = "tariffs:\n" +
            "  - {rating-group: 10, unit: octets, price: \"0.0100\"}\n" +
            "  - {rating-group: 20, unit: seconds, price: \"0.0100\"}\n";
        final GyroConfiguration config = load(tariffs, Map.of("GYRO_TARIFFS_1_PRICE", "0.0200"),
            List.of("tariffs[0].validity-time=300s"));
        assertEquals(200L, config.tariffFor(20).priceMinor());
        assertEquals(300L, config.tariffFor(10).validityTimeSeconds());
    }

    @Test
    void shouldOverrideKeysOfDefaultListEntries()
    {
        final GyroConfiguration config = load("", Map.of("GYRO_RADIUS_CLIENTS_0_SECRET", "from-the-environment"),
            List.of("diameter.peers[0].send-3gpp-avps=true"));
        assertEquals("from-the-environment", config.radius().clients().get(0).secret().reveal());
        assertTrue(config.diameter().peers().get(0).send3gppAvps());
    }

    @Test
    void shouldSplitListsOfValuesOnCommas()
    {
        final GyroConfiguration config = load("",
            Map.of("GYRO_RADIUS_IDENTITY_ORDER", "3gpp-imsi, user-name"),
            List.of("diameter.served-realms=a.example,b.example", "diameter.peers[0].addresses=10.0.0.0/8,::1"));
        assertEquals(List.of(RadiusIdentity.IMSI_3GPP, RadiusIdentity.USER_NAME), config.radius().identityOrder());
        assertEquals(List.of("a.example", "b.example"), config.diameter().servedRealms());
        assertEquals("[10.0.0.0/8, ::1/128]", config.diameter().peers().get(0).addresses().toString());
    }

    @Test
    void shouldTreatAnEmptyOverrideAsNotSet()
    {
        assertEquals(3868, load(FILE, Map.of(), List.of("diameter.port=")).diameter().port());
        assertEquals(3868, load(FILE, Map.of("GYRO_DIAMETER_PORT", ""), List.of()).diameter().port());
    }

    @Test
    void shouldOverrideTheMoneyScaleBeforeReadingAmounts()
    {
        final GyroConfiguration config = load("demo:\n  subscribers:\n    balance: \"100.00\"\n",
            Map.of("GYRO_LEDGER_MONEY_SCALE", "2"), List.of());
        assertEquals(2, config.ledger().moneyScale());
        assertEquals(10_000L, config.demo().subscribers().balanceMinor());
    }

    @Test
    void shouldIgnoreEnvironmentVariablesThatNameNoKey()
    {
        final GyroConfiguration config = load("", Map.of("GYRO_HOME", "/opt/gyro", "GYRO_OPTS", "-Xmx1g",
            "GYRO_DIAMETR_PORT", "1", "PATH", "/usr/bin", "diameter.port", "1"), List.of());
        assertEquals(ConfigurationLoader.defaults(), config);
    }

    @Test
    void shouldValidateOverridesLikeFileValuesAndSayWhereTheyCameFrom()
    {
        final ConfigurationException ex = assertThrows(ConfigurationException.class,
            () -> load(FILE, Map.of("GYRO_DIAMETER_PORT", "70000"), List.of("diameter.io-threads=0")));
        assertEquals(List.of(
            "diameter.port: bad value '70000' — allowed: 0..65535; 0 picks a free port (tests) " +
                "(environment GYRO_DIAMETER_PORT)",
            "diameter.io-threads: bad value '0' — allowed: 1..64 (command line)"), messages(ex));
    }

    @Test
    void shouldRefuseUnknownKeysOnTheCommandLine()
    {
        final ConfigurationException ex = assertThrows(ConfigurationException.class,
            () -> load("", Map.of(), List.of("diameter.prot=3869", "no-equals-sign", "diameter.port[0]=1")));
        assertEquals(List.of(
            "diameter.prot: unknown key — no such configuration key (did you mean diameter.port?) (command line)",
            "command line: command-line override 'no-equals-sign' is not key.path=value",
            "diameter.port[0]: unknown key — no such configuration key (did you mean diameter.port?) (command line)"),
            messages(ex));
    }

    @Test
    void shouldRefuseToSetAWholeListOfEntriesOrAnEntryThatDoesNotExist()
    {
        final ConfigurationException ex = assertThrows(ConfigurationException.class,
            () -> load("", Map.of(), List.of("tariffs=[]", "radius.clients[1].secret=x")));
        assertEquals(List.of(
            "tariffs: a list of entries cannot be set as one value; set the keys of its entries instead, " +
                "e.g. tariffs[0].rating-group (command line)",
            "radius.clients[1]: no such entry: the list has 1 entry; overrides can change entries, not add them " +
                "(command line)"), messages(ex));
    }

    @Test
    void shouldRefuseAnEnvironmentVariableForAListEntryThatDoesNotExist()
    {
        // Like the command line: an operator who sets GYRO_RADIUS_CLIENTS_1_SECRET meant a second NAS; starting
        // without it (and without telling) would drop that NAS's packets.
        final ConfigurationException ex = assertThrows(ConfigurationException.class,
            () -> load("", Map.of("GYRO_RADIUS_CLIENTS_1_SECRET", "x", "GYRO_TARIFFS_0_BANDS_2_PRICE", "1"),
                List.of()));
        assertEquals(List.of(
            "radius.clients[1]: no such entry: the list has 1 entry; overrides can change entries, not add them " +
                "(environment GYRO_RADIUS_CLIENTS_1_SECRET)",
            "tariffs[0]: no such entry: the list has 0 entries; overrides can change entries, not add them " +
                "(environment GYRO_TARIFFS_0_BANDS_2_PRICE)"), messages(ex));
    }

    @Test
    void shouldStillSetAnExistingEntryFromTheEnvironment()
    {
        assertEquals("from-the-environment", load("", Map.of("GYRO_RADIUS_CLIENTS_0_SECRET", "from-the-environment",
            "GYRO_RADIUS_CLIENTS_X_SECRET", "not an index, names no key",
            "GYRO_RADIUS_CLIENTS_00_SECRET", "not how an index is written, names no key"), List.of())
            .radius().clients().get(0).secret().reveal());
    }

    static GyroConfiguration load(final String yaml, final Map<String, String> environment, final List<String> overrides)
    {
        return ConfigurationLoader.fromYaml(yaml, "test.yaml", environment, overrides);
    }

    static List<String> messages(final ConfigurationException ex)
    {
        return ex.problems().stream().map(ConfigurationProblem::message).toList();
    }
}
