package io.gyro.config;

import io.gyro.config.model.AdminConfiguration;
import io.gyro.config.model.CdrConfiguration;
import io.gyro.config.model.Cidr;
import io.gyro.config.model.DemoAccount;
import io.gyro.config.model.DemoConfiguration;
import io.gyro.config.model.DemoSubscribers;
import io.gyro.config.model.DiameterConfiguration;
import io.gyro.config.model.DiameterPeer;
import io.gyro.config.model.DiameterTlsConfiguration;
import io.gyro.config.model.FinalUnitAction;
import io.gyro.config.model.GyroConfiguration;
import io.gyro.config.model.LedgerConfiguration;
import io.gyro.config.model.LoggingConfiguration;
import io.gyro.config.model.NodeConfiguration;
import io.gyro.config.model.PriceTier;
import io.gyro.config.model.RadiusClient;
import io.gyro.config.model.RadiusConfiguration;
import io.gyro.config.model.RedirectAddressType;
import io.gyro.config.model.Secret;
import io.gyro.config.model.TariffConfiguration;
import io.gyro.config.model.TimeBand;
import io.gyro.config.model.TlsConfiguration;
import io.gyro.config.model.UnitType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.gyro.config.ConfigurationKeys.*;

/**
 * Builds the typed model from the tree, key by key from the registry, then checks the rules that involve
 * more than one key. Problems are collected, never thrown here; the loader throws them all at once and the
 * half-built model is then discarded.
 */
final class ModelBuilder
{
    /** Used only to read {@code ledger.money-scale} itself. */
    private static final int BOOTSTRAP_MONEY_SCALE = 4;
    /** ITU-T E.164 / E.212: 15 digits at most. */
    private static final long MAX_15_DIGITS = 999_999_999_999_999L;
    private static final int MINUTES_PER_DAY = 24 * 60;

    /** Grants and quanta when a tariff does not say, per unit; see the registry's derived defaults. */
    private static final long DEFAULT_OCTETS_QUANTUM = Sizes.MIB;
    private static final long DEFAULT_OCTETS_GRANT = 10 * Sizes.MIB;
    private static final long DEFAULT_OCTETS_MAX_GRANT = 100 * Sizes.MIB;
    private static final long DEFAULT_SECONDS_GRANT = 300;
    private static final long DEFAULT_SECONDS_MAX_GRANT = 3_600;
    private static final long DEFAULT_EVENTS_GRANT = 1;
    private static final long DEFAULT_EVENTS_MAX_GRANT = 100;

    private final ConfigTree.Mapping root;
    private final Problems problems;
    private Set<String> keysRead = Set.of();

    ModelBuilder(final ConfigTree.Mapping root, final Problems problems)
    {
        this.root = root;
        this.problems = problems;
    }

    GyroConfiguration build()
    {
        final Section bootstrap = new Section(root, problems, new ParseContext(BOOTSTRAP_MONEY_SCALE, null));
        final Section s = bootstrap.withContext(new ParseContext(bootstrap.get(LEDGER_MONEY_SCALE), null));
        keysRead = s.keysRead();

        final NodeConfiguration node = new NodeConfiguration(
            s.get(NODE_ORIGIN_HOST), s.get(NODE_ORIGIN_REALM), s.get(NODE_PRODUCT_NAME), s.get(NODE_VENDOR_ID),
            s.get(NODE_DATA_DIR));
        final DiameterConfiguration diameter = diameter(s, node);
        final RadiusConfiguration radius = radius(s);
        final LedgerConfiguration ledger = ledger(s, diameter);
        final List<TariffConfiguration> tariffs = tariffs(s);
        final DemoConfiguration demo = demo(s);
        final AdminConfiguration admin = admin(s, diameter);
        final CdrConfiguration cdr = new CdrConfiguration(
            s.get(CDR_ENABLED),
            s.isSet(CDR_DIR) ? s.getOr(CDR_DIR, node.dataDir().resolve("cdr")) : node.dataDir().resolve("cdr"),
            s.get(CDR_ROLL_INTERVAL));

        return new GyroConfiguration(
            s.get(MODE), node, diameter, radius, ledger, tariffs, demo, admin, cdr,
            new LoggingConfiguration(s.get(LOGGING_LEVEL)));
    }

