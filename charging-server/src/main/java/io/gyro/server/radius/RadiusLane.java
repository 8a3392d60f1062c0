package io.gyro.server.radius;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerLimits;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.ServiceRequest;
import io.gyro.ledger.UnitType;
import io.gyro.protocol.radius.RadiusAttributeIterator;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusAuthenticators;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.protocol.radius.RadiusMessageAuthenticatorStatus;
import io.gyro.protocol.radius.RadiusPacketDescriptor;
import io.gyro.protocol.radius.RadiusPacketEncoder;
import io.gyro.protocol.radius.RadiusPacketFlyweight;
import io.gyro.protocol.radius.RadiusPacketValidator;
import io.gyro.protocol.radius.RadiusValidationResult;
import io.gyro.protocol.radius.RadiusVendorAttributeIterator;
import io.gyro.server.diameter.TariffDirectory;
import io.gyro.server.ledger.LedgerGateway;
import io.gyro.server.ledger.Priority;
import io.gyro.server.ledger.ReplyTarget;
import io.gyro.server.session.SessionContext;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything one event loop needs to serve RADIUS without sharing: the authentication, accounting and CoA sockets,
 * the codec instances, the table of requests in flight, the queue the ledger thread hands results back on, the
 * RFC 5080 duplicate cache and the Disconnect/CoA client.
 * <p>
 * The way of one request (ARCHITECTURE.md §2): size and source checks → structural validation → Code served on
 * this port → Request Authenticator and Message-Authenticator → duplicate check → a pending entry keeps the
 * request buffer (retained) → primitives and copied octets go into a ring slot, shed by priority (a shed request
 * gets no response: the NAS retries). The ledger thread copies the results into the entry and queues it; this
 * lane drains the queue after each ledger batch and either publishes the request's next command or encodes the
 * response, caches it and writes it, flushing once per drain. Every response therefore leaves after the journal
 * holds what it reports (RFC 2866 §4.1).
 * <p>
 * Accounting maps onto the ledger as follows (sessions keyed by {@link RadiusSessionKeys}, that is by the
 * configured client and, for a client that is a network, the source address, then the declared NAS identity and
 * Acct-Session-Id; counters cumulative):
 * Start adopts the Access-Accept reservation named by a Gyro Class (RENAME_SESSION), else opens a session and
 * reserves (RESERVE); Interim commits the counters' delta and reserves again (UPDATE); Stop commits and closes
 * (TERMINATE); Accounting-On/Off releases every session of the NAS (RELEASE_ORIGIN_SESSIONS). What the ledger
 * refuses without journaling (unknown user, unknown or closed session) is journaled as an unrated record
 * (RECORD_UNRATED) and answered, never dropped. Every method except {@link #onReply} and {@link #endOfBatch} runs
 * on {@link #eventLoop()}.
 */
public final class RadiusLane implements ReplyTarget
{
    private static final Logger LOG = LoggerFactory.getLogger(RadiusLane.class);

    /** The authentication socket (RFC 2865: Access-Request, Status-Server). */
    static final int AUTH = 0;
    /** The accounting socket (RFC 2866: Accounting-Request, Status-Server). */
    static final int ACCT = 1;
    /** The socket Disconnect/CoA-Requests leave from and their ACK/NAK arrive on (RFC 5176). */
    static final int COA = 2;

    /**
     * Requests in flight at once: at 50,000 requests per second and a ledger round trip under 10 ms about 500 are
     * in flight; eight times that leaves room for journal stalls. A full table drops (the NAS retries).
     */
    static final int PENDING_CAPACITY = 4096;
    /**
     * Responses remembered for retransmissions: the last 65,536, which covers the 30 s default window up to about
     * 2,000 requests per second; beyond that an older retransmission reaches the ledger, which is idempotent.
     */
    static final int DUPLICATE_CACHE_CAPACITY = 65_536;
    /** First allocation of a response buffer; an Access-Accept with quota is about 80 octets. */
    private static final int RESPONSE_CAPACITY = 128;
    /**
     * Proxy-State octets an Access-Request may carry and still be answered: an Access-Accept adds at most 72 octets
     * of its own (Message-Authenticator 18, Class 30, Acct-Interim-Interval 6, a quota VSA up to 18) to the
     * 20-octet header, and a response may not pass 4096 octets (RFC 2865 §3); 128 keeps a margin. An Accounting-
     * Response only echoes Proxy-States, so it is never larger than its request.
     */
    static final int MAX_ACCESS_PROXY_STATE_OCTETS =
        RadiusPacketDescriptor.MAX_PACKET_LENGTH - RadiusPacketDescriptor.HEADER_LENGTH - 128;
    /** Largest User-Password plaintext (RFC 2865 §5.2: 128 octets). */
    private static final int MAX_PASSWORD_LENGTH = RadiusPacketDescriptor.MAX_USER_PASSWORD_LENGTH;

    /** Acct-Status-Type values, RFC 2866 §5.1. */
    static final int ACCT_START = 1;
    static final int ACCT_STOP = 2;
    static final int ACCT_INTERIM_UPDATE = 3;
    static final int ACCT_ON = 7;
    static final int ACCT_OFF = 8;
    /** {@link #lastOnOff}: no On/Off remembered for the origin. */
    private static final long NO_ON_OFF = Long.MIN_VALUE;
    /** Two copies of one On/Off may date it a second apart: whole-second Acct-Delay-Time against the clock. */
    private static final long ON_OFF_TOLERANCE_SECONDS = 1;
    /** Origins whose last On/Off is remembered; a NAS sends one at boot and shutdown, so this is generous. */
    private static final int MAX_REMEMBERED_ORIGINS = 65_536;

    static final String NO_IDENTITY = "Subscriber identity missing";
    static final String EAP_NOT_SUPPORTED = "EAP is not supported";
    static final String UNKNOWN_SUBSCRIBER = "Unknown subscriber";
    static final String AUTHENTICATION_FAILED = "Authentication failed";
    static final String INSUFFICIENT_BALANCE = "Insufficient balance";
    static final String ACCOUNT_BLOCKED = "Account blocked";
    static final String NO_TARIFF = "No tariff for this service";
    static final String REFUSED = "Request refused";

    private final EventLoop eventLoop;
    private final RadiusSettings settings;
    private final NasClients clients;
    private final LedgerGateway ledger;
    private final EpochClock clock;
    private volatile TariffDirectory tariffs;
    private final int replyLane;

    private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
    private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(authenticators);
    private final RadiusAttributeIterator iterator = new RadiusAttributeIterator();
    private final RadiusVendorAttributeIterator vendorIterator = new RadiusVendorAttributeIterator();
    private final RadiusPacketFlyweight packetView = new RadiusPacketFlyweight();
    private final RadiusDuplicateCache duplicates;
    private final ClassGenerator classes = new ClassGenerator();
    private final ClassSessionMemory classSessions = new ClassSessionMemory();
    /**
     * Per origin key, the last Accounting-On/Off whose release finished: its event time in Unix seconds times two, plus
     * one for Off ({@link #onOffEvent}). Bounded by {@link #MAX_REMEMBERED_ORIGINS}.
     */
    private final Long2LongHashMap lastOnOff = new Long2LongHashMap(NO_ON_OFF);
    private final DynamicAuthorization dynamicAuthorization;
    private final RadiusCounters counters = new RadiusCounters();
    private final byte[] password = new byte[MAX_PASSWORD_LENGTH];

    private final RadiusRequest[] pending;
    private final int[] freePending;
    private int freeCount;
    private final OneToOneConcurrentArrayQueue<RadiusRequest> replies;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drainReplies;
    private final Translator translator = new Translator();
    private final Channel[] channels = new Channel[3];
    private final boolean[] toFlush = new boolean[3];

    private RadiusRequest current;
    private long currentNowMs;

    /**
     * @param eventLoop the event loop the lane's sockets are registered on.
     * @param settings  RADIUS options.
     * @param clients   the configured NASes.
     * @param ledger    the ring; the lane registers as a reply target here, so build it before the ledger starts.
     * @param clock     time source stamped on every command and read by the Disconnect/CoA timers.
     * @param tariffs   unit of each rating group.
     */
    public RadiusLane(
        final EventLoop eventLoop,
        final RadiusSettings settings,
        final NasClients clients,
        final LedgerGateway ledger,
        final EpochClock clock,
        final TariffDirectory tariffs)
    {
        this.eventLoop = eventLoop;
        this.settings = settings;
        this.clients = clients;
        this.ledger = ledger;
        this.clock = clock;
        this.tariffs = tariffs;
        this.duplicates = new RadiusDuplicateCache(DUPLICATE_CACHE_CAPACITY, settings.duplicateCacheTimeMs());
        this.dynamicAuthorization = new DynamicAuthorization(settings, counters, clock, authenticators, encoder,
            System.nanoTime());
        this.pending = new RadiusRequest[PENDING_CAPACITY];
        this.freePending = new int[PENDING_CAPACITY];
        for (int i = 0; i < PENDING_CAPACITY; i++)
        {
            pending[i] = new RadiusRequest(i);
            freePending[i] = PENDING_CAPACITY - 1 - i;
        }
        this.freeCount = PENDING_CAPACITY;
        this.replies = new OneToOneConcurrentArrayQueue<>(PENDING_CAPACITY);
        this.replyLane = ledger.register(this);
    }

    /** @return this lane's event loop. */
    public EventLoop eventLoop()
    {
        return eventLoop;
    }

    /** @return this lane's counters (written on its event loop). */
    public RadiusCounters counters()
    {
        return counters;
    }

    /** @return requests waiting for the ledger. */
    public int pendingCount()
    {
        return PENDING_CAPACITY - freeCount;
    }

    /** @return Disconnect/CoA requests not yet answered or given up. */
    public int outstandingDynamicAuthorizations()
    {
        return dynamicAuthorization.outstandingCount();
    }

    /**
     * Swap the tariff view after a tariff change.
     *
     * @param directory the new view.
     */
    public void tariffs(final TariffDirectory directory)
    {
        this.tariffs = directory;
    }

    void channel(final int socket, final Channel channel)
    {
        channels[socket] = channel;
        if (COA == socket)
        {
            dynamicAuthorization.channel(channel);
        }
    }

    // ------------------------------------------------------------------ receiving

    /**
     * One datagram from one of the lane's sockets; the caller releases it afterwards (the lane retains what it keeps).
     *
     * @param socket   {@link #AUTH}, {@link #ACCT} or {@link #COA}.
     * @param datagram the datagram.
     */
    void onDatagram(final int socket, final DatagramPacket datagram)
    {
        final ByteBuf content = datagram.content();
        final int offset = content.readerIndex();
        final int available = content.readableBytes();
        if (available > RadiusPacketDescriptor.MAX_PACKET_LENGTH)
        {
            counters.drop(RadiusDropReason.OVERSIZED);
            return;
        }
        if (COA == socket)
        {
            final RadiusDropReason dropped = dynamicAuthorization.onReply(datagram);
            if (null != dropped)
            {
                counters.drop(dropped);
            }
            return;
        }
        final InetSocketAddress sender = datagram.sender();
        final InetAddress source = sender.getAddress();
        final NasClient client = clients.find(source);
        if (null == client)
        {
            counters.drop(RadiusDropReason.UNKNOWN_CLIENT);
            return;
        }
        final RadiusValidationResult valid = RadiusPacketValidator.validate(content, offset, available);
        if (RadiusValidationResult.OK != valid)
        {
            counters.drop(RadiusDropReason.of(valid));
            return;
        }
        final int code = content.getUnsignedByte(offset);
        if (RadiusCode.STATUS_SERVER != code &&
            (AUTH == socket ? RadiusCode.ACCESS_REQUEST != code : RadiusCode.ACCOUNTING_REQUEST != code))
        {
            counters.drop(RadiusDropReason.WRONG_PORT);
            return;
        }
        if (RadiusCode.ACCOUNTING_REQUEST == code &&
            !authenticators.verifyRequestAuthenticator(content, offset, client.secret()))
        {
            counters.drop(RadiusDropReason.BAD_AUTHENTICATOR);
            return;
        }
        final RadiusMessageAuthenticatorStatus messageAuthenticator =
            authenticators.verifyMessageAuthenticator(content, offset, null, 0, client.secret());
        if (RadiusMessageAuthenticatorStatus.INVALID == messageAuthenticator ||
            RadiusMessageAuthenticatorStatus.MALFORMED == messageAuthenticator)
        {
            counters.drop(RadiusDropReason.BAD_MESSAGE_AUTHENTICATOR);
            return;
        }
        if (RadiusMessageAuthenticatorStatus.ABSENT == messageAuthenticator &&
            (client.requireMessageAuthenticator() || RadiusCode.STATUS_SERVER == code ||
            packetView.wrap(content, offset, available).hasAttribute(RadiusAttributeType.EAP_MESSAGE)))
        {
            // RFC 3579 §3.2 (EAP) and RFC 5997 §3 (Status-Server) require it; so may the client's configuration.
            counters.drop(RadiusDropReason.MISSING_MESSAGE_AUTHENTICATOR);
            return;
        }
        if (RadiusCode.STATUS_SERVER == code)
        {
            answerStatusServer(socket, datagram, client);
            return;
        }

        final long now = clock.time();
        final int identifier = content.getUnsignedByte(offset + RadiusPacketDescriptor.IDENTIFIER_OFFSET);
        final int authenticatorOffset = offset + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET;
        final long duplicateKey =
            RadiusDuplicateCache.key(socket, RadiusDuplicateCache.addressHash(source), sender.getPort(), identifier);
        final int cached = duplicates.find(duplicateKey, content, authenticatorOffset, now);
        if (cached >= 0)
        {
            final Channel channel = channels[socket];
            final ByteBuf out = channel.alloc().ioBuffer(RESPONSE_CAPACITY);
            duplicates.write(cached, out);
            channel.write(new DatagramPacket(out, sender), channel.voidPromise());
            toFlush[socket] = true;
            counters.duplicatesAnswered++;
            return;
        }
        if (RadiusDuplicateCache.IN_PROGRESS == cached)
        {
            counters.drop(RadiusDropReason.DUPLICATE_IN_PROGRESS);
            return;
        }
        if (0 == freeCount)
        {
            counters.drop(RadiusDropReason.PENDING_FULL);
            return;
        }

        final RadiusRequest request = pending[freePending[--freeCount]];
        request.client = client;
        request.socket = socket;
        request.channel = channels[socket];
        request.sender = sender;
        request.sourceAddressLength = sourceAddress(source, request.sourceAddress);
        final ByteBuf packet = request.copyPacket(content, offset,
            content.getUnsignedShort(offset + RadiusPacketDescriptor.LENGTH_OFFSET));
        request.identifier = identifier;
        content.getBytes(authenticatorOffset, request.requestAuthenticator);
        request.duplicateKey = duplicateKey;
        request.duplicateSlot = duplicates.begin(duplicateKey, content, authenticatorOffset, now);
        final RadiusRequestAttributes attributes = request.attributes;
        attributes.parse(packet, RadiusPacketDescriptor.HEADER_LENGTH, request.packetLength, iterator, vendorIterator);
        final int identityOffset = RadiusSessionKeys.scope(request.nasScope, client, request.sourceAddress,
            request.sourceAddressLength);
        request.nasScopeLength = identityOffset + attributes.nasIdentity(packet, request.sourceAddress,
            request.sourceAddressLength, request.nasScope, identityOffset);
        request.originKey = RadiusSessionKeys.originKey(request.nasScope, request.nasScopeLength);
        request.ratingGroup = client.ratingGroup();
        request.unitType = tariffs.unitType(client.ratingGroup());

        if (RadiusCode.ACCESS_REQUEST == code)
        {
            if (attributes.proxyStateOctets > MAX_ACCESS_PROXY_STATE_OCTETS)
            {
                counters.drop(RadiusDropReason.RESPONSE_TOO_LARGE);
                duplicates.abandon(request.duplicateSlot, request.duplicateKey);
                release(request);
                return;
            }
            onAccessRequest(request);
        }
        else
        {
            onAccountingRequest(request, now);
        }
    }

    private static int sourceAddress(final InetAddress source, final byte[] destination)
    {
        if (source instanceof Inet4Address)
        {
            final int address = source.hashCode();
            destination[0] = (byte)(address >>> 24);
            destination[1] = (byte)(address >>> 16);
            destination[2] = (byte)(address >>> 8);
            destination[3] = (byte)address;
            return 4;
        }
        final byte[] octets = source.getAddress();
        System.arraycopy(octets, 0, destination, 0, octets.length);
        return octets.length;
    }

    private void onAccessRequest(final RadiusRequest request)
    {
        counters.accessRequests++;
        request.kind = RadiusRequest.Kind.ACCESS;
        request.priority = Priority.NEW_SESSION;
        if (request.attributes.hasEapMessage)
        {
            reject(request, EAP_NOT_SUPPORTED);
            return;
        }
        if (0 == request.attributes.identities(null, request.packet, settings.identityOrder()))
        {
            reject(request, NO_IDENTITY);
            return;
        }
        request.step = RadiusRequest.Step.CREDENTIAL;
        publish(request);
    }

    private void onAccountingRequest(final RadiusRequest request, final long nowMs)
    {
        final RadiusRequestAttributes attributes = request.attributes;
        final long statusType = attributes.acctStatusType;
        request.usedUnits = usedUnits(attributes, request.unitType);
        final boolean keyed = attributes.hasAcctSessionId() && accountingKey(request);
        if (ACCT_START == statusType)
        {
            counters.accountingStarts++;
            request.kind = RadiusRequest.Kind.START;
            request.priority = Priority.NEW_SESSION;
            if (!keyed)
            {
                request.step = RadiusRequest.Step.RECORD_UNRATED;
            }
            else if (attributes.hasGyroClass())
            {
                // Adoption first, whatever the Start's age: adopting consumes the reservation, so a Class that still
                // names an open one proves this Start opens a session nobody opened yet (not a replay).
                request.step = RadiusRequest.Step.ADOPT;
            }
            else
            {
                request.step = startOrReplay(request, nowMs);
            }
        }
        else if (ACCT_INTERIM_UPDATE == statusType)
        {
            counters.accountingInterims++;
            request.kind = RadiusRequest.Kind.INTERIM;
            request.priority = Priority.UPDATE;
            request.step = keyed ? RadiusRequest.Step.UPDATE : RadiusRequest.Step.RECORD_UNRATED;
        }
        else if (ACCT_STOP == statusType)
        {
            counters.accountingStops++;
            request.kind = RadiusRequest.Kind.STOP;
            request.priority = Priority.TERMINATION;
            request.step = keyed ? RadiusRequest.Step.TERMINATE : RadiusRequest.Step.RECORD_UNRATED;
        }
        else if (ACCT_ON == statusType || ACCT_OFF == statusType)
        {
            // The NAS (re)started or is stopping: it holds none of its earlier sessions (PROTOCOLS.md §3.4).
            counters.accountingOnOff++;
            request.kind = RadiusRequest.Kind.ACCOUNTING_ON_OFF;
            request.priority = Priority.TERMINATION;
            request.step = RadiusRequest.Step.RELEASE_ORIGIN;
            request.originEventSeconds = onOffEvent(attributes, nowMs);
            if (isRepeatedOnOff(request))
            {
                // A NAS that got no response resends the record with a new Identifier and a larger Acct-Delay-Time
                // (RFC 2866 §5.2), possibly after it began admitting subscribers again: releasing once more would end
                // the sessions it opened since. The first copy's release is journaled; this one changes nothing.
                counters.repeatedOnOff++;
                accountingResponse(request);
                return;
            }
        }
        else
        {
            counters.accountingOther++;
            request.kind = RadiusRequest.Kind.ACCOUNTING_OTHER;
            request.priority = Priority.UPDATE;
            request.step = RadiusRequest.Step.RECORD_UNRATED;
        }
        publish(request);
    }

    /**
     * A Start that adopted nothing: open its session (RESERVE, idempotent while the ledger holds the session), or
     * record it unrated when it is recognised as a replay. RADIUS accounting has no nonce (RFC 2866 §3), and once
     * the ledger forgets a closed session a replayed Start would open it again and its replayed interims and Stop
     * would charge its usage twice. Recognised: a Start sent longer ago than the replay window (RFC 2869 §5.3
     * Event-Timestamp plus RFC 2866 §5.2 Acct-Delay-Time, so a NAS that keeps retrying with an updated delay stays
     * young), and a Class-carrying Start whose session this lane already opened ({@link ClassSessionMemory}). The
     * Class's issue time dates the Access-Accept, not the Start, and is not used.
     */
    private RadiusRequest.Step startOrReplay(final RadiusRequest request, final long nowMs)
    {
        if (isStale(request, nowMs) ||
            request.attributes.hasGyroClass() && classSessions.contains(request.sessionKey, request.sessionKeyLength))
        {
            counters.staleStarts++;
            return RadiusRequest.Step.RECORD_UNRATED;
        }
        return RadiusRequest.Step.RESERVE_SESSION;
    }

    private boolean isStale(final RadiusRequest request, final long nowMs)
    {
        final RadiusRequestAttributes attributes = request.attributes;
        if (attributes.eventTimestamp < 0)
        {
            return false;
        }
        long sentAtMs = attributes.eventTimestamp * 1000;
        if (attributes.acctDelayTime > 0)
        {
            sentAtMs += attributes.acctDelayTime * 1000;
        }
        return nowMs - sentAtMs > settings.replayWindowMs();
    }

    /**
     * When the NAS says an Accounting-On/Off happened: Event-Timestamp (RFC 2869 §5.3), else the arrival time less
     * Acct-Delay-Time (RFC 2866 §5.2); equal for every copy of one record, however late it arrives.
     */
    private static long onOffEvent(final RadiusRequestAttributes attributes, final long nowMs)
    {
        if (attributes.eventTimestamp >= 0)
        {
            return attributes.eventTimestamp;
        }
        return nowMs / 1000 - Math.max(0, attributes.acctDelayTime);
    }

    private static long onOffKey(final RadiusRequest request)
    {
        return request.originEventSeconds << 1 | (ACCT_OFF == request.attributes.acctStatusType ? 1 : 0);
    }

    /**
     * The same status type at the same event time, give or take {@link #ON_OFF_TOLERANCE_SECONDS} (Acct-Delay-Time
     * and the clock count whole seconds), as the last On/Off of this origin whose release finished.
     */
    private boolean isRepeatedOnOff(final RadiusRequest request)
    {
        final long last = lastOnOff.get(request.originKey);
        if (NO_ON_OFF == last || (last & 1) != (onOffKey(request) & 1))
        {
            return false;
        }
        return Math.abs((last >> 1) - request.originEventSeconds) <= ON_OFF_TOLERANCE_SECONDS;
    }

    private void rememberOnOff(final RadiusRequest request)
    {
        if (lastOnOff.size() >= MAX_REMEMBERED_ORIGINS && NO_ON_OFF == lastOnOff.get(request.originKey))
        {
            // Only a flood of origins gets here; forgetting makes a late copy release again, as before this table.
            lastOnOff.clear();
        }
        lastOnOff.put(request.originKey, onOffKey(request));
    }

    private static boolean accountingKey(final RadiusRequest request)
    {
        final RadiusRequestAttributes attributes = request.attributes;
        request.sessionKeyLength = RadiusSessionKeys.accounting(request.sessionKey, request.nasScope,
            request.nasScopeLength, request.packet, attributes.acctSessionIdOffset, attributes.acctSessionIdLength);
        return request.sessionKeyLength > 0;
    }

    /**
     * Units of the tariff's kind out of the session-cumulative counters (RFC 2866 §5.3, §5.4, §5.7; RFC 2869
     * §5.1, §5.2): octets in both directions with Gigawords, or Acct-Session-Time. Events have no RADIUS counter.
     */
    private static long usedUnits(final RadiusRequestAttributes attributes, final int unitType)
    {
        return switch (unitType)
        {
            case UnitType.SECONDS -> attributes.acctSessionTime;
            case UnitType.EVENTS -> ServiceRequest.NONE;
            default -> attributes.totalOctets();
        };
    }

    private boolean publish(final RadiusRequest request)
    {
        current = request;
        currentNowMs = clock.time();
        if (!ledger.tryPublish(request.priority, translator, this))
        {
            counters.drop(RadiusDropReason.SHED);
            if (null != request.packet)
            {
                duplicates.abandon(request.duplicateSlot, request.duplicateKey);
            }
            else
            {
                counters.notificationsDropped++;
            }
            release(request);
            return false;
        }
        return true;
    }

    /** On shutdown, after the ledger stopped: give back the request buffers of requests that will get no answer. */
    void releasePending()
    {
        for (final RadiusRequest request : pending)
        {
            if (null != request.kind)
            {
                release(request);
            }
        }
    }

    private void release(final RadiusRequest request)
    {
        request.clear();
        freePending[freeCount++] = request.index;
    }

    // ------------------------------------------------------------------ ledger replies

    @Override
    public void onReply(final LedgerCommand command)
    {
        final RadiusRequest request = pending[(int)command.replyToken];
        request.copyResults(command);
        replies.offer(request);
    }

    @Override
    public void endOfBatch()
    {
        if (drainScheduled.compareAndSet(false, true))
        {
            eventLoop.execute(drainTask);
        }
    }

    private void drainReplies()
    {
        drainScheduled.set(false);
        RadiusRequest request;
        while (null != (request = replies.poll()))
        {
            try
            {
                onLedgerReply(request);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("RADIUS request failed after the ledger answered ({} {}); no response sent", request.kind,
                    request.step, ex);
                if (null != request.packet)
                {
                    duplicates.abandon(request.duplicateSlot, request.duplicateKey);
                }
                release(request);
            }
        }
        flush();
    }

    /** Flush the sockets written since the last flush (after a drain, after a read batch). */
    void flush()
    {
        for (int i = 0; i < toFlush.length; i++)
        {
            if (toFlush[i])
            {
                toFlush[i] = false;
                channels[i].flush();
            }
        }
    }

    private void onLedgerReply(final RadiusRequest request)
    {
        switch (request.step)
        {
            case CREDENTIAL -> afterCredential(request);
            case RESERVE_ACCESS -> afterAccessReservation(request);
            case ADOPT -> afterAdoption(request);
            case RESERVE_SESSION -> afterSessionReservation(request);
            case UPDATE -> afterUpdate(request);
            case TERMINATE ->
            {
                // A Stop for an unknown session, or repeating one whose Start was refused, is recorded unrated.
                if (!request.result.isSuccess() && !request.journaled())
                {
                    adoptOrRecordUnrated(request);
                }
                else
                {
                    accountingResponse(request);
                }
            }
            case RECORD_UNRATED ->
            {
                counters.unratedRecords++;
                accountingResponse(request);
            }
            case RELEASE_ORIGIN ->
            {
                if (LedgerResult.LIMIT_EXCEEDED == request.result)
                {
                    // The ledger releases a bounded number of sessions per command: go on below its boundary, and
                    // answer the Accounting-On/Off once every session of the NAS is released.
                    publish(request);
                }
                else
                {
                    rememberOnOff(request);
                    accountingResponse(request);
                }
            }
            case REAUTHORIZE -> afterReauthorization(request);
        }
    }

    private void afterCredential(final RadiusRequest request)
    {
        final byte[] credential = request.payload instanceof byte[] ? (byte[])request.payload : null;
        request.payload = null;
        if (LedgerResult.NOT_FOUND == request.result)
        {
            if (!settings.pilot())
            {
                reject(request, UNKNOWN_SUBSCRIBER);
                return;
            }
            // Pilot mode serves everyone; the ledger books unknown subscribers on its pilot account.
            request.accountId = 0;
        }
        else if (!request.result.isSuccess())
        {
            reject(request, REFUSED);
            return;
        }
        else if (null != credential)
        {
            final boolean matches = passwordMatches(request, credential);
            Arrays.fill(credential, (byte)0);
            if (!matches)
            {
                counters.authenticationFailures++;
                reject(request, AUTHENTICATION_FAILED);
                return;
            }
        }
        classes.next(request.classValue, 0, clock.time());
        request.step = RadiusRequest.Step.RESERVE_ACCESS;
        publish(request);
    }

    /**
     * PAP (RFC 2865 §5.2) or CHAP (RFC 2865 §2.2, §5.3) against the subscriber's password; a subscriber with a
     * password must present one of them.
     */
    private boolean passwordMatches(final RadiusRequest request, final byte[] credential)
    {
        final RadiusRequestAttributes attributes = request.attributes;
        if (attributes.hasUserPassword)
        {
            final int length = authenticators.unhideUserPassword(request.packet, request.packetOffset,
                request.client.secret(), password, 0);
            // Compared in time independent of where the first difference is.
            int difference = length ^ credential.length;
            for (int i = 0; i < credential.length && i < MAX_PASSWORD_LENGTH; i++)
            {
                difference |= credential[i] ^ password[i];
            }
            Arrays.fill(password, (byte)0);
            return 0 == difference;
        }
        if (attributes.hasChapPassword)
        {
            return authenticators.verifyChapPassword(request.packet, request.packetOffset, credential, 0,
                credential.length);
        }
        return false;
    }

    private void afterAccessReservation(final RadiusRequest request)
    {
        if (request.result.isSuccess() && request.grantedUnits > 0)
        {
            accept(request);
            return;
        }
        final LedgerResult result = request.result.isSuccess() && null != request.serviceResult ?
            request.serviceResult : request.result;
        reject(request, switch (result)
        {
            case USER_UNKNOWN -> UNKNOWN_SUBSCRIBER;
            case CREDIT_LIMIT_REACHED, SUCCESS -> INSUFFICIENT_BALANCE;
            case END_USER_SERVICE_DENIED -> ACCOUNT_BLOCKED;
            case RATING_FAILED -> NO_TARIFF;
            default -> REFUSED;
        });
    }

    private void afterAdoption(final RadiusRequest request)
    {
        final boolean adopted = LedgerResult.SUCCESS == request.result;
        if (adopted)
        {
            counters.adoptedReservations++;
            classSessions.add(request.sessionKey, request.sessionKeyLength);
        }
        switch (request.kind)
        {
            case START ->
            {
                if (adopted)
                {
                    accountingResponse(request);
                }
                else
                {
                    // The Class names no open reservation (adopted already, by this session or another leg, or
                    // released unadopted): the session's own key decides.
                    request.step = startOrReplay(request, clock.time());
                    publish(request);
                }
            }
            case INTERIM, STOP ->
            {
                if (adopted)
                {
                    // The Start was lost or overtaken: the interim or Stop that names the reservation adopts it.
                    request.step = RadiusRequest.Kind.INTERIM == request.kind ? RadiusRequest.Step.UPDATE :
                        RadiusRequest.Step.TERMINATE;
                    publish(request);
                }
                else
                {
                    recordUnrated(request);
                }
            }
            default -> recordUnrated(request);
        }
    }

    /**
     * An interim or Stop for a session the ledger does not know: adopt the reservation its Class names, once, or
     * journal it unrated.
     */
    private void adoptOrRecordUnrated(final RadiusRequest request)
    {
        if (request.attributes.hasGyroClass() && !request.triedAdoption)
        {
            request.triedAdoption = true;
            request.step = RadiusRequest.Step.ADOPT;
            publish(request);
            return;
        }
        recordUnrated(request);
    }

    private void afterSessionReservation(final RadiusRequest request)
    {
        final LedgerResult result = request.result;
        if (result.isSuccess() && !request.duplicate && request.attributes.hasGyroClass())
        {
            classSessions.add(request.sessionKey, request.sessionKeyLength);
        }
        if (!request.duplicate && (LedgerResult.CREDIT_LIMIT_REACHED == result ||
            LedgerResult.END_USER_SERVICE_DENIED == result))
        {
            // Nothing to grant, or the account is blocked: end the session the NAS just started.
            disconnect(request);
        }
        if (!result.isSuccess() && !request.journaled() && !request.duplicate)
        {
            recordUnrated(request);
            return;
        }
        accountingResponse(request);
    }

    private void afterUpdate(final RadiusRequest request)
    {
        if (!request.result.isSuccess() && !request.journaled())
        {
            adoptOrRecordUnrated(request);
            return;
        }
        final LedgerResult service = null != request.serviceResult ? request.serviceResult : request.result;
        if (LedgerResult.CREDIT_LIMIT_REACHED == service || LedgerResult.END_USER_SERVICE_DENIED == service)
        {
            // The quota ran out and nothing more can be granted: a NAS that cannot be told a volume quota is
            // stopped here, and one that can is stopped before it overspends its last grant.
            disconnect(request);
        }
        accountingResponse(request);
    }

    private void recordUnrated(final RadiusRequest request)
    {
        request.step = RadiusRequest.Step.RECORD_UNRATED;
        publish(request);
    }

    private void afterReauthorization(final RadiusRequest request)
    {
        if (request.result.isSuccess() && request.grantedUnits > 0)
        {
            dynamicAuthorization.changeQuota(request.target, request.grantedUnitType, request.grantedUnits,
                request.cumulativeUsedUnits);
        }
        release(request);
    }

    // ------------------------------------------------------------------ responses

    private void accept(final RadiusRequest request)
    {
        final ByteBuf out = request.channel.alloc().ioBuffer(RESPONSE_CAPACITY);
        try
        {
            encoder.startWithMessageAuthenticator(out, RadiusCode.ACCESS_ACCEPT, request.identifier)
                .putBytes(RadiusAttributeType.CLASS, request.classValue, 0, ClassGenerator.LENGTH);
            final VendorProfile vendor = request.client.vendor();
            if (vendor.canCarry(request.grantedUnitType))
            {
                vendor.putQuota(encoder, request.grantedUnitType, request.grantedUnits, 0);
            }
            encoder.putInt(RadiusAttributeType.ACCT_INTERIM_INTERVAL, (int)settings.acctInterimIntervalSeconds())
                .putProxyStates(request.packet, request.packetOffset, request.packetLength, iterator)
                .finishResponse(request.requestAuthenticator, 0, request.client.secret());
        }
        catch (final RuntimeException ex)
        {
            out.release();
            throw ex;
        }
        counters.accessAccepts++;
        respond(request, out);
    }

    private void reject(final RadiusRequest request, final String replyMessage)
    {
        final ByteBuf out = request.channel.alloc().ioBuffer(RESPONSE_CAPACITY);
        try
        {
            encoder.startWithMessageAuthenticator(out, RadiusCode.ACCESS_REJECT, request.identifier)
                .putString(RadiusAttributeType.REPLY_MESSAGE, replyMessage)
                .putProxyStates(request.packet, request.packetOffset, request.packetLength, iterator)
                .finishResponse(request.requestAuthenticator, 0, request.client.secret());
        }
        catch (final RuntimeException ex)
        {
            out.release();
            throw ex;
        }
        counters.accessRejects++;
        respond(request, out);
    }

    private void accountingResponse(final RadiusRequest request)
    {
        final ByteBuf out = request.channel.alloc().ioBuffer(RESPONSE_CAPACITY);
        try
        {
            encoder.start(out, RadiusCode.ACCOUNTING_RESPONSE, request.identifier)
                .putProxyStates(request.packet, request.packetOffset, request.packetLength, iterator)
                .finishResponse(request.requestAuthenticator, 0, request.client.secret());
        }
        catch (final RuntimeException ex)
        {
            out.release();
            throw ex;
        }
        counters.accountingResponses++;
        respond(request, out);
    }

    private void respond(final RadiusRequest request, final ByteBuf out)
    {
        duplicates.complete(request.duplicateSlot, request.duplicateKey, out, out.readerIndex(), out.readableBytes(),
            clock.time());
        request.channel.write(new DatagramPacket(out, request.sender), request.channel.voidPromise());
        toFlush[request.socket] = true;
        release(request);
    }

    /** RFC 5997 §3: Access-Accept on the authentication port, Accounting-Response on the accounting port. */
    private void answerStatusServer(final int socket, final DatagramPacket datagram, final NasClient client)
    {
        counters.statusServer++;
        final ByteBuf content = datagram.content();
        final int offset = content.readerIndex();
        final byte[] authenticator = new byte[RadiusPacketDescriptor.AUTHENTICATOR_LENGTH];
        content.getBytes(offset + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, authenticator);
        final Channel channel = channels[socket];
        final ByteBuf out = channel.alloc().ioBuffer(RESPONSE_CAPACITY);
        try
        {
            // The request carried a Message-Authenticator besides its Proxy-States, so the response always fits.
            encoder.startWithMessageAuthenticator(out, AUTH == socket ? RadiusCode.ACCESS_ACCEPT :
                    RadiusCode.ACCOUNTING_RESPONSE,
                    content.getUnsignedByte(offset + RadiusPacketDescriptor.IDENTIFIER_OFFSET))
                .putProxyStates(content, offset, content.readableBytes(), iterator)
                .finishResponse(authenticator, 0, client.secret());
        }
        catch (final RuntimeException ex)
        {
            out.release();
            throw ex;
        }
        channel.write(new DatagramPacket(out, datagram.sender()), channel.voidPromise());
        toFlush[socket] = true;
    }

    // ------------------------------------------------------------------ Disconnect and CoA

    private void disconnect(final RadiusRequest request)
    {
        final RadiusRequestAttributes attributes = request.attributes;
        final ByteBuf packet = request.packet;
        final DynamicAuthorization.Target target = new DynamicAuthorization.Target();
        target.client = request.client;
        target.nasAddress = request.sender.getAddress();
        target.nasIpAddress = attributes.nasIpAddress;
        target.nasIdentifier = copy(packet, attributes.nasIdentifierOffset, attributes.nasIdentifierLength);
        target.userName = copy(packet, attributes.userNameOffset, attributes.userNameLength);
        target.acctSessionId = copy(packet, attributes.acctSessionIdOffset, attributes.acctSessionIdLength);
        target.label = DynamicAuthorization.text(target.acctSessionId);
        dynamicAuthorization.disconnect(target);
    }

    private static byte[] copy(final ByteBuf packet, final int offset, final int length)
    {
        if (offset < 0)
        {
            return null;
        }
        final byte[] bytes = new byte[length];
        packet.getBytes(offset, bytes);
        return bytes;
    }

    /**
     * The ledger ended a session (operator, blocked or deleted account): send Disconnect-Request. Runs on the
     * event loop with copies made on the ledger thread.
     *
     * @param key     the session key.
     * @param context the session context.
     */
    void onAbort(final byte[] key, final byte[] context)
    {
        final DynamicAuthorization.Target target = target(key, context);
        if (null != target)
        {
            dynamicAuthorization.disconnect(target);
        }
        else
        {
            counters.dynamicAuthorizationFailures++;
        }
    }

    /**
     * Credit arrived for a session that was given its last units or refused: reserve again and, when the NAS can
     * be told the quota, send it in a CoA-Request (RFC 5176 §3.2). A NAS that cannot be told a volume quota needs
     * nothing: its next interim reserves.
     *
     * @param key         the session key.
     * @param context     the session context.
     * @param ratingGroup the starved rating group.
     */
    void onReauthorize(final byte[] key, final byte[] context, final long ratingGroup)
    {
        final DynamicAuthorization.Target target = target(key, context);
        final int unitType = tariffs.unitType(ratingGroup);
        if (null == target || !target.client.vendor().canCarry(unitType) ||
            key.length > LedgerLimits.MAX_SESSION_KEY_LENGTH)
        {
            return;
        }
        if (0 == freeCount)
        {
            counters.notificationsDropped++;
            return;
        }
        final RadiusRequest request = pending[freePending[--freeCount]];
        request.kind = RadiusRequest.Kind.REAUTHORIZE;
        request.step = RadiusRequest.Step.REAUTHORIZE;
        request.priority = Priority.UPDATE;
        request.client = target.client;
        request.target = target;
        request.ratingGroup = ratingGroup;
        System.arraycopy(key, 0, request.sessionKey, 0, key.length);
        request.sessionKeyLength = key.length;
        publish(request);
    }

    private DynamicAuthorization.Target target(final byte[] key, final byte[] context)
    {
        final int length = context.length;
        final byte[] address = SessionContext.get(context, length, SessionContext.NAS_ADDRESS);
        final String name = SessionContext.text(context, length, SessionContext.NAS_NAME);
        final DynamicAuthorization.Target target = new DynamicAuthorization.Target();
        try
        {
            target.nasAddress = null == address ? null : InetAddress.getByAddress(address);
        }
        catch (final UnknownHostException ex)
        {
            target.nasAddress = null;
        }
        target.client = null == name ? null : clients.byName(name);
        if (null == target.client && null != target.nasAddress)
        {
            target.client = clients.find(target.nasAddress);
        }
        if (null == target.client || null == target.nasAddress)
        {
            LOG.info("no configured NAS for RADIUS session context (NAS {} at {})", name, target.nasAddress);
            return null;
        }
        target.nasIpAddress = SessionContext.number(context, length, SessionContext.NAS_IP_ADDRESS);
        target.nasIdentifier = SessionContext.get(context, length, SessionContext.NAS_IDENTIFIER);
        target.userName = SessionContext.get(context, length, SessionContext.USER_NAME);
        target.acctSessionId = SessionContext.get(context, length, SessionContext.ACCT_SESSION_ID);
        if (null == target.acctSessionId)
        {
            target.acctSessionId = RadiusSessionKeys.acctSessionId(key, key.length);
        }
        target.label = null != target.acctSessionId ? DynamicAuthorization.text(target.acctSessionId) :
            DynamicAuthorization.text(target.userName);
        return target;
    }

    /**
     * Disconnect/CoA retransmissions and timeouts at the injected clock's time: production calls this every
     * {@link RadiusServer#TIMER_PERIOD_MS}; tests call it after moving the clock.
     */
    void onTick()
    {
        dynamicAuthorization.onTick(clock.time());
    }

    // ------------------------------------------------------------------ ring slots

    /** Fills a ring slot from the request being processed: primitives and copied octets only. */
    private final class Translator implements EventTranslatorOneArg<LedgerCommand, RadiusLane>
    {
        @Override
        public void translateTo(final LedgerCommand command, final long sequence, final RadiusLane lane)
        {
            final RadiusRequest request = current;
            command.reset();
            command.timestampMs = currentNowMs;
            command.replyLane = replyLane;
            command.replyToken = request.index;
            switch (request.step)
            {
                case CREDENTIAL ->
                {
                    command.type = CommandType.GET_CREDENTIAL;
                    request.attributes.identities(command, request.packet, settings.identityOrder());
                }
                case RESERVE_ACCESS ->
                {
                    command.type = CommandType.RESERVE;
                    command.sessionKeyLength = RadiusSessionKeys.reservation(command.sessionKey, request.classValue, 0,
                        ClassGenerator.LENGTH);
                    command.cumulativeUsage = true;
                    command.originKey = request.originKey;
                    // RFC 2865 gives the NAS no way to return unused units: what it never adopts is released.
                    command.supervisionMs = settings.adoptionTimeoutMs();
                    command.accountId = request.accountId;
                    request.attributes.identities(command, request.packet, settings.identityOrder());
                    context(command, request, false);
                    command.addService(request.ratingGroup, 0, ServiceRequest.NONE);
                }
                case ADOPT ->
                {
                    command.type = CommandType.RENAME_SESSION;
                    command.sessionKeyLength = RadiusSessionKeys.reservation(command.sessionKey, request.packet,
                        request.attributes.gyroClassOffset, ClassGenerator.LENGTH);
                    command.newSessionKey(request.sessionKey, 0, request.sessionKeyLength);
                    command.cumulativeUsage = true;
                    command.originKey = request.originKey;
                    command.supervisionMs = settings.sessionSupervisionMs();
                }
                case RESERVE_SESSION ->
                {
                    command.type = CommandType.RESERVE;
                    command.sessionKey(request.sessionKey, 0, request.sessionKeyLength);
                    command.cumulativeUsage = true;
                    command.originKey = request.originKey;
                    command.supervisionMs = settings.sessionSupervisionMs();
                    request.attributes.identities(command, request.packet, settings.identityOrder());
                    context(command, request, false);
                    command.addService(request.ratingGroup, 0, ServiceRequest.NONE);
                }
                case UPDATE ->
                {
                    command.type = CommandType.UPDATE;
                    command.sessionKey(request.sessionKey, 0, request.sessionKeyLength);
                    command.cumulativeUsage = true;
                    command.supervisionMs = settings.sessionSupervisionMs();
                    command.addService(request.ratingGroup, 0, request.usedUnits);
                }
                case TERMINATE ->
                {
                    command.type = CommandType.TERMINATE;
                    command.sessionKey(request.sessionKey, 0, request.sessionKeyLength);
                    command.cumulativeUsage = true;
                    command.addService(request.ratingGroup, ServiceRequest.NONE, request.usedUnits);
                }
                case RECORD_UNRATED ->
                {
                    command.type = CommandType.RECORD_UNRATED;
                    context(command, request, true);
                }
                case RELEASE_ORIGIN ->
                {
                    command.type = CommandType.RELEASE_ORIGIN_SESSIONS;
                    command.originKey = request.originKey;
                    command.requestNumber = request.releaseBoundary;
                }
                case REAUTHORIZE ->
                {
                    command.type = CommandType.UPDATE;
                    command.sessionKey(request.sessionKey, 0, request.sessionKeyLength);
                    command.cumulativeUsage = true;
                    command.addService(request.ratingGroup, 0, ServiceRequest.NONE);
                }
            }
        }

        private void context(final LedgerCommand command, final RadiusRequest request, final boolean withRecord)
        {
            command.sessionContextLength = request.attributes.writeContext(command.sessionContext, request.packet,
                request.sourceAddress, request.sourceAddressLength, request.client, settings.identityOrder(),
                withRecord);
        }
    }

    @Override
    public String toString()
    {
        return "RadiusLane{pending=" + pendingCount() + "}";
    }
}
