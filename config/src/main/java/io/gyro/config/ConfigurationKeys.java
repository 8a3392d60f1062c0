package io.gyro.config;

import io.gyro.config.model.Cidr;
import io.gyro.config.model.ClientAuth;
import io.gyro.config.model.CreditControlFailureHandling;
import io.gyro.config.model.DirectDebitingFailureHandling;
import io.gyro.config.model.FinalUnitAction;
import io.gyro.config.model.JournalRetention;
import io.gyro.config.model.JournalSync;
import io.gyro.config.model.LogLevel;
import io.gyro.config.model.Mode;
import io.gyro.config.model.RadiusIdentity;
import io.gyro.config.model.RadiusVendor;
import io.gyro.config.model.RedirectAddressType;
import io.gyro.config.model.Secret;
import io.gyro.config.model.UnitType;
import io.gyro.config.model.WaitStrategy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.gyro.config.Durations.MS_PER_DAY;
import static io.gyro.config.Durations.MS_PER_HOUR;
import static io.gyro.config.Durations.MS_PER_MINUTE;
import static io.gyro.config.Durations.MS_PER_SECOND;
import static io.gyro.config.ValueTypes.UNSIGNED32_MAX;

/**
 * The key registry: every configuration key, in the order of {@code docs/configuration.md}, with its type,
 * default, unit, allowed values and meaning. This is the one table; the loader, the validator, the
 * environment and command-line overrides and the documentation test all use it.
 * <p>
 * Limits are named constants below, each saying where its number comes from.
 */
public final class ConfigurationKeys
{
    private static final List<ConfigKey<?>> KEYS = new ArrayList<>();
    private static final Map<String, ConfigKey<?>> BY_PATH = new LinkedHashMap<>();

    /** Largest port number (16-bit port field, RFC 793 / RFC 768). */
    public static final int MAX_PORT = 65_535;
    /** Event-loop threads: more than the cores of a big box only adds context switches. */
    public static final int MAX_IO_THREADS = 64;
    /** Smallest max-message-length: a CER or a CCR with a few MSCCs fits in 4 KiB with room to spare. */
    public static final int MIN_DIAMETER_MESSAGE_LENGTH = 4_096;
    /** RFC 6733 §3: Message Length is a 24-bit field. */
    public static final int MAX_DIAMETER_MESSAGE_LENGTH = 0xFF_FFFF;
    /**
     * Most Diameter connections a limit may allow: each costs a file descriptor, a frame buffer of up to
     * max-message-length and up to 1 MiB of queued answers, and 65,536 is already the usual per-process descriptor limit.
     */
    public static final int MAX_DIAMETER_CONNECTIONS_LIMIT = 65_536;
    /** RFC 3539 §3.4.1: Twinit MUST NOT be set lower than 6 seconds. */
    public static final long MIN_WATCHDOG_INTERVAL_MS = 6 * MS_PER_SECOND;
    /** Bounds the per-request MSCC preallocation; gateways send a few dozen at most. */
    public static final int MAX_MSCC_LIMIT = 256;
    /** RFC 2869 §5.16: Acct-Interim-Interval SHOULD NOT be smaller than 60 seconds. */
    public static final long MIN_ACCT_INTERIM_INTERVAL_S = 60;
    /** RFC 5080 §2.2.1 retransmits at most MRC times; beyond 20 a NAS is gone, not slow. */
    public static final int MAX_COA_TRANSMISSIONS = 20;
    /** Smallest Disruptor ring worth having; tests of load shedding use small rings. */
    public static final int MIN_RING_SIZE = 16;
    /** 16 Mi slots: beyond that the preallocated ring alone costs gigabytes. */
    public static final int MAX_RING_SIZE = 1 << 24;
    /** Snapshots kept on disk: more than 100 only fills the disk. */
    public static final int MAX_SNAPSHOTS_KEPT = 100;
    /** ITU-T E.164 §6: an international number has at most 15 digits. */
    public static final int MAX_MSISDN_DIGITS = 15;
    /** ITU-T E.212 §6: an IMSI has at most 15 digits; MCC (3) + MNC (2) + MSIN (at least 1) gives the minimum. */
    public static final int MAX_IMSI_DIGITS = 15;
    /** MCC + MNC + one MSIN digit. */
    public static final int MIN_IMSI_DIGITS = 6;
    /** Demo subscribers are generated in memory at first start; 10 M is already a load-test population. */
    public static final int MAX_DEMO_SUBSCRIBERS = 10_000_000;
    /** 16 random characters (about 96 bits base64) cannot be guessed through the API. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 16;

    private static final String FREE_PORT_NOTE = "0 picks a free port (tests)";
    private static final long U32_SECONDS = UNSIGNED32_MAX;

    // ---------------------------------------------------------------------------------------------- mode

    /** {@code mode}. */
    public static final ConfigKey<Mode> MODE = define("mode", ValueTypes.enumeration(Mode.class))
        .byDefault("production")
        .means("production rates, reserves and denies when the money runs out; pilot rates and records " +
            "everything but never denies service and reports what it would have denied (ARCHITECTURE.md §5).");

    // ---------------------------------------------------------------------------------------------- node

    /** {@code node.origin-host}. */
    public static final ConfigKey<String> NODE_ORIGIN_HOST = define("node.origin-host", ValueTypes.diameterIdentity())
        .byDefault("gyro.localdomain")
        .means("Origin-Host this server sends in CEA and every answer (RFC 6733 §6.3).");
    /** {@code node.origin-realm}. */
    public static final ConfigKey<String> NODE_ORIGIN_REALM = define("node.origin-realm", ValueTypes.diameterIdentity())
        .byDefault("localdomain")
        .means("Origin-Realm this server sends (RFC 6733 §6.4).");
    /** {@code node.product-name}. */
    public static final ConfigKey<String> NODE_PRODUCT_NAME = define("node.product-name",
        ValueTypes.text(ValueTypes.MAX_NAME_LENGTH))
        .byDefault("Gyro")
        .means("Product-Name in CER/CEA (RFC 6733 §5.3.7).");
    /** {@code node.vendor-id}. */
    public static final ConfigKey<Long> NODE_VENDOR_ID = define("node.vendor-id",
        ValueTypes.longInteger(0, UNSIGNED32_MAX))
        .byDefault("0")
        .means("Vendor-Id in CER/CEA (RFC 6733 §5.3.3): the IANA enterprise number of the vendor, 0 for IETF.");
    /** {@code node.data-dir}. */
    public static final ConfigKey<Path> NODE_DATA_DIR = define("node.data-dir", ValueTypes.path())
        .byDefault("data")
        .means("Directory of the journal, the snapshots and (by default) the CDR files.");

    // ------------------------------------------------------------------------------------------ diameter