    /** @return the registry paths the last {@link #build()} read: a test checks that no key is ignored. */
    Set<String> keysRead()
    {
        return keysRead;
    }

    private static DiameterConfiguration diameter(final Section s, final NodeConfiguration node)
    {
        final boolean enabled = s.get(DIAMETER_ENABLED);
        final List<DiameterPeer> peers = new ArrayList<>();
        for (final Section peer : s.entries(DIAMETER_PEERS))
        {
            final String originHost = peer.require(PEER_ORIGIN_HOST, "required: the peer's Origin-Host, or *");
            final List<Cidr> addresses = peer.require(PEER_ADDRESSES,
                "required: the networks the peer connects from, e.g. [10.0.0.0/8]");
            peers.add(new DiameterPeer(
                orEmpty(originHost), null == addresses ? List.of() : addresses, peer.get(PEER_CCFH),
                peer.get(PEER_DDFH), peer.get(PEER_SEND_3GPP_AVPS), peer.get(PEER_SUPPORTED_VENDOR_IDS)));
        }
        if (enabled && peers.isEmpty() && !s.isBad(DIAMETER_PEERS))
        {
            s.reject(DIAMETER_PEERS, "[]", "at least one peer while diameter.enabled is true");
        }
        final List<String> realms = s.isSet(DIAMETER_SERVED_REALMS) ?
            s.getOr(DIAMETER_SERVED_REALMS, List.of(node.originRealm())) : List.of(node.originRealm());
        return new DiameterConfiguration(
            enabled, s.get(DIAMETER_BIND_ADDRESS), s.get(DIAMETER_PORT), diameterTls(s), s.get(DIAMETER_IO_THREADS),
            s.get(DIAMETER_MAX_MESSAGE_LENGTH), s.get(DIAMETER_WATCHDOG_INTERVAL), s.get(DIAMETER_CER_TIMEOUT),
            s.get(DIAMETER_MAX_CONNECTIONS), s.get(DIAMETER_MAX_CONNECTIONS_PER_ADDRESS), realms, s.get(DIAMETER_MAX_MSCC), s.get(DIAMETER_DEFAULT_RATING_GROUP), s.get(DIAMETER_DUPLICATE_WINDOW),
            s.get(DIAMETER_CURRENCY_CODE),
            s.get(DIAMETER_LOW_BALANCE_INDICATION), peers);
    }

    private static DiameterTlsConfiguration diameterTls(final Section s)
    {
        final boolean enabled = s.get(DIAMETER_TLS_ENABLED);
        Path keyStore = s.get(DIAMETER_TLS_KEY_STORE);
        Secret keyStorePassword = s.get(DIAMETER_TLS_KEY_STORE_PASSWORD);
        final Path trustStore = s.get(DIAMETER_TLS_TRUST_STORE);
        Secret trustStorePassword = s.get(DIAMETER_TLS_TRUST_STORE_PASSWORD);
        if (enabled)
        {
            keyStore = s.require(DIAMETER_TLS_KEY_STORE, "required while diameter.tls.enabled is true");
            keyStorePassword = s.require(DIAMETER_TLS_KEY_STORE_PASSWORD,
                "required while diameter.tls.enabled is true");
            requireReadable(s, DIAMETER_TLS_KEY_STORE, keyStore);
            if (null != trustStore)
            {
                trustStorePassword = s.require(DIAMETER_TLS_TRUST_STORE_PASSWORD,
                    "required with diameter.tls.trust-store");
                requireReadable(s, DIAMETER_TLS_TRUST_STORE, trustStore);
            }
        }
        return new DiameterTlsConfiguration(enabled, s.get(DIAMETER_TLS_PORT), keyStore, keyStorePassword,
            trustStore, trustStorePassword, s.get(DIAMETER_TLS_CLIENT_AUTH), s.get(DIAMETER_TLS_INBAND));
    }

