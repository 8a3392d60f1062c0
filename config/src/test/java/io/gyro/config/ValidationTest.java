package io.gyro.config;

import io.gyro.config.model.GyroConfiguration;
import io.gyro.config.model.RedirectAddressType;
import io.gyro.config.model.TariffConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each validation rule with an invalid file: the message names the key path, the bad value and what is
 * allowed, and every problem of a file is reported at once.
 */
class ValidationTest
{
    @Test
    void shouldReportEveryProblemOfAFileTogether()
    {
        final ConfigurationException ex = assertThrows(ConfigurationException.class, () -> load(String.join("\n",
            "diameter:",
            "  port: 70000",
            "  watchdog-interval: 5s",
            "ledger:",
            "  journal-sync: sometimes",
            "")));
        assertEquals(List.of(
            "diameter.port: bad value '70000' — allowed: 0..65535; 0 picks a free port (tests) (test.yaml line 2)",
            "diameter.watchdog-interval: bad value '5s' — allowed: 6s..1h; RFC 3539 §3.4.1 forbids less than 6s " +
                "(test.yaml line 3)",
            "ledger.journal-sync: bad value 'sometimes' — allowed: none | batch (test.yaml line 5)"), messages(ex));
        assertEquals("invalid configuration (3 problems):\n" +
            "  diameter.port: bad value '70000' — allowed: 0..65535; 0 picks a free port (tests) (test.yaml line 2)\n" +
            "  diameter.watchdog-interval: bad value '5s' — allowed: 6s..1h; RFC 3539 §3.4.1 forbids less than 6s " +
            "(test.yaml line 3)\n" +
            "  ledger.journal-sync: bad value 'sometimes' — allowed: none | batch (test.yaml line 5)", ex.getMessage());
        assertEquals(ConfigurationProblem.Kind.BAD_VALUE, ex.problems().get(0).kind());
        assertEquals("diameter.port", ex.problems().get(0).keyPath());
        assertEquals("70000", ex.problems().get(0).value());
    }

    @Test
    void shouldRefuseUnknownKeysAndSuggestTheIntendedOne()
    {
        assertEquals(List.of(
            "tarifs: unknown key — allowed sections: mode, node, diameter, radius, ledger, tariffs, demo, admin, cdr, " +
                "logging (did you mean tariffs?) (test.yaml line 1)",
            "logging.lvl: unknown key — allowed keys here: level (did you mean level?) (test.yaml line 3)"),
            problems("tarifs: []\nlogging:\n  lvl: debug\n"));
        final List<String> inEntry = problems("tariffs:\n  - {rating-group: 1, unit: octets, prise: 1}\n");
        assertTrue(inEntry.get(0).startsWith("tariffs[0].prise: unknown key — allowed keys here: rating-group, name, "),
            inEntry.get(0));
        assertTrue(inEntry.get(0).endsWith("(did you mean price?) (test.yaml line 2)"), inEntry.get(0));
        assertEquals(ConfigurationProblem.Kind.UNKNOWN_KEY,
            assertThrows(ConfigurationException.class, () -> load("mystery: 1\n")).problems().get(0).kind());
        assertEquals(List.of("x: unknown key — allowed sections: mode, node, diameter, radius, ledger, tariffs, demo, " +
            "admin, cdr, logging (test.yaml line 1)"), problems("x: 1\n"), "no far-fetched suggestion");
    }

    @Test
    void shouldRefuseAKeyWrittenTwice()
    {
        assertEquals(List.of("diameter.port: the key appears twice (test.yaml line 3)"),
            problems("diameter:\n  port: 3868\n  port: 3869\n"));
    }

    @Test
    void shouldRefuseTextThatIsNotYaml()
    {
        assertEquals(List.of("test.yaml line 2 column 1: not valid YAML: expected the node content, but found " +
            "'<stream end>'"), problems("diameter: [\n"));
        assertEquals(List.of("test.yaml line 1: the document must be a mapping of sections (mode:, node:, diameter: ...)"),
            problems("- a\n- b\n"));
        assertEquals(List.of("test.yaml line 3 column 1: not valid YAML: but found another document"),
            problems("---\nmode: pilot\n---\nmode: production\n"));
    }