    /** {@code diameter.enabled}. */
    public static final ConfigKey<Boolean> DIAMETER_ENABLED = define("diameter.enabled", ValueTypes.bool())
        .byDefault("true")
        .means("Whether the Diameter Gy/Ro credit-control listener starts.");
    /** {@code diameter.bind-address}. */
    public static final ConfigKey<String> DIAMETER_BIND_ADDRESS = define("diameter.bind-address", ValueTypes.ipAddress())
        .byDefault("127.0.0.1")
        .means("Address the Diameter listener binds; 0.0.0.0 or :: for every interface.");
    /** {@code diameter.port}. */
    public static final ConfigKey<Integer> DIAMETER_PORT = define("diameter.port", ValueTypes.integer(0, MAX_PORT))
        .byDefault("3868")
        .note(FREE_PORT_NOTE)
        .means("TCP port of the Diameter listener (RFC 6733 §2.1: 3868).");
    /** {@code diameter.io-threads}. */
    public static final ConfigKey<Integer> DIAMETER_IO_THREADS = define("diameter.io-threads",
        ValueTypes.integer(1, MAX_IO_THREADS))
        .byDefault("1")
        .unit("threads")
        .means("Netty event-loop threads for Diameter connections; one is plenty on a 2-core box.");
    /** {@code diameter.max-message-length}. */
    public static final ConfigKey<Integer> DIAMETER_MAX_MESSAGE_LENGTH = define("diameter.max-message-length",
        ValueTypes.size(MIN_DIAMETER_MESSAGE_LENGTH, MAX_DIAMETER_MESSAGE_LENGTH))
        .byDefault("65536")
        .means("Largest Diameter message accepted; a longer one is framing damage and closes the connection.");
    /** {@code diameter.watchdog-interval}. */
    public static final ConfigKey<Long> DIAMETER_WATCHDOG_INTERVAL = define("diameter.watchdog-interval",
        ValueTypes.duration(MIN_WATCHDOG_INTERVAL_MS, MS_PER_HOUR, false))
        .byDefault("30s")
        .note("RFC 3539 §3.4.1 forbids less than 6s")
        .means("Tw, the device-watchdog interval: a DWR is sent after Tw of silence (RFC 3539 §3.4.1).");
    /** {@code diameter.cer-timeout}. */
    public static final ConfigKey<Long> DIAMETER_CER_TIMEOUT = define("diameter.cer-timeout",
        ValueTypes.duration(MS_PER_SECOND, 5 * MS_PER_MINUTE, false))
        .byDefault("10s")
        .means("How long a new connection may take to send its CER before it is closed.");
    /** {@code diameter.max-connections}. */
    public static final ConfigKey<Integer> DIAMETER_MAX_CONNECTIONS = define("diameter.max-connections",
        ValueTypes.integer(1, MAX_DIAMETER_CONNECTIONS_LIMIT))
        .byDefault("1024")
        .unit("connections")
        .means("Most Diameter connections open at once, plain and TLS together; a connection beyond it is closed " +
            "as it is accepted and counted in gyro_diameter_connections_refused_total{reason=\"max_connections\"}.");
    /** {@code diameter.max-connections-per-address}. */
    public static final ConfigKey<Integer> DIAMETER_MAX_CONNECTIONS_PER_ADDRESS = define(
        "diameter.max-connections-per-address", ValueTypes.integer(1, MAX_DIAMETER_CONNECTIONS_LIMIT))
        .byDefault("256")
        .unit("connections")
        .means("Most Diameter connections open at once from one source address (a peer keeps one per Origin-Host, " +
            "RFC 6733 §2.1); one beyond it is closed as it is accepted and counted with " +
            "reason=\"max_connections_per_address\".");
    /** {@code diameter.served-realms}. */
    public static final ConfigKey<List<String>> DIAMETER_SERVED_REALMS = define("diameter.served-realms",
        ValueTypes.listOf(ValueTypes.diameterIdentity(), true, true))
        .derivedDefault("[<node.origin-realm>]")
        .means("Destination-Realm values answered here; a request for another realm gets 3003 " +
            "DIAMETER_REALM_NOT_SERVED (RFC 6733 §7.1.3).");
    /** {@code diameter.max-mscc}. */
    public static final ConfigKey<Integer> DIAMETER_MAX_MSCC = define("diameter.max-mscc",
        ValueTypes.integer(1, MAX_MSCC_LIMIT))
        .byDefault("32")
        .unit("AVPs")
        .means("Most Multiple-Services-Credit-Control AVPs accepted in one CCR; a CCR with more is refused.");
    /** {@code diameter.default-rating-group}. */
    public static final ConfigKey<Long> DIAMETER_DEFAULT_RATING_GROUP = define("diameter.default-rating-group",
        ValueTypes.ratingGroupOrDefault())
        .byDefault("default")
        .means("Rating group whose tariff rates Requested/Used-Service-Unit sent at command level, without " +
            "Multiple-Services-Credit-Control (RFC 4006 §5.1.1 single-service clients); `default` uses the " +
            "default tariff.");
    /** {@code diameter.duplicate-window}. */
    public static final ConfigKey<Long> DIAMETER_DUPLICATE_WINDOW = define("diameter.duplicate-window",
        ValueTypes.duration(MS_PER_SECOND, MS_PER_HOUR, false))
        .byDefault("4m")
        .means("How long (Origin-Host, End-to-End-Id) is remembered to recognise a duplicate request " +
            "(RFC 6733 Appendix C); End-to-End ids stay unique for 4 minutes (RFC 6733 §3).");
    /** {@code diameter.currency-code}. */
    public static final ConfigKey<Integer> DIAMETER_CURRENCY_CODE = define("diameter.currency-code",
        ValueTypes.currencyCode())
        .byDefault("978")
        .means("Currency-Code (ISO 4217 numeric) in CC-Money and Cost-Information (RFC 4006 §8.11, §8.7).");
    /** {@code diameter.low-balance-indication}. */
    public static final ConfigKey<Boolean> DIAMETER_LOW_BALANCE_INDICATION = define(
        "diameter.low-balance-indication", ValueTypes.bool())
        .byDefault("true")
        .means("Whether Gy CCAs carry Low-Balance-Indication (3GPP AVP 2020, TS 32.299 §6.4.3) for peers " +
            "with send-3gpp-avps, once a balance falls to its low-balance threshold.");
    /** {@code diameter.tls.enabled}. */
    public static final ConfigKey<Boolean> DIAMETER_TLS_ENABLED = define("diameter.tls.enabled", ValueTypes.bool())
        .byDefault("false")
        .means("Whether Diameter over TLS is offered (RFC 6733 §13): on its own port from the first byte, and, " +
            "with diameter.tls.inband, after CER/CEA on the plain port.");
    /** {@code diameter.tls.port}. */
    public static final ConfigKey<Integer> DIAMETER_TLS_PORT = define("diameter.tls.port",
        ValueTypes.integer(0, MAX_PORT))
        .byDefault("5658")
        .note(FREE_PORT_NOTE)
        .means("TCP port of the TLS listener (RFC 6733 §2.1: 5658).");
    /** {@code diameter.tls.key-store}. */
    public static final ConfigKey<Path> DIAMETER_TLS_KEY_STORE = define("diameter.tls.key-store", ValueTypes.path())
        .note("required while diameter.tls.enabled is true; must be a readable file")
        .means("PKCS#12 key store holding the server key and certificate chain.");
    /** {@code diameter.tls.key-store-password}. */
    public static final ConfigKey<Secret> DIAMETER_TLS_KEY_STORE_PASSWORD = define(
        "diameter.tls.key-store-password", ValueTypes.secret(1))
        .note("required while diameter.tls.enabled is true")
        .means("Password of the key store. Never printed.");
    /** {@code diameter.tls.trust-store}. */
    public static final ConfigKey<Path> DIAMETER_TLS_TRUST_STORE = define("diameter.tls.trust-store",
        ValueTypes.path())
        .note("a readable file when set")
        .means("PKCS#12 trust store for the certificates peers present; unset uses the JDK's default trust.");
    /** {@code diameter.tls.trust-store-password}. */
    public static final ConfigKey<Secret> DIAMETER_TLS_TRUST_STORE_PASSWORD = define(
        "diameter.tls.trust-store-password", ValueTypes.secret(1))
        .note("required with diameter.tls.trust-store")
        .means("Password of the trust store. Never printed.");
    /** {@code diameter.tls.client-auth}. */
    public static final ConfigKey<ClientAuth> DIAMETER_TLS_CLIENT_AUTH = define("diameter.tls.client-auth",
        ValueTypes.enumeration(ClientAuth.class))
        .byDefault("none")
        .means("Whether peers must present a certificate; a presented certificate must name the Origin-Host " +
            "of the peer's CER (subject alternative name or common name), else CEA 3010.");
    /** {@code diameter.tls.inband}. */
    public static final ConfigKey<Boolean> DIAMETER_TLS_INBAND = define("diameter.tls.inband", ValueTypes.bool())
        .byDefault("true")
        .means("Whether a peer on the plain port may ask for TLS in its CER with Inband-Security-Id 1; the " +
            "handshake starts right after the CEA (RFC 6733 §6.10, RFC 3588 §2.1).");
    /** {@code diameter.peers}. */
    public static final ConfigKey<Void> DIAMETER_PEERS = define("diameter.peers",
        ValueTypes.entries("peers"))
        .byDefault("[{origin-host: \"*\", addresses: [127.0.0.0/8, \"::1/128\"]}]")
        .note("at least one while diameter.enabled is true")
        .means("Allow-list of Diameter clients, tried in order; the first entry whose origin-host and " +
            "addresses both match admits the peer, anyone else gets CEA 3010 DIAMETER_UNKNOWN_PEER.");
    /** {@code diameter.peers[].origin-host}. */
    public static final ConfigKey<String> PEER_ORIGIN_HOST = define("diameter.peers[].origin-host",
        ValueTypes.peerHost())
        .note("required")
        .means("The Origin-Host the peer must send in its CER, or * for any.");
    /** {@code diameter.peers[].addresses}. */
    public static final ConfigKey<List<Cidr>> PEER_ADDRESSES = define(
        "diameter.peers[].addresses", ValueTypes.listOf(ValueTypes.cidr(), true, true))
        .note("required")
        .means("Networks the peer's connection must come from (IPv4 and IPv6).");
    /** {@code diameter.peers[].credit-control-failure-handling}. */
    public static final ConfigKey<CreditControlFailureHandling> PEER_CCFH = define(
        "diameter.peers[].credit-control-failure-handling", ValueTypes.enumeration(CreditControlFailureHandling.class))
        .byDefault("none")
        .means("Credit-Control-Failure-Handling sent in CCAs to this peer (RFC 4006 §8.14); none sends no AVP.");
    /** {@code diameter.peers[].direct-debiting-failure-handling}. */
    public static final ConfigKey<DirectDebitingFailureHandling> PEER_DDFH = define(
        "diameter.peers[].direct-debiting-failure-handling",
        ValueTypes.enumeration(DirectDebitingFailureHandling.class))
        .byDefault("none")
        .means("Direct-Debiting-Failure-Handling sent in CCAs to this peer (RFC 4006 §8.15); none sends no AVP.");
    /** {@code diameter.peers[].send-3gpp-avps}. */
    public static final ConfigKey<Boolean> PEER_SEND_3GPP_AVPS = define("diameter.peers[].send-3gpp-avps",
        ValueTypes.bool())
        .byDefault("false")
        .means("Whether answers to this peer may carry 3GPP (vendor 10415) AVPs such as *-Quota-Threshold, " +
            "Quota-Holding-Time and Low-Balance-Indication; leave off for plain RFC 4006 clients.");
    /** {@code diameter.peers[].supported-vendor-ids}. */
    public static final ConfigKey<List<Long>> PEER_SUPPORTED_VENDOR_IDS = define(
        "diameter.peers[].supported-vendor-ids", ValueTypes.listOf(ValueTypes.longInteger(1, UNSIGNED32_MAX), false, true))
        .byDefault("[10415]")
        .means("Supported-Vendor-Id values advertised to this peer in the CEA (RFC 6733 §5.3.6); 10415 is 3GPP.");