    private static void requireReadable(final Section s, final ConfigKey<Path> key, final Path file)
    {
        if (null != file && !(Files.isRegularFile(file) && Files.isReadable(file)))
        {
            s.reject(key, file.toString(), "a readable file (there is none at " + file.toAbsolutePath() + ")");
        }
    }

    private static RadiusConfiguration radius(final Section s)
    {
        final boolean enabled = s.get(RADIUS_ENABLED);
        final int authPort = s.get(RADIUS_AUTH_PORT);
        final int acctPort = s.get(RADIUS_ACCT_PORT);
        if (enabled && 0 != authPort && authPort == acctPort)
        {
            s.reject(RADIUS_ACCT_PORT, shown(s, RADIUS_ACCT_PORT), "a port other than radius.auth-port (" + authPort + ")");
        }
        final long initialTimeoutMs = s.get(RADIUS_COA_INITIAL_TIMEOUT);
        final long maxTimeoutMs = s.get(RADIUS_COA_MAX_TIMEOUT);
        final long maxDurationMs = s.get(RADIUS_COA_MAX_DURATION);
        if (maxTimeoutMs < initialTimeoutMs)
        {
            s.reject(RADIUS_COA_MAX_TIMEOUT, shown(s, RADIUS_COA_MAX_TIMEOUT),
                "at least radius.coa-initial-timeout (" + Durations.format(initialTimeoutMs) + ")");
        }
        if (maxDurationMs < initialTimeoutMs)
        {
            s.reject(RADIUS_COA_MAX_DURATION, shown(s, RADIUS_COA_MAX_DURATION),
                "at least radius.coa-initial-timeout (" + Durations.format(initialTimeoutMs) + ")");
        }

        final List<RadiusClient> clients = new ArrayList<>();
        final List<Section> clientSections = s.entries(RADIUS_CLIENTS);
        final Map<String, String> names = new HashMap<>();
        for (int i = 0; i < clientSections.size(); i++)
        {
            final Section client = clientSections.get(i);
            final Cidr address = client.require(CLIENT_ADDRESS, "required: the network the NAS sends from");
            final Secret secret = client.require(CLIENT_SECRET, "required: the shared secret of the NAS");
            final String name = client.isSet(CLIENT_NAME) ?
                client.getOr(CLIENT_NAME, client.path()) : null == address ? client.path() : address.toString();
            final String sameName = names.putIfAbsent(name, client.pathOf(CLIENT_NAME));
            if (null != sameName)
            {
                client.reject(CLIENT_NAME, name, "a name no other client has (" + sameName + " is " + name + ")");
            }
            for (int j = 0; j < i && null != address; j++)
            {
                final Cidr other = clients.get(j).address();
                if (null != other && address.overlaps(other))
                {
                    client.reject(CLIENT_ADDRESS, address.toString(), "a network that overlaps no other client's (" +
                        clientSections.get(j).pathOf(CLIENT_ADDRESS) + " is " + other + ")");
                    break;
                }
            }
            clients.add(new RadiusClient(name, address, secret, client.get(CLIENT_VENDOR),
                client.get(CLIENT_RATING_GROUP), client.get(CLIENT_REQUIRE_MESSAGE_AUTHENTICATOR)));
        }
        if (enabled && clients.isEmpty() && !s.isBad(RADIUS_CLIENTS))
        {
            s.reject(RADIUS_CLIENTS, "[]", "at least one client while radius.enabled is true");
        }
        return new RadiusConfiguration(
            enabled, s.get(RADIUS_BIND_ADDRESS), authPort, acctPort, s.get(RADIUS_COA_PORT),
            s.get(RADIUS_IDENTITY_ORDER), s.get(RADIUS_ACCT_INTERIM_INTERVAL),
            s.get(RADIUS_RESERVATION_ADOPTION_TIMEOUT), s.get(RADIUS_DUPLICATE_CACHE_TIME),
            s.get(RADIUS_COA_MAX_TRANSMISSIONS), initialTimeoutMs, maxTimeoutMs, maxDurationMs, clients);
    }

