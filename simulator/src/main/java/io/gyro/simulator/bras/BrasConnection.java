package io.gyro.simulator.bras;

import io.gyro.protocol.radius.RadiusAttributeIterator;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusAuthenticators;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.protocol.radius.RadiusPacketDescriptor;
import io.gyro.protocol.radius.RadiusPacketEncoder;
import io.gyro.protocol.radius.RadiusPacketFlyweight;
import io.gyro.protocol.radius.RadiusSecret;
import io.gyro.simulator.AsciiDigits;
import io.gyro.simulator.ServiceKind;
import io.gyro.simulator.SimulatorOptions;
import io.gyro.simulator.SubscriberRange;
import io.gyro.simulator.Tariff;
import io.gyro.simulator.UsagePattern;
import io.gyro.simulator.load.OpenLoopPacer;
import io.gyro.simulator.load.ReadyQueue;
import io.gyro.simulator.report.ConnectionStats;
import io.gyro.simulator.report.Counter;
import io.gyro.simulator.verify.ExpectedCharges;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import org.agrona.concurrent.NanoClock;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated BRAS: a NAS with its own NAS-Identifier, one connected UDP socket to the server's authentication
 * port and one to its accounting port, and up to {@code capacity} subscriber sessions
 * (Access-Request, then Accounting Start, k Interim-Updates and Stop; state machine in
 * {@link io.gyro.simulator.bras the package doc}).
 * <p>
 * Counters are cumulative from the session start (RFC 2866 §5.3, §5.4), 64-bit as Octets plus Gigawords
 * (RFC 2869 §5.1, §5.2). The money a session costs is what the last acknowledged record's totals cost: a lost
 * Interim-Update is made good by the next record. The RADIUS Identifier is 8 bits (RFC 2865 §3), so at most 256
 * requests are in flight per socket; beyond that requests wait (and the open loop counts the wait).
 * Everything runs on the BRAS's event loop. Access-Request authenticators come from a seeded pseudo-random source:
 * fine for a load generator, not for a real NAS.
 */
public final class BrasConnection
{
    /** RADIUS Identifiers per socket (RFC 2865 §3: one octet). */
    static final int IDENTIFIERS = 256;
    /** An Access-Request or Accounting-Request here is under 200 octets. */
    static final int REQUEST_BUFFER_CAPACITY = 256;
    /** Longest attribute value, and so the longest Class echoed (RFC 2865 §5: 253 octets). */
    static final int MAX_CLASS_LENGTH = RadiusPacketDescriptor.MAX_ATTRIBUTE_VALUE_LENGTH;
    /** Acct-Interim-Interval assumed when Access-Accept has none: RFC 2869 §5.16 advises at least 600 s. */
    static final long DEFAULT_INTERIM_SECONDS = 600;
    /** Timeouts are checked this often. */
    static final long HOUSEKEEPING_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    /** Service-Type Framed (RFC 2865 §5.6). */
    static final int SERVICE_TYPE_FRAMED = 2;
    /** Framed-Protocol PPP (RFC 2865 §5.7). */
    static final int FRAMED_PROTOCOL_PPP = 1;
    /** Acct-Authentic RADIUS (RFC 2866 §5.6). */
    static final int ACCT_AUTHENTIC_RADIUS = 1;
    /** Acct-Status-Type values (RFC 2866 §5.1). */
    static final int STATUS_START = 1;
    static final int STATUS_STOP = 2;
    static final int STATUS_INTERIM = 3;
    /** Acct-Terminate-Cause values (RFC 2866 §5.10). */
    static final int CAUSE_USER_REQUEST = 1;
    static final int CAUSE_SESSION_TIMEOUT = 5;
    static final int CAUSE_ADMIN_RESET = 6;
    private static final int SESSION_NUMBER_DIGITS = 10;
    private static final int SLOT_DIGITS = 7;
    private static final int NAS_DIGITS = 4;

    // Slot states.
    static final int IDLE = 0;
    static final int WAIT_ACCESS = 1;
    static final int AUTHORIZED = 2;
    static final int WAIT_START = 3;
    static final int OPEN = 4;
    static final int WAIT_INTERIM = 5;
    static final int WAIT_STOP = 6;
    static final int FINISHED = 7;

    private static final int ABORT_PENDING = 1;
    private static final int UNCERTAIN = 2;