    // --------------------------------------------------------------------------------------------- radius

    /** {@code radius.enabled}. */
    public static final ConfigKey<Boolean> RADIUS_ENABLED = define("radius.enabled", ValueTypes.bool())
        .byDefault("true")
        .means("Whether the RADIUS authentication and accounting listeners start.");
    /** {@code radius.bind-address}. */
    public static final ConfigKey<String> RADIUS_BIND_ADDRESS = define("radius.bind-address", ValueTypes.ipAddress())
        .byDefault("127.0.0.1")
        .means("Address the RADIUS listeners bind; 0.0.0.0 or :: for every interface.");
    /** {@code radius.auth-port}. */
    public static final ConfigKey<Integer> RADIUS_AUTH_PORT = define("radius.auth-port",
        ValueTypes.integer(0, MAX_PORT))
        .byDefault("1812")
        .note(FREE_PORT_NOTE + "; differs from acct-port")
        .means("UDP port for Access-Request (RFC 2865 §3: 1812).");
    /** {@code radius.acct-port}. */
    public static final ConfigKey<Integer> RADIUS_ACCT_PORT = define("radius.acct-port",
        ValueTypes.integer(0, MAX_PORT))
        .byDefault("1813")
        .note(FREE_PORT_NOTE)
        .means("UDP port for Accounting-Request (RFC 2866 §3: 1813).");
    /** {@code radius.coa-port}. */
    public static final ConfigKey<Integer> RADIUS_COA_PORT = define("radius.coa-port",
        ValueTypes.integer(1, MAX_PORT))
        .byDefault("3799")
        .means("The NAS's UDP port that CoA- and Disconnect-Requests are sent to (RFC 5176 §3: 3799).");
    /** {@code radius.identity-order}. */
    public static final ConfigKey<List<RadiusIdentity>> RADIUS_IDENTITY_ORDER = define("radius.identity-order",
        ValueTypes.listOf(ValueTypes.enumeration(RadiusIdentity.class), true, true))
        .byDefault("[user-name, calling-station-id, 3gpp-imsi]")
        .means("Attributes tried in order to find the subscriber: the first one present that names a known " +
            "account wins.");
    /** {@code radius.acct-interim-interval}. */
    public static final ConfigKey<Long> RADIUS_ACCT_INTERIM_INTERVAL = define("radius.acct-interim-interval",
        ValueTypes.wholeSeconds(MIN_ACCT_INTERIM_INTERVAL_S, MS_PER_DAY / MS_PER_SECOND))
        .byDefault("300s")
        .note("RFC 2869 §5.16 advises against less than 60s")
        .means("Acct-Interim-Interval sent in Access-Accept: how often the NAS reports usage (RFC 2869 §5.16).");
    /** {@code radius.reservation-adoption-timeout}. */
    public static final ConfigKey<Long> RADIUS_RESERVATION_ADOPTION_TIMEOUT = define(
        "radius.reservation-adoption-timeout", ValueTypes.duration(MS_PER_SECOND, MS_PER_HOUR, false))
        .byDefault("60s")
        .means("How long units reserved at Access-Accept wait for the session's Accounting-Start before " +
            "they are released.");
    /** {@code radius.duplicate-cache-time}. */
    public static final ConfigKey<Long> RADIUS_DUPLICATE_CACHE_TIME = define("radius.duplicate-cache-time",
        ValueTypes.duration(MS_PER_SECOND, 5 * MS_PER_MINUTE, false))
        .byDefault("30s")
        .means("How long responses are cached so a retransmitted request gets the same response " +
            "(RFC 5080 §2.2.2).");
    /** {@code radius.coa-max-transmissions}. */
    public static final ConfigKey<Integer> RADIUS_COA_MAX_TRANSMISSIONS = define("radius.coa-max-transmissions",
        ValueTypes.integer(1, MAX_COA_TRANSMISSIONS))
        .byDefault("5")
        .unit("transmissions")
        .means("MRC: most transmissions of one CoA- or Disconnect-Request, the first included (RFC 5080 §2.2.1).");
    /** {@code radius.coa-initial-timeout}. */
    public static final ConfigKey<Long> RADIUS_COA_INITIAL_TIMEOUT = define("radius.coa-initial-timeout",
        ValueTypes.duration(100, MS_PER_MINUTE, false))
        .byDefault("2s")
        .means("IRT: wait before the first retransmission; each further wait doubles (RFC 5080 §2.2.1).");
    /** {@code radius.coa-max-timeout}. */
    public static final ConfigKey<Long> RADIUS_COA_MAX_TIMEOUT = define("radius.coa-max-timeout",
        ValueTypes.duration(100, 5 * MS_PER_MINUTE, false))
        .byDefault("16s")
        .note("at least coa-initial-timeout")
        .means("MRT: the cap of the doubling retransmission wait (RFC 5080 §2.2.1).");
    /** {@code radius.coa-max-duration}. */
    public static final ConfigKey<Long> RADIUS_COA_MAX_DURATION = define("radius.coa-max-duration",
        ValueTypes.duration(MS_PER_SECOND, MS_PER_HOUR, false))
        .byDefault("30s")
        .note("at least coa-initial-timeout")
        .means("MRD: give up on a CoA- or Disconnect-Request after this long (RFC 5080 §2.2.1).");
    /** {@code radius.clients}. */
    public static final ConfigKey<Void> RADIUS_CLIENTS = define("radius.clients", ValueTypes.entries("NASes"))
        .byDefault("[{name: localhost, address: 127.0.0.0/8, secret: testing123}]")
        .note("at least one while radius.enabled is true; networks must not overlap")
        .means("NASes allowed to send requests; a packet from any other address is silently dropped " +
            "(RFC 2865 §3).");
    /** {@code radius.clients[].name}. */
    public static final ConfigKey<String> CLIENT_NAME = define("radius.clients[].name",
        ValueTypes.text(ValueTypes.MAX_NAME_LENGTH))
        .derivedDefault("<address>")
        .note("unique")
        .means("Label of the NAS in logs and metrics.");
    /** {@code radius.clients[].address}. */
    public static final ConfigKey<Cidr> CLIENT_ADDRESS = define("radius.clients[].address",
        ValueTypes.cidr())
        .note("required")
        .means("Network the NAS sends from.");
    /** {@code radius.clients[].secret}. */
    public static final ConfigKey<Secret> CLIENT_SECRET = define("radius.clients[].secret", ValueTypes.secret(1))
        .note("required")
        .means("Shared secret (RFC 2865 §3); RFC 2865 advises at least 16 octets. Never printed.");
    /** {@code radius.clients[].vendor}. */
    public static final ConfigKey<RadiusVendor> CLIENT_VENDOR = define("radius.clients[].vendor",
        ValueTypes.enumeration(RadiusVendor.class))
        .byDefault("generic")
        .means("NAS family: which vendor attributes carry the quota (PROTOCOLS.md §3.7).");
    /** {@code radius.clients[].rating-group}. */
    public static final ConfigKey<Long> CLIENT_RATING_GROUP = define("radius.clients[].rating-group",
        ValueTypes.longInteger(0, UNSIGNED32_MAX))
        .byDefault("10")
        .means("Rating group (tariff) the NAS's sessions are charged under.");
    /** {@code radius.clients[].require-message-authenticator}. */
    public static final ConfigKey<Boolean> CLIENT_REQUIRE_MESSAGE_AUTHENTICATOR = define(
        "radius.clients[].require-message-authenticator", ValueTypes.bool())
        .byDefault("false")
        .means("Whether requests without a valid Message-Authenticator (RFC 3579 §3.2) are dropped.");

