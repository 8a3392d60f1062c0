package io.gyro.config;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The registry is the one table: well formed, and every entry is really used by the loader. */
class ConfigurationKeysTest
{
    /** A configuration that sets every list, so that every key of every entry is read. */
    static final String EVERY_LIST = String.join("\n",
        "diameter:",
        "  peers:",
        "    - {origin-host: pgw1.example.net, addresses: [10.0.0.0/8]}",
        "radius:",
        "  clients:",
        "    - {name: bras1, address: 192.0.2.0/24, secret: s3cret-s3cret-s3cret}",
        "tariffs:",
        "  - rating-group: 10",
        "    unit: octets",
        "    price: \"0.0100\"",
        "    final-unit-action: redirect",
        "    redirect-address-type: url",
        "    redirect-address: http://top-up.example.net/",
        "    bands: [{from: \"00:00\", to: \"06:00\", price: \"0.0050\"}]",
        "  - rating-group: 20",
        "    unit: seconds",
        "    price: \"0.0100\"",
        "    final-unit-action: restrict-access",
        "    restriction-filter-rules: [\"permit out ip from any to 192.0.2.10\"]",
        "    tiers: [{from-units: 3600, price: \"0.0050\"}]",
        "demo:",
        "  accounts:",
        "    - {msisdn: \"491709999990\", imsi: \"262019999999990\"}",
        "admin:",
        "  enabled: true",
        "  token: a-token-of-sixteen-chars",
        "");

    @Test
    void shouldReadEveryRegisteredKeyWhenBuildingTheModel()
    {
        final Problems problems = new Problems();
        final ConfigTree.Mapping root = ConfigTree.parse(EVERY_LIST, "every.yaml", problems);
        Overrides.materializeEntryDefaults(root);
        final ModelBuilder builder = new ModelBuilder(root, problems);
        builder.build();
        assertTrue(problems.isEmpty(), problems.list().toString());
        final Set<String> unread = new TreeSet<>();
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            if (!builder.keysRead().contains(key.path()))
            {
                unread.add(key.path());
            }
        }
        assertEquals(Set.of(), unread, "keys in the registry that the model builder never reads");
        for (final String read : builder.keysRead())
        {
            assertNotNull(ConfigurationKeys.find(read), "read but not registered: " + read);
        }
    }

    @Test
    void shouldGiveEveryKeyADistinctEnvironmentVariable()
    {
        final Map<String, String> seen = new HashMap<>();
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            final String previous = seen.put(key.environmentVariable(), key.path());
            assertNull(previous, key.path() + " and " + previous + " share " + key.environmentVariable());
        }
    }

    @Test
    void shouldNameKeysInKebabCase()
    {
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            assertTrue(key.path().matches("[a-z][a-z0-9-]*(\\[])?(\\.[a-z0-9][a-z0-9-]*(\\[])?)*"), key.path());
        }
    }

    @Test
    void shouldDescribeEveryKey()
    {
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            assertFalse(key.meaning().isBlank(), key.path());
            assertFalse(key.allowed().isBlank(), key.path());
            assertFalse(key.unit().isBlank(), key.path());
            assertFalse(key.type().name().isBlank(), key.path());
            assertTrue(key.meaning().endsWith("."), "meaning of " + key.path() + " is a sentence");
            if (key.isListOfEntries())
            {
                assertNotNull(key.defaultText(), "lists of entries have a default: " + key.path());
            }
        }
    }

    @Test
    void shouldRegisterEveryListBeforeTheKeysOfItsEntries()
    {
        final Set<String> registered = new HashSet<>();
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            int bracket = key.path().indexOf("[]");
            while (bracket >= 0)
            {
                assertTrue(registered.contains(key.path().substring(0, bracket)), key.path());
                bracket = key.path().indexOf("[]", bracket + 2);
            }
            registered.add(key.path());
        }
    }

    @Test
    void shouldParseEveryWrittenDefaultWithItsOwnType()
    {
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            if (null == key.defaultText() || key.hasDerivedDefault() || key.isListOfEntries() || key.isListOfValues())
            {
                continue;
            }
            try
            {
                key.type().parse(key.defaultText(), new ParseContext(4, null));
            }
            catch (final RuntimeException ex)
            {
                fail("default of " + key.path() + " does not parse: " + ex);
            }
        }
        assertNotNull(ConfigurationLoader.defaults());
    }

    @Test
    void shouldAnswerAnyValueForAnyKeyWithAConfigurationProblemAndNothingElse()
    {
        final List<String> nasty = List.of("x", "", "-1", "0", "99999999999999999999999", "1.5", "true", "a,b,,c", "*",
            "[1]", "{a: b}", "~", "null", "\u0000", "24:00", "1e9", "::", "-0");
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            if (key.isListOfEntries())
            {
                continue;
            }
            final String path = key.path().replace("[]", "[0]");
            for (final String value : nasty)
            {
                try
                {
                    ConfigurationLoader.fromYaml(EVERY_LIST, "every.yaml", Map.of(), List.of(path + "=" + value));
                }
                catch (final ConfigurationException expected)
                {
                    assertFalse(expected.problems().isEmpty());
                }
                catch (final RuntimeException ex)
                {
                    throw new AssertionError(path + "=" + value + " threw " + ex, ex);
                }
            }
        }
    }

    @Test
    void shouldFindKeysByPathAndPattern()
    {
        assertEquals(ConfigurationKeys.TARIFF_PRICE, ConfigurationKeys.find("tariffs[].price"));
        assertEquals("tariffs[].bands[].price", ConfigurationKeys.patternOf("tariffs[3].bands[12].price"));
        assertNull(ConfigurationKeys.find("tariffs[0].price"));
        assertNull(ConfigurationKeys.find("nope"));
    }
}