    @Test
    void shouldRefuseValuesOfTheWrongShape()
    {
        assertEquals(List.of("diameter: expected a section with keys enabled, bind-address, port, io-threads, " +
            "max-message-length, watchdog-interval, cer-timeout, max-connections, max-connections-per-address, " +
            "served-realms, max-mscc, default-rating-group, duplicate-window, currency-code, low-balance-indication, " +
            "tls, peers (test.yaml line 1)"), problems("diameter: 5\n"));
        assertEquals(List.of("diameter.port: expected a single value, not a list (test.yaml line 2)"),
            problems("diameter:\n  port: [1]\n"));
        assertEquals(List.of("diameter.peers: expected a list of entries with keys origin-host, addresses, " +
            "credit-control-failure-handling, direct-debiting-failure-handling, send-3gpp-avps, supported-vendor-ids " +
            "(test.yaml line 2)"), problems("diameter:\n  peers: {}\n"));
        assertEquals(List.of("diameter.served-realms: expected a list such as [a, b] (test.yaml line 2)"),
            problems("diameter:\n  served-realms: localdomain\n"));
    }

    @Test
    void shouldAcceptOnlyTrueOrFalseAsBooleans()
    {
        assertEquals(List.of("diameter.enabled: bad value 'yes' — allowed: true or false (test.yaml line 2)"),
            problems("diameter:\n  enabled: yes\n"));
    }

    @Test
    void shouldRequireAUnitOnDurations()
    {
        assertEquals(List.of("diameter.cer-timeout: bad value '10' — allowed: 1s..5m (test.yaml line 2)"),
            problems("diameter:\n  cer-timeout: 10\n"));
    }

    @Test
    void shouldRollCdrFilesOnlyAtIntervalsThatDivideADay()
    {
        // Periods are aligned on the epoch (UTC): 7m would start files at 10:03, 10:10, ... and shift every day.
        assertEquals(List.of(
            "cdr.roll-interval: bad value '7m' — allowed: 1m..1d, dividing a day evenly (e.g. 5m, 15m, 1h, 6h, 1d) " +
                "(test.yaml line 2)"),
            problems("cdr:\n  roll-interval: 7m\n"));
        assertEquals(List.of(
            "cdr.roll-interval: bad value '25h' — allowed: 1m..1d, dividing a day evenly (e.g. 5m, 15m, 1h, 6h, 1d) " +
                "(test.yaml line 2)"),
            problems("cdr:\n  roll-interval: 25h\n"));
        assertEquals(90 * Durations.MS_PER_MINUTE, load("cdr:\n  roll-interval: 90m\n").cdr().rollIntervalMs());
        assertEquals(Durations.MS_PER_DAY, load("cdr:\n  roll-interval: 1d\n").cdr().rollIntervalMs());
    }

    @Test
    void shouldRequireAPeerWhileDiameterIsEnabled()
    {
        assertEquals(List.of("diameter.peers: bad value '[]' — allowed: at least one peer while diameter.enabled " +
            "is true (test.yaml line 2)"), problems("diameter:\n  peers: []\n"));
        assertTrue(load("diameter:\n  enabled: false\n  peers: []\n").diameter().peers().isEmpty());
    }

    @Test
    void shouldCheckEachPeer()
    {
        assertEquals(List.of(
            "diameter.peers[2]: expected an entry with keys origin-host, addresses, credit-control-failure-handling, " +
                "direct-debiting-failure-handling, send-3gpp-avps, supported-vendor-ids (test.yaml line 5)",
            "diameter.peers[0].origin-host: missing — required: the peer's Origin-Host, or * (test.yaml line 3)",
            "diameter.peers[0].addresses[0]: bad value '10.0.0.1/8' — allowed: an IPv4 or IPv6 network such as " +
                "10.0.0.0/8 or ::1/128 with host bits zero, or one address (test.yaml line 3)",
            "diameter.peers[1].addresses: missing — required: the networks the peer connects from, e.g. [10.0.0.0/8] " +
                "(test.yaml line 4)",
            "diameter.peers[1].credit-control-failure-handling: bad value 'maybe' — allowed: none | terminate | " +
                "continue | retry-and-terminate (test.yaml line 4)"),
            problems("diameter:\n  peers:\n    - addresses: [10.0.0.1/8]\n" +
                "    - {origin-host: pgw, credit-control-failure-handling: maybe}\n    - 7\n"));
    }