    // --------------------------------------------------------------------------------------------- ledger

    /** {@code ledger.ring-size}. */
    public static final ConfigKey<Integer> LEDGER_RING_SIZE = define("ledger.ring-size",
        ValueTypes.powerOfTwo(MIN_RING_SIZE, MAX_RING_SIZE))
        .byDefault("8192")
        .unit("slots")
        .means("Slots of the Disruptor ring between the network threads and the ledger thread. Each slot is " +
            "pre-allocated (about 8 KiB: 32 services, session key and context); 8192 holds far more than a " +
            "millisecond of traffic at 100,000 requests/s while keeping the slots out of the way of the GC. A " +
            "bigger ring only queues longer before shedding.");
    /** {@code ledger.wait-strategy}. */
    public static final ConfigKey<WaitStrategy> LEDGER_WAIT_STRATEGY = define("ledger.wait-strategy",
        ValueTypes.enumeration(WaitStrategy.class))
        .byDefault("sleeping")
        .means("How the ledger thread waits for work; busy-spin and yielding keep a core busy, which a " +
            "2-core box that also runs the simulator cannot spare.");
    /** {@code ledger.journal-enabled}. */
    public static final ConfigKey<Boolean> LEDGER_JOURNAL_ENABLED = define("ledger.journal-enabled",
        ValueTypes.bool())
        .byDefault("true")
        .means("Whether changes are journaled; off, nothing survives a restart (benchmarks only).");
    /** {@code ledger.journal-sync}. */
    public static final ConfigKey<JournalSync> LEDGER_JOURNAL_SYNC = define("ledger.journal-sync",
        ValueTypes.enumeration(JournalSync.class))
        .byDefault("batch")
        .means("none: an answered change survives a process crash but not a power loss; batch: the journal " +
            "is forced to disk once per batch before its answers leave, surviving power loss at the cost " +
            "of one device flush per batch.");
    /** {@code ledger.snapshot-interval}. */
    public static final ConfigKey<Long> LEDGER_SNAPSHOT_INTERVAL = define("ledger.snapshot-interval",
        ValueTypes.duration(MS_PER_MINUTE, 7 * MS_PER_DAY, true))
        .byDefault("1h")
        .note("0s takes snapshots only on request")
        .means("How often a snapshot is taken; a restart loads the newest and replays the journal after it.");
    /** {@code ledger.snapshots-kept}. */
    public static final ConfigKey<Integer> LEDGER_SNAPSHOTS_KEPT = define("ledger.snapshots-kept",
        ValueTypes.integer(1, MAX_SNAPSHOTS_KEPT))
        .byDefault("3")
        .unit("snapshots")
        .means("How many snapshots stay on disk; older ones are deleted.");
    /** {@code ledger.journal-retention}. */
    public static final ConfigKey<JournalRetention> LEDGER_JOURNAL_RETENTION = define("ledger.journal-retention",
        ValueTypes.enumeration(JournalRetention.class))
        .byDefault("snapshots")
        .means("snapshots: after each snapshot the journal's daily cycle files before the oldest kept snapshot's " +
            "(and before the CDR writer's checkpoint) are deleted, since no restart reads them again; forever: " +
            "every cycle stays and the operator archives or deletes them (the journal grows by tens of GB a day " +
            "at 100,000 requests/s).");
    /** {@code ledger.money-scale}. */
    public static final ConfigKey<Integer> LEDGER_MONEY_SCALE = define("ledger.money-scale",
        ValueTypes.integer(0, Money.MAX_SCALE))
        .byDefault("4")
        .unit("decimal places")
        .means("Decimal places of the minor unit every amount is kept in: at 4, 1.0000 is 10000 minor units. " +
            "Amounts with more decimals are refused, never rounded. Fixed for the life of a data directory: " +
            "snapshots, the journal and CDR checkpoints hold minor units without their scale (at 4 then 2, a " +
            "balance of 1.0000 would read 100.00), so the server records it in <node.data-dir>/money-scale and " +
            "refuses to start with another.");
    /** {@code ledger.shed-new-sessions-at}. */
    public static final ConfigKey<Double> LEDGER_SHED_NEW_SESSIONS_AT = define("ledger.shed-new-sessions-at",
        ValueTypes.fraction())
        .byDefault("0.75")
        .unit("of ring-size")
        .means("Ring occupancy above which new sessions (CCR-I, RADIUS Start) are refused with 3004 " +
            "DIAMETER_TOO_BUSY; updates, terminations and watchdogs still pass.");
    /** {@code ledger.admin-publish-below}. */
    public static final ConfigKey<Double> LEDGER_ADMIN_PUBLISH_BELOW = define("ledger.admin-publish-below",
        ValueTypes.fraction())
        .byDefault("0.5")
        .unit("of ring-size")
        .note("at most shed-new-sessions-at")
        .means("Admin and import commands publish only while ring occupancy is below this.");
    /** {@code ledger.tombstone-time}. */
    public static final ConfigKey<Long> LEDGER_TOMBSTONE_TIME = define("ledger.tombstone-time",
        ValueTypes.duration(0, MS_PER_DAY, false))
        .byDefault("10m")
        .note("at least diameter.duplicate-window")
        .means("How long a closed session is remembered, so a retransmitted CCR-T is answered from cache " +
            "and never charged twice.");
    /** {@code ledger.event-result-retention}. */
    public static final ConfigKey<Long> LEDGER_EVENT_RESULT_RETENTION = define("ledger.event-result-retention",
        ValueTypes.duration(0, MS_PER_DAY, false))
        .byDefault("5m")
        .note("at least diameter.duplicate-window")
        .means("How long the result of a CCR-EVENT is remembered for retransmissions.");
    /** {@code ledger.event-answer-retention}. */
    public static final ConfigKey<Long> LEDGER_EVENT_ANSWER_RETENTION = define("ledger.event-answer-retention",
        ValueTypes.duration(MS_PER_SECOND, 30 * MS_PER_DAY, true))
        .byDefault("1d")
        .note("at least event-result-retention, or 0s")
        .means("How long the answer of a DIRECT_DEBITING or REFUND_ACCOUNT event is kept by Session-Id in a compact " +
            "table (journaled and snapshotted), so a request the client buffered and resends with the T flag " +
            "(RFC 4006 §6.5) gets the same answer and never debits or credits twice. It bounds that guarantee; " +
            "size it to the clients' buffering. 0s keeps answers only for event-result-retention.");
    /** {@code ledger.event-answer-capacity}. */
    public static final ConfigKey<Integer> LEDGER_EVENT_ANSWER_CAPACITY = define("ledger.event-answer-capacity",
        ValueTypes.integer(1, 1 << 24))
        .byDefault("262144")
        .unit("answers")
        .means("Most event answers kept (about 300 bytes of heap each with a 56-byte Session-Id, measured: " +
            "72-79 MiB at the default); at capacity the oldest is forgotten first, so the guarantee lasts the shorter of " +
            "event-answer-retention and capacity / event rate.");
    /** {@code ledger.closed-session-retention}. */
    public static final ConfigKey<Long> LEDGER_CLOSED_SESSION_RETENTION = define("ledger.closed-session-retention",
        ValueTypes.duration(MS_PER_SECOND, MS_PER_DAY, false))
        .byDefault("30s")
        .means("How long a terminated session (CCR-T, RADIUS Stop, a refused CCR-I) keeps its recorded answer for " +
            "retransmissions; a later duplicate is answered as an unknown session and never charged. Every " +
            "retained session is memory (25,000 of them per second at 100,000 CCR/s), so this is kept short: " +
            "clients retransmit within their answer timer (RFC 4006 §13: about 10 s). Half of it is the RADIUS " +
            "replay window: an Accounting-Start dated (Event-Timestamp plus Acct-Delay-Time, or its Gyro Class) " +
            "further back than that opens no session, so NAS clocks must be NTP-synchronised well within it.");
    /** {@code ledger.default-supervision}. */
    public static final ConfigKey<Long> LEDGER_DEFAULT_SUPERVISION = define("ledger.default-supervision",
        ValueTypes.duration(MS_PER_SECOND, MS_PER_DAY, false))
        .byDefault("1h")
        .means("Tcc session supervision when no Validity-Time applies: a session silent this long is closed " +
            "and its reservations released, not charged (RFC 4006 §13).");
    /** {@code ledger.supervision-margin}. */
    public static final ConfigKey<Long> LEDGER_SUPERVISION_MARGIN = define("ledger.supervision-margin",
        ValueTypes.duration(MS_PER_SECOND, MS_PER_DAY, true))
        .byDefault("30s")
        .means("Least time a session is kept past the end of its Validity-Time before supervision releases it: " +
            "Tcc = max(2 x Validity-Time, Validity-Time + this) (RFC 4006 §13). A grant's validity can be cut to " +
            "seconds by a price-band boundary or a bucket expiry; this leaves a client that reports late, or " +
            "after a Tx (10 s) and a retry on another server, its session. 0s: Tcc = 2 x Validity-Time.");

