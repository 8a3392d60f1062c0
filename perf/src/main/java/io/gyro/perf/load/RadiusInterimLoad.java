package io.gyro.perf.load;

import io.gyro.config.ConfigurationLoader;
import io.gyro.config.model.GyroConfiguration;
import io.gyro.ledger.AccountView;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerResult;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusAuthenticators;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.protocol.radius.RadiusPacketEncoder;
import io.gyro.protocol.radius.RadiusSecret;
import io.gyro.server.GyroServer;
import io.gyro.server.ledger.CommandOutcome;
import io.gyro.server.ledger.Priority;
import io.gyro.server.radius.RadiusCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Interim-Update throughput and latency over loopback against a real server in the same JVM (issue 5 benchmark).
 * <p>
 * Opens {@code sessions} accounting sessions (one Start each, on the demo subscribers), then sends Interim-Updates
 * round-robin over them, each reporting 64 KiB more, from several UDP sockets (an Identifier is one octet, so one
 * socket carries at most 256 in flight). Closed loop by default: a fixed window of requests in flight, as fast as
 * the server answers; with {@code --rate} open loop at a fixed offered rate, latency measured from each request's
 * intended send time (no coordinated omission). After the run every session is stopped and the run is checked:
 * every request answered, nothing dropped, nothing left reserved, the conservation invariant on every account used.
 * <pre>
 * mvn -B -pl perf -am -Pperf package
 * java [Chronicle/Agrona flags from the parent pom] -cp perf/target/benchmarks.jar io.gyro.perf.load.RadiusInterimLoad \
 *     [--seconds 20] [--warmup 5] [--sessions 2000] [--window 512] [--rate 0] [--sync batch|none] [--ring 65536]
 * </pre>
 */
public final class RadiusInterimLoad
{
    private static final String SECRET = "testing123";
    private static final long MSISDN_START = 491_700_000_000L;
    private static final long OCTETS_PER_INTERIM = 64 * 1024;
    private static final int SOCKETS = 8;
    private static final int IDENTIFIERS = 256;
    /** {@code -Dgyro.load.showSlow=true} prints every answer slower than 50 ms with its intended send time. */
    private static final boolean SHOW_SLOW = Boolean.getBoolean("gyro.load.showSlow");
    /** Acct-Status-Type values, RFC 2866 §5.1. */
    private static final int ACCT_START = 1;
    private static final int ACCT_STOP = 2;
    private static final int ACCT_INTERIM_UPDATE = 3;

    private final int sessions;
    private final int window;
    private final long rate;
    private final RadiusSecret secret = RadiusSecret.ofUtf8(SECRET);
    private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(new RadiusAuthenticators());
    private final ByteBuf scratch = Unpooled.buffer(256);
    private final ByteBuffer out = ByteBuffer.allocateDirect(4096);
    private final ByteBuffer in = ByteBuffer.allocateDirect(4096);
    private final long[] sessionOctets;
    private final byte[][] sessionIds;
    private final byte[][] userNames;
    private final DatagramChannel[] channels = new DatagramChannel[SOCKETS];
    private final long[][] intendedNanos = new long[SOCKETS][IDENTIFIERS];
    private final int[] nextIdentifier = new int[SOCKETS];
    private final int[] inFlightPerSocket = new int[SOCKETS];
    private Selector selector;
    private InetSocketAddress target;

    private long[] latencies = new long[1 << 20];
    private int latencyCount;
    private boolean recording;
    private long sent;
    private long answered;
    private int inFlight;
    private int nextSession;