    private static LedgerConfiguration ledger(final Section s, final DiameterConfiguration diameter)
    {
        final double shedAt = s.get(LEDGER_SHED_NEW_SESSIONS_AT);
        final double adminBelow = s.get(LEDGER_ADMIN_PUBLISH_BELOW);
        if (adminBelow > shedAt)
        {
            s.reject(LEDGER_ADMIN_PUBLISH_BELOW, shown(s, LEDGER_ADMIN_PUBLISH_BELOW),
                "at most ledger.shed-new-sessions-at (" + shown(s, LEDGER_SHED_NEW_SESSIONS_AT) +
                "): admin work is shed before new sessions");
        }
        final long tombstoneMs = s.get(LEDGER_TOMBSTONE_TIME);
        final long eventRetentionMs = s.get(LEDGER_EVENT_RESULT_RETENTION);
        final String window = Durations.format(diameter.duplicateWindowMs());
        if (tombstoneMs < diameter.duplicateWindowMs())
        {
            s.reject(LEDGER_TOMBSTONE_TIME, shown(s, LEDGER_TOMBSTONE_TIME), "at least diameter.duplicate-window (" +
                window + "), so a retransmitted CCR-T is still recognised and never charged twice");
        }
        if (eventRetentionMs < diameter.duplicateWindowMs())
        {
            s.reject(LEDGER_EVENT_RESULT_RETENTION, shown(s, LEDGER_EVENT_RESULT_RETENTION),
                "at least diameter.duplicate-window (" + window + "), so a retransmitted CCR-EVENT is never " +
                "charged twice");
        }
        final long eventAnswerRetentionMs = s.get(LEDGER_EVENT_ANSWER_RETENTION);
        if (0 != eventAnswerRetentionMs && eventAnswerRetentionMs < eventRetentionMs)
        {
            s.reject(LEDGER_EVENT_ANSWER_RETENTION, shown(s, LEDGER_EVENT_ANSWER_RETENTION),
                "at least ledger.event-result-retention (" + shown(s, LEDGER_EVENT_RESULT_RETENTION) + "), or 0s");
        }
        return new LedgerConfiguration(
            s.get(LEDGER_RING_SIZE), s.get(LEDGER_WAIT_STRATEGY), s.get(LEDGER_JOURNAL_ENABLED),
            s.get(LEDGER_JOURNAL_SYNC), s.get(LEDGER_SNAPSHOT_INTERVAL), s.get(LEDGER_SNAPSHOTS_KEPT),
            s.get(LEDGER_JOURNAL_RETENTION),
            s.get(LEDGER_MONEY_SCALE), shedAt, adminBelow, tombstoneMs, eventRetentionMs,
            eventAnswerRetentionMs, s.get(LEDGER_EVENT_ANSWER_CAPACITY),
            s.get(LEDGER_CLOSED_SESSION_RETENTION), s.get(LEDGER_DEFAULT_SUPERVISION),
            s.get(LEDGER_SUPERVISION_MARGIN));
    }