    // -------------------------------------------------------------------------------------------- tariffs

    /** {@code tariffs}. */
    public static final ConfigKey<Void> TARIFFS = define("tariffs", ValueTypes.entries("tariffs"))
        .byDefault("[]")
        .note("rating groups unique; at most one default")
        .means("One tariff per rating group; a rating group without a tariff (and no default tariff) is " +
            "answered 5031 DIAMETER_RATING_FAILED.");
    /** {@code tariffs[].rating-group}. */
    public static final ConfigKey<Long> TARIFF_RATING_GROUP = define("tariffs[].rating-group",
        ValueTypes.ratingGroupOrDefault())
        .note("required")
        .means("Rating-Group (AVP 432) this tariff prices, or default for every rating group without its own.");
    /** {@code tariffs[].name}. */
    public static final ConfigKey<String> TARIFF_NAME = define("tariffs[].name",
        ValueTypes.text(ValueTypes.MAX_NAME_LENGTH))
        .derivedDefault("<rating-group>")
        .means("Label in logs and the admin API (CDRs carry the rating group, not the name).");
    /** {@code tariffs[].unit}. */
    public static final ConfigKey<UnitType> TARIFF_UNIT = define("tariffs[].unit",
        ValueTypes.enumeration(UnitType.class))
        .note("required")
        .means("What is counted: octets (data), seconds (voice, time) or events (messages).");
    /** {@code tariffs[].quantum}. */
    public static final ConfigKey<Long> TARIFF_QUANTUM = define("tariffs[].quantum", ValueTypes.units(1))
        .derivedDefault("1MiB (octets), 1 (seconds, events)")
        .means("Units per priced quantum: every started quantum costs price. Rounding is cumulative per " +
            "session and rating group, so many small reports never cost more than one large one.");
    /** {@code tariffs[].price}. */
    public static final ConfigKey<Long> TARIFF_PRICE = define("tariffs[].price", ValueTypes.money())
        .note("required")
        .means("Price of one quantum outside any band or tier.");
    /** {@code tariffs[].default-grant}. */
    public static final ConfigKey<Long> TARIFF_DEFAULT_GRANT = define("tariffs[].default-grant",
        ValueTypes.units(1))
        .derivedDefault("10MiB (octets), 300 (seconds), 1 (events), at most max-grant")
        .note("at most max-grant")
        .means("Units granted when the request does not ask for an amount.");
    /** {@code tariffs[].max-grant}. */
    public static final ConfigKey<Long> TARIFF_MAX_GRANT = define("tariffs[].max-grant", ValueTypes.units(1))
        .derivedDefault("100MiB (octets), 3600 (seconds), 100 (events), at least default-grant")
        .means("The largest single grant, whatever was requested; the balance may allow less.");
    /** {@code tariffs[].validity-time}. */
    public static final ConfigKey<Long> TARIFF_VALIDITY_TIME = define("tariffs[].validity-time",
        ValueTypes.wholeSeconds(1, U32_SECONDS))
        .byDefault("1h")
        .means("Validity-Time (AVP 448) sent with each grant: the client must report back within it " +
            "(RFC 4006 §8.33); a grant never outlives the time band it was priced in, and an idle session is " +
            "released after twice this time (at least this time plus ledger.supervision-margin).");
    /** {@code tariffs[].volume-threshold}. */
    public static final ConfigKey<Long> TARIFF_VOLUME_THRESHOLD = define("tariffs[].volume-threshold",
        ValueTypes.units(1))
        .note("only with unit octets; below default-grant; at most 4294967295")
        .means("Volume-Quota-Threshold (3GPP AVP 869): the client asks for more when this many octets of " +
            "the grant remain. Not sent when unset.");
    /** {@code tariffs[].time-threshold}. */
    public static final ConfigKey<Long> TARIFF_TIME_THRESHOLD = define("tariffs[].time-threshold",
        ValueTypes.units(1))
        .note("only with unit seconds; below default-grant")
        .means("Time-Quota-Threshold (3GPP AVP 868), in seconds. Not sent when unset.");
    /** {@code tariffs[].unit-threshold}. */
    public static final ConfigKey<Long> TARIFF_UNIT_THRESHOLD = define("tariffs[].unit-threshold",
        ValueTypes.units(1))
        .note("only with unit events; below default-grant; at most 4294967295")
        .means("Unit-Quota-Threshold (3GPP AVP 1226), in events. Not sent when unset.");
    /** {@code tariffs[].quota-holding-time}. */
    public static final ConfigKey<Long> TARIFF_QUOTA_HOLDING_TIME = define("tariffs[].quota-holding-time",
        ValueTypes.wholeSeconds(1, U32_SECONDS))
        .means("Quota-Holding-Time (3GPP AVP 871): the client returns an unused grant after this long " +
            "without traffic. Not sent when unset.");
    /** {@code tariffs[].final-unit-action}. */
    public static final ConfigKey<FinalUnitAction> TARIFF_FINAL_UNIT_ACTION = define("tariffs[].final-unit-action",
        ValueTypes.enumeration(FinalUnitAction.class))
        .byDefault("terminate")
        .means("Final-Unit-Action (RFC 4006 §8.35) sent with the last grant the balance allows.");
    /** {@code tariffs[].redirect-address-type}. */
    public static final ConfigKey<RedirectAddressType> TARIFF_REDIRECT_ADDRESS_TYPE = define(
        "tariffs[].redirect-address-type", ValueTypes.enumeration(RedirectAddressType.class))
        .note("required with, and only with, final-unit-action redirect")
        .means("Redirect-Address-Type (RFC 4006 §8.38) of the top-up portal.");
    /** {@code tariffs[].redirect-address}. */
    public static final ConfigKey<String> TARIFF_REDIRECT_ADDRESS = define("tariffs[].redirect-address",
        ValueTypes.text(ValueTypes.MAX_NAME_LENGTH * 8))
        .note("required with, and only with, final-unit-action redirect; must suit redirect-address-type")
        .means("Redirect-Server-Address (RFC 4006 §8.39): where the user is sent when the money runs out.");
    /** {@code tariffs[].restriction-filter-rules}. */
    public static final ConfigKey<List<String>> TARIFF_RESTRICTION_FILTER_RULES = define(
        "tariffs[].restriction-filter-rules", ValueTypes.listOf(ValueTypes.ipFilterRule(), false, false))
        .byDefault("[]")
        .note("only with final-unit-action restrict-access, which needs these or filter-id")
        .means("Restriction-Filter-Rule AVPs (RFC 4006 §8.36): the traffic still allowed after the final units.");
    /** {@code tariffs[].filter-id}. */
    public static final ConfigKey<String> TARIFF_FILTER_ID = define("tariffs[].filter-id",
        ValueTypes.text(ValueTypes.MAX_NAME_LENGTH))
        .note("only with final-unit-action restrict-access")
        .means("Filter-Id (AVP 11) naming a filter configured on the gateway, instead of or besides rules.");
    /** {@code tariffs[].time-zone}. */
    public static final ConfigKey<ZoneId> TARIFF_TIME_ZONE = define("tariffs[].time-zone", ValueTypes.timeZone())
        .byDefault("UTC")
        .means("Zone in which bands' clock times and the billing day are read.");
    /** {@code tariffs[].bands}. */
    public static final ConfigKey<Void> TARIFF_BANDS = define("tariffs[].bands", ValueTypes.entries("time bands"))
        .byDefault("[]")
        .note("within one day, not overlapping, ascending; not together with tiers")
        .means("Time-of-day prices; outside every band the tariff's price applies.");
    /** {@code tariffs[].bands[].from}. */
    public static final ConfigKey<Integer> BAND_FROM = define("tariffs[].bands[].from", ValueTypes.timeOfDay())
        .note("required; before to")
        .means("Start of the band (inclusive).");
    /** {@code tariffs[].bands[].to}. */
    public static final ConfigKey<Integer> BAND_TO = define("tariffs[].bands[].to", ValueTypes.timeOfDay())
        .note("required; 24:00 is the end of the day; a band never wraps midnight (write two)")
        .means("End of the band (exclusive).");
    /** {@code tariffs[].bands[].price}. */
    public static final ConfigKey<Long> BAND_PRICE = define("tariffs[].bands[].price", ValueTypes.money())
        .note("required")
        .means("Price of one quantum inside the band.");
    /** {@code tariffs[].tiers}. */
    public static final ConfigKey<Void> TARIFF_TIERS = define("tariffs[].tiers", ValueTypes.entries("usage tiers"))
        .byDefault("[]")
        .note("from-units strictly ascending")
        .means("Usage tiers within the billing period; below the first tier the tariff's price applies.");
    /** {@code tariffs[].tiers[].from-units}. */
    public static final ConfigKey<Long> TIER_FROM_UNITS = define("tariffs[].tiers[].from-units",
        ValueTypes.units(0))
        .note("required")
        .means("Usage in the billing period from which the tier's price applies.");
    /** {@code tariffs[].tiers[].price}. */
    public static final ConfigKey<Long> TIER_PRICE = define("tariffs[].tiers[].price", ValueTypes.money())
        .note("required")
        .means("Price of one quantum in this tier.");