    private RadiusInterimLoad(final int sessions, final int window, final long rate)
    {
        this.sessions = sessions;
        this.window = window;
        this.rate = rate;
        this.sessionOctets = new long[sessions];
        this.sessionIds = new byte[sessions][];
        this.userNames = new byte[sessions][];
        for (int i = 0; i < sessions; i++)
        {
            sessionIds[i] = String.format("load-%08d", i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            userNames[i] = Long.toString(MSISDN_START + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /**
     * @param args see the class comment.
     * @throws Exception when the run fails or a check does not hold.
     */
    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> options = parse(args);
        final int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        final int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        final int sessions = Integer.parseInt(options.getOrDefault("sessions", "2000"));
        final int window = Integer.parseInt(options.getOrDefault("window", "512"));
        final long rate = Long.parseLong(options.getOrDefault("rate", "0"));
        final String sync = options.getOrDefault("sync", "batch");
        final String ringSize = options.getOrDefault("ring", "65536");
        if (window > SOCKETS * (IDENTIFIERS - 1))
        {
            throw new IllegalArgumentException("window at most " + SOCKETS * (IDENTIFIERS - 1));
        }

        final Path dataDir = Files.createTempDirectory("gyro-radius-load");
        final GyroConfiguration configuration = ConfigurationLoader.loadBundled(Map.of(), List.of(
            "node.data-dir=" + dataDir,
            "diameter.enabled=false",
            "admin.enabled=false",
            "cdr.enabled=false",
            "radius.auth-port=0",
            "radius.acct-port=0",
            "demo.subscribers.count=" + Math.max(sessions, 100),
            "ledger.journal-sync=" + sync,
            "ledger.ring-size=" + ringSize,
            "logging.level=warn"));
        try (GyroServer server = GyroServer.start(configuration, GyroServer.Options.production()))
        {
            final RadiusInterimLoad load = new RadiusInterimLoad(sessions, window, rate);
            load.open(server.radius().acctAddress());
            load.startSessions();
            System.out.printf("%d sessions started; warming up %d s%n", sessions, warmup);
            load.run(warmup * 1_000_000_000L, false);
            final long answeredBefore = load.answered;
            final long startedNanos = System.nanoTime();
            load.run(seconds * 1_000_000_000L, true);
            final double elapsedSeconds = (System.nanoTime() - startedNanos) / 1e9;
            final long measured = load.answered - answeredBefore;
            load.drain();
            load.stopSessions();

            final RadiusCounters counters = server.radius().counters();
            System.out.printf("%n%s, journal-sync %s, ring %s, %d sessions, %s%n", describeMachine(), sync, ringSize,
                sessions,
                rate > 0 ? "open loop at " + rate + "/s" : "closed loop, window " + window);
            System.out.printf("Interim-Updates answered: %d in %.1f s = %.0f per second%n", measured, elapsedSeconds,
                measured / elapsedSeconds);
            load.printLatencies();
            System.out.printf("server: %d accounting responses, %d dropped, %d pending; client sent %d, answered %d%n",
                counters.accountingResponses, counters.droppedTotal(), server.radius().pendingCount(), load.sent,
                load.answered);
            load.verify(server, counters);
        }
        finally
        {
            deleteRecursively(dataDir);
        }
    }

    private void open(final InetSocketAddress acct) throws IOException
    {
        target = acct;
        selector = Selector.open();
        for (int i = 0; i < SOCKETS; i++)
        {
            channels[i] = DatagramChannel.open(StandardProtocolFamily.INET);
            channels[i].setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channels[i].bind(new InetSocketAddress("127.0.0.1", 0));
            channels[i].connect(acct);
            channels[i].configureBlocking(false);
            channels[i].register(selector, SelectionKey.OP_READ, i);
        }
    }

    private void startSessions() throws IOException
    {
        for (int i = 0; i < sessions; i++)
        {
            while (inFlight >= window)
            {
                receive(true);
            }
            send(i, ACCT_START, System.nanoTime());
        }
        drain();
    }

    private void stopSessions() throws IOException
    {
        for (int i = 0; i < sessions; i++)
        {
            while (inFlight >= window)
            {
                receive(true);
            }
            send(i, ACCT_STOP, System.nanoTime());
        }
        drain();
    }

    private void drain() throws IOException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (inFlight > 0 && System.nanoTime() < deadline)
        {
            receive(true);
        }
        if (inFlight > 0)
        {
            throw new IllegalStateException(inFlight + " requests never answered");
        }
    }

    private void run(final long durationNanos, final boolean record) throws IOException
    {
        recording = record;
        final long start = System.nanoTime();
        final long end = start + durationNanos;
        final long intervalNanos = rate > 0 ? 1_000_000_000L / rate : 0;
        long nextIntended = start;
        while (true)
        {
            final long now = System.nanoTime();
            if (now >= end)
            {
                break;
            }
            if (rate > 0)
            {
                // Open loop: every request due by now is sent (if the window allows), stamped with its due time.
                while (nextIntended <= now && inFlight < window)
                {
                    send(nextSession, ACCT_INTERIM_UPDATE, nextIntended);
                    nextSession = (nextSession + 1) % sessions;
                    nextIntended += intervalNanos;
                }
                // Wait for answers (at most 1 ms) only when nothing is due: a spinning client would take the
                // server's core on a small machine.
                receive(nextIntended > System.nanoTime() || inFlight >= window);
            }
            else
            {
                while (inFlight < window)
                {
                    send(nextSession, ACCT_INTERIM_UPDATE, System.nanoTime());
                    nextSession = (nextSession + 1) % sessions;
                }
                receive(true);
            }
        }
        recording = false;
    }

    private void send(final int session, final int statusType, final long intendedAtNanos) throws IOException
    {
        int socket = session % SOCKETS;
        while (inFlightPerSocket[socket] >= IDENTIFIERS - 1)
        {
            socket = (socket + 1) % SOCKETS;
        }
        int identifier = nextIdentifier[socket];
        while (0 != intendedNanos(socket, identifier))
        {
            identifier = (identifier + 1) & 0xFF;
        }
        nextIdentifier[socket] = (identifier + 1) & 0xFF;
        if (ACCT_INTERIM_UPDATE == statusType || ACCT_STOP == statusType)
        {
            sessionOctets[session] += OCTETS_PER_INTERIM;
        }
        final long octets = sessionOctets[session];
        scratch.clear();
        encoder.start(scratch, RadiusCode.ACCOUNTING_REQUEST, identifier)
            .putInt(RadiusAttributeType.ACCT_STATUS_TYPE, statusType)
            .putBytes(RadiusAttributeType.ACCT_SESSION_ID, sessionIds[session], 0, sessionIds[session].length)
            .putBytes(RadiusAttributeType.USER_NAME, userNames[session], 0, userNames[session].length)
            .putInt(RadiusAttributeType.NAS_IP_ADDRESS, 0x7F00_0001)
            .putInt(RadiusAttributeType.ACCT_INPUT_OCTETS, (int)(octets / 4))
            .putInt(RadiusAttributeType.ACCT_OUTPUT_OCTETS, (int)(octets - octets / 4))
            .putInt(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, 0)
            .putInt(RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS, 0)
            .finishRequest(secret);
        out.clear();
        scratch.getBytes(0, out.limit(scratch.readableBytes()));
        out.flip();
        intendedNanos[socket][identifier] = Math.max(1, intendedAtNanos);
        inFlightPerSocket[socket]++;
        inFlight++;
        sent++;
        channels[socket].write(out);
    }

    private long intendedNanos(final int socket, final int identifier)
    {
        return intendedNanos[socket][identifier];
    }

    private void receive(final boolean block) throws IOException
    {
        if (block)
        {
            selector.select(1);
        }
        else
        {
            selector.selectNow();
        }
        for (final SelectionKey key : selector.selectedKeys())
        {
            final int socket = (Integer)key.attachment();
            while (true)
            {
                in.clear();
                if (0 == channels[socket].read(in))
                {
                    break;
                }
                in.flip();
                if (RadiusCode.ACCOUNTING_RESPONSE != (in.get(0) & 0xFF))
                {
                    throw new IllegalStateException("unexpected response code " + (in.get(0) & 0xFF));
                }
                final int identifier = in.get(1) & 0xFF;
                final long intended = intendedNanos[socket][identifier];
                if (0 == intended)
                {
                    continue;
                }
                intendedNanos[socket][identifier] = 0;
                inFlightPerSocket[socket]--;
                inFlight--;
                answered++;
                if (recording)
                {
                    final long nowNanos = System.nanoTime();
                    record(nowNanos - intended);
                    if (SHOW_SLOW && nowNanos - intended > 50_000_000L)
                    {
                        System.out.printf("slow %d ms at %d ms%n", (nowNanos - intended) / 1_000_000,
                            (intended / 1_000_000) % 100_000);
                    }
                }
            }
        }
        selector.selectedKeys().clear();
    }

    private void record(final long nanos)
    {
        if (latencyCount == latencies.length)
        {
            latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[latencyCount++] = nanos;
    }

    private void printLatencies()
    {
        final long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        System.out.printf("latency (send -> Accounting-Response, µs): p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  " +
            "max %.1f%n", percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99),
            percentile(sorted, 0.999), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e3);
    }

    private static double percentile(final long[] sorted, final double quantile)
    {
        return sorted.length == 0 ? 0 : sorted[(int)Math.min(sorted.length - 1, quantile * sorted.length)] / 1e3;
    }

    private void verify(final GyroServer server, final RadiusCounters counters)
    {
        final List<String> problems = new ArrayList<>();
        if (sent != answered)
        {
            problems.add("sent " + sent + " but answered " + answered);
        }
        if (0 != counters.droppedTotal())
        {
            problems.add(counters.droppedTotal() + " datagrams dropped");
        }
        if (0 != counters.unratedRecords)
        {
            problems.add(counters.unratedRecords + " unrated records");
        }
        for (int i = 0; i < sessions; i++)
        {
            final String msisdn = Long.toString(MSISDN_START + i);
            final CommandOutcome outcome = server.ledger().call(Priority.INTERNAL, command ->
            {
                command.type = CommandType.GET_ACCOUNT;
                command.timestampMs = System.currentTimeMillis();
                command.addIdentity(IdentityType.E164, msisdn);
            }).join();
            final AccountView account = (AccountView)outcome.payload();
            if (LedgerResult.SUCCESS != outcome.result() || 0 != account.reservedMinor() ||
                account.creditedMinor() != account.availableMinor() + account.reservedMinor() + account.consumedMinor())
            {
                problems.add("account " + msisdn + " fails the invariant or still holds a reservation: " + account);
            }
            // 0.0100 per started MiB of the session's cumulative octets.
            final long expectedMinor = 1_000_000 - (sessionOctets[i] + (1 << 20) - 1) / (1 << 20) * 100;
            if (null != account && account.balanceMinor() != expectedMinor)
            {
                problems.add("account " + msisdn + " balance " + account.balanceMinor() + ", expected " + expectedMinor);
            }
        }
        if (!problems.isEmpty())
        {
            throw new IllegalStateException("the run is not correct: " + problems.subList(0, Math.min(5,
                problems.size())));
        }
        System.out.println("checked: every request answered, nothing dropped, every session charged exactly, " +
            "nothing left reserved, conservation invariant on every account used");
    }

    private static String describeMachine()
    {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
    }

    private static Map<String, String> parse(final String[] args)
    {
        final Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    private static void deleteRecursively(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