    private static List<TariffConfiguration> tariffs(final Section s)
    {
        final List<TariffConfiguration> tariffs = new ArrayList<>();
        final Map<Long, String> ratingGroups = new HashMap<>();
        for (final Section entry : s.entries(TARIFFS))
        {
            final Long ratingGroup = entry.require(TARIFF_RATING_GROUP, "required: a rating group number, or default");
            final UnitType unit = entry.require(TARIFF_UNIT, "required: octets, seconds or events");
            final Section t = entry.withContext(entry.context().withUnit(unit));
            if (null != ratingGroup)
            {
                final String previous = ratingGroups.putIfAbsent(ratingGroup, t.pathOf(TARIFF_RATING_GROUP));
                if (null != previous)
                {
                    t.reject(TARIFF_RATING_GROUP, t.textOf(TARIFF_RATING_GROUP),
                        TariffConfiguration.DEFAULT_RATING_GROUP == ratingGroup ?
                        "at most one default tariff (" + previous + " is default already)" :
                        "a rating group no other tariff has (" + previous + " is " + ratingGroup + " already)");
                }
            }
            final String name = t.isSet(TARIFF_NAME) ?
                t.getOr(TARIFF_NAME, "") : orEmpty(t.textOf(TARIFF_RATING_GROUP));
            final long quantum = t.isSet(TARIFF_QUANTUM) ? orZero(t.get(TARIFF_QUANTUM)) :
                UnitType.OCTETS == unit ? DEFAULT_OCTETS_QUANTUM : 1;
            final Long price = t.require(TARIFF_PRICE, "required: the price of one quantum, e.g. 0.0100");

            final long defaultGrant;
            final long maxGrant;
            if (t.isSet(TARIFF_MAX_GRANT))
            {
                maxGrant = orZero(t.get(TARIFF_MAX_GRANT));
                defaultGrant = t.isSet(TARIFF_DEFAULT_GRANT) ? orZero(t.get(TARIFF_DEFAULT_GRANT)) :
                    Math.min(defaultGrant(unit), maxGrant);
            }
            else
            {
                defaultGrant = t.isSet(TARIFF_DEFAULT_GRANT) ? orZero(t.get(TARIFF_DEFAULT_GRANT)) : defaultGrant(unit);
                maxGrant = Math.max(defaultMaxGrant(unit), defaultGrant);
            }
            if (null != unit && defaultGrant > maxGrant && !t.isBad(TARIFF_MAX_GRANT))
            {
                t.reject(TARIFF_DEFAULT_GRANT, t.textOf(TARIFF_DEFAULT_GRANT),
                    "at most max-grant (" + formatUnits(maxGrant, unit) + ")");
            }

            final FinalUnitAction finalUnitAction = t.get(TARIFF_FINAL_UNIT_ACTION);
            RedirectAddressType redirectType = null;
            String redirectAddress = null;
            if (FinalUnitAction.REDIRECT == finalUnitAction)
            {
                final String needed = "required with final-unit-action redirect (RFC 4006 §8.34 needs Redirect-Server)";
                redirectType = t.require(TARIFF_REDIRECT_ADDRESS_TYPE, needed);
                redirectAddress = t.require(TARIFF_REDIRECT_ADDRESS, needed);
                if (null != redirectType && null != redirectAddress)
                {
                    try
                    {
                        ValueTypes.checkRedirectAddress(redirectType, redirectAddress);
                    }
                    catch (final IllegalArgumentException ex)
                    {
                        t.reject(TARIFF_REDIRECT_ADDRESS, redirectAddress,
                            "an address of redirect-address-type " + redirectType + " (" + example(redirectType) + ")");
                    }
                }
            }
            else
            {
                rejectUnlessAction(t, TARIFF_REDIRECT_ADDRESS_TYPE, "redirect", finalUnitAction);
                rejectUnlessAction(t, TARIFF_REDIRECT_ADDRESS, "redirect", finalUnitAction);
            }
            final List<String> rules = t.getOr(TARIFF_RESTRICTION_FILTER_RULES, List.of());
            final String filterId = t.get(TARIFF_FILTER_ID);
            if (FinalUnitAction.RESTRICT_ACCESS == finalUnitAction)
            {
                if (rules.isEmpty() && null == filterId &&
                    !t.isBad(TARIFF_RESTRICTION_FILTER_RULES) && !t.isBad(TARIFF_FILTER_ID))
                {
                    t.rejectMissing(TARIFF_RESTRICTION_FILTER_RULES,
                        "final-unit-action restrict-access needs restriction-filter-rules or filter-id");
                }
            }
            else
            {
                if (!rules.isEmpty())
                {
                    t.reject(TARIFF_RESTRICTION_FILTER_RULES, rules.toString(),
                        "only with final-unit-action restrict-access (this tariff has " + finalUnitAction + ")");
                }
                rejectUnlessAction(t, TARIFF_FILTER_ID, "restrict-access", finalUnitAction);
            }

            final List<TimeBand> bands = bands(t);
            final List<PriceTier> tiers = tiers(t, unit);
            if (!bands.isEmpty() && !tiers.isEmpty())
            {
                t.reject(TARIFF_TIERS, tiers.size() + " tiers",
                    "no tiers in a tariff with bands: which price applies would be ambiguous");
            }

            tariffs.add(new TariffConfiguration(
                orZero(ratingGroup), name, unit, quantum, orZero(price), defaultGrant, maxGrant,
                t.get(TARIFF_VALIDITY_TIME),
                threshold(t, TARIFF_VOLUME_THRESHOLD, unit, UnitType.OCTETS, defaultGrant),
                threshold(t, TARIFF_TIME_THRESHOLD, unit, UnitType.SECONDS, defaultGrant),
                threshold(t, TARIFF_UNIT_THRESHOLD, unit, UnitType.EVENTS, defaultGrant),
                t.getOr(TARIFF_QUOTA_HOLDING_TIME, 0L), finalUnitAction, redirectType, redirectAddress, rules,
                filterId, t.get(TARIFF_TIME_ZONE), bands, tiers));
        }
        return tariffs;
    }