    // ----------------------------------------------------------------------------------------------- demo

    /** {@code demo.enabled}. */
    public static final ConfigKey<Boolean> DEMO_ENABLED = define("demo.enabled", ValueTypes.bool())
        .byDefault("true")
        .means("Whether demo subscribers are created in an empty ledger at first start.");
    /** {@code demo.subscribers.count}. */
    public static final ConfigKey<Integer> DEMO_SUBSCRIBERS_COUNT = define("demo.subscribers.count",
        ValueTypes.integer(0, MAX_DEMO_SUBSCRIBERS))
        .byDefault("100000")
        .unit("subscribers")
        .means("How many subscribers are generated: subscriber i (from 0) gets MSISDN msisdn-start + i and " +
            "IMSI imsi-start + i.");
    /** {@code demo.subscribers.msisdn-start}. */
    public static final ConfigKey<Long> DEMO_SUBSCRIBERS_MSISDN_START = define("demo.subscribers.msisdn-start",
        ValueTypes.longInteger(1, 999_999_999_999_999L))
        .byDefault("491700000000")
        .note("the last MSISDN must keep at most 15 digits")
        .means("MSISDN (E.164, without +) of the first generated subscriber.");
    /** {@code demo.subscribers.imsi-start}. */
    public static final ConfigKey<Long> DEMO_SUBSCRIBERS_IMSI_START = define("demo.subscribers.imsi-start",
        ValueTypes.longInteger(100_000, 999_999_999_999_999L))
        .byDefault("262010000000000")
        .note("the last IMSI must keep at most 15 digits")
        .means("IMSI (E.212) of the first generated subscriber.");
    /** {@code demo.subscribers.balance}. */
    public static final ConfigKey<Long> DEMO_SUBSCRIBERS_BALANCE = define("demo.subscribers.balance",
        ValueTypes.money())
        .byDefault("100")
        .means("Opening balance of each generated subscriber.");
    /** {@code demo.subscribers.password}. */
    public static final ConfigKey<Secret> DEMO_SUBSCRIBERS_PASSWORD = define("demo.subscribers.password",
        ValueTypes.secret(1))
        .byDefault("gyro-demo")
        .means("RADIUS password of each generated subscriber. Never printed.");
    /** {@code demo.accounts}. */
    public static final ConfigKey<Void> DEMO_ACCOUNTS = define("demo.accounts", ValueTypes.entries("accounts"))
        .byDefault("[]")
        .note("MSISDNs and IMSIs unique, also against the generated range")
        .means("Extra accounts with explicit values, e.g. an empty one to see a denial.");
    /** {@code demo.accounts[].msisdn}. */
    public static final ConfigKey<String> ACCOUNT_MSISDN = define("demo.accounts[].msisdn",
        ValueTypes.digits(1, MAX_MSISDN_DIGITS))
        .note("required")
        .means("MSISDN (E.164, without +).");
    /** {@code demo.accounts[].imsi}. */
    public static final ConfigKey<String> ACCOUNT_IMSI = define("demo.accounts[].imsi",
        ValueTypes.digits(MIN_IMSI_DIGITS, MAX_IMSI_DIGITS))
        .means("IMSI (E.212); the account has none when unset.");
    /** {@code demo.accounts[].balance}. */
    public static final ConfigKey<Long> ACCOUNT_BALANCE = define("demo.accounts[].balance", ValueTypes.money())
        .byDefault("0")
        .means("Opening balance.");
    /** {@code demo.accounts[].password}. */
    public static final ConfigKey<Secret> ACCOUNT_PASSWORD = define("demo.accounts[].password",
        ValueTypes.secret(1))
        .derivedDefault("<demo.subscribers.password>")
        .means("RADIUS password. Never printed.");
    /** {@code demo.accounts[].credit-limit}. */
    public static final ConfigKey<Long> ACCOUNT_CREDIT_LIMIT = define("demo.accounts[].credit-limit",
        ValueTypes.money())
        .byDefault("0")
        .means("How far the balance may go below zero; 0 for prepaid.");
    /** {@code demo.accounts[].low-balance-threshold}. */
    public static final ConfigKey<Long> ACCOUNT_LOW_BALANCE_THRESHOLD = define(
        "demo.accounts[].low-balance-threshold", ValueTypes.money())
        .byDefault("0")
        .means("Balance at or below which answers carry Low-Balance-Indication; 0 never.");