    private static final int READY = 0;
    private static final int RUNNING = 1;
    private static final int DRAINING = 2;
    private static final int CLOSED = 3;

    private final int index;
    private final int connections;
    private final String nasIdentifier;
    private final byte[] nasIdentifierBytes;
    private final int nasIpAddress;
    private final RadiusSecret secret;
    private final byte[] password;
    private final int capacity;
    private final long requestQuota;
    private final int updatesPerSession;
    private final int window;
    private final long interimOctets;
    private final OpenLoopPacer pacer;
    private final UsagePattern usage;
    private final SubscriberRange subscribers;
    private final Tariff tariff;
    private final SplittableRandom random;
    private final ExpectedCharges charges;
    private final ConnectionStats stats;
    private final NanoClock clock;
    private final long timeoutNs;

    private final int[] state;
    private final int[] flags;
    private final int[] subscriber;
    private final int[] updatesLeft;
    private final int[] inflightId;
    private final byte[] inflightType;
    private final long[] sessionTimeoutSeconds;
    private final long[] interimSeconds;
    private final long[] sessionSeconds;
    private final long[] inputOctets;
    private final long[] outputOctets;
    private final long[] ackedOctets;
    private final long[] intendedNs;
    private final long[] sentNs;
    private final int[] classLength;
    private final byte[] classes;
    private final byte[][] acctSessionIds;
    private final ReadyQueue ready;

    private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
    private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(authenticators);
    private final RadiusPacketFlyweight packet = new RadiusPacketFlyweight();
    private final RadiusAttributeIterator attributes = new RadiusAttributeIterator();
    private final byte[] digits = new byte[SubscriberRange.MAX_DIGITS];
    private final byte[] requestAuthenticator = new byte[RadiusPacketDescriptor.AUTHENTICATOR_LENGTH];
    private final Port auth = new Port(false);
    private final Port acct = new Port(true);
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    private int phase = READY;
    private int active;
    private int inflight;
    private long sentTotal;
    private long sessionsStarted;
    private long lastHousekeepingNs;

    /**
     * One of the BRAS's two sockets: its Identifiers, the authenticators of the requests in flight (needed to check
     * the responses, RFC 2865 §3), and the Netty handler that receives them.
     */
    final class Port extends ChannelInboundHandlerAdapter
    {
        private final boolean accounting;
        private final int[] slotById = new int[IDENTIFIERS];
        private final byte[] authenticatorsById = new byte[IDENTIFIERS * RadiusPacketDescriptor.AUTHENTICATOR_LENGTH];
        private final int[] free = new int[IDENTIFIERS];
        private int freeHead;
        private int freeCount = IDENTIFIERS;
        private ChannelHandlerContext ctx;

        Port(final boolean accounting)
        {
            this.accounting = accounting;
            for (int id = 0; id < IDENTIFIERS; id++)
            {
                slotById[id] = -1;
                free[id] = id;
            }
        }

        int allocate(final int slot)
        {
            final int id = free[freeHead];
            freeHead = (freeHead + 1) % IDENTIFIERS;
            freeCount--;
            slotById[id] = slot;
            return id;
        }

        void release(final int id)
        {
            slotById[id] = -1;
            free[(freeHead + freeCount) % IDENTIFIERS] = id;
            freeCount++;
        }

