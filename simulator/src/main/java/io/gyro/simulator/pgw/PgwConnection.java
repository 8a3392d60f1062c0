package io.gyro.simulator.pgw;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterFramingError;
import io.gyro.protocol.diameter.DiameterHeaderDescriptor;
import io.gyro.protocol.diameter.DiameterHeaderFlyweight;
import io.gyro.protocol.diameter.ErrorAnswerEncoder;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.base.DeviceWatchdog;
import io.gyro.protocol.diameter.base.DisconnectPeer;
import io.gyro.protocol.diameter.base.SessionRequest;
import io.gyro.protocol.diameter.cc.CreditControlAnswerDecoder;
import io.gyro.protocol.diameter.cc.CreditControlRequestEncoder;
import io.gyro.protocol.diameter.cc.MultipleServicesCreditControlDecoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CcRequestType;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.DisconnectCause;
import io.gyro.protocol.diameter.dictionary.MultipleServicesIndicator;
import io.gyro.protocol.diameter.dictionary.ReportingReason;
import io.gyro.protocol.diameter.dictionary.RequestedAction;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.SubscriptionIdType;
import io.gyro.protocol.diameter.dictionary.TerminationCause;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.gyro.simulator.AsciiDigits;
import io.gyro.simulator.ServiceKind;
import io.gyro.simulator.SimulatorOptions;
import io.gyro.simulator.SubscriberRange;
import io.gyro.simulator.Tariff;
import io.gyro.simulator.TrafficMix;
import io.gyro.simulator.UsagePattern;
import io.gyro.simulator.load.OpenLoopPacer;
import io.gyro.simulator.load.ReadyQueue;
import io.gyro.simulator.report.ConnectionStats;
import io.gyro.simulator.report.Counter;
import io.gyro.simulator.verify.ExpectedCharges;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import org.agrona.concurrent.NanoClock;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;

/**
 * One simulated PGW: a Diameter peer with its own Origin-Host on one TCP connection, running up to
 * {@code capacity} concurrent Gy sessions (state machine in {@link io.gyro.simulator.pgw the package doc}).
 * <p>
 * Every field is owned by the connection's event loop: Netty calls the handler methods there, the group ticker
 * calls {@link #onTick(long)} there, and the engine reaches the rest through {@code eventLoop().execute}. Session
 * state lives in preallocated arrays indexed by slot; requests are encoded straight into pooled buffers with the
 * protocol module's encoders, answers read with its flyweight decoders, so the request path allocates nothing
 * (the Session-Id, MSISDN and IMSI octets are written as digits into reused arrays).
 * <p>
 * The Hop-by-Hop Identifier carries the slot in its low 20 bits and a 12-bit generation above, so an answer finds
 * its session without a map, and a late answer to an older request of the same slot is recognised and dropped.
 * <p>
 * With {@link #reconnectWith} (option {@code --reconnect}) a lost connection does not end the sessions: the PGW
 * keeps them, connects again with the same Origin-Host and Origin-State-Id (it did not restart, so the server must
 * not release them, RFC 6733 §8.16), and after the new CEA sends every request that was in flight again, octet for
 * octet with the T flag set and a new Hop-by-Hop Identifier (RFC 6733 §3, §5.5.4; RFC 4006 §5.7), as a PGW does when
 * it fails back to a restarted OCS. The server's (Session-Id, CC-Request-Number) check then answers a request it had
 * already journaled with its recorded answer, so nothing is charged twice. The handler is re-added to each new
 * channel; only one channel uses it at a time.
 */
@ChannelHandler.Sharable
public final class PgwConnection extends ChannelInboundHandlerAdapter
{
    /** Bits of the Hop-by-Hop Identifier that hold the slot. */
    static final int SLOT_BITS = 20;
    /** Mask of the slot; the all-ones slot is reserved for base messages (CER, DWR, DPR). */
    static final int SLOT_MASK = (1 << SLOT_BITS) - 1;
    private static final int GENERATION_MASK = 0xFFF;
    /** A CCR-I with two Subscription-Ids and one MSCC is about 330 octets; a pooled buffer grows if needed. */
    static final int REQUEST_BUFFER_CAPACITY = 512;
    /** Answers to the server's RAR/ASR/DWR/DPR are short. */
    static final int ANSWER_BUFFER_CAPACITY = 256;
    /** Timeouts and the watchdog are checked this often: a second is fine against a 10 s Tx and a 30 s Tw. */
    static final long HOUSEKEEPING_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    /** Units one EVENT request asks to debit (RFC 4006 §6.3 direct debiting of one event). */
    static final long EVENT_UNITS = 1;
    /** Missed watchdog intervals after which the peer is down and the connection closed (RFC 3539 §3.4.1). */
    static final int WATCHDOG_MISSES_BEFORE_DOWN = 2;
    /** Width of the session-number field of the Session-Id (<low32> of RFC 6733 §8.8, zero-padded). */
    private static final int SESSION_NUMBER_DIGITS = 10;
    /** Width of the slot field appended as the optional part of the Session-Id; slots stay below 2^20. */
    private static final int SLOT_DIGITS = 7;

    // Slot states.
    static final int IDLE = 0;
    static final int WAIT_INITIAL = 1;
    static final int OPEN = 2;
    static final int WAIT_UPDATE = 3;
    static final int WAIT_TERMINATION = 4;
    static final int WAIT_EVENT = 5;
    static final int FINISHED = 6;

    // Slot flags.
    private static final int FINAL_UNITS = 1;
    private static final int SERVICE_STOPPED = 2;
    private static final int REAUTH_PENDING = 4;
    private static final int ABORT_PENDING = 8;
    private static final int UNCERTAIN = 16;
    private static final int RETRANSMIT = 32;

    /** First pause before reconnecting after the connection was lost; it doubles up to {@link #RECONNECT_MAX_NS}. */
    static final long RECONNECT_MIN_NS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Longest pause between reconnect attempts: a restarted server is found within a second of listening. */
    static final long RECONNECT_MAX_NS = TimeUnit.SECONDS.toNanos(1);

    // Connection phases, in order.
    private static final int CONNECTING = 0;
    private static final int CAPABILITIES = 1;
    private static final int READY = 2;
    private static final int RUNNING = 3;
    private static final int DRAINING = 4;
    private static final int DISCONNECTING = 5;
    private static final int CLOSED = 6;