    @Test
    void shouldRefuseRepeatedOrMissingListValues()
    {
        assertEquals(List.of("diameter.served-realms[2]: bad value 'a.example' — allowed: a value not already in the " +
            "list (test.yaml line 2)"), problems("diameter:\n  served-realms: [a.example, b.example, a.example]\n"));
        assertEquals(List.of("diameter.served-realms: bad value '[]' — allowed: one or more of: an FQDN or realm such " +
            "as gyro.example.net (letters, digits, '-' and '.'; RFC 6733 §4.3.1); each at most once (test.yaml line 2)"),
            problems("diameter:\n  served-realms: []\n"));
    }

    @Test
    void shouldRefuseAnUnknownCurrency()
    {
        assertEquals(List.of("diameter.currency-code: bad value '2' — allowed: an ISO 4217 numeric currency code, " +
            "e.g. 978 (EUR), 840 (USD) (test.yaml line 2)"), problems("diameter:\n  currency-code: 2\n"));
    }

    @Test
    void shouldRefuseHostNamesWhereAddressesAreNeeded()
    {
        assertEquals(List.of("radius.bind-address: bad value 'localhost' — allowed: an IPv4 or IPv6 address literal " +
            "such as 127.0.0.1, 0.0.0.0 or :: (no host names) (test.yaml line 2)"),
            problems("radius:\n  bind-address: localhost\n"));
    }

    @Test
    void shouldCheckRadiusPortsAndRetransmissionTimes()
    {
        assertEquals(List.of(
            "radius.acct-port: bad value '1812' — allowed: a port other than radius.auth-port (1812) (test.yaml line 3)",
            "radius.coa-max-timeout: bad value '4s' — allowed: at least radius.coa-initial-timeout (5s) (test.yaml line 5)",
            "radius.coa-max-duration: bad value '3s' — allowed: at least radius.coa-initial-timeout (5s) " +
                "(test.yaml line 6)"),
            problems("radius:\n  auth-port: 1812\n  acct-port: 1812\n  coa-initial-timeout: 5s\n" +
                "  coa-max-timeout: 4s\n  coa-max-duration: 3s\n"));
        assertEquals(List.of("radius.acct-interim-interval: bad value '30s' — allowed: 1m..1d in whole seconds; " +
            "RFC 2869 §5.16 advises against less than 60s (test.yaml line 2)"),
            problems("radius:\n  acct-interim-interval: 30s\n"));
        assertEquals(0, load("radius:\n  auth-port: 0\n  acct-port: 0\n").radius().authPort(), "tests use free ports");
    }

    @Test
    void shouldCheckRadiusClients()
    {
        assertEquals(List.of(
            "radius.clients[1].secret: bad value '******' — allowed: non-empty text (never printed); required " +
                "(test.yaml line 4)",
            "radius.clients[1].name: bad value 'a' — allowed: a name no other client has (radius.clients[0].name is a) " +
                "(test.yaml line 4)",
            "radius.clients[1].address: bad value '10.1.0.0/16' — allowed: a network that overlaps no other client's " +
                "(radius.clients[0].address is 10.0.0.0/8) (test.yaml line 4)",
            "radius.clients[2].secret: missing — required: the shared secret of the NAS (test.yaml line 5)",
            "radius.clients[2].vendor: bad value 'acme' — allowed: generic | mikrotik | cisco | huawei | juniper | " +
                "starent | nokia | ericsson (test.yaml line 5)"),
            problems("radius:\n  clients:\n    - {name: a, address: 10.0.0.0/8, secret: s}\n" +
                "    - {name: a, address: 10.1.0.0/16, secret: \"\"}\n    - {address: 11.0.0.0/8, vendor: acme}\n"));
        assertEquals(List.of("radius.clients: bad value '[]' — allowed: at least one client while radius.enabled is " +
            "true (test.yaml line 2)"), problems("radius:\n  clients: []\n"));
    }