        @Override
        public void handlerAdded(final ChannelHandlerContext ctx)
        {
            this.ctx = ctx;
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            try
            {
                if (msg instanceof DatagramPacket datagram)
                {
                    onResponse(this, datagram.content());
                }
            }
            finally
            {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(final ChannelHandlerContext ctx)
        {
            trySend(clock.nanoTime());
            flush();
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            // UDP: an ICMP port unreachable surfaces here; the request will time out and be counted.
            stats.increment(Counter.FRAMING_ERRORS);
        }

        Channel channel()
        {
            return ctx.channel();
        }
    }

    /**
     * @param index        0-based BRAS number; NAS-Identifier {@code options.originHost(index)}.
     * @param options      concluded options.
     * @param capacity     concurrent sessions.
     * @param requestQuota requests before draining, {@link Long#MAX_VALUE} for no limit.
     * @param charges      where sessions' costs go.
     * @param stats        this BRAS's measurements.
     * @param clock        the run's clock.
     */
    public BrasConnection(
        final int index,
        final SimulatorOptions options,
        final int capacity,
        final long requestQuota,
        final ExpectedCharges charges,
        final ConnectionStats stats,
        final NanoClock clock)
    {
        if (capacity <= 0 || capacity >= 10_000_000)
        {
            throw new IllegalArgumentException("sessions per BRAS must be 1 to 9,999,999: " + capacity);
        }
        this.index = index;
        this.connections = options.connections();
        this.nasIdentifier = options.originHost(index);
        this.nasIdentifierBytes = nasIdentifier.getBytes(StandardCharsets.US_ASCII);
        this.nasIpAddress = 0x7F00_0001;
        this.secret = RadiusSecret.ofUtf8(options.radiusSecret());
        this.password = options.radiusPassword().getBytes(StandardCharsets.UTF_8);
        this.capacity = capacity;
        this.requestQuota = requestQuota;
        this.updatesPerSession = options.updates();
        this.window = Math.min(options.window(), IDENTIFIERS);
        this.interimOctets = options.interimOctets();
        this.pacer = options.isOpenLoop() ? new OpenLoopPacer(options.rate(), connections, index) : null;
        this.usage = options.usage();
        this.subscribers = options.subscribers();
        this.tariff = options.tariff(ServiceKind.DATA);
        this.random = new SplittableRandom(options.seed() + 0x9E37_79B9_7F4A_7C15L * (index + 1));
        this.charges = charges;
        this.stats = stats;
        this.clock = clock;
        this.timeoutNs = options.timeout().toNanos();

        state = new int[capacity];
        flags = new int[capacity];
        subscriber = new int[capacity];
        updatesLeft = new int[capacity];
        inflightId = new int[capacity];
        inflightType = new byte[capacity];
        sessionTimeoutSeconds = new long[capacity];
        interimSeconds = new long[capacity];
        sessionSeconds = new long[capacity];
        inputOctets = new long[capacity];
        outputOctets = new long[capacity];
        ackedOctets = new long[capacity];
        intendedNs = new long[capacity];
        sentNs = new long[capacity];
        classLength = new int[capacity];
        classes = new byte[capacity * MAX_CLASS_LENGTH];
        ready = new ReadyQueue(capacity);
        acctSessionIds = new byte[capacity][];
        // Acct-Session-Id (RFC 2866 §5.5), unique per NAS: <nas>-<session number>-<slot>, fixed width.
        for (int slot = 0; slot < capacity; slot++)
        {
            final byte[] id = new byte[NAS_DIGITS + 1 + SESSION_NUMBER_DIGITS + 1 + SLOT_DIGITS];
            AsciiDigits.writePadded(index + 1, id, 0, NAS_DIGITS);
            id[NAS_DIGITS] = '-';
            id[NAS_DIGITS + 1 + SESSION_NUMBER_DIGITS] = '-';
            AsciiDigits.writePadded(slot, id, NAS_DIGITS + 2 + SESSION_NUMBER_DIGITS, SLOT_DIGITS);
            acctSessionIds[slot] = id;
            inflightId[slot] = -1;
            ready.offer(slot);
        }
        active = capacity;
    }

    /** @return the handler of the authentication socket. */
    Port authPort()
    {
        return auth;
    }

    /** @return the handler of the accounting socket. */
    Port acctPort()
    {
        return acct;
    }

    /** @return NAS-Identifier. */
    public String nasIdentifier()
    {
        return nasIdentifier;
    }

    /** @return the event loop of both sockets. */
    public EventLoop eventLoop()
    {
        return auth.channel().eventLoop();
    }

    /** @return completes when every slot has finished. */
    public CompletableFuture<Void> drained()
    {
        return drained;
    }

    /**
     * Begin sending. Event loop only.
     *
     * @param startNs first intended send time.
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
        flush();
    }

    /** Start no more sessions; open ones send Stop next. Event loop only. */
    public void beginDrain()
    {
        if (RUNNING != phase && READY != phase)
        {
            return;
        }
        drainInLoop();
        trySend(clock.nanoTime());
        flush();
    }

    private void drainInLoop()
    {
        phase = DRAINING;
        for (int slot = 0; slot < capacity; slot++)
        {
            if (IDLE == state[slot])
            {
                finish(slot);
            }
            // An authorised slot holds a reservation on the server: like a NAS whose user came up just before it
            // shut down, it sends its Accounting Start and then, draining, its Stop (RFC 2866 §5.1).
            // It is already in the ready queue.
        }
        checkDrained();
    }

    /**
     * Pacing tick and, once a second, timeouts. Event loop only.
     *
     * @param nowNs current time.
     */
    public void onTick(final long nowNs)
    {
        if (phase <= DRAINING && nowNs - lastHousekeepingNs >= HOUSEKEEPING_INTERVAL_NS)
        {
            lastHousekeepingNs = nowNs;
            housekeeping(nowNs);
        }
        if (RUNNING == phase || DRAINING == phase)
        {
            trySend(nowNs);
        }
        flush();
    }

    /** Both sockets closed: sessions still open are abandoned. Event loop only. */
    public void close()
    {
        if (CLOSED == phase)
        {
            return;
        }
        phase = CLOSED;
        for (int slot = 0; slot < capacity; slot++)
        {
            if (inflightId[slot] >= 0)
            {
                inflightId[slot] = -1;
                inflight--;
                stats.abandoned(Counter.LOST_ON_CLOSE);
                flags[slot] |= UNCERTAIN;
                endSession(slot, WAIT_ACCESS != state[slot]);
            }
            else if (OPEN == state[slot])
            {
                endSession(slot, true);
            }
            else if (IDLE == state[slot] || AUTHORIZED == state[slot])
            {
                finish(slot);
            }
        }
        drained.complete(null);
    }

    // ---------------------------------------------------------------------------------------------------------

    private void flush()
    {
        if (null != auth.ctx)
        {
            auth.ctx.flush();
        }
        if (null != acct.ctx)
        {
            acct.ctx.flush();
        }
    }

    private void trySend(final long nowNs)
    {
        while (true)
        {
            if (RUNNING == phase && sentTotal >= requestQuota)
            {
                drainInLoop();
            }
            if ((RUNNING != phase && DRAINING != phase) || 0 == auth.freeCount || 0 == acct.freeCount ||
                !auth.channel().isWritable() || !acct.channel().isWritable())
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
            case AUTHORIZED ->
            {
                sendAccounting(slot, RadiusLabels.START, intended, nowNs, 0);
                return true;
            }
            case OPEN ->
            {
                if (RUNNING != phase || updatesLeft[slot] <= 0 || (flags[slot] & ABORT_PENDING) != 0)
                {
                    sendAccounting(slot, RadiusLabels.STOP, intended, nowNs,
                        (flags[slot] & ABORT_PENDING) != 0 ? CAUSE_ADMIN_RESET : CAUSE_USER_REQUEST);
                }
                else if (timeQuotaReached(slot))
                {
                    // The Session-Timeout of the Access-Accept is the time quota (RFC 2865 §5.27): stop at it.
                    stats.increment(Counter.FINAL_UNITS);
                    sendAccounting(slot, RadiusLabels.STOP, intended, nowNs, CAUSE_SESSION_TIMEOUT);
                }
                else
                {
                    updatesLeft[slot]--;
                    sendAccounting(slot, RadiusLabels.INTERIM, intended, nowNs, 0);
                }
                return true;
            }
            default ->
            {
                return false;
            }
        }
    }

    private boolean timeQuotaReached(final int slot)
    {
        return sessionTimeoutSeconds[slot] > 0 && sessionSeconds[slot] + interimSeconds[slot] > sessionTimeoutSeconds[slot];
    }

    private void startSession(final int slot, final long intended, final long nowNs)
    {
        final long number = sessionsStarted++;
        subscriber[slot] = (int)((number * connections + index) % subscribers.count());
        AsciiDigits.writePadded(number, acctSessionIds[slot], NAS_DIGITS + 1, SESSION_NUMBER_DIGITS);
        flags[slot] = 0;
        updatesLeft[slot] = updatesPerSession;
        sessionTimeoutSeconds[slot] = 0;
        interimSeconds[slot] = DEFAULT_INTERIM_SECONDS;
        sessionSeconds[slot] = 0;
        inputOctets[slot] = 0;
        outputOctets[slot] = 0;
        ackedOctets[slot] = 0;
        classLength[slot] = 0;
        charges.touch(subscriber[slot]);
        stats.increment(Counter.SESSIONS_STARTED);

        final int id = auth.allocate(slot);
        for (int i = 0; i < requestAuthenticator.length; i += 8)
        {
            final long bits = random.nextLong();
            for (int b = 0; b < 8; b++)
            {
                requestAuthenticator[i + b] = (byte)(bits >>> (8 * b));
            }
        }
        final int userNameLength = AsciiDigits.write(subscribers.msisdn(subscriber[slot]), digits, 0);
        final ByteBuf buffer = auth.ctx.alloc().ioBuffer(REQUEST_BUFFER_CAPACITY);
        // Message-Authenticator first in every Access-Request (RFC 3579 §3.2; BlastRADIUS guidance).
        encoder.start(buffer, RadiusCode.ACCESS_REQUEST, id, requestAuthenticator, 0)
            .putMessageAuthenticator()
            .putBytes(RadiusAttributeType.USER_NAME, digits, 0, userNameLength)
            .putUserPassword(password, 0, password.length, secret)
            .putIpv4Address(RadiusAttributeType.NAS_IP_ADDRESS, nasIpAddress)
            .putBytes(RadiusAttributeType.NAS_IDENTIFIER, nasIdentifierBytes, 0, nasIdentifierBytes.length)
            .putInt(RadiusAttributeType.NAS_PORT, slot)
            .putInt(RadiusAttributeType.SERVICE_TYPE, SERVICE_TYPE_FRAMED)
            .putInt(RadiusAttributeType.FRAMED_PROTOCOL, FRAMED_PROTOCOL_PPP)
            .putBytes(RadiusAttributeType.CALLING_STATION_ID, digits, 0, userNameLength)
            .finishRequest(secret);
        send(auth, id, slot, RadiusLabels.ACCESS, WAIT_ACCESS, buffer, intended, nowNs);
    }

    private void sendAccounting(
        final int slot, final int type, final long intended, final long nowNs, final int terminateCause)
    {
        final int id = acct.allocate(slot);
        final int statusType;
        if (RadiusLabels.START == type)
        {
            statusType = STATUS_START;
        }
        else
        {
            statusType = RadiusLabels.STOP == type ? STATUS_STOP : STATUS_INTERIM;
            final long used = usage.usedOf(interimOctets, random);
            // Downlink usually dominates: a quarter up, the rest down.
            inputOctets[slot] += used / 4;
            outputOctets[slot] += used - used / 4;
            sessionSeconds[slot] += interimSeconds[slot];
            if (sessionTimeoutSeconds[slot] > 0)
            {
                sessionSeconds[slot] = Math.min(sessionSeconds[slot], sessionTimeoutSeconds[slot]);
            }
        }
        final int userNameLength = AsciiDigits.write(subscribers.msisdn(subscriber[slot]), digits, 0);
        final byte[] sessionId = acctSessionIds[slot];
        final ByteBuf buffer = acct.ctx.alloc().ioBuffer(REQUEST_BUFFER_CAPACITY);
        encoder.start(buffer, RadiusCode.ACCOUNTING_REQUEST, id)
            .putInt(RadiusAttributeType.ACCT_STATUS_TYPE, statusType)
            .putBytes(RadiusAttributeType.ACCT_SESSION_ID, sessionId, 0, sessionId.length)
            .putBytes(RadiusAttributeType.USER_NAME, digits, 0, userNameLength)
            .putIpv4Address(RadiusAttributeType.NAS_IP_ADDRESS, nasIpAddress)
            .putBytes(RadiusAttributeType.NAS_IDENTIFIER, nasIdentifierBytes, 0, nasIdentifierBytes.length)
            .putInt(RadiusAttributeType.NAS_PORT, slot)
            .putInt(RadiusAttributeType.ACCT_AUTHENTIC, ACCT_AUTHENTIC_RADIUS)
            .putBytes(RadiusAttributeType.CALLING_STATION_ID, digits, 0, userNameLength);
        if (classLength[slot] > 0)
        {
            // Class from the Access-Accept, echoed unchanged (RFC 2865 §5.25).
            encoder.putBytes(RadiusAttributeType.CLASS, classes, slot * MAX_CLASS_LENGTH, classLength[slot]);
        }
        if (RadiusLabels.START != type)
        {
            encoder.putInt(RadiusAttributeType.ACCT_SESSION_TIME, (int)sessionSeconds[slot])
                .putInt(RadiusAttributeType.ACCT_INPUT_OCTETS, (int)inputOctets[slot])
                .putInt(RadiusAttributeType.ACCT_OUTPUT_OCTETS, (int)outputOctets[slot])
                .putInt(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, (int)(inputOctets[slot] >>> 32))
                .putInt(RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS, (int)(outputOctets[slot] >>> 32));
        }
        if (RadiusLabels.STOP == type)
        {
            encoder.putInt(RadiusAttributeType.ACCT_TERMINATE_CAUSE, terminateCause);
        }
        encoder.finishRequest(secret);
        send(acct, id, slot, type, RadiusLabels.START == type ? WAIT_START :
            RadiusLabels.STOP == type ? WAIT_STOP : WAIT_INTERIM, buffer, intended, nowNs);
    }

    private void send(
        final Port port, final int id, final int slot, final int type, final int nextState, final ByteBuf buffer,
        final long intended, final long nowNs)
    {
        buffer.getBytes(buffer.readerIndex() + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, port.authenticatorsById,
            id * RadiusPacketDescriptor.AUTHENTICATOR_LENGTH, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
        inflightId[slot] = id;
        inflightType[slot] = (byte)type;
        intendedNs[slot] = intended;
        sentNs[slot] = nowNs;
        state[slot] = nextState;
        inflight++;
        sentTotal++;
        stats.sent(type);
        port.ctx.write(buffer, port.ctx.voidPromise());
    }

    private void onResponse(final Port port, final ByteBuf content)
    {
        final long nowNs = clock.nanoTime();
        if (content.readableBytes() < RadiusPacketDescriptor.HEADER_LENGTH)
        {
            stats.increment(Counter.FRAMING_ERRORS);
            return;
        }
        final int offset = content.readerIndex();
        final int id = content.getUnsignedByte(offset + RadiusPacketDescriptor.IDENTIFIER_OFFSET);
        final int slot = port.slotById[id];
        if (slot < 0 || inflightId[slot] != id || (RadiusLabels.ACCESS == inflightType[slot]) == port.accounting)
        {
            stats.increment(Counter.UNMATCHED_ANSWERS);
            return;
        }
        if (!authenticators.verifyResponse(content, offset, port.authenticatorsById,
            id * RadiusPacketDescriptor.AUTHENTICATOR_LENGTH, secret))
        {
            // RFC 2865 §3: a response that fails authentication is silently discarded; the request will time out.
            stats.increment(Counter.FRAMING_ERRORS);
            return;
        }
        port.release(id);
        inflightId[slot] = -1;
        inflight--;
        packet.wrap(content, offset, content.readableBytes());
        final int code = packet.code();
        stats.answered(inflightType[slot], code, intendedNs[slot], sentNs[slot], nowNs);
        switch (state[slot])
        {
            case WAIT_ACCESS ->
            {
                if (RadiusCode.ACCESS_ACCEPT != code)
                {
                    stats.increment(Counter.SERVICE_STOPPED);
                    endSession(slot, false);
                    return;
                }
                charges.opened();
                sessionTimeoutSeconds[slot] = packet.unsignedInt(RadiusAttributeType.SESSION_TIMEOUT, 0);
                interimSeconds[slot] = packet.unsignedInt(RadiusAttributeType.ACCT_INTERIM_INTERVAL, DEFAULT_INTERIM_SECONDS);
                if (packet.findFirst(RadiusAttributeType.CLASS, attributes) &&
                    attributes.valueLength() <= MAX_CLASS_LENGTH)
                {
                    classLength[slot] = attributes.copyValue(classes, slot * MAX_CLASS_LENGTH);
                }
                state[slot] = AUTHORIZED;
                if ((flags[slot] & ABORT_PENDING) != 0)
                {
                    endSession(slot, false);
                }
                else if (RUNNING == phase || DRAINING == phase)
                {
                    ready.offer(slot);
                }
                else
                {
                    endSession(slot, false);
                }
            }
            case WAIT_START, WAIT_INTERIM ->
            {
                if (WAIT_INTERIM == state[slot])
                {
                    ackedOctets[slot] = inputOctets[slot] + outputOctets[slot];
                }
                state[slot] = OPEN;
                afterOpen(slot, nowNs);
            }
            case WAIT_STOP ->
            {
                ackedOctets[slot] = inputOctets[slot] + outputOctets[slot];
                endSession(slot, false);
            }
            default -> stats.increment(Counter.UNMATCHED_ANSWERS);
        }
    }

    private void afterOpen(final int slot, final long nowNs)
    {
        if ((flags[slot] & ABORT_PENDING) != 0 && CLOSED != phase)
        {
            stats.increment(Counter.SERVER_TRIGGERED_REQUESTS);
            sendAccounting(slot, RadiusLabels.STOP, nowNs, nowNs, CAUSE_ADMIN_RESET);
        }
        else
        {
            ready.offer(slot);
        }
    }

    private void endSession(final int slot, final boolean leftOpenOnServer)
    {
        final int who = subscriber[slot];
        charges.charge(who, tariff.costMinor(ackedOctets[slot]));
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

    private void housekeeping(final long nowNs)
    {
        for (int slot = 0; slot < capacity; slot++)
        {
            final int id = inflightId[slot];
            if (id < 0 || nowNs - sentNs[slot] < timeoutNs)
            {
                continue;
            }
            (RadiusLabels.ACCESS == inflightType[slot] ? auth : acct).release(id);
            inflightId[slot] = -1;
            inflight--;
            stats.abandoned(Counter.TIMEOUTS);
            switch (state[slot])
            {
                case WAIT_ACCESS -> endSession(slot, false);
                case WAIT_INTERIM ->
                {
                    // Counters are cumulative: the next record carries this one's usage too.
                    state[slot] = OPEN;
                    afterOpen(slot, nowNs);
                }
                default ->
                {
                    flags[slot] |= UNCERTAIN;
                    endSession(slot, true);
                }
            }
        }
    }

    /**
     * A Disconnect-Request or CoA-Request for one of this BRAS's sessions (RFC 5176). Event loop only.
     *
     * @param code          {@link RadiusCode#DISCONNECT_REQUEST} or {@link RadiusCode#COA_REQUEST}.
     * @param acctSessionId the Acct-Session-Id it names.
     * @return true when the session exists (answer ACK), false for NAK with Session-Context-Not-Found.
     */
    boolean onServerRequest(final int code, final byte[] acctSessionId)
    {
        final int slot = findSlot(acctSessionId);
        if (RadiusCode.COA_REQUEST == code)
        {
            stats.increment(Counter.SERVER_REAUTH);
            if (slot < 0)
            {
                stats.increment(Counter.SERVER_UNKNOWN_SESSION);
            }
            return slot >= 0;
        }
        stats.increment(Counter.SERVER_ABORT);
        if (slot < 0)
        {
            stats.increment(Counter.SERVER_UNKNOWN_SESSION);
            return false;
        }
        final long nowNs = clock.nanoTime();
        switch (state[slot])
        {
            case OPEN ->
            {
                stats.increment(Counter.SERVER_TRIGGERED_REQUESTS);
                sendAccounting(slot, RadiusLabels.STOP, nowNs, nowNs, CAUSE_ADMIN_RESET);
                flush();
            }
            case AUTHORIZED -> endSession(slot, false);
            case WAIT_ACCESS, WAIT_START, WAIT_INTERIM -> flags[slot] |= ABORT_PENDING;
            default ->
            {
                // Already stopping.
            }
        }
        return true;
    }

    private int findSlot(final byte[] acctSessionId)
    {
        if (null == acctSessionId || acctSessionId.length != acctSessionIds[0].length)
        {
            return -1;
        }
        final long slot = AsciiDigits.parse(acctSessionId, acctSessionId.length - SLOT_DIGITS, acctSessionId.length);
        if (slot < 0 || slot >= capacity || !java.util.Arrays.equals(acctSessionId, acctSessionIds[(int)slot]))
        {
            return -1;
        }
        final int current = state[(int)slot];
        return IDLE == current || FINISHED == current ? -1 : (int)slot;
    }

    /**
     * @param acctSessionId an Acct-Session-Id this simulator made.
     * @return the 0-based BRAS index it belongs to, or -1.
     */
    static int nasIndexOf(final byte[] acctSessionId)
    {
        if (null == acctSessionId || acctSessionId.length <= NAS_DIGITS)
        {
            return -1;
        }
        final long nas = AsciiDigits.parse(acctSessionId, 0, NAS_DIGITS);
        return nas <= 0 ? -1 : (int)nas - 1;
    }
}