    private static final int KIND_DATA = ServiceKind.DATA.ordinal();
    private static final int KIND_VOICE = ServiceKind.VOICE.ordinal();
    private static final int KIND_EVENT = ServiceKind.EVENT.ordinal();
    private static final byte[] NO_OCTETS = new byte[0];
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final int index;
    private final int connections;
    private final String originHost;
    private final String originRealm;
    private final byte[] originHostBytes;
    private final byte[] originRealmBytes;
    private final byte[] destinationRealmBytes;
    private final byte[] destinationHostBytes;
    private final byte[] serviceContextIdBytes;
    private final long vendorId;
    private final String productName;
    private final long originStateId;
    private final int capacity;
    private final long requestQuota;
    private final int updatesPerSession;
    private final int window;
    private final OpenLoopPacer pacer;
    private final TrafficMix mix;
    private final UsagePattern usage;
    private final SubscriberRange subscribers;
    private final long[] ratingGroupByKind = new long[ServiceKind.values().length];
    private final Tariff[] tariffByKind = new Tariff[ServiceKind.values().length];
    private final SplittableRandom random;
    private final ExpectedCharges charges;
    private final ConnectionStats stats;
    private final NanoClock clock;
    private final MessageTrace trace;
    private final long timeoutNs;
    private final long watchdogNs;

    private final int[] state;
    private final int[] flags;
    private final int[] kind;
    private final int[] subscriber;
    private final int[] updatesLeft;
    private final int[] inflightHbh;
    private final int[] generation;
    private final byte[] inflightType;
    private final long[] requestNumber;
    private final long[] grantedUnits;
    private final long[] committedUnits;
    private final long[] pendingUnits;
    private final long[] intendedNs;
    private final long[] sentNs;
    private final byte[][] sessionIds;
    private final int sessionNumberOffset;
    private final ReadyQueue ready;

    private final CreditControlRequestEncoder ccr = new CreditControlRequestEncoder();
    private final CreditControlAnswerDecoder cca = new CreditControlAnswerDecoder();
    private final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight();
    private final DiameterEncoder encoder = new DiameterEncoder();
    private final ErrorAnswerEncoder errorAnswer = new ErrorAnswerEncoder();
    private final AvpReader scratchReader = new AvpReader();
    private final RequestEcho echo = new RequestEcho();
    private final ServiceUnits emptyUnits = new ServiceUnits().markPresent();
    private final ServiceUnits units = new ServiceUnits();
    private final byte[] digits = new byte[SubscriberRange.MAX_DIGITS];
    private final DeviceWatchdog watchdogRequest;
    private final DeviceWatchdog watchdogAnswer;

    private final CompletableFuture<CapabilitiesExchange> capabilities = new CompletableFuture<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private ChannelHandlerContext ctx;
    private int phase = CONNECTING;
    private int active;
    private int inflight;
    private long sentTotal;
    private long sessionsStarted;
    private int baseGeneration;
    private int endToEnd;
    private long lastReadNs;
    private long lastHousekeepingNs;
    private long watchdogSentNs;
    private boolean watchdogOutstanding;
    private int watchdogMisses;
    private boolean flushPending;
    private Supplier<ChannelFuture> reconnector;
    private byte[][] lastRequest;
    private int[] lastRequestLength;
    private boolean reconnecting;
    private int resumePhase;
    private long reconnectDelayNs;