    @Test
    void shouldCheckTheLedger()
    {
        assertEquals(List.of(
            "ledger.admin-publish-below: bad value '0.6' — allowed: at most ledger.shed-new-sessions-at (0.5): " +
                "admin work is shed before new sessions (test.yaml line 4)",
            "ledger.tombstone-time: bad value '1m' — allowed: at least diameter.duplicate-window (4m), so a " +
                "retransmitted CCR-T is still recognised and never charged twice (test.yaml line 5)",
            "ledger.event-result-retention: bad value '0s' — allowed: at least diameter.duplicate-window (4m), so a " +
                "retransmitted CCR-EVENT is never charged twice (test.yaml line 6)",
            "ledger.ring-size: bad value '1000' — allowed: a power of two, 16..16777216 (test.yaml line 2)"),
            problems("ledger:\n  ring-size: 1000\n  shed-new-sessions-at: 0.5\n  admin-publish-below: 0.6\n" +
                "  tombstone-time: 1m\n  event-result-retention: 0s\n"));
        assertEquals(List.of(
            "ledger.money-scale: bad value '10' — allowed: 0..9 (test.yaml line 3)",
            "ledger.shed-new-sessions-at: bad value '1.5' — allowed: a decimal above 0 and at most 1, e.g. 0.75 " +
                "(test.yaml line 2)"),
            problems("ledger:\n  shed-new-sessions-at: 1.5\n  money-scale: 10\n"));
        assertEquals(List.of("ledger.snapshot-interval: bad value '30s' — allowed: 0s or 1m..7d; 0s takes snapshots " +
            "only on request (test.yaml line 2)"), problems("ledger:\n  snapshot-interval: 30s\n"));
        assertEquals(0L, load("ledger:\n  snapshot-interval: 0s\n").ledger().snapshotIntervalMs());
    }

    @Test
    void shouldParseMoneyAtTheConfiguredScaleAndNeverRound()
    {
        assertEquals(List.of(
            "tariffs[0].price: bad value '0.00001' — allowed: a decimal amount >= 0 with at most 4 decimal places " +
                "(ledger.money-scale), e.g. 0.0100, at most 900719925474.0991; required (test.yaml line 2)",
            "tariffs[1].price: bad value '-1' — allowed: a decimal amount >= 0 with at most 4 decimal places " +
                "(ledger.money-scale), e.g. 0.0100, at most 900719925474.0991; required (test.yaml line 3)",
            "tariffs[2].price: bad value '1e-2' — allowed: a decimal amount >= 0 with at most 4 decimal places " +
                "(ledger.money-scale), e.g. 0.0100, at most 900719925474.0991; required (test.yaml line 4)",
            "tariffs[3].price: bad value '922337203685477.5808' — allowed: a decimal amount >= 0 with at most 4 " +
                "decimal places (ledger.money-scale), e.g. 0.0100, at most 900719925474.0991; required " +
                "(test.yaml line 5)",
            "tariffs[4].price: bad value '900719925474.0992' — allowed: a decimal amount >= 0 with at most 4 " +
                "decimal places (ledger.money-scale), e.g. 0.0100, at most 900719925474.0991; required " +
                "(test.yaml line 6)"),
            problems("tariffs:\n" +
                "  - {rating-group: 1, unit: octets, price: \"0.00001\"}\n" +
                "  - {rating-group: 2, unit: octets, price: \"-1\"}\n" +
                "  - {rating-group: 3, unit: octets, price: 1e-2}\n" +
                "  - {rating-group: 4, unit: octets, price: 922337203685477.5808}\n" +
                "  - {rating-group: 5, unit: octets, price: \"900719925474.0992\"}\n"));
        assertEquals(List.of("demo.subscribers.balance: bad value '100.50' — allowed: a decimal amount >= 0 with at " +
            "most 0 decimal places (ledger.money-scale), e.g. 100, at most 9007199254740991 (test.yaml line 4)"),
            problems("ledger:\n  money-scale: 0\ndemo:\n  subscribers: {balance: \"100.50\"}\n"));
        assertEquals(100L, load("ledger:\n  money-scale: 0\n").demo().subscribers().balanceMinor());
    }

    @Test
    void shouldReadUnquotedMoneyExactly()
    {
        final TariffConfiguration tariff = load("tariffs:\n  - {rating-group: 1, unit: octets, price: 0.0100}\n")
            .tariffFor(1);
        assertEquals(100L, tariff.priceMinor());
    }

    @Test
    void shouldKeepRatingGroupsUniqueWithAtMostOneDefault()
    {
        assertEquals(List.of(
            "tariffs[1].rating-group: bad value '10' — allowed: a rating group no other tariff has " +
                "(tariffs[0].rating-group is 10 already) (test.yaml line 3)",
            "tariffs[3].rating-group: bad value 'default' — allowed: at most one default tariff " +
                "(tariffs[2].rating-group is default already) (test.yaml line 5)"),
            problems("tariffs:\n" +
                "  - {rating-group: 10, unit: octets, price: 1}\n" +
                "  - {rating-group: 10, unit: seconds, price: 1}\n" +
                "  - {rating-group: default, unit: events, price: 1}\n" +
                "  - {rating-group: default, unit: events, price: 1}\n"));
    }

