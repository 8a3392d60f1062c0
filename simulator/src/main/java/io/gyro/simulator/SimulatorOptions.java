package io.gyro.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every option of a simulator run, in the Context style of STYLE.md §6: fluent setters, then {@link #conclude()}
 * checks ranges and cross-field rules once and fills defaults; after that the object is only read. Options come
 * from the command line ({@link #parse(String[])}) or from code (tests, the perf suite).
 */
public final class SimulatorOptions
{
    /** Default Diameter server port (RFC 6733 §2.1: 3868 for TCP). */
    public static final int DEFAULT_DIAMETER_PORT = 3868;
    /** Default RADIUS authentication port (RFC 2865 §3). */
    public static final int DEFAULT_RADIUS_AUTH_PORT = 1812;
    /** Default RADIUS accounting port (RFC 2866 §3). */
    public static final int DEFAULT_RADIUS_ACCT_PORT = 1813;
    /** Default port a NAS listens on for CoA and Disconnect requests (RFC 5176 §3). */
    public static final int DEFAULT_COA_PORT = 3799;
    /** The standard traffic shape of reported figures: 4 connections (issue 7). */
    public static final int DEFAULT_CONNECTIONS = 4;
    /** The standard traffic shape: 10,000 concurrent sessions. */
    public static final int DEFAULT_SESSIONS = 10_000;
    /** The standard traffic shape: 2 CCR-U between CCR-I and CCR-T. */
    public static final int DEFAULT_UPDATES = 2;
    /** Offered rate when neither --rate nor --window is given: gentle enough for any machine. */
    public static final long DEFAULT_RATE = 1_000;
    /** Run length when neither --duration nor --count is given. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    /** Tx, the client's answer timer: RFC 4006 §13 suggests 10 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Twinit of RFC 3539 §3.4.1: 30 s by default, never below 6 s. */
    public static final Duration DEFAULT_WATCHDOG = Duration.ofSeconds(30);
    /** Smallest watchdog interval RFC 3539 §3.4.1 allows. */
    public static final Duration MIN_WATCHDOG = Duration.ofSeconds(6);
    /**
     * Pacing tick: requests due are sent every tick, so this bounds how late a request can leave (its lateness
     * counts against the server in the from-intended latency). 100 us suits epoll's timerfd; NIO rounds to 1 ms.
     */
    public static final Duration DEFAULT_TICK = Duration.ofNanos(100_000);
    /** How long the end of a run waits for open sessions to finish with CCR-T / Accounting Stop. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /** Gy's Service-Context-Id for PS charging (TS 32.299 §7.1.12, PROTOCOLS.md §2.6). */
    public static final String DEFAULT_SERVICE_CONTEXT_ID = "32251@3gpp.org";
    /** The server's realm in the bundled configuration. */
    public static final String DEFAULT_DESTINATION_REALM = "localdomain";
    /** Realm of the simulated PGWs and BRASes. */
    public static final String DEFAULT_ORIGIN_REALM = "sim.gyro";
    /** NAS secret of the bundled configuration for 127.0.0.0/8. */
    public static final String DEFAULT_RADIUS_SECRET = "testing123";
    /** RADIUS password of the demo subscribers. */
    public static final String DEFAULT_RADIUS_PASSWORD = "gyro-demo";
    /** Admin API of the bundled configuration. */
    public static final String DEFAULT_ADMIN_URL = "http://127.0.0.1:8080";
    /** Environment variable read for the admin token when --admin-token is not given (keeps it off ps output). */
    public static final String ADMIN_TOKEN_ENV = "GYRO_ADMIN_TOKEN";
    /**
     * Volume a simulated BRAS subscriber may use per accounting interval before the usage fraction applies: the
     * 10 MiB default grant of the demo data tariff, so RADIUS and Diameter sessions cost alike.
     */
    public static final long DEFAULT_INTERIM_OCTETS = 10L * 1_048_576;
    /** Concurrent admin API reads during verification: enough to read 100,000 balances in seconds. */
    public static final int DEFAULT_VERIFY_CONCURRENCY = 16;

    private Mode mode = Mode.DIAMETER;
    private String host = "127.0.0.1";
    private int port = -1;
    private int acctPort = DEFAULT_RADIUS_ACCT_PORT;
    private int coaPort = DEFAULT_COA_PORT;
    private int connections = DEFAULT_CONNECTIONS;
    private int sessions = DEFAULT_SESSIONS;
    private long rate;
    private int window;
    private Duration duration;
    private long count;
    private TrafficMix mix = TrafficMix.dataOnly();
    private int updates = DEFAULT_UPDATES;
    private UsagePattern usage = new UsagePattern(500, 1000);
    private SubscriberRange subscribers = SubscriberRange.demo();
    private long seed = 1;
    private Path reportDir;
    private boolean trace;
    private URI adminUrl = URI.create(DEFAULT_ADMIN_URL);
    private String adminToken;
    private boolean verify;
    private int verifyConcurrency = DEFAULT_VERIFY_CONCURRENCY;
    private final List<Tariff> tariffOverrides = new ArrayList<>();
    private TariffTable tariffs;
    private final Map<ServiceKind, Long> ratingGroups = new EnumMap<>(ServiceKind.class);
    private String originHostPrefix;
    private String originRealm = DEFAULT_ORIGIN_REALM;
    private String destinationRealm = DEFAULT_DESTINATION_REALM;
    private String destinationHost;
    private String serviceContextId = DEFAULT_SERVICE_CONTEXT_ID;
    private long vendorId;
    private String productName = "gyro-simulator";
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration watchdog = DEFAULT_WATCHDOG;
    private Duration tick = DEFAULT_TICK;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
    private int threads = 1;
    private String transport = "auto";
    private boolean quiet;
    private boolean reconnect;
    private String radiusSecret = DEFAULT_RADIUS_SECRET;
    private String radiusPassword = DEFAULT_RADIUS_PASSWORD;
    private long interimOctets = DEFAULT_INTERIM_OCTETS;
    private Path configFile;
    private final java.util.Set<String> explicit = new java.util.HashSet<>();
    private boolean concluded;

    /** Creates options with every default. */
    public SimulatorOptions()
    {
        for (final ServiceKind kind : ServiceKind.values())
        {
            ratingGroups.put(kind, kind.defaultRatingGroup());
        }
    }

    /**
     * Read the command line. A leading {@code simulate} (the launcher's subcommand) is skipped.
     *
     * @param args the arguments.
     * @return concluded options.
     * @throws IllegalArgumentException naming the bad option.
     */
    public static SimulatorOptions parse(final String[] args)
    {
        final SimulatorOptions options = new SimulatorOptions();
        int i = 0;
        if (args.length > 0 && "simulate".equals(args[0]))
        {
            i = 1;
        }
        for (; i < args.length; i++)
        {
            String name = args[i];
            String value = null;
            if (!name.startsWith("--"))
            {
                throw new IllegalArgumentException("unexpected argument: " + name);
            }
            final int equals = name.indexOf('=');
            if (equals > 0)
            {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (isFlag(name))
            {
                if (null != value)
                {
                    throw new IllegalArgumentException(name + " takes no value");
                }
                options.flag(name);
                continue;
            }
            if (null == value)
            {
                if (i + 1 >= args.length)
                {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            options.set(name, value);
        }
        return options.conclude();
    }

    private static boolean isFlag(final String name)
    {
        return switch (name)
        {
            case "--trace", "--verify", "--quiet", "--reconnect" -> true;
            default -> false;
        };
    }

    private void flag(final String name)
    {
        switch (name)
        {
            case "--trace" -> trace = true;
            case "--verify" -> verify = true;
            case "--quiet" -> quiet = true;
            case "--reconnect" -> reconnect = true;
            default -> throw new IllegalArgumentException("unknown option " + name);
        }
    }

    private void set(final String name, final String value)
    {
        explicit.add(name);
        switch (name)
        {
            case "--config" -> configFile = Path.of(value);
            case "--mode" -> mode = Mode.valueOf(parseEnum(name, value, "diameter|radius"));
            case "--host" -> host = value;
            case "--port" -> port = parsePort(name, value);
            case "--acct-port" -> acctPort = parsePort(name, value);
            case "--coa-port" -> coaPort = parsePort(name, value);
            case "--connections" -> connections = parseInt(name, value);
            case "--sessions" -> sessions = parseInt(name, value);
            case "--rate" -> rate = parseLong(name, value);
            case "--window" -> window = parseInt(name, value);
            case "--duration" -> duration = Durations.parse(name, value);
            case "--count" -> count = parseLong(name, value);
            case "--mix" -> mix = TrafficMix.parse(value);
            case "--updates" -> updates = parseInt(name, value);
            case "--usage" -> usage = UsagePattern.parse(value);
            case "--subscribers" -> subscribers = SubscriberRange.parse(value, subscribers.imsiStart());
            case "--imsi-start" -> subscribers =
                new SubscriberRange(subscribers.msisdnStart(), parseLong(name, value), subscribers.count());
            case "--seed" -> seed = parseLong(name, value);
            case "--report-dir" -> reportDir = Path.of(value);
            case "--admin-url" -> adminUrl = parseUri(name, value);
            case "--admin-token" -> adminToken = value;
            case "--verify-concurrency" -> verifyConcurrency = parseInt(name, value);
            case "--tariff" -> tariffOverrides.add(Tariff.parse(value));
            case "--rating-groups" -> parseRatingGroups(value);
            case "--origin-host-prefix" -> originHostPrefix = value;
            case "--origin-realm" -> originRealm = value;
            case "--destination-realm" -> destinationRealm = value;
            case "--destination-host" -> destinationHost = value;
            case "--service-context-id" -> serviceContextId = value;
            case "--vendor-id" -> vendorId = parseLong(name, value);
            case "--product-name" -> productName = value;
            case "--timeout" -> timeout = Durations.parse(name, value);
            case "--watchdog" -> watchdog = Durations.parse(name, value);
            case "--tick" -> tick = Durations.parse(name, value);
            case "--drain-timeout" -> drainTimeout = Durations.parse(name, value);
            case "--threads" -> threads = parseInt(name, value);
            case "--transport" -> transport = parseEnum(name, value, "auto|epoll|nio").toLowerCase(Locale.ROOT);
            case "--secret" -> radiusSecret = value;
            case "--password" -> radiusPassword = value;
            case "--interim-octets" -> interimOctets = parseLong(name, value);
            default -> throw new IllegalArgumentException("unknown option " + name + " (see --help)");
        }
    }

    private void parseRatingGroups(final String value)
    {
        for (final String part : value.split(","))
        {
            final int equals = part.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalArgumentException("--rating-groups entry must be kind=rg: " + part);
            }
            ratingGroups.put(ServiceKind.parse(part.substring(0, equals)),
                parseLong("--rating-groups", part.substring(equals + 1).trim()));
        }
    }

    private static String parseEnum(final String name, final String value, final String allowed)
    {
        final String upper = value.trim().toUpperCase(Locale.ROOT);
        for (final String candidate : allowed.split("\\|"))
        {
            if (candidate.toUpperCase(Locale.ROOT).equals(upper))
            {
                return upper;
            }
        }
        throw new IllegalArgumentException(name + " must be one of " + allowed + ": " + value);
    }

    private static URI parseUri(final String name, final String value)
    {
        try
        {
            final URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))
            {
                throw new IllegalArgumentException(name + " must be an http(s) URL: " + value);
            }
            return uri;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(name + " must be an http(s) URL: " + value, ex);
        }
    }

    private static int parsePort(final String name, final String value)
    {
        final int port = parseInt(name, value);
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException(name + " must be a port (0-65535): " + value);
        }
        return port;
    }

    private static int parseInt(final String name, final String value)
    {
        try
        {
            return Integer.parseInt(value.trim().replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " must be an integer: " + value, ex);
        }
    }

    private static long parseLong(final String name, final String value)
    {
        try
        {
            return Long.parseLong(value.trim().replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " must be an integer: " + value, ex);
        }
    }

    /**
     * Check every value and fill the defaults that depend on others. Called once.
     *
     * @return this.
     */
    public SimulatorOptions conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("options already concluded");
        }
        final List<Tariff> baseTariffs = new ArrayList<>(TariffTable.demo().all());
        if (null != configFile)
        {
            applyServerConfiguration(ServerConfiguration.load(configFile), baseTariffs);
        }
        if (port < 0)
        {
            port = Mode.DIAMETER == mode ? DEFAULT_DIAMETER_PORT : DEFAULT_RADIUS_AUTH_PORT;
        }
        if (null == originHostPrefix)
        {
            originHostPrefix = Mode.DIAMETER == mode ? "pgw" : "bras";
        }
        require(connections >= 1, "--connections must be at least 1: " + connections);
        require(sessions >= connections, "--sessions must be at least --connections (" + connections + "): " + sessions);
        require(sessions / connections + 1 <= MAX_SESSIONS_PER_CONNECTION,
            "--sessions per connection must stay under " + MAX_SESSIONS_PER_CONNECTION + ": " + sessions);
        require(!(rate > 0 && window > 0), "--rate (open loop) and --window (closed loop) exclude each other");
        require(rate >= 0, "--rate must not be negative: " + rate);
        require(window >= 0, "--window must not be negative: " + window);
        if (0 == rate && 0 == window)
        {
            rate = DEFAULT_RATE;
        }
        require(count >= 0, "--count must not be negative: " + count);
        if (null == duration && 0 == count)
        {
            duration = DEFAULT_DURATION;
        }
        require(null == duration || !duration.isZero(), "--duration must be positive");
        require(updates >= 0, "--updates must not be negative: " + updates);
        require(interimOctets >= 0, "--interim-octets must not be negative: " + interimOctets);
        require(threads >= 1, "--threads must be at least 1: " + threads);
        require(verifyConcurrency >= 1, "--verify-concurrency must be at least 1: " + verifyConcurrency);
        require(!timeout.isZero(), "--timeout must be positive");
        require(watchdog.compareTo(MIN_WATCHDOG) >= 0, "--watchdog must be at least 6s (RFC 3539 section 3.4.1)");
        require(!tick.isZero(), "--tick must be positive");
        require(vendorId >= 0 && vendorId <= 0xFFFF_FFFFL, "--vendor-id must be an Unsigned32: " + vendorId);
        require(!originHostPrefix.isEmpty() && !originRealm.isEmpty(), "origin host prefix and realm must not be empty");
        if (null == reportDir)
        {
            reportDir = Path.of("simulator-report",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        }
        if (null == adminToken)
        {
            adminToken = System.getenv(ADMIN_TOKEN_ENV);
        }
        tariffs = TariffTable.of(baseTariffs).with(tariffOverrides);
        for (final ServiceKind kind : ServiceKind.values())
        {
            if (0 == mix.weight(kind))
            {
                continue;
            }
            final Tariff tariff = tariffs.get(ratingGroups.get(kind));
            require(null != tariff, "no --tariff for rating group " + ratingGroups.get(kind) + " used by " + kind.label());
            require(tariff.unit() == kind.unit(), "the tariff of rating group " + tariff.ratingGroup() + " counts " +
                tariff.unit() + " but " + kind.label() + " sessions report " + kind.unit());
        }
        require(Mode.DIAMETER == mode || 0 == mix.weight(ServiceKind.EVENT) && 0 == mix.weight(ServiceKind.VOICE),
            "RADIUS mode simulates data sessions only (--mix data=100)");
        concluded = true;
        return this;
    }

    private void applyServerConfiguration(
        final io.gyro.config.model.GyroConfiguration server, final List<Tariff> baseTariffs)
    {
        baseTariffs.clear();
        baseTariffs.addAll(ServerConfiguration.tariffs(server));
        if (!explicit.contains("--subscribers"))
        {
            subscribers = ServerConfiguration.demoRange(server);
        }
        if (!explicit.contains("--destination-realm"))
        {
            destinationRealm = server.node().originRealm();
        }
        if (!explicit.contains("--admin-url"))
        {
            adminUrl = ServerConfiguration.adminUrl(server);
        }
        if (!explicit.contains("--admin-token") && null != server.admin().token())
        {
            adminToken = server.admin().token().reveal();
        }
        if (Mode.DIAMETER == mode)
        {
            if (!explicit.contains("--host"))
            {
                host = server.diameter().bindAddress();
            }
            if (!explicit.contains("--port"))
            {
                port = server.diameter().port();
            }
            return;
        }
        if (!explicit.contains("--host"))
        {
            host = server.radius().bindAddress();
        }
        if (!explicit.contains("--port"))
        {
            port = server.radius().authPort();
        }
        if (!explicit.contains("--acct-port"))
        {
            acctPort = server.radius().acctPort();
        }
        if (!explicit.contains("--coa-port"))
        {
            coaPort = server.radius().coaPort();
        }
        if (!explicit.contains("--password"))
        {
            radiusPassword = server.demo().subscribers().password().reveal();
        }
        final io.gyro.config.model.RadiusClient client = ServerConfiguration.radiusClient(server);
        if (null != client)
        {
            if (!explicit.contains("--secret"))
            {
                radiusSecret = client.secret().reveal();
            }
            if (!explicit.contains("--rating-groups"))
            {
                ratingGroups.put(ServiceKind.DATA, client.ratingGroup());
            }
        }
    }

    /** Most sessions one connection can hold: the slot index takes 20 bits of the Hop-by-Hop Identifier. */
    public static final int MAX_SESSIONS_PER_CONNECTION = 1 << 20;

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    /** @return the text of {@code --help}. */
    public static String help()
    {
        return String.join(System.lineSeparator(),
            "usage: gyro simulate [options]",
            "  --config FILE                 the server's gyro.yaml: tariffs, demo range, ports, realm, secrets, admin API",
            "  --mode diameter|radius        act as PGWs (Diameter Gy) or BRASes (RADIUS)         [diameter]",
            "  --host H --port P             server address (port: 3868 diameter, 1812 radius)   [127.0.0.1]",
            "  --acct-port P                 RADIUS accounting port                               [1813]",
            "  --coa-port P                  port this BRAS listens on for CoA/Disconnect (0=any) [3799]",
            "  --connections N               PGW peers / BRASes, each with its own Origin-Host    [4]",
            "  --sessions N                  concurrent sessions over all connections             [10000]",
            "  --rate R | --window W         open loop at R requests/s | closed loop, W in flight per connection [--rate 1000]",
            "  --duration D | --count N      stop after D (500ms, 30s, 2m) or N requests, then drain  [10s]",
            "  --mix data=80,voice=15,event=5  session kinds                                       [data=100]",
            "  --updates K                   CCR-U / Interim-Updates per session                  [2]",
            "  --usage MIN..MAX|F|full        fraction of each grant used before reporting         [0.5..1.0]",
            "  --subscribers START:COUNT     MSISDN range (IMSI from --imsi-start)                 [491700000000:100000]",
            "  --imsi-start IMSI             IMSI of the first subscriber                         [262010000000000]",
            "  --seed S                      random seed (mix, usage)                             [1]",
            "  --tariff rg=10,unit=octets,quantum=1048576,price=100   override a tariff (price in minor units)",
            "  --rating-groups data=10,voice=20,event=30              rating group per session kind",
            "  --report-dir DIR              where reports go                   [simulator-report/<timestamp>]",
            "  --trace                       write every message, rendered, to trace.log in the report dir",
            "  --verify                      compare expected and server balances at the end (admin API)",
            "  --admin-url URL --admin-token T  admin API (token also from $GYRO_ADMIN_TOKEN) [http://127.0.0.1:8080]",
            "  --verify-concurrency N        admin API reads in flight                            [16]",
            "  --timeout D                   answer timeout (Tx)                                  [10s]",
            "  --watchdog D                  DWR after this long without traffic (Tw >= 6s)       [30s]",
            "  --drain-timeout D             longest wait for open sessions to end                [30s]",
            "  --threads N                   event loops (connections are spread over them)       [1]",
            "  --tick D                      pacing tick                                          [100us]",
            "  --transport auto|epoll|nio    socket transport                                     [auto]",
            "  --origin-host-prefix P --origin-realm R   Origin-Host = P<n>.R                   [pgw|bras, sim.gyro]",
            "  --destination-realm R --destination-host H   Destination-Realm/-Host of CCRs    [localdomain, none]",
            "  --service-context-id S --vendor-id V --product-name N   CCR/CER fields",
            "  --secret S --password P       RADIUS shared secret and user password   [testing123, gyro-demo]",
            "  --interim-octets N            RADIUS volume per accounting interval before --usage [10485760]",
            "  --reconnect                   Diameter: after a lost connection reconnect and resend what was in flight",
            "                                with the T flag (a PGW failing back to a restarted OCS)",
            "  --quiet                       no progress line",
            "exit status: 0 run clean; 1 verification failed or answers lost; 2 bad options; 3 could not run");
    }

    /** @return the options as name/value pairs, for reports. */
    public Map<String, String> describe()
    {
        final Map<String, String> out = new LinkedHashMap<>();
        out.put("mode", mode.name().toLowerCase(Locale.ROOT));
        out.put("host", host);
        out.put("port", Integer.toString(port));
        out.put("connections", Integer.toString(connections));
        out.put("sessions", Integer.toString(sessions));
        out.put("rate", isOpenLoop() ? Long.toString(rate) : "");
        out.put("window", isOpenLoop() ? "" : Integer.toString(window));
        out.put("duration", null == duration ? "" : Durations.format(duration));
        out.put("count", count > 0 ? Long.toString(count) : "");
        out.put("mix", mix.toString());
        out.put("updates", Integer.toString(updates));
        out.put("usage", usage.toString());
        out.put("subscribers", subscribers.msisdnStart() + ":" + subscribers.count());
        out.put("seed", Long.toString(seed));
        out.put("threads", Integer.toString(threads));
        out.put("transport", transport);
        out.put("verify", Boolean.toString(verify));
        out.put("reconnect", Boolean.toString(reconnect));
        out.put("config", null == configFile ? "" : configFile.toString());
        final List<String> tariffText = new ArrayList<>();
        for (final Tariff tariff : tariffs.all())
        {
            tariffText.add(tariff.toOption());
        }
        out.put("tariffs", String.join(" ", tariffText));
        return Collections.unmodifiableMap(out);
    }

    private void checkNotConcluded()
    {
        if (concluded)
        {
            throw new IllegalStateException("options are read-only after conclude()");
        }
    }

    // Fluent setters for code (tests, the perf suite); each returns this.

    /**
     * @param value true: a PGW reconnects after losing its connection and resends its requests in flight with the
     *              T flag (RFC 6733 §3), keeping its sessions; false: the sessions end as uncertain.
     * @return this.
     */
    public SimulatorOptions reconnect(final boolean value)
    {
        checkNotConcluded();
        reconnect = value;
        return this;
    }

    /** @return whether PGWs reconnect and retransmit after a lost connection. */
    public boolean reconnect()
    {
        return reconnect;
    }

    /** @param value the server's configuration file, read at conclude(). @return this. */
    public SimulatorOptions config(final Path value)
    {
        checkNotConcluded();
        configFile = value;
        return this;
    }

    /** @param value mode. @return this. */
    public SimulatorOptions mode(final Mode value)
    {
        checkNotConcluded();
        mode = value;
        return this;
    }

    /** @param value server host. @return this. */
    public SimulatorOptions host(final String value)
    {
        checkNotConcluded();
        explicit.add("--host");
        host = value;
        return this;
    }

    /** @param value server port (RADIUS: authentication port). @return this. */
    public SimulatorOptions port(final int value)
    {
        checkNotConcluded();
        explicit.add("--port");
        port = value;
        return this;
    }

    /** @param value RADIUS accounting port. @return this. */
    public SimulatorOptions acctPort(final int value)
    {
        checkNotConcluded();
        explicit.add("--acct-port");
        acctPort = value;
        return this;
    }

    /** @param value port the BRAS listens on for CoA/Disconnect, 0 for any. @return this. */
    public SimulatorOptions coaPort(final int value)
    {
        checkNotConcluded();
        explicit.add("--coa-port");
        coaPort = value;
        return this;
    }

    /** @param value number of connections. @return this. */
    public SimulatorOptions connections(final int value)
    {
        checkNotConcluded();
        connections = value;
        return this;
    }

    /** @param value concurrent sessions in total. @return this. */
    public SimulatorOptions sessions(final int value)
    {
        checkNotConcluded();
        sessions = value;
        return this;
    }

    /** @param value open-loop rate in requests per second. @return this. */
    public SimulatorOptions rate(final long value)
    {
        checkNotConcluded();
        rate = value;
        return this;
    }

    /** @param value closed-loop window per connection. @return this. */
    public SimulatorOptions window(final int value)
    {
        checkNotConcluded();
        window = value;
        return this;
    }

    /** @param value run length. @return this. */
    public SimulatorOptions duration(final Duration value)
    {
        checkNotConcluded();
        duration = value;
        return this;
    }

    /** @param value requests to send before draining. @return this. */
    public SimulatorOptions count(final long value)
    {
        checkNotConcluded();
        count = value;
        return this;
    }

    /** @param value the mix. @return this. */
    public SimulatorOptions mix(final TrafficMix value)
    {
        checkNotConcluded();
        mix = value;
        return this;
    }

    /** @param value updates per session. @return this. */
    public SimulatorOptions updates(final int value)
    {
        checkNotConcluded();
        updates = value;
        return this;
    }

    /** @param value usage pattern. @return this. */
    public SimulatorOptions usage(final UsagePattern value)
    {
        checkNotConcluded();
        usage = value;
        return this;
    }

    /** @param value subscriber range. @return this. */
    public SimulatorOptions subscribers(final SubscriberRange value)
    {
        checkNotConcluded();
        explicit.add("--subscribers");
        subscribers = value;
        return this;
    }

    /** @param value random seed. @return this. */
    public SimulatorOptions seed(final long value)
    {
        checkNotConcluded();
        seed = value;
        return this;
    }

    /** @param value report directory. @return this. */
    public SimulatorOptions reportDir(final Path value)
    {
        checkNotConcluded();
        reportDir = value;
        return this;
    }

    /** @param value trace every message. @return this. */
    public SimulatorOptions trace(final boolean value)
    {
        checkNotConcluded();
        trace = value;
        return this;
    }

    /** @param value admin API base URL. @return this. */
    public SimulatorOptions adminUrl(final URI value)
    {
        checkNotConcluded();
        explicit.add("--admin-url");
        adminUrl = value;
        return this;
    }

    /** @param value admin API token. @return this. */
    public SimulatorOptions adminToken(final String value)
    {
        checkNotConcluded();
        explicit.add("--admin-token");
        adminToken = value;
        return this;
    }

    /** @param value verify balances at the end. @return this. */
    public SimulatorOptions verify(final boolean value)
    {
        checkNotConcluded();
        verify = value;
        return this;
    }

    /** @param value a tariff replacing the one of its rating group. @return this. */
    public SimulatorOptions tariff(final Tariff value)
    {
        checkNotConcluded();
        tariffOverrides.add(value);
        return this;
    }

    /** @param kind session kind. @param ratingGroup its rating group. @return this. */
    public SimulatorOptions ratingGroup(final ServiceKind kind, final long ratingGroup)
    {
        checkNotConcluded();
        ratingGroups.put(kind, ratingGroup);
        return this;
    }

    /** @param value Destination-Host of CCRs, null to leave it out. @return this. */
    public SimulatorOptions destinationHost(final String value)
    {
        checkNotConcluded();
        destinationHost = value;
        return this;
    }

    /** @param value Destination-Realm. @return this. */
    public SimulatorOptions destinationRealm(final String value)
    {
        checkNotConcluded();
        explicit.add("--destination-realm");
        destinationRealm = value;
        return this;
    }

    /** @param value answer timeout. @return this. */
    public SimulatorOptions timeout(final Duration value)
    {
        checkNotConcluded();
        timeout = value;
        return this;
    }

    /** @param value watchdog interval. @return this. */
    public SimulatorOptions watchdog(final Duration value)
    {
        checkNotConcluded();
        watchdog = value;
        return this;
    }

    /** @param value pacing tick. @return this. */
    public SimulatorOptions tick(final Duration value)
    {
        checkNotConcluded();
        tick = value;
        return this;
    }

    /** @param value drain timeout. @return this. */
    public SimulatorOptions drainTimeout(final Duration value)
    {
        checkNotConcluded();
        drainTimeout = value;
        return this;
    }

    /** @param value event loops. @return this. */
    public SimulatorOptions threads(final int value)
    {
        checkNotConcluded();
        threads = value;
        return this;
    }

    /** @param value auto, epoll or nio. @return this. */
    public SimulatorOptions transport(final String value)
    {
        checkNotConcluded();
        transport = value;
        return this;
    }

    /** @param value no progress line. @return this. */
    public SimulatorOptions quiet(final boolean value)
    {
        checkNotConcluded();
        quiet = value;
        return this;
    }

    /** @param value RADIUS shared secret. @return this. */
    public SimulatorOptions radiusSecret(final String value)
    {
        checkNotConcluded();
        explicit.add("--secret");
        radiusSecret = value;
        return this;
    }

    /** @param value RADIUS octets per accounting interval before the usage fraction. @return this. */
    public SimulatorOptions interimOctets(final long value)
    {
        checkNotConcluded();
        interimOctets = value;
        return this;
    }

    /** @param value RADIUS user password. @return this. */
    public SimulatorOptions radiusPassword(final String value)
    {
        checkNotConcluded();
        explicit.add("--password");
        radiusPassword = value;
        return this;
    }

    // Getters.

    /** @return mode. */
    public Mode mode()
    {
        return mode;
    }

    /** @return server host. */
    public String host()
    {
        return host;
    }

    /** @return server port (RADIUS: authentication). */
    public int port()
    {
        return port;
    }

    /** @return RADIUS accounting port. */
    public int acctPort()
    {
        return acctPort;
    }

    /** @return CoA listening port, 0 for any. */
    public int coaPort()
    {
        return coaPort;
    }

    /** @return connections. */
    public int connections()
    {
        return connections;
    }

    /** @return concurrent sessions in total. */
    public int sessions()
    {
        return sessions;
    }

    /** @return true for open loop (a target rate), false for closed loop (a window). */
    public boolean isOpenLoop()
    {
        return rate > 0;
    }

    /** @return open-loop rate in requests per second over all connections, 0 in closed loop. */
    public long rate()
    {
        return rate;
    }

    /** @return closed-loop window per connection, 0 in open loop. */
    public int window()
    {
        return window;
    }

    /** @return run length, or null when bounded by count only. */
    public Duration duration()
    {
        return duration;
    }

    /** @return requests before draining, 0 when unbounded. */
    public long count()
    {
        return count;
    }

    /** @return the mix. */
    public TrafficMix mix()
    {
        return mix;
    }

    /** @return updates per session. */
    public int updates()
    {
        return updates;
    }

    /** @return usage pattern. */
    public UsagePattern usage()
    {
        return usage;
    }

    /** @return subscriber range. */
    public SubscriberRange subscribers()
    {
        return subscribers;
    }

    /** @return seed. */
    public long seed()
    {
        return seed;
    }

    /** @return report directory. */
    public Path reportDir()
    {
        return reportDir;
    }

    /** @return whether to trace every message. */
    public boolean trace()
    {
        return trace;
    }

    /** @return admin API base URL. */
    public URI adminUrl()
    {
        return adminUrl;
    }

    /** @return admin token, or null. */
    public String adminToken()
    {
        return adminToken;
    }

    /** @return whether to verify balances. */
    public boolean verify()
    {
        return verify;
    }

    /** @return admin reads in flight during verification. */
    public int verifyConcurrency()
    {
        return verifyConcurrency;
    }

    /** @return the tariffs (after conclude). */
    public TariffTable tariffs()
    {
        return tariffs;
    }

    /**
     * @param kind session kind.
     * @return its rating group.
     */
    public long ratingGroup(final ServiceKind kind)
    {
        return ratingGroups.get(kind);
    }

    /**
     * @param kind session kind.
     * @return the tariff of its rating group, or null (only for kinds with weight 0).
     */
    public Tariff tariff(final ServiceKind kind)
    {
        return tariffs.get(ratingGroups.get(kind));
    }

    /**
     * @param connectionIndex 0-based.
     * @return the Origin-Host (Diameter) or NAS-Identifier (RADIUS) of that connection: {@code pgw1.sim.gyro}.
     */
    public String originHost(final int connectionIndex)
    {
        return originHostPrefix + (connectionIndex + 1) + "." + originRealm;
    }

    /** @return Origin-Realm. */
    public String originRealm()
    {
        return originRealm;
    }

    /** @return Destination-Realm. */
    public String destinationRealm()
    {
        return destinationRealm;
    }

    /** @return Destination-Host, or null. */
    public String destinationHost()
    {
        return destinationHost;
    }

    /** @return Service-Context-Id. */
    public String serviceContextId()
    {
        return serviceContextId;
    }

    /** @return Vendor-Id of the CER. */
    public long vendorId()
    {
        return vendorId;
    }

    /** @return Product-Name of the CER. */
    public String productName()
    {
        return productName;
    }

    /** @return answer timeout. */
    public Duration timeout()
    {
        return timeout;
    }

    /** @return watchdog interval. */
    public Duration watchdog()
    {
        return watchdog;
    }

    /** @return pacing tick. */
    public Duration tick()
    {
        return tick;
    }

    /** @return drain timeout. */
    public Duration drainTimeout()
    {
        return drainTimeout;
    }

    /** @return event loops. */
    public int threads()
    {
        return threads;
    }

    /** @return auto, epoll or nio. */
    public String transport()
    {
        return transport;
    }

    /** @return true for no progress line. */
    public boolean quiet()
    {
        return quiet;
    }

    /** @return RADIUS shared secret. */
    public String radiusSecret()
    {
        return radiusSecret;
    }

    /** @return RADIUS octets per accounting interval before the usage fraction. */
    public long interimOctets()
    {
        return interimOctets;
    }

    /** @return RADIUS user password. */
    public String radiusPassword()
    {
        return radiusPassword;
    }
}