    // ---------------------------------------------------------------------------------------------- admin

    /** {@code admin.enabled}. */
    public static final ConfigKey<Boolean> ADMIN_ENABLED = define("admin.enabled", ValueTypes.bool())
        .byDefault("false")
        .means("Whether the admin HTTP API starts. Off by default because it needs a token of your own.");
    /** {@code admin.bind-address}. */
    public static final ConfigKey<String> ADMIN_BIND_ADDRESS = define("admin.bind-address", ValueTypes.ipAddress())
        .byDefault("127.0.0.1")
        .means("Address the admin API binds; keep it on loopback or a management network.");
    /** {@code admin.port}. */
    public static final ConfigKey<Integer> ADMIN_PORT = define("admin.port", ValueTypes.integer(0, MAX_PORT))
        .byDefault("8080")
        .note(FREE_PORT_NOTE)
        .means("TCP port of the admin API and of /metrics.");
    /** {@code admin.token}. */
    public static final ConfigKey<Secret> ADMIN_TOKEN = define("admin.token",
        ValueTypes.secret(MIN_ADMIN_TOKEN_LENGTH))
        .note("required while admin.enabled is true")
        .means("Bearer token every admin request must present. Never printed; set it from the environment " +
            "(GYRO_ADMIN_TOKEN) rather than the file.");
    /** {@code admin.max-connections}. */
    public static final ConfigKey<Integer> ADMIN_MAX_CONNECTIONS = define("admin.max-connections",
        ValueTypes.integer(1, 1024))
        .byDefault("16")
        .unit("connections")
        .means("Admin API connections open at once; a connection beyond this is closed as soon as it is " +
            "accepted and counted (gyro_admin_connections_closed_total{reason=\"over_cap\"}), so a runaway " +
            "script cannot exhaust the server's file descriptors.");
    /** {@code admin.idle-timeout}. */
    public static final ConfigKey<Long> ADMIN_IDLE_TIMEOUT = define("admin.idle-timeout",
        ValueTypes.duration(MS_PER_SECOND, MS_PER_HOUR, false))
        .byDefault("60s")
        .means("An admin API connection that neither sends nor receives anything for this long, or whose " +
            "request head has not arrived whole this long after its first octet, is closed " +
            "(gyro_admin_connections_closed_total{reason=\"idle\"}); a request being answered is never cut.");
    /** {@code admin.tls.enabled}. */
    public static final ConfigKey<Boolean> ADMIN_TLS_ENABLED = define("admin.tls.enabled", ValueTypes.bool())
        .byDefault("false")
        .means("Whether the admin API speaks HTTPS.");
    /** {@code admin.tls.key-store}. */
    public static final ConfigKey<Path> ADMIN_TLS_KEY_STORE = define("admin.tls.key-store", ValueTypes.path())
        .note("required while admin.tls.enabled is true; must be a readable file")
        .means("PKCS#12 key store holding the server key and certificate chain.");
    /** {@code admin.tls.key-store-password}. */
    public static final ConfigKey<Secret> ADMIN_TLS_KEY_STORE_PASSWORD = define("admin.tls.key-store-password",
        ValueTypes.secret(1))
        .note("required while admin.tls.enabled is true")
        .means("Password of the key store. Never printed.");