    /**
     * @param index         0-based connection number; the Origin-Host is {@code options.originHost(index)}.
     * @param options       the run's options (concluded).
     * @param capacity      concurrent sessions on this connection, below 2^20 - 1.
     * @param requestQuota  requests to send before draining, {@link Long#MAX_VALUE} for no limit.
     * @param runId         seconds since the epoch at the run's start: the Session-Id's high part and the
     *                      Origin-State-Id (RFC 6733 §8.8, §8.16), so that ids never repeat across runs.
     * @param charges       where finished sessions' costs go.
     * @param stats         this connection's measurements.
     * @param clock         the run's clock (injected: tests drive it by hand).
     * @param trace         renders every message, or null.
     */
    public PgwConnection(
        final int index,
        final SimulatorOptions options,
        final int capacity,
        final long requestQuota,
        final long runId,
        final ExpectedCharges charges,
        final ConnectionStats stats,
        final NanoClock clock,
        final MessageTrace trace)
    {
        if (capacity <= 0 || capacity >= SLOT_MASK)
        {
            throw new IllegalArgumentException("sessions per connection must be 1 to " + (SLOT_MASK - 1) + ": " + capacity);
        }
        this.index = index;
        this.connections = options.connections();
        this.originHost = options.originHost(index);
        this.originRealm = options.originRealm();
        this.originHostBytes = ascii(originHost);
        this.originRealmBytes = ascii(originRealm);
        this.destinationRealmBytes = ascii(options.destinationRealm());
        this.destinationHostBytes = null == options.destinationHost() ? null : ascii(options.destinationHost());
        this.serviceContextIdBytes = ascii(options.serviceContextId());
        this.vendorId = options.vendorId();
        this.productName = options.productName();
        this.originStateId = runId & 0xFFFF_FFFFL;
        this.capacity = capacity;
        this.requestQuota = requestQuota;
        this.updatesPerSession = options.updates();
        this.window = options.window();
        this.pacer = options.isOpenLoop() ? new OpenLoopPacer(options.rate(), connections, index) : null;
        this.mix = options.mix();
        this.usage = options.usage();
        this.subscribers = options.subscribers();
        for (final ServiceKind serviceKind : ServiceKind.values())
        {
            ratingGroupByKind[serviceKind.ordinal()] = options.ratingGroup(serviceKind);
            tariffByKind[serviceKind.ordinal()] = options.tariff(serviceKind);
        }
        // A distinct, reproducible stream per connection (golden-ratio increment keeps seeds far apart).
        this.random = new SplittableRandom(options.seed() + 0x9E37_79B9_7F4A_7C15L * (index + 1));
        this.charges = charges;
        this.stats = stats;
        this.clock = clock;
        this.trace = trace;
        this.timeoutNs = options.timeout().toNanos();
        this.watchdogNs = options.watchdog().toNanos();
        this.watchdogRequest = new DeviceWatchdog(originHost, originRealm, originStateId, -1);
        this.watchdogAnswer = new DeviceWatchdog(originHost, originRealm, originStateId, ResultCode.SUCCESS);

        state = new int[capacity];
        flags = new int[capacity];
        kind = new int[capacity];
        subscriber = new int[capacity];
        updatesLeft = new int[capacity];
        inflightHbh = new int[capacity];
        generation = new int[capacity];
        inflightType = new byte[capacity];
        requestNumber = new long[capacity];
        grantedUnits = new long[capacity];
        committedUnits = new long[capacity];
        pendingUnits = new long[capacity];
        intendedNs = new long[capacity];
        sentNs = new long[capacity];
        ready = new ReadyQueue(capacity);

        // Session-Id (RFC 6733 §8.8): <Origin-Host>;<high32>;<low32>;<slot>, fixed width so that each slot's
        // array is written once and only the session number changes per session.
        final int prefix = originHostBytes.length + 1;
        sessionNumberOffset = prefix + 11;
        final int length = sessionNumberOffset + SESSION_NUMBER_DIGITS + 1 + SLOT_DIGITS;
        sessionIds = new byte[capacity][];
        for (int slot = 0; slot < capacity; slot++)
        {
            final byte[] id = new byte[length];
            System.arraycopy(originHostBytes, 0, id, 0, originHostBytes.length);
            id[prefix - 1] = ';';
            AsciiDigits.writePadded(runId & 0xFFFF_FFFFL, id, prefix, 10);
            id[prefix + 10] = ';';
            id[sessionNumberOffset + SESSION_NUMBER_DIGITS] = ';';
            AsciiDigits.writePadded(slot, id, sessionNumberOffset + SESSION_NUMBER_DIGITS + 1, SLOT_DIGITS);
            sessionIds[slot] = id;
            ready.offer(slot);
        }
        active = capacity;
        // End-to-End Identifier (RFC 6733 §3): low 12 bits of the time in the high bits, then a counter.
        endToEnd = (int)((runId & 0xFFF) << 20);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Control, called on the event loop (the engine goes through eventLoop().execute).

    /**
     * Reconnect after an unexpected loss of the connection instead of ending the sessions, and resend what was in
     * flight with the T flag. Call before connecting; keeps a copy of each slot's last request.
     *
     * @param connector opens a new connection whose pipeline holds this handler, on this connection's event loop.
     */
    public void reconnectWith(final Supplier<ChannelFuture> connector)
    {
        this.reconnector = connector;
        this.lastRequest = new byte[capacity][];
        this.lastRequestLength = new int[capacity];
    }

    /** @return the Origin-Host. */
    public String originHost()
    {
        return originHost;
    }

    /** @return this connection's measurements. */
    public ConnectionStats stats()
    {
        return stats;
    }

    /** @return true while the connection is open. */
    public boolean isActive()
    {
        return null != ctx && ctx.channel().isActive();
    }

    /** @return the event loop that owns this connection, once connected. */
    public EventLoop eventLoop()
    {
        return ctx.channel().eventLoop();
    }

    /** @return completes with the CEA when the capabilities exchange succeeded. */
    public CompletableFuture<CapabilitiesExchange> capabilities()
    {
        return capabilities;
    }

    /** @return completes when every slot has finished (after the quota, {@link #beginDrain()} or a close). */
    public CompletableFuture<Void> drained()
    {
        return drained;
    }

    /** @return completes when the connection has closed. */
    public CompletableFuture<Void> closed()
    {
        return closed;
    }

    /**
     * Begin sending. Event loop only.
     *
     * @param startNs the first intended send time.
     */
    public void start(final long startNs)
    {
        if (READY != phase)
        {
            return;
        }
        phase = RUNNING;
        if (null != pacer)
        {
            pacer.start(startNs);
        }
        lastHousekeepingNs = startNs;
        trySend(clock.nanoTime());
        flushIfPending();
    }

    /** Start no more sessions; open sessions send CCR-T next. Event loop only. Idempotent. */
    public void beginDrain()
    {
        if (reconnecting && (RUNNING == resumePhase || READY == resumePhase))
        {
            // Drain once connected again: what is open still ends with its CCR-T.
            resumePhase = DRAINING;
            for (int slot = 0; slot < capacity; slot++)
            {
                if (IDLE == state[slot])
                {
                    finish(slot);
                }
            }
            return;
        }
        if (RUNNING != phase && READY != phase)
        {
            return;
        }
        phase = DRAINING;
        for (int slot = 0; slot < capacity; slot++)
        {
            if (IDLE == state[slot])
            {
                finish(slot);
            }
        }
        checkDrained();
        trySend(clock.nanoTime());
        flushIfPending();
    }

    /** Send DPR (RFC 6733 §5.4) and close when the DPA arrives. Event loop only. */
    public void disconnect()
    {
        if (null == ctx || !ctx.channel().isActive() || phase >= DISCONNECTING)
        {
            return;
        }
        phase = DISCONNECTING;
        final ByteBuf buffer = ctx.alloc().ioBuffer(ANSWER_BUFFER_CAPACITY);
        new DisconnectPeer(originHost, originRealm, DisconnectCause.REBOOTING, -1)
            .encodeRequest(encoder.wrap(buffer), baseHopByHop(), endToEnd++);
        write(buffer);
        flushIfPending();
    }

    /**
     * The group ticker's call: send what is due, and once a second check timeouts and the watchdog.
     * Event loop only.
     *
     * @param nowNs current time.
     */
    public void onTick(final long nowNs)
    {
        if (phase >= READY && phase <= DRAINING && nowNs - lastHousekeepingNs >= HOUSEKEEPING_INTERVAL_NS)
        {
            lastHousekeepingNs = nowNs;
            housekeeping(nowNs);
        }
        if (RUNNING == phase || DRAINING == phase)
        {
            trySend(nowNs);
        }
        flushIfPending();
    }

    /** @return requests in flight. Event loop only. */
    int inflight()
    {
        return inflight;
    }

    /** @return slots not finished. Event loop only. */
    int active()
    {
        return active;
    }

    /**
     * @param slot a slot.
     * @return its state. Event loop only; for tests.
     */
    int state(final int slot)
    {
        return state[slot];
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sending.

    private void trySend(final long nowNs)
    {
        while (true)
        {
            if (RUNNING == phase && sentTotal >= requestQuota)
            {
                beginDrainInLoop();
            }
            if ((RUNNING != phase && DRAINING != phase) || !ctx.channel().isWritable())
            {
                return;
            }
            final long intended;
            if (null != pacer)
            {
                if (!pacer.isDue(nowNs))
                {
                    return;
                }
                intended = pacer.nextIntendedNs();
            }
            else
            {
                if (inflight >= window)
                {
                    return;
                }
                intended = nowNs;
            }
            final int slot = ready.poll();
            if (slot < 0)
            {
                return;
            }
            if (sendNext(slot, intended, nowNs) && null != pacer)
            {
                pacer.advance();
                stats.max(Counter.MAX_SEND_LAG_NS, nowNs - intended);
            }
        }
    }

    private void beginDrainInLoop()
    {
        phase = DRAINING;
        for (int slot = 0; slot < capacity; slot++)
        {
            if (IDLE == state[slot])
            {
                finish(slot);
            }
        }
        checkDrained();
    }

    private boolean sendNext(final int slot, final long intended, final long nowNs)
    {
        switch (state[slot])
        {
            case IDLE ->
            {
                if (RUNNING != phase)
                {
                    finish(slot);
                    return false;
                }
                startSession(slot, intended, nowNs);
                return true;
            }
            case OPEN ->
            {
                if (mustTerminate(slot))
                {
                    sendTermination(slot, intended, nowNs, TerminationCause.DIAMETER_LOGOUT);
                }
                else
                {
                    updatesLeft[slot]--;
                    sendUpdate(slot, intended, nowNs, false);
                }
                return true;
            }
            default ->
            {
                // A stale queue entry: the slot is waiting for an answer (a RAR/ASR sent for it) or has finished.
                return false;
            }
        }
    }

    private boolean mustTerminate(final int slot)
    {
        return RUNNING != phase || updatesLeft[slot] <= 0 ||
            (flags[slot] & (FINAL_UNITS | SERVICE_STOPPED | ABORT_PENDING)) != 0;
    }

    private void startSession(final int slot, final long intended, final long nowNs)
    {
        final long number = sessionsStarted++;
        subscriber[slot] = (int)((number * connections + index) % subscribers.count());
        kind[slot] = mix.pick(random).ordinal();
        AsciiDigits.writePadded(number, sessionIds[slot], sessionNumberOffset, SESSION_NUMBER_DIGITS);
        flags[slot] = 0;
        updatesLeft[slot] = updatesPerSession;
        grantedUnits[slot] = 0;
        committedUnits[slot] = 0;
        requestNumber[slot] = 0;
        charges.touch(subscriber[slot]);
        stats.increment(Counter.SESSIONS_STARTED);
        if (KIND_EVENT == kind[slot])
        {
            pendingUnits[slot] = EVENT_UNITS;
            encodeAndSend(slot, DiameterLabels.EVENT, intended, nowNs, -1, 0);
        }
        else
        {
            pendingUnits[slot] = 0;
            encodeAndSend(slot, DiameterLabels.INITIAL, intended, nowNs, -1, 0);
        }
    }

    private void sendUpdate(final int slot, final long intended, final long nowNs, final boolean forced)
    {
        final int reportingReason;
        if (forced)
        {
            final boolean stopped = (flags[slot] & SERVICE_STOPPED) != 0;
            flags[slot] &= ~(REAUTH_PENDING | FINAL_UNITS | SERVICE_STOPPED);
            pendingUnits[slot] = stopped ? -1 : usage.usedOf(grantedUnits[slot], random);
            reportingReason = ReportingReason.FORCED_REAUTHORISATION;
            if (!stopped)
            {
                fillUnits(kind[slot], pendingUnits[slot]);
            }
        }
        else
        {
            final long used = usage.usedOf(grantedUnits[slot], random);
            pendingUnits[slot] = used;
            fillUnits(kind[slot], used).reportingReason(
                used >= grantedUnits[slot] ? ReportingReason.QUOTA_EXHAUSTED : ReportingReason.THRESHOLD);
            reportingReason = -1;
        }
        encodeAndSend(slot, DiameterLabels.UPDATE, intended, nowNs, reportingReason, 0);
    }

    private void sendTermination(final int slot, final long intended, final long nowNs, final int cause)
    {
        if ((flags[slot] & SERVICE_STOPPED) != 0)
        {
            pendingUnits[slot] = -1;
        }
        else
        {
            // After a Final-Unit-Indication the subscriber uses the last grant up (RFC 4006 §5.6.1), then stops.
            final long used = (flags[slot] & FINAL_UNITS) != 0 ? grantedUnits[slot] :
                usage.usedOf(grantedUnits[slot], random);
            pendingUnits[slot] = used;
            fillUnits(kind[slot], used);
        }
        encodeAndSend(slot, DiameterLabels.TERMINATION, intended, nowNs, ReportingReason.FINAL, cause);
    }

    private ServiceUnits fillUnits(final int serviceKind, final long value)
    {
        units.clear();
        if (KIND_DATA == serviceKind)
        {
            units.totalOctets(value);
        }
        else if (KIND_VOICE == serviceKind)
        {
            units.timeSeconds(value);
        }
        else
        {
            units.serviceSpecificUnits(value);
        }
        return units;
    }

    private static long grantedOf(final int serviceKind, final ServiceUnits granted)
    {
        if (KIND_DATA == serviceKind)
        {
            return granted.hasVolume() ? granted.volumeOctets() : 0;
        }
        if (KIND_VOICE == serviceKind)
        {
            return granted.has(ServiceUnits.TIME) ? granted.timeSeconds() : 0;
        }
        return granted.has(ServiceUnits.SERVICE_SPECIFIC_UNITS) ? granted.serviceSpecificUnits() : 0;
    }

    private int nextHopByHop(final int slot)
    {
        int next = (generation[slot] + 1) & GENERATION_MASK;
        if (0 == next)
        {
            next = 1;
        }
        generation[slot] = next;
        return (next << SLOT_BITS) | slot;
    }

    private int baseHopByHop()
    {
        baseGeneration = (baseGeneration + 1) & GENERATION_MASK;
        return (baseGeneration << SLOT_BITS) | SLOT_MASK;
    }

    /**
     * Encode and write one CCR. Units to report are in {@link #units} and {@link #pendingUnits} (-1: no USU).
     */
    private void encodeAndSend(
        final int slot, final int type, final long intended, final long nowNs, final int msccReportingReason,
        final int terminationCause)
    {
        final int hbh = nextHopByHop(slot);
        final int ccRequestType;
        final long number;
        switch (type)
        {
            case DiameterLabels.INITIAL ->
            {
                ccRequestType = CcRequestType.INITIAL_REQUEST;
                number = 0;
            }
            case DiameterLabels.UPDATE ->
            {
                ccRequestType = CcRequestType.UPDATE_REQUEST;
                number = requestNumber[slot] + 1;
            }
            case DiameterLabels.TERMINATION ->
            {
                ccRequestType = CcRequestType.TERMINATION_REQUEST;
                number = requestNumber[slot] + 1;
            }
            default ->
            {
                ccRequestType = CcRequestType.EVENT_REQUEST;
                number = 0;
            }
        }
        requestNumber[slot] = number;
        final int serviceKind = kind[slot];
        final ByteBuf buffer = ctx.alloc().ioBuffer(REQUEST_BUFFER_CAPACITY);
        ccr.begin(buffer, hbh, endToEnd++, sessionIds[slot], originHostBytes, originRealmBytes, destinationRealmBytes,
            destinationHostBytes, serviceContextIdBytes, ccRequestType, number);
        if (DiameterLabels.INITIAL == type || DiameterLabels.EVENT == type)
        {
            subscriptionId(SubscriptionIdType.END_USER_E164, subscribers.msisdn(subscriber[slot]));
            subscriptionId(SubscriptionIdType.END_USER_IMSI, subscribers.imsi(subscriber[slot]));
            ccr.multipleServicesIndicator(MultipleServicesIndicator.MULTIPLE_SERVICES_SUPPORTED);
        }
        if (DiameterLabels.EVENT == type)
        {
            ccr.requestedAction(RequestedAction.DIRECT_DEBITING);
        }
        if (DiameterLabels.TERMINATION == type)
        {
            ccr.terminationCause(terminationCause);
        }
        final long ratingGroup = ratingGroupByKind[serviceKind];
        switch (type)
        {
            case DiameterLabels.INITIAL ->
            {
                // One MSCC per service with an empty RSU: the server picks the default grant.
                ccr.beginMscc().requestedServiceUnit(emptyUnits).ratingGroup(ratingGroup).endMscc();
            }
            case DiameterLabels.UPDATE ->
            {
                ccr.beginMscc().requestedServiceUnit(emptyUnits);
                if (pendingUnits[slot] >= 0)
                {
                    ccr.usedServiceUnit(units);
                }
                ccr.ratingGroup(ratingGroup);
                if (msccReportingReason >= 0)
                {
                    ccr.reportingReason(msccReportingReason);
                }
                ccr.endMscc();
            }
            case DiameterLabels.TERMINATION ->
            {
                // The final report: USU and no RSU (RFC 4006 §8.16: no new quota is granted).
                if (pendingUnits[slot] >= 0)
                {
                    ccr.beginMscc().usedServiceUnit(units).ratingGroup(ratingGroup).reportingReason(msccReportingReason)
                        .endMscc();
                }
            }
            default ->
            {
                ccr.beginMscc().requestedServiceUnit(fillUnits(serviceKind, EVENT_UNITS)).ratingGroup(ratingGroup)
                    .endMscc();
            }
        }
        ccr.finish();
        if (pendingUnits[slot] < 0)
        {
            pendingUnits[slot] = 0;
        }
        if (null != reconnector)
        {
            keepForRetransmission(slot, buffer);
        }

        inflightHbh[slot] = hbh;
        inflightType[slot] = (byte)type;
        intendedNs[slot] = intended;
        sentNs[slot] = nowNs;
        state[slot] = switch (type)
        {
            case DiameterLabels.INITIAL -> WAIT_INITIAL;
            case DiameterLabels.UPDATE -> WAIT_UPDATE;
            case DiameterLabels.TERMINATION -> WAIT_TERMINATION;
            default -> WAIT_EVENT;
        };
        inflight++;
        sentTotal++;
        stats.sent(type);
        write(buffer);
    }

    private void keepForRetransmission(final int slot, final ByteBuf buffer)
    {
        final int length = buffer.readableBytes();
        if (null == lastRequest[slot] || lastRequest[slot].length < length)
        {
            lastRequest[slot] = new byte[Math.max(REQUEST_BUFFER_CAPACITY, length)];
        }
        buffer.getBytes(buffer.readerIndex(), lastRequest[slot], 0, length);
        lastRequestLength[slot] = length;
    }

    /** Send a slot's request again, unchanged but for the T flag and a new Hop-by-Hop Identifier. */
    private void retransmit(final int slot, final long nowNs)
    {
        final int length = lastRequestLength[slot];
        final ByteBuf buffer = ctx.alloc().ioBuffer(length);
        buffer.writeBytes(lastRequest[slot], 0, length);
        final int hbh = nextHopByHop(slot);
        buffer.setInt(DiameterHeaderDescriptor.HOP_BY_HOP_OFFSET, hbh);
        buffer.setByte(DiameterHeaderDescriptor.FLAGS_OFFSET,
            buffer.getByte(DiameterHeaderDescriptor.FLAGS_OFFSET) | DiameterHeaderDescriptor.FLAG_RETRANSMITTED);
        inflightHbh[slot] = hbh;
        sentNs[slot] = nowNs;
        flags[slot] &= ~RETRANSMIT;
        stats.increment(Counter.RETRANSMISSIONS);
        write(buffer);
    }

    private void subscriptionId(final int type, final long number)
    {
        // CreditControlRequestEncoder.subscriptionId takes a whole array; the digits sit in a reused scratch array.
        final int length = AsciiDigits.write(number, digits, 0);
        final DiameterEncoder out = ccr.encoder();
        out.beginGroup(AvpCode.SUBSCRIPTION_ID, FLAG_MANDATORY, 0);
        out.int32(AvpCode.SUBSCRIPTION_ID_TYPE, FLAG_MANDATORY, 0, type);
        out.octets(AvpCode.SUBSCRIPTION_ID_DATA, FLAG_MANDATORY, 0, digits, 0, length);
        out.endGroup();
    }

    private void write(final ByteBuf buffer)
    {
        if (null != trace)
        {
            trace.record(originHost, true, buffer, buffer.readerIndex());
        }
        ctx.write(buffer, ctx.voidPromise());
        flushPending = true;
    }

    private void flushIfPending()
    {
        if (flushPending && null != ctx)
        {
            flushPending = false;
            ctx.flush();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Receiving.

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
        if (reconnecting)
        {
            stats.increment(Counter.RECONNECTS);
            reconnectDelayNs = RECONNECT_MIN_NS;
        }
        phase = CAPABILITIES;
        lastReadNs = clock.nanoTime();
        // Host-IP-Address: the address this connection leaves from (loopback when the channel has none).
        final byte[] hostIp = ctx.channel().localAddress() instanceof InetSocketAddress local &&
            null != local.getAddress() ? local.getAddress().getAddress() : LOOPBACK;
        final CapabilitiesExchange cer = new CapabilitiesExchange(originHost, originRealm, List.of(hostIp), vendorId,
            productName, originStateId, List.of((long)VendorId.TGPP), List.of(ApplicationIds.CREDIT_CONTROL), List.of(),
            List.of(), List.of(), -1, -1, null);
        final ByteBuf buffer = ctx.alloc().ioBuffer(ANSWER_BUFFER_CAPACITY);
        cer.encodeRequest(encoder.wrap(buffer), baseHopByHop(), endToEnd++);
        write(buffer);
        flushIfPending();
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof ByteBuf buffer)
        {
            try
            {
                onMessage(buffer, buffer.readerIndex());
            }
            finally
            {
                buffer.release();
            }
        }
        else if (msg instanceof DiameterFramingError error)
        {
            stats.increment(Counter.FRAMING_ERRORS);
            System.err.println(originHost + ": closing after a framing error: " + error);
            ctx.close();
        }
        else
        {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        trySend(clock.nanoTime());
        flushIfPending();
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx)
    {
        if (ctx.channel().isWritable())
        {
            trySend(clock.nanoTime());
            flushIfPending();
        }
    }

    private void onMessage(final ByteBuf buffer, final int offset)
    {
        final long nowNs = clock.nanoTime();
        lastReadNs = nowNs;
        if (null != trace)
        {
            trace.record(originHost, false, buffer, offset);
        }
        header.wrap(buffer, offset);
        final int commandCode = header.commandCode();
        if (header.isRequest())
        {
            switch (commandCode)
            {
                case CommandCode.DEVICE_WATCHDOG -> answerWatchdog(buffer, offset);
                case CommandCode.RE_AUTH -> onReAuthRequest(buffer, offset, nowNs);
                case CommandCode.ABORT_SESSION -> onAbortSessionRequest(buffer, offset, nowNs);
                case CommandCode.DISCONNECT_PEER -> onDisconnectPeerRequest(buffer, offset);
                default -> answerUnsupported(buffer, offset);
            }
            return;
        }
        switch (commandCode)
        {
            case CommandCode.CREDIT_CONTROL -> onCreditControlAnswer(buffer, offset, nowNs);
            case CommandCode.CAPABILITIES_EXCHANGE -> onCapabilitiesExchangeAnswer(buffer, offset);
            case CommandCode.DEVICE_WATCHDOG ->
            {
                watchdogOutstanding = false;
                watchdogMisses = 0;
            }
            case CommandCode.DISCONNECT_PEER -> ctx.close();
            default -> stats.increment(Counter.UNMATCHED_ANSWERS);
        }
    }

    private void onCapabilitiesExchangeAnswer(final ByteBuf buffer, final int offset)
    {
        final CapabilitiesExchange cea = CapabilitiesExchange.decode(buffer, offset);
        if (ResultCode.SUCCESS == cea.resultCode() && cea.supportsApplication(ApplicationIds.CREDIT_CONTROL))
        {
            final long nowNs = clock.nanoTime();
            lastHousekeepingNs = nowNs;
            if (reconnecting)
            {
                reconnecting = false;
                phase = resumePhase;
                for (int slot = 0; slot < capacity; slot++)
                {
                    if ((flags[slot] & RETRANSMIT) != 0)
                    {
                        retransmit(slot, nowNs);
                    }
                }
                checkDrained();
                return;
            }
            phase = READY;
            capabilities.complete(cea);
        }
        else
        {
            capabilities.completeExceptionally(new IllegalStateException(originHost + ": CEA Result-Code " +
                cea.resultCode() + " (" + ResultCode.name((int)cea.resultCode()) + "), applications " +
                cea.advertisedApplications() + (null == cea.errorMessage() ? "" : ", " + cea.errorMessage())));
            ctx.close();
        }
    }

    private void onCreditControlAnswer(final ByteBuf buffer, final int offset, final long nowNs)
    {
        final int hbh = header.hopByHopId();
        final int slot = hbh & SLOT_MASK;
        if (slot >= capacity || inflightHbh[slot] != hbh)
        {
            stats.increment(Counter.UNMATCHED_ANSWERS);
            return;
        }
        inflightHbh[slot] = 0;
        inflight--;
        cca.wrap(buffer, offset);
        final long resultCode = cca.resultCode();
        stats.answered(inflightType[slot], resultCode, intendedNs[slot], sentNs[slot], nowNs);

        long serviceResult = -1;
        long granted = 0;
        int finalUnitAction = cca.finalUnitAction();
        if (cca.msccCount() > 0)
        {
            final MultipleServicesCreditControlDecoder mscc = cca.mscc(0);
            serviceResult = mscc.resultCode();
            granted = grantedOf(kind[slot], mscc.granted());
            if (mscc.finalUnitAction() >= 0)
            {
                finalUnitAction = mscc.finalUnitAction();
            }
            if (serviceResult >= 0)
            {
                stats.serviceResult(serviceResult);
            }
        }
        else
        {
            granted = grantedOf(kind[slot], cca.grantedServiceUnit());
        }
        final boolean success = ResultCode.SUCCESS == resultCode;
        final boolean serviceGranted = success && (serviceResult < 0 || ResultCode.SUCCESS == serviceResult);
        // Rejections that still debit what was reported (RFC 4006 §9) and end the session on the server (§7).
        final boolean rejected = ResultCode.END_USER_SERVICE_DENIED == resultCode ||
            ResultCode.CREDIT_LIMIT_REACHED == resultCode;
        final boolean shed = ResultCode.isProtocolError((int)resultCode) || header.isError();

        switch (state[slot])
        {
            case WAIT_INITIAL ->
            {
                if (!success)
                {
                    // Nothing was opened on the server; a shed CCR-I is not retried.
                    endSession(slot, false);
                    return;
                }
                charges.opened();
                open(slot, serviceGranted, granted, finalUnitAction);
                afterOpen(slot, nowNs);
            }
            case WAIT_UPDATE ->
            {
                if (success)
                {
                    commit(slot);
                    open(slot, serviceGranted, granted, finalUnitAction);
                    afterOpen(slot, nowNs);
                }
                else if (rejected)
                {
                    commit(slot);
                    endSession(slot, false);
                }
                else if (shed)
                {
                    // Not processed: the report is lost (not retried), the last grant still holds.
                    pendingUnits[slot] = 0;
                    state[slot] = OPEN;
                    afterOpen(slot, nowNs);
                }
                else
                {
                    flags[slot] |= UNCERTAIN;
                    endSession(slot, false);
                }
            }
            case WAIT_TERMINATION ->
            {
                if (success || rejected)
                {
                    commit(slot);
                    endSession(slot, false);
                }
                else if (shed)
                {
                    // Not retried: the server holds the session until its Tcc expires.
                    endSession(slot, true);
                }
                else
                {
                    flags[slot] |= UNCERTAIN;
                    endSession(slot, false);
                }
            }
            case WAIT_EVENT ->
            {
                if (success)
                {
                    charges.opened();
                }
                if (serviceGranted)
                {
                    commit(slot);
                }
                endSession(slot, false);
            }
            default -> stats.increment(Counter.UNMATCHED_ANSWERS);
        }
    }

    private void open(final int slot, final boolean serviceGranted, final long granted, final int finalUnitAction)
    {
        state[slot] = OPEN;
        if (serviceGranted)
        {
            grantedUnits[slot] = granted;
            if (finalUnitAction >= 0)
            {
                flags[slot] |= FINAL_UNITS;
                stats.increment(Counter.FINAL_UNITS);
            }
        }
        else
        {
            // Per-service 4012 (or any refusal): that service stops; with one service, the session ends next.
            grantedUnits[slot] = 0;
            flags[slot] |= SERVICE_STOPPED;
            stats.increment(Counter.SERVICE_STOPPED);
        }
    }

    private void afterOpen(final int slot, final long nowNs)
    {
        if (phase >= DISCONNECTING)
        {
            endSession(slot, true);
        }
        else if ((flags[slot] & ABORT_PENDING) != 0)
        {
            stats.increment(Counter.SERVER_TRIGGERED_REQUESTS);
            sendTermination(slot, nowNs, nowNs, TerminationCause.DIAMETER_ADMINISTRATIVE);
        }
        else if ((flags[slot] & REAUTH_PENDING) != 0)
        {
            stats.increment(Counter.SERVER_TRIGGERED_REQUESTS);
            sendUpdate(slot, nowNs, nowNs, true);
        }
        else
        {
            ready.offer(slot);
        }
    }

    private void commit(final int slot)
    {
        committedUnits[slot] += pendingUnits[slot];
        pendingUnits[slot] = 0;
    }

    private void endSession(final int slot, final boolean leftOpenOnServer)
    {
        final int who = subscriber[slot];
        charges.charge(who, tariffByKind[kind[slot]].costMinor(committedUnits[slot]));
        if ((flags[slot] & UNCERTAIN) != 0)
        {
            charges.markUncertain(who);
            stats.increment(Counter.SESSIONS_UNCERTAIN);
        }
        if (leftOpenOnServer)
        {
            stats.increment(Counter.SESSIONS_LEFT_OPEN);
        }
        stats.increment(Counter.SESSIONS_ENDED);
        flags[slot] = 0;
        committedUnits[slot] = 0;
        pendingUnits[slot] = 0;
        state[slot] = IDLE;
        if (RUNNING == phase)
        {
            ready.offer(slot);
        }
        else
        {
            finish(slot);
        }
    }

    private void finish(final int slot)
    {
        state[slot] = FINISHED;
        active--;
        checkDrained();
    }

    private void checkDrained()
    {
        if (0 == active && phase >= DRAINING)
        {
            drained.complete(null);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Requests from the server.

    private int findSlot(final byte[] sessionId)
    {
        if (null == sessionId || sessionId.length != sessionIds[0].length)
        {
            return -1;
        }
        final long slot = AsciiDigits.parse(sessionId, sessionId.length - SLOT_DIGITS, sessionId.length);
        if (slot < 0 || slot >= capacity || !Arrays.equals(sessionId, sessionIds[(int)slot]))
        {
            return -1;
        }
        final int current = state[(int)slot];
        return IDLE == current || FINISHED == current ? -1 : (int)slot;
    }

    private void answerSession(final int commandCode, final long resultCode)
    {
        final ByteBuf buffer = ctx.alloc().ioBuffer(ANSWER_BUFFER_CAPACITY);
        new SessionRequest(commandCode, NO_OCTETS, originHost, originRealm, null, null, -1, -1, -1, resultCode)
            .encodeAnswer(encoder.wrap(buffer), echo);
        write(buffer);
    }

    /** RAR (RFC 4006 §5.5): answer 2001, then re-authorise with a CCR-U, Reporting-Reason FORCED_REAUTHORISATION. */
    private void onReAuthRequest(final ByteBuf buffer, final int offset, final long nowNs)
    {
        stats.increment(Counter.SERVER_REAUTH);
        final SessionRequest request = SessionRequest.decode(buffer, offset);
        echo.capture(buffer, offset, scratchReader);
        final int slot = findSlot(request.sessionId());
        answerSession(CommandCode.RE_AUTH, slot < 0 ? ResultCode.UNKNOWN_SESSION_ID : ResultCode.SUCCESS);
        if (slot < 0)
        {
            stats.increment(Counter.SERVER_UNKNOWN_SESSION);
            return;
        }
        switch (state[slot])
        {
            case OPEN ->
            {
                if (phase < DISCONNECTING)
                {
                    stats.increment(Counter.SERVER_TRIGGERED_REQUESTS);
                    sendUpdate(slot, nowNs, nowNs, true);
                }
            }
            case WAIT_INITIAL, WAIT_UPDATE -> flags[slot] |= REAUTH_PENDING;
            default ->
            {
                // Terminating or an event: nothing left to re-authorise.
            }
        }
    }

    /** ASR (RFC 6733 §8.5): answer 2001, then end the session with a CCR-T. */
    private void onAbortSessionRequest(final ByteBuf buffer, final int offset, final long nowNs)
    {
        stats.increment(Counter.SERVER_ABORT);
        final SessionRequest request = SessionRequest.decode(buffer, offset);
        echo.capture(buffer, offset, scratchReader);
        final int slot = findSlot(request.sessionId());
        answerSession(CommandCode.ABORT_SESSION, slot < 0 ? ResultCode.UNKNOWN_SESSION_ID : ResultCode.SUCCESS);
        if (slot < 0)
        {
            stats.increment(Counter.SERVER_UNKNOWN_SESSION);
            return;
        }
        switch (state[slot])
        {
            case OPEN ->
            {
                if (phase < DISCONNECTING)
                {
                    stats.increment(Counter.SERVER_TRIGGERED_REQUESTS);
                    sendTermination(slot, nowNs, nowNs, TerminationCause.DIAMETER_ADMINISTRATIVE);
                }
            }
            case WAIT_INITIAL, WAIT_UPDATE -> flags[slot] |= ABORT_PENDING;
            default ->
            {
                // Already terminating.
            }
        }
    }

    private void answerWatchdog(final ByteBuf buffer, final int offset)
    {
        stats.increment(Counter.WATCHDOG_ANSWERED);
        echo.capture(buffer, offset, scratchReader);
        final ByteBuf answer = ctx.alloc().ioBuffer(ANSWER_BUFFER_CAPACITY);
        watchdogAnswer.encodeAnswer(encoder.wrap(answer), echo);
        write(answer);
    }

    private void onDisconnectPeerRequest(final ByteBuf buffer, final int offset)
    {
        echo.capture(buffer, offset, scratchReader);
        final ByteBuf answer = ctx.alloc().ioBuffer(ANSWER_BUFFER_CAPACITY);
        new DisconnectPeer(originHost, originRealm, -1, ResultCode.SUCCESS).encodeAnswer(encoder.wrap(answer), echo);
        write(answer);
        // The DPR's sender closes the transport (RFC 6733 §5.4); send nothing more.
        phase = Math.max(phase, DISCONNECTING);
    }

    private void answerUnsupported(final ByteBuf buffer, final int offset)
    {
        echo.capture(buffer, offset, scratchReader);
        final ByteBuf answer = ctx.alloc().ioBuffer(ANSWER_BUFFER_CAPACITY);
        errorAnswer.write(answer, echo, ResultCode.COMMAND_UNSUPPORTED, true, originHostBytes, originRealmBytes, null,
            null, null);
        write(answer);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Timers and the end.

    private void housekeeping(final long nowNs)
    {
        for (int slot = 0; slot < capacity; slot++)
        {
            if (0 != inflightHbh[slot] && nowNs - sentNs[slot] >= timeoutNs)
            {
                inflightHbh[slot] = 0;
                inflight--;
                stats.abandoned(Counter.TIMEOUTS);
                flags[slot] |= UNCERTAIN;
                endSession(slot, WAIT_EVENT != state[slot]);
            }
        }
        // Watchdog (RFC 3539 §3.4.1): after Tw without traffic send a DWR; two intervals without its DWA: down.
        if (watchdogOutstanding)
        {
            if (nowNs - watchdogSentNs >= watchdogNs)
            {
                stats.increment(Counter.WATCHDOG_MISSED);
                watchdogSentNs = nowNs;
                if (++watchdogMisses >= WATCHDOG_MISSES_BEFORE_DOWN)
                {
                    System.err.println(originHost + ": no DWA for " + WATCHDOG_MISSES_BEFORE_DOWN +
                        " watchdog intervals, closing (RFC 3539 section 3.4.1)");
                    ctx.close();
                }
            }
        }
        else if (nowNs - lastReadNs >= watchdogNs)
        {
            final ByteBuf buffer = ctx.alloc().ioBuffer(ANSWER_BUFFER_CAPACITY);
            watchdogRequest.encodeRequest(encoder.wrap(buffer), baseHopByHop(), endToEnd++);
            write(buffer);
            watchdogOutstanding = true;
            watchdogSentNs = nowNs;
            stats.increment(Counter.WATCHDOG_SENT);
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (null != reconnector && active > 0 && (reconnecting || (phase >= READY && phase <= DRAINING)))
        {
            connectionLost(ctx);
            return;
        }
        final boolean expected = phase >= DISCONNECTING;
        phase = CLOSED;
        if (!expected)
        {
            stats.increment(Counter.CONNECTIONS_LOST);
        }
        capabilities.completeExceptionally(new IllegalStateException(originHost + ": connection closed"));
        for (int slot = 0; slot < capacity; slot++)
        {
            if (0 != inflightHbh[slot])
            {
                inflightHbh[slot] = 0;
                inflight--;
                stats.abandoned(Counter.LOST_ON_CLOSE);
                flags[slot] |= UNCERTAIN;
                endSession(slot, WAIT_EVENT != state[slot]);
            }
            else if (OPEN == state[slot])
            {
                endSession(slot, true);
            }
            else if (IDLE == state[slot])
            {
                finish(slot);
            }
        }
        drained.complete(null);
        closed.complete(null);
    }

    /** Keep the sessions, mark what was in flight for retransmission, and connect again after a pause. */
    private void connectionLost(final ChannelHandlerContext lost)
    {
        if (!reconnecting)
        {
            reconnecting = true;
            resumePhase = phase;
            reconnectDelayNs = RECONNECT_MIN_NS;
            stats.increment(Counter.CONNECTIONS_LOST);
        }
        phase = CAPABILITIES;
        watchdogOutstanding = false;
        watchdogMisses = 0;
        for (int slot = 0; slot < capacity; slot++)
        {
            if (0 != inflightHbh[slot])
            {
                // Still in flight (the window counts it): its answer went with the connection.
                inflightHbh[slot] = 0;
                flags[slot] |= RETRANSMIT;
            }
        }
        scheduleReconnect(lost.channel().eventLoop());
    }

    private void scheduleReconnect(final EventLoop loop)
    {
        final long delayNs = reconnectDelayNs;
        reconnectDelayNs = Math.min(RECONNECT_MAX_NS, 2 * reconnectDelayNs);
        try
        {
            loop.schedule(() -> reconnector.get().addListener(future ->
            {
                if (!future.isSuccess())
                {
                    scheduleReconnect(loop);
                }
            }), delayNs, TimeUnit.NANOSECONDS);
        }
        catch (final RejectedExecutionException ex)
        {
            // The engine is closing: no more attempts.
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        System.err.println(originHost + ": closing after " + cause);
        ctx.close();
    }
}