    private static List<TimeBand> bands(final Section tariff)
    {
        final List<TimeBand> bands = new ArrayList<>();
        int previousEnd = -1;
        for (final Section band : tariff.entries(TARIFF_BANDS))
        {
            final Integer from = band.require(BAND_FROM, "required: the start of the band, HH:MM");
            final Integer to = band.require(BAND_TO, "required: the end of the band, HH:MM");
            final Long price = band.require(BAND_PRICE, "required: the price of one quantum in the band");
            if (null != from && null != to)
            {
                if (from >= MINUTES_PER_DAY)
                {
                    band.reject(BAND_FROM, band.textOf(BAND_FROM), "a start before 24:00");
                }
                else if (to <= from)
                {
                    band.reject(BAND_TO, band.textOf(BAND_TO), "an end after from (" + hhmm(from) +
                        "); a band never wraps midnight: write two bands");
                }
                else
                {
                    if (from < previousEnd)
                    {
                        band.reject(BAND_FROM, band.textOf(BAND_FROM), "a start not before the end of the previous " +
                            "band (" + hhmm(previousEnd) + "): bands ascend and do not overlap");
                    }
                    previousEnd = Math.max(previousEnd, to);
                }
            }
            bands.add(new TimeBand(null == from ? 0 : from, null == to ? 0 : to, orZero(price)));
        }
        return bands;
    }

    private static List<PriceTier> tiers(final Section tariff, final UnitType unit)
    {
        final List<PriceTier> tiers = new ArrayList<>();
        long previousFrom = -1;
        for (final Section tier : tariff.entries(TARIFF_TIERS))
        {
            final Long fromUnits = tier.require(TIER_FROM_UNITS, "required: the usage from which the tier applies");
            final Long price = tier.require(TIER_PRICE, "required: the price of one quantum in the tier");
            if (null != fromUnits)
            {
                if (fromUnits <= previousFrom)
                {
                    tier.reject(TIER_FROM_UNITS, tier.textOf(TIER_FROM_UNITS), "more than the previous tier's " +
                        "from-units (" + formatUnits(previousFrom, unit) + "): tiers ascend");
                }
                previousFrom = Math.max(previousFrom, fromUnits);
            }
            tiers.add(new PriceTier(orZero(fromUnits), orZero(price)));
        }
        return tiers;
    }

    private static long threshold(
        final Section t, final ConfigKey<Long> key, final UnitType unit, final UnitType required, final long defaultGrant)
    {
        if (!t.isSet(key) || null == unit)
        {
            return 0;
        }
        if (unit != required)
        {
            t.reject(key, t.textOf(key), "only in a tariff with unit " + required + " (this one counts " + unit + ")");
            return 0;
        }
        final Long value = t.get(key);
        if (null == value)
        {
            return 0;
        }
        if (value > ValueTypes.UNSIGNED32_MAX)
        {
            t.reject(key, t.textOf(key), "at most " + ValueTypes.UNSIGNED32_MAX + " (the AVP is Unsigned32)");
        }
        else if (value >= defaultGrant)
        {
            t.reject(key, t.textOf(key), "below default-grant (" + formatUnits(defaultGrant, unit) +
                "), or the client would ask again at once");
        }
        return value;
    }