    // ------------------------------------------------------------------------------------------------ cdr

    /** {@code cdr.enabled}. */
    public static final ConfigKey<Boolean> CDR_ENABLED = define("cdr.enabled", ValueTypes.bool())
        .byDefault("true")
        .means("Whether CDR files are written from the journal.");
    /** {@code cdr.dir}. */
    public static final ConfigKey<Path> CDR_DIR = define("cdr.dir", ValueTypes.path())
        .derivedDefault("<node.data-dir>/cdr")
        .means("Directory of the rolled CSV CDR files.");
    /** {@code cdr.roll-interval}. */
    public static final ConfigKey<Long> CDR_ROLL_INTERVAL = define("cdr.roll-interval",
        ValueTypes.dayDividingDuration(MS_PER_MINUTE, MS_PER_DAY))
        .byDefault("1h")
        .means("How often a new CDR file is started; files start at multiples of it since midnight UTC.");

    // -------------------------------------------------------------------------------------------- logging

    /** {@code logging.level}. */
    public static final ConfigKey<LogLevel> LOGGING_LEVEL = define("logging.level",
        ValueTypes.enumeration(LogLevel.class))
        .byDefault("info")
        .means("Root log level.");

    private ConfigurationKeys()
    {
    }

    /** @return every key, in documentation order. */
    public static List<ConfigKey<?>> all()
    {
        return Collections.unmodifiableList(KEYS);
    }

    /**
     * @param path a key path in registry form, e.g. {@code tariffs[].price}.
     * @return the key, or null if there is none.
     */
    public static ConfigKey<?> find(final String path)
    {
        return BY_PATH.get(path);
    }

    /**
     * @param concretePath a key path that may hold indices, e.g. {@code tariffs[2].price}.
     * @return the same path in registry form, {@code tariffs[].price}.
     */
    public static String patternOf(final String concretePath)
    {
        return concretePath.replaceAll("\\[[0-9]+]", "[]");
    }

    /**
     * The documentation tables, one per top-level section, generated from the registry; the test
     * {@code ConfigurationDocsTest} checks {@code docs/configuration.md} against them.
     *
     * @return Markdown text.
     */
    public static String markdownTables()
    {
        final StringBuilder out = new StringBuilder();
        String section = null;
        for (final ConfigKey<?> key : KEYS)
        {
            final String top = topSection(key.path());
            if (!top.equals(section))
            {
                section = top;
                out.append(out.length() == 0 ? "" : "\n").append("### ").append(top).append("\n\n")
                    .append("| Key | Type | Default | Unit | Allowed | Meaning |\n")
                    .append("|---|---|---|---|---|---|\n");
            }
            out.append(markdownRow(key)).append('\n');
        }
        return out.toString();
    }

    /**
     * @param key a key.
     * @return its row in the documentation table.
     */
    public static String markdownRow(final ConfigKey<?> key)
    {
        return "| `" + key.path() + "` | " + cell(key.type().name()) + " | " + defaultCell(key) + " | " +
            cell(key.unit()) + " | " + cell(key.allowed()) + " | " + cell(key.meaning()) + " |";
    }

    /**
     * @param key a key.
     * @return the default as shown in the documentation: the default text in backticks, or "—" for none.
     */
    public static String defaultCell(final ConfigKey<?> key)
    {
        return null == key.defaultText() ? "—" : "`" + key.defaultText().replace("|", "\\|") + "`";
    }

    private static String cell(final String text)
    {
        return text.replace("|", "\\|");
    }

    private static String topSection(final String path)
    {
        final int dot = path.indexOf('.');
        final String head = -1 == dot ? path : path.substring(0, dot);
        return head.replace("[]", "");
    }

    private static <T> ConfigKey.Builder<T> define(final String path, final ValueType<T> type)
    {
        return new ConfigKey.Builder<>(path, type);
    }

    static <T> ConfigKey<T> register(final ConfigKey<T> key)
    {
        if (null != BY_PATH.put(key.path(), key))
        {
            throw new IllegalStateException("key registered twice: " + key.path());
        }
        KEYS.add(key);
        return key;
    }
}