    @Test
    void shouldRequireARedirectAddressThatSuitsItsType()
    {
        assertEquals(List.of(
            "tariffs[0].redirect-address-type: missing — required with final-unit-action redirect " +
                "(RFC 4006 §8.34 needs Redirect-Server) (test.yaml line 2)",
            "tariffs[0].redirect-address: missing — required with final-unit-action redirect " +
                "(RFC 4006 §8.34 needs Redirect-Server) (test.yaml line 2)",
            "tariffs[1].redirect-address: bad value '::1' — allowed: an address of redirect-address-type ipv4 " +
                "(e.g. 192.0.2.10) (test.yaml line 3)",
            "tariffs[2].redirect-address: bad value 'top-up' — allowed: an address of redirect-address-type url " +
                "(e.g. http://top-up.example.net/) (test.yaml line 4)",
            "tariffs[3].redirect-address: bad value 'http://x.example/' — allowed: only with final-unit-action " +
                "redirect (this tariff has terminate) (test.yaml line 5)"),
            problems("tariffs:\n" +
                "  - {rating-group: 1, unit: octets, price: 1, final-unit-action: redirect}\n" +
                "  - {rating-group: 2, unit: octets, price: 1, final-unit-action: redirect, redirect-address-type: ipv4, " +
                "redirect-address: \"::1\"}\n" +
                "  - {rating-group: 3, unit: octets, price: 1, final-unit-action: redirect, redirect-address-type: url, " +
                "redirect-address: top-up}\n" +
                "  - {rating-group: 4, unit: octets, price: 1, redirect-address: http://x.example/}\n"));
        final GyroConfiguration ok = load("tariffs:\n" +
            "  - {rating-group: 1, unit: octets, price: 1, final-unit-action: redirect, redirect-address-type: sip-uri, " +
            "redirect-address: \"sip:top-up@example.net\"}\n" +
            "  - {rating-group: 2, unit: octets, price: 1, final-unit-action: redirect, redirect-address-type: ipv6, " +
            "redirect-address: \"2001:db8::10\"}\n");
        assertEquals(RedirectAddressType.SIP_URI, ok.tariffFor(1).redirectAddressType());
        assertEquals("2001:db8::10", ok.tariffFor(2).redirectAddress());
    }

    @Test
    void shouldRequireAFilterForRestrictAccessAndOnlyThere()
    {
        assertEquals(List.of(
            "tariffs[0].restriction-filter-rules: missing — final-unit-action restrict-access needs " +
                "restriction-filter-rules or filter-id (test.yaml line 2)",
            "tariffs[1].restriction-filter-rules: bad value '[permit out ip from any to 10.0.0.1]' — allowed: only " +
                "with final-unit-action restrict-access (this tariff has terminate) (test.yaml line 3)",
            "tariffs[1].filter-id: bad value 'f' — allowed: only with final-unit-action restrict-access " +
                "(this tariff has terminate) (test.yaml line 3)",
            "tariffs[2].restriction-filter-rules[0]: bad value 'allow all' — allowed: an IPFilterRule " +
                "'permit|deny in|out proto from SRC to DST' (RFC 6733 §4.3.1) (test.yaml line 4)"),
            problems("tariffs:\n" +
                "  - {rating-group: 1, unit: octets, price: 1, final-unit-action: restrict-access}\n" +
                "  - {rating-group: 2, unit: octets, price: 1, restriction-filter-rules: " +
                "[\"permit out ip from any to 10.0.0.1\"], filter-id: f}\n" +
                "  - {rating-group: 3, unit: octets, price: 1, final-unit-action: restrict-access, " +
                "restriction-filter-rules: [\"allow all\"]}\n"));
        assertEquals("walled-garden", load("tariffs:\n  - {rating-group: 1, unit: octets, price: 1, " +
            "final-unit-action: restrict-access, filter-id: walled-garden}\n").tariffFor(1).filterId());
    }