    private static DemoConfiguration demo(final Section s)
    {
        final int count = s.get(DEMO_SUBSCRIBERS_COUNT);
        final long msisdnStart = s.get(DEMO_SUBSCRIBERS_MSISDN_START);
        final long imsiStart = s.get(DEMO_SUBSCRIBERS_IMSI_START);
        final long lastMsisdn = msisdnStart + Math.max(count, 1) - 1;
        final long lastImsi = imsiStart + Math.max(count, 1) - 1;
        if (lastMsisdn > MAX_15_DIGITS)
        {
            s.reject(DEMO_SUBSCRIBERS_MSISDN_START, shown(s, DEMO_SUBSCRIBERS_MSISDN_START),
                "a start whose last MSISDN (start + count - 1 = " + lastMsisdn + ") keeps at most 15 digits");
        }
        if (lastImsi > MAX_15_DIGITS)
        {
            s.reject(DEMO_SUBSCRIBERS_IMSI_START, shown(s, DEMO_SUBSCRIBERS_IMSI_START),
                "a start whose last IMSI (start + count - 1 = " + lastImsi + ") keeps at most 15 digits");
        }
        final Secret password = s.get(DEMO_SUBSCRIBERS_PASSWORD);
        final DemoSubscribers subscribers = new DemoSubscribers(
            count, msisdnStart, imsiStart, s.getOr(DEMO_SUBSCRIBERS_BALANCE, 0L), password);

        final List<DemoAccount> accounts = new ArrayList<>();
        final Map<String, String> msisdns = new HashMap<>();
        final Map<String, String> imsis = new HashMap<>();
        for (final Section account : s.entries(DEMO_ACCOUNTS))
        {
            final String msisdn = account.require(ACCOUNT_MSISDN, "required: the account's MSISDN");
            final String imsi = account.get(ACCOUNT_IMSI);
            checkIdentity(account, ACCOUNT_MSISDN, msisdn, msisdns, count, msisdnStart, "MSISDN");
            checkIdentity(account, ACCOUNT_IMSI, imsi, imsis, count, imsiStart, "IMSI");
            accounts.add(new DemoAccount(
                orEmpty(msisdn), imsi, account.getOr(ACCOUNT_BALANCE, 0L),
                account.isSet(ACCOUNT_PASSWORD) ? account.getOr(ACCOUNT_PASSWORD, password) : password,
                account.getOr(ACCOUNT_CREDIT_LIMIT, 0L), account.getOr(ACCOUNT_LOW_BALANCE_THRESHOLD, 0L)));
        }
        return new DemoConfiguration(s.get(DEMO_ENABLED), subscribers, accounts);
    }

    private static void checkIdentity(
        final Section account,
        final ConfigKey<String> key,
        final String identity,
        final Map<String, String> seen,
        final int count,
        final long start,
        final String what)
    {
        if (null == identity)
        {
            return;
        }
        final String previous = seen.putIfAbsent(identity, account.pathOf(key));
        if (null != previous)
        {
            account.reject(key, identity, "an " + what + " no other account has (" + previous + " is " + identity + ")");
            return;
        }
        final long number = Long.parseLong(identity);
        if (count > 0 && number >= start && number <= start + count - 1)
        {
            account.reject(key, identity, "an " + what + " outside the generated demo.subscribers range " +
                start + ".." + (start + count - 1));
        }
    }