    @Test
    void shouldKeepBandsWithinADayAscendingAndApart()
    {
        assertEquals(List.of(
            "tariffs[0].bands[1].from: bad value '11:00' — allowed: a start not before the end of the previous band " +
                "(12:00): bands ascend and do not overlap (test.yaml line 7)",
            "tariffs[0].bands[2].to: bad value '06:00' — allowed: an end after from (22:00); a band never wraps " +
                "midnight: write two bands (test.yaml line 8)",
            "tariffs[0].bands[3].from: bad value '24:00' — allowed: a start before 24:00 (test.yaml line 9)",
            "tariffs[0].bands[4].from: bad value '25:00' — allowed: HH:MM from 00:00 to 24:00; required; before to " +
                "(test.yaml line 10)",
            "tariffs[0].bands[4].price: missing — required: the price of one quantum in the band (test.yaml line 10)"),
            problems("tariffs:\n  - rating-group: 1\n    unit: seconds\n    price: 1\n    bands:\n" +
                "      - {from: \"08:00\", to: \"12:00\", price: 1}\n" +
                "      - {from: \"11:00\", to: \"13:00\", price: 1}\n" +
                "      - {from: \"22:00\", to: \"06:00\", price: 1}\n" +
                "      - {from: \"24:00\", to: \"24:00\", price: 1}\n" +
                "      - {from: \"25:00\", to: \"24:00\"}\n"));
        final TariffConfiguration night = load("tariffs:\n  - rating-group: 1\n    unit: seconds\n    price: 2\n" +
            "    time-zone: Europe/Berlin\n    bands:\n      - {from: \"00:00\", to: \"06:00\", price: 1}\n" +
            "      - {from: \"22:00\", to: \"24:00\", price: 1}\n").tariffFor(1);
        assertEquals(2, night.bands().size());
        assertEquals(22 * 60, night.bands().get(1).fromMinuteOfDay());
        assertEquals(24 * 60, night.bands().get(1).toMinuteOfDay());
        assertEquals(10_000L, night.bands().get(1).priceMinor());
    }

    @Test
    void shouldKeepTiersAscendingAndApartFromBands()
    {
        assertEquals(List.of(
            "tariffs[0].tiers[1].from-units: bad value '50MiB' — allowed: more than the previous tier's from-units " +
                "(100MiB): tiers ascend (test.yaml line 7)"),
            problems("tariffs:\n  - rating-group: 1\n    unit: octets\n    price: 1\n    tiers:\n" +
                "      - {from-units: 100MiB, price: \"0.5\"}\n      - {from-units: 50MiB, price: \"0.25\"}\n"));
        assertEquals(List.of("tariffs[0].tiers: bad value '1 tiers' — allowed: no tiers in a tariff with bands: which " +
            "price applies would be ambiguous (test.yaml line 6)"),
            problems("tariffs:\n  - rating-group: 1\n    unit: seconds\n    price: 1\n" +
                "    bands: [{from: \"08:00\", to: \"12:00\", price: 1}]\n    tiers: [{from-units: 60, price: 1}]\n"));
        final TariffConfiguration tiered = load("tariffs:\n  - rating-group: 1\n    unit: octets\n    price: 1\n" +
            "    tiers:\n      - {from-units: 0, price: 1}\n      - {from-units: 1GiB, price: \"0.5\"}\n")
            .tariffFor(1);
        assertEquals(1L << 30, tiered.tiers().get(1).fromUnits());
    }

    @Test
    void shouldCheckGrantsThresholdsAndTheirUnits()
    {
        assertEquals(List.of(
            "tariffs[0].quantum: bad value '0' — allowed: at least 1 seconds, at most 4294967295: 300 or 300s " +
                "(test.yaml line 2)",
            "tariffs[0].default-grant: bad value '400' — allowed: at most max-grant (300s) (test.yaml line 2)",
            "tariffs[0].volume-threshold: bad value '1MiB' — allowed: only in a tariff with unit octets " +
                "(this one counts seconds) (test.yaml line 2)",
            "tariffs[0].time-zone: bad value 'Mars/Olympus' — allowed: a time-zone id such as UTC or Europe/Berlin " +
                "(test.yaml line 2)",
            "tariffs[1].unit: bad value 'liters' — allowed: octets | seconds | events; required (test.yaml line 3)",
            "tariffs[2].validity-time: bad value '1500ms' — allowed: 1s..4294967295s in whole seconds (test.yaml line 4)",
            "tariffs[2].volume-threshold: bad value '5GiB' — allowed: at most 4294967295 (the AVP is Unsigned32) " +
                "(test.yaml line 4)",
            "tariffs[3].time-threshold: bad value '300s' — allowed: below default-grant (300s), or the client would " +
                "ask again at once (test.yaml line 5)",
            "tariffs[4].default-grant: bad value '10MiB' — allowed: at least 1 events: a whole number; at most " +
                "max-grant (test.yaml line 6)"),
            problems("tariffs:\n" +
                "  - {rating-group: 1, unit: seconds, price: 1, volume-threshold: 1MiB, default-grant: 400, " +
                "max-grant: 300, quantum: 0, time-zone: Mars/Olympus}\n" +
                "  - {rating-group: 2, unit: liters, price: 1, default-grant: 10MiB, volume-threshold: 1}\n" +
                "  - {rating-group: 3, unit: octets, price: 1, volume-threshold: 5GiB, default-grant: 10GiB, " +
                "max-grant: 10GiB, validity-time: 1500ms}\n" +
                "  - {rating-group: 4, unit: seconds, price: 1, time-threshold: 300s}\n" +
                "  - {rating-group: 5, unit: events, price: 1, default-grant: 10MiB}\n"));
        final TariffConfiguration data = load("tariffs:\n  - {rating-group: 1, unit: octets, price: 1, " +
            "volume-threshold: 1MiB, quota-holding-time: 30s}\n").tariffFor(1);
        assertEquals(1_048_576L, data.volumeThresholdOctets());
        assertEquals(30L, data.quotaHoldingTimeSeconds());
    }

    @Test
    void shouldKeepDemoIdentitiesUniqueAndWithinFifteenDigits()
    {
        assertEquals(List.of(
            "demo.subscribers.msisdn-start: bad value '999999999999995' — allowed: a start whose last MSISDN " +
                "(start + count - 1 = 1000000000000004) keeps at most 15 digits (test.yaml line 4)",
            "demo.accounts[1].imsi: bad value '12345' — allowed: 6 to 15 decimal digits (test.yaml line 7)",
            "demo.accounts[2].msisdn: bad value '123' — allowed: an MSISDN no other account has " +
                "(demo.accounts[1].msisdn is 123) (test.yaml line 8)",
            "demo.accounts[3].msisdn: missing — required: the account's MSISDN (test.yaml line 9)"),
            problems("demo:\n  subscribers:\n    count: 10\n    msisdn-start: 999999999999995\n  accounts:\n" +
                "    - {msisdn: \"491700000005\"}\n    - {msisdn: \"123\", imsi: \"12345\"}\n    - {msisdn: \"123\"}\n" +
                "    - {balance: 1}\n"));
        assertEquals(List.of(
            "demo.accounts[0].msisdn: bad value '491700000005' — allowed: an MSISDN outside the generated " +
                "demo.subscribers range 491700000000..491700099999 (test.yaml line 3)",
            "demo.accounts[0].imsi: bad value '262010000000007' — allowed: an IMSI outside the generated " +
                "demo.subscribers range 262010000000000..262010000099999 (test.yaml line 3)"),
            problems("demo:\n  accounts:\n    - {msisdn: \"491700000005\", imsi: \"262010000000007\"}\n"));
    }

    @Test
    void shouldRequireAnAdminTokenWhileTheApiIsEnabled()
    {
        assertEquals(List.of("admin.token: missing — required while admin.enabled is true (set GYRO_ADMIN_TOKEN) " +
            "(test.yaml line 1)"), problems("admin:\n  enabled: true\n"));
        assertEquals(List.of(
            "admin.token: bad value '******' — allowed: text of at least 16 characters (never printed); required " +
                "while admin.enabled is true (test.yaml line 3)",
            "admin.port: bad value '3868' — allowed: a port other than diameter.port (3868) on the same address " +
                "(test.yaml line 4)"),
            problems("admin:\n  enabled: true\n  token: short-token\n  port: 3868\n"));
        assertEquals(3868, load("admin:\n  enabled: true\n  token: a-token-of-sixteen-chars\n  port: 3868\n" +
            "  bind-address: 10.0.0.1\ndiameter:\n  bind-address: 10.0.0.2\n").admin().port(), "other address");
    }