    private static AdminConfiguration admin(final Section s, final DiameterConfiguration diameter)
    {
        final boolean enabled = s.get(ADMIN_ENABLED);
        final Secret token = enabled ?
            s.require(ADMIN_TOKEN, "required while admin.enabled is true (set GYRO_ADMIN_TOKEN)") : s.get(ADMIN_TOKEN);
        final String bindAddress = s.get(ADMIN_BIND_ADDRESS);
        final int port = s.get(ADMIN_PORT);
        if (enabled && diameter.enabled() && 0 != port && port == diameter.port() &&
            sameListenAddress(bindAddress, diameter.bindAddress()))
        {
            s.reject(ADMIN_PORT, shown(s, ADMIN_PORT), "a port other than diameter.port (" + port + ") on the same address");
        }
        final boolean tlsEnabled = s.get(ADMIN_TLS_ENABLED);
        Path keyStore = s.get(ADMIN_TLS_KEY_STORE);
        Secret keyStorePassword = s.get(ADMIN_TLS_KEY_STORE_PASSWORD);
        if (tlsEnabled)
        {
            keyStore = s.require(ADMIN_TLS_KEY_STORE, "required while admin.tls.enabled is true");
            keyStorePassword = s.require(ADMIN_TLS_KEY_STORE_PASSWORD, "required while admin.tls.enabled is true");
            if (null != keyStore && !(Files.isRegularFile(keyStore) && Files.isReadable(keyStore)))
            {
                s.reject(ADMIN_TLS_KEY_STORE, keyStore.toString(),
                    "a readable file (there is none at " + keyStore.toAbsolutePath() + ")");
            }
        }
        return new AdminConfiguration(enabled, bindAddress, port, token,
            new TlsConfiguration(tlsEnabled, keyStore, keyStorePassword), s.get(ADMIN_MAX_CONNECTIONS),
            s.get(ADMIN_IDLE_TIMEOUT));
    }

    private static boolean sameListenAddress(final String a, final String b)
    {
        return a.equals(b) || Cidr.parseAddress(a).isAnyLocalAddress() || Cidr.parseAddress(b).isAnyLocalAddress();
    }

    private static void rejectUnlessAction(
        final Section t, final ConfigKey<?> key, final String action, final FinalUnitAction actual)
    {
        if (t.isSet(key))
        {
            t.reject(key, t.textOf(key), "only with final-unit-action " + action + " (this tariff has " + actual + ")");
        }
    }

    private static long defaultGrant(final UnitType unit)
    {
        if (null == unit)
        {
            return 1;
        }
        switch (unit)
        {
            case OCTETS:
                return DEFAULT_OCTETS_GRANT;
            case SECONDS:
                return DEFAULT_SECONDS_GRANT;
            default:
                return DEFAULT_EVENTS_GRANT;
        }
    }

    private static long defaultMaxGrant(final UnitType unit)
    {
        if (null == unit)
        {
            return 1;
        }
        switch (unit)
        {
            case OCTETS:
                return DEFAULT_OCTETS_MAX_GRANT;
            case SECONDS:
                return DEFAULT_SECONDS_MAX_GRANT;
            default:
                return DEFAULT_EVENTS_MAX_GRANT;
        }
    }

    private static String formatUnits(final long units, final UnitType unit)
    {
        if (UnitType.OCTETS == unit)
        {
            return Sizes.format(units);
        }
        return UnitType.SECONDS == unit ? units + "s" : Long.toString(units);
    }

    private static String example(final RedirectAddressType type)
    {
        switch (type)
        {
            case IPV4:
                return "e.g. 192.0.2.10";
            case IPV6:
                return "e.g. 2001:db8::10";
            case URL:
                return "e.g. http://top-up.example.net/";
            default:
                return "e.g. sip:top-up@example.net";
        }
    }

    private static String hhmm(final int minuteOfDay)
    {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    /** @return the value as written, or its default text when it was not written. */
    private static String shown(final Section s, final ConfigKey<?> key)
    {
        final String text = s.textOf(key);
        return null == text ? key.defaultText() : text;
    }

    private static long orZero(final Long value)
    {
        return null == value ? 0 : value;
    }

    private static String orEmpty(final String value)
    {
        return null == value ? "" : value;
    }
}