    @Test
    void shouldRequireKeyAndTrustStoresForDiameterTls(@TempDir final Path dir) throws Exception
    {
        assertEquals(List.of(
            "diameter.tls.key-store: missing — required while diameter.tls.enabled is true (test.yaml line 1)",
            "diameter.tls.key-store-password: missing — required while diameter.tls.enabled is true " +
                "(test.yaml line 1)"),
            problems("diameter:\n  tls:\n    enabled: true\n"));
        final Path keyStore = Files.writeString(dir.resolve("ks.p12"), "key store bytes");
        assertEquals(List.of("diameter.tls.trust-store-password: missing — required with diameter.tls.trust-store " +
            "(test.yaml line 1)"),
            problems("diameter:\n  tls:\n    enabled: true\n    key-store: " + keyStore +
                "\n    key-store-password: pw\n    trust-store: " + keyStore + "\n"));
        final GyroConfiguration ok = load("diameter:\n  tls:\n    enabled: true\n    key-store: " + keyStore +
            "\n    key-store-password: pw\n    client-auth: require\n");
        assertEquals(io.gyro.config.model.ClientAuth.REQUIRE, ok.diameter().tls().clientAuth());
        assertEquals(5658, ok.diameter().tls().port());
        assertFalse(ok.diameter().tls().toString().contains("pw,"), "the password is masked");
    }

    @Test
    void shouldRequireAReadableKeyStoreForTls(@TempDir final Path dir) throws Exception
    {
        assertEquals(List.of(
            "admin.tls.key-store: missing — required while admin.tls.enabled is true (test.yaml line 1)",
            "admin.tls.key-store-password: missing — required while admin.tls.enabled is true (test.yaml line 1)"),
            problems("admin:\n  tls:\n    enabled: true\n"));
        final Path missing = dir.resolve("missing.p12");
        assertEquals(List.of("admin.tls.key-store: bad value '" + missing + "' — allowed: a readable file " +
            "(there is none at " + missing + ") (test.yaml line 4)"),
            problems("admin:\n  tls:\n    enabled: true\n    key-store: " + missing + "\n    key-store-password: pw\n"));
        final Path keyStore = Files.writeString(dir.resolve("ks.p12"), "not really a key store");
        final GyroConfiguration ok = load("admin:\n  tls:\n    enabled: true\n    key-store: " + keyStore +
            "\n    key-store-password: pw\n");
        assertEquals(keyStore, ok.admin().tls().keyStore());
        assertEquals("pw", ok.admin().tls().keyStorePassword().reveal());
    }

    @Test
    void shouldNeverPrintSecretsInErrors()
    {
        final ConfigurationException ex = assertThrows(ConfigurationException.class, () -> load(
            "admin:\n  enabled: true\n  token: short-secret\nradius:\n  clients:\n" +
            "    - {address: 10.0.0.0/8, secret: [s3cret-in-a-list]}\n"));
        assertFalse(ex.getMessage().contains("short-secret"), ex.getMessage());
        assertFalse(ex.getMessage().contains("s3cret"), ex.getMessage());
    }

    @Test
    void shouldNeverPrintSecretsInTheModel()
    {
        final String printed = ConfigurationLoader.bundled().toString();
        assertFalse(printed.contains("testing123"), printed);
        assertFalse(printed.contains("gyro-demo"), printed);
        assertFalse(printed.contains(ConfigurationLoader.bundled().admin().token().reveal()), printed);
        final String tls = load("admin:\n  tls:\n    key-store-password: hunter2-hunter2\n").toString();
        assertFalse(tls.contains("hunter2"), tls);
    }

    @Test
    void shouldReportAnUnreadableFile(@TempDir final Path dir)
    {
        final Path missing = dir.resolve("nope.yaml");
        final ConfigurationException ex = assertThrows(ConfigurationException.class,
            () -> ConfigurationLoader.load(missing, Map.of(), List.of()));
        assertTrue(ex.getMessage().startsWith("invalid configuration (1 problem):\n  " + missing + ": cannot be read: "),
            ex.getMessage());
    }

    static GyroConfiguration load(final String yaml)
    {
        return ConfigurationLoader.fromYaml(yaml, "test.yaml", Map.of(), List.of());
    }

    static List<String> problems(final String yaml)
    {
        return OverridesTest.messages(assertThrows(ConfigurationException.class, () -> load(yaml)));
    }

    static List<String> messages(final ConfigurationException ex)
    {
        return OverridesTest.messages(ex);
    }
}
