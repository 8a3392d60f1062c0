package io.gyro.server.diameter;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.gyro.config.model.DiameterConfiguration;
import io.gyro.config.model.DiameterPeer;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerLimits;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.ServiceRequest;
import io.gyro.ledger.UnitType;
import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterFramingError;
import io.gyro.protocol.diameter.DiameterHeaderFlyweight;
import io.gyro.protocol.diameter.DiameterIdentities;
import io.gyro.protocol.diameter.DiameterValidator;
import io.gyro.protocol.diameter.ErrorAnswerEncoder;
import io.gyro.protocol.diameter.FailedAvp;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.base.DeviceWatchdog;
import io.gyro.protocol.diameter.base.DisconnectPeer;
import io.gyro.protocol.diameter.base.SessionRequest;
import io.gyro.protocol.diameter.cc.CreditControlAnswerEncoder;
import io.gyro.protocol.diameter.cc.CreditControlRequestDecoder;
import io.gyro.protocol.diameter.cc.MultipleServicesCreditControlDecoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CcRequestType;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.RequestedAction;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.SubscriptionIdType;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.gyro.server.ledger.LedgerGateway;
import io.gyro.server.ledger.Priority;
import io.gyro.server.ledger.ReplyTarget;
import io.gyro.server.session.SessionContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything one Netty event loop needs to serve Diameter without sharing: its connections, the codec instances,
 * the table of requests in flight, the queue the ledger thread hands results back on, and the duplicate cache.
 * <p>
 * The way of one CCR (ARCHITECTURE.md §2): frame → validate (errors answered here) → routing checks (3002, 3003,
 * 3005) → duplicate check → take a pending entry, copy what the answer must echo → publish primitives into a ring
 * slot (shed with 3004 by priority). The ledger thread copies the results into the pending entry and queues it;
 * this lane drains the queue, encodes each CCA, writes, and flushes each connection once per drain.
 * Every method except {@link #onReply} and {@link #endOfBatch} runs on {@link #eventLoop()}.
 */
public final class DiameterLane implements ReplyTarget
{
    private static final Logger LOG = LoggerFactory.getLogger(DiameterLane.class);
    /** replyToken of this lane's own RELEASE_ORIGIN_SESSIONS commands (pending entries use indexes from 0). */
    private static final long RELEASE_ORIGIN_TOKEN = -1;
    /**
     * Origin releases the ledger could not finish in one command and this lane has yet to repeat: one per
     * restarted peer at a time; 64 peers restarting within the same ledger batch is already far beyond practice.
     */
    private static final int RELEASE_CONTINUATIONS = 64;

    private final int index;
    private final EventLoop eventLoop;
    private final DiameterNode node;
    private final DiameterSettings settings;
    private final DiameterConfiguration peers;
    private final PeerRegistry registry;
    private final LedgerGateway ledger;
    private final EpochClock clock;
    private final DiameterTls tls;
    private volatile TariffDirectory tariffs;
    private final int replyLane;

    private final byte[] originHost;
    private final byte[] originRealm;
    private final byte[][] servedRealms;
    private final DiameterValidator validator;
    private final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight();
    private final CreditControlRequestDecoder ccr = new CreditControlRequestDecoder();
    private final CreditControlResponder responder;
    private final ErrorAnswerEncoder errorAnswer = new ErrorAnswerEncoder();
    private final CreditControlAnswerEncoder ccaErrorEncoder = new CreditControlAnswerEncoder();
    private final DiameterEncoder encoder = new DiameterEncoder();
    private final AvpReader reader = new AvpReader();
    private final RequestEcho echo = new RequestEcho();
    private final WatchdogInterval watchdogInterval;
    private final AnswerCache answerCache;
    private final OriginStates.View originStates;
    private final AtomicInteger endToEndIds;
    private final OriginStates.Release releaseOrigin = this::publishOriginRelease;

    private final PendingRequest[] pending;
    private final int[] freePending;
    private int freeCount;
    private final OneToOneConcurrentArrayQueue<PendingRequest> replies;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drainReplies;
    private final List<DiameterConnection> connections = new ArrayList<>();
    private final DiameterConnection[] toFlush;
    private int toFlushCount;
    private final DiameterCounters counters = new DiameterCounters();
    private final CcrTranslator translator = new CcrTranslator();
    private final ReleaseOriginTranslator releaseOriginTranslator = new ReleaseOriginTranslator();
    private long connectionSequence;

    private PendingRequest current;
    /** Command slot of the request being handled, for counting its answer (DiameterCounters). */
    private int requestCommand = DiameterCounters.CMD_OTHER;
    private long currentNowMs;
    private long releaseOriginKey;
    private long releaseOriginBoundary;
    /** (origin key, boundary) pairs from the ledger thread, for the event loop to publish again. */
    private final OneToOneConcurrentArrayQueue<long[]> releaseContinuations =
        new OneToOneConcurrentArrayQueue<>(RELEASE_CONTINUATIONS);
    /** Continuations waiting for a free ring slot; event loop only. */
    private final ArrayDeque<long[]> releasesToPublish = new ArrayDeque<>();

    /**
     * @param index      lane number, part of every connection id.
     * @param eventLoop  the event loop this lane belongs to.
     * @param node       our identity.
     * @param settings   Diameter options.
     * @param dictionary AVP and command definitions.
     * @param peers      the allow-list (first matching entry wins).
     * @param registry   open peers by host.
     * @param ledger     the ring.
     * @param clock      time source stamped on every command.
     * @param tariffs    unit types and final-unit policies by rating group.
     * @param tls        TLS setup for inband upgrades and certificate checks, or null without TLS.
     * @param originStates the Origin-State-Id of each origin, shared by every lane.
     * @param random     this lane's PRNG (watchdog jitter).
     * @param endToEndIds the End-to-End Identifier sequence shared by every lane.
     */
    public DiameterLane(
        final int index,
        final EventLoop eventLoop,
        final DiameterNode node,
        final DiameterSettings settings,
        final DiameterDictionary dictionary,
        final DiameterConfiguration peers,
        final PeerRegistry registry,
        final LedgerGateway ledger,
        final EpochClock clock,
        final TariffDirectory tariffs,
        final DiameterTls tls,
        final OriginStates originStates,
        final SplittableRandom random,
        final AtomicInteger endToEndIds)
    {
        this.index = index;
        this.endToEndIds = endToEndIds;
        this.watchdogInterval = new WatchdogInterval(settings.watchdogIntervalMs(), random);
        this.originStates = originStates.newView();
        this.tls = tls;
        this.eventLoop = eventLoop;
        this.node = node;
        this.settings = settings;
        this.peers = peers;
        this.registry = registry;
        this.ledger = ledger;
        this.clock = clock;
        this.tariffs = tariffs;
        this.originHost = node.originHostBytes();
        this.originRealm = node.originRealmBytes();
        this.servedRealms = new byte[node.servedRealms().size()][];
        for (int i = 0; i < servedRealms.length; i++)
        {
            servedRealms[i] = node.servedRealms().get(i).getBytes(StandardCharsets.US_ASCII);
        }
        this.validator = new DiameterValidator(dictionary, new long[] {ApplicationIds.CREDIT_CONTROL},
            LedgerLimits.MAX_SESSION_KEY_LENGTH);
        validator.limitOccurrences(CommandCode.CREDIT_CONTROL, true, VendorId.IETF,
            AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, Math.min(settings.maxMscc(), LedgerLimits.MAX_SERVICES));
        this.responder = new CreditControlResponder(node, settings.currencyCode(), settings.moneyScale(),
            settings.lowBalanceIndication(), tariffs.finalUnitPolicies());
        this.answerCache = new AnswerCache(settings.answerCacheCapacity(), settings.duplicateWindowMs());

        final int capacity = settings.pendingCapacity();
        this.pending = new PendingRequest[capacity];
        this.freePending = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            pending[i] = new PendingRequest(i);
            freePending[i] = capacity - 1 - i;
        }
        this.freeCount = capacity;
        this.replies = new OneToOneConcurrentArrayQueue<>(capacity);
        this.toFlush = new DiameterConnection[capacity];
        this.replyLane = ledger.register(this);
    }

    /** @return this lane's event loop. */
    public EventLoop eventLoop()
    {
        return eventLoop;
    }

    /** @return this lane's counters. */
    public DiameterCounters counters()
    {
        return counters;
    }

    /** @return requests in flight on this lane. */
    public int pendingCount()
    {
        return pending.length - freeCount;
    }

    /**
     * Swap the tariff view after a tariff change.
     *
     * @param directory the new view.
     */
    public void tariffs(final TariffDirectory directory)
    {
        this.tariffs = directory;
        responder.finalUnitPolicies(directory.finalUnitPolicies());
    }

    /**
     * A new connection object for a channel accepted on this lane's loop.
     *
     * @return the handler to put in the channel's pipeline.
     */
    public DiameterConnection newConnection()
    {
        return new DiameterConnection(this, ((long)index << 48) | ++connectionSequence);
    }

    void onConnected(final DiameterConnection connection)
    {
        final long now = clock.time();
        connection.connectedAtMs = now;
        connections.add(connection);
    }

    void onDisconnected(final DiameterConnection connection)
    {
        connections.remove(connection);
        // Their answers could only come on this connection (RFC 6733 §3: Hop-by-Hop is per connection).
        counters.serverRequestsFailed += connection.outstanding.size();
        connection.outstanding.clear();
        if (null != connection.peerHost)
        {
            registry.remove(connection.peerHost, connection);
            LOG.info("Diameter peer {} disconnected ({})", connection.peerHost, connection.channel().remoteAddress());
        }
        connection.state = DiameterConnection.State.CLOSING;
    }

    void onFramingError(final DiameterConnection connection, final DiameterFramingError error)
    {
        counters.framingErrors++;
        counters.framingErrorsByReason[error.reason().ordinal()]++;
        final Channel channel = connection.channel();
        LOG.info("damaged Diameter framing from {} ({}, declared length {}): closing the connection",
            channel.remoteAddress(), error.reason(), error.declaredLength());
        if (error.isRequest())
        {
            final ByteBuf request = Unpooled.wrappedBuffer(error.header());
            echo.capture(request, 0, reader);
            final ByteBuf out = channel.alloc().ioBuffer(128);
            // Only the header is left, so the command's own answer cannot be built: the E bit and the generic
            // grammar, which RFC 6733 §7.1.5 allows for 5011/5015 in that case (§7.2).
            errorAnswer.write(out, echo, error.reason().resultCode(), true, originHost, originRealm,
                "damaged framing: " + error.reason(), null, request);
            counters.countAnswer(DiameterCounters.CMD_OTHER, error.reason().resultCode());
            channel.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
        else
        {
            closeAfterPendingAnswers(channel);
        }
    }

    /**
     * Close once the answers already written on this read are on the wire: closing at once would fail them (and
     * report each as a connection error through its void promise) although their requests were handled.
     */
    private static void closeAfterPendingAnswers(final Channel channel)
    {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    void onMessage(final DiameterConnection connection, final ByteBuf frame)
    {
        final long now = clock.time();
        // RFC 3539 §3.4.1 [2]: "When any AAA message is received, Tw is reset", a DWA or not.
        connection.watchdogDeadlineMs = now + watchdogInterval.next();
        header.wrap(frame, 0);
        final int commandCode = header.commandCode();
        final boolean isRequest = header.isRequest();

        if (isRequest)
        {
            counters.requests++;
            requestCommand = DiameterCounters.commandIndex(commandCode, -1);
            if (CommandCode.CREDIT_CONTROL != commandCode)
            {
                counters.countRequest(requestCommand);
            }
        }
        if (DiameterConnection.State.WAIT_CER == connection.state)
        {
            if (isRequest && CommandCode.CAPABILITIES_EXCHANGE == commandCode)
            {
                onCapabilitiesExchange(connection, frame, now);
            }
            else
            {
                // RFC 6733 §5.6.1: before CER the peer is unknown; any other message, answers included, closes the
                // connection (an answer from an unknown peer must not reach requests sent to known ones).
                LOG.info("{} {} before CER from {}: closing", isRequest ? "request" : "answer", commandCode,
                    connection.channel().remoteAddress());
                connection.channel().close();
            }
            return;
        }
        if (!isRequest)
        {
            onAnswer(connection, frame, commandCode);
            return;
        }

        switch (commandCode)
        {
            case CommandCode.CREDIT_CONTROL -> onCreditControlRequest(connection, frame, now);
            case CommandCode.DEVICE_WATCHDOG -> onWatchdogRequest(connection, frame);
            case CommandCode.DISCONNECT_PEER -> onDisconnectPeerRequest(connection, frame, now);
            case CommandCode.CAPABILITIES_EXCHANGE ->
            {
                // RFC 6733 §5.6: R-Open has no event for a CER; it is refused with a whole CEA (§5.3.2 grammar).
                final Channel channel = connection.channel();
                channel.write(capabilitiesAnswer(channel, frame, ResultCode.UNABLE_TO_COMPLY, false,
                    "capabilities already exchanged on this connection", null), channel.voidPromise());
                counters.countAnswer(DiameterCounters.CMD_CER, ResultCode.UNABLE_TO_COMPLY);
            }
            default ->
            {
                if (!validator.validate(frame, 0))
                {
                    answerValidationFailure(connection, frame);
                }
                else
                {
                    answerError(connection, frame, ResultCode.COMMAND_UNSUPPORTED, true,
                        "command " + commandCode + " is not served here");
                }
            }
        }
    }

    private void onAnswer(final DiameterConnection connection, final ByteBuf frame, final int commandCode)
    {
        final int hopByHopId = header.hopByHopId();
        switch (commandCode)
        {
            case CommandCode.DEVICE_WATCHDOG ->
            {
                if (connection.watchdogPending && hopByHopId == connection.watchdogHopByHopId)
                {
                    connection.watchdogPending = false;
                    connection.watchdogSuspect = false;
                }
            }
            case CommandCode.DISCONNECT_PEER ->
            {
                if (connection.disconnectSent && hopByHopId == connection.disconnectHopByHopId)
                {
                    // RFC 6733 §5.4.2: the transport is shut down on the DPA. Requests the peer sent before it are
                    // still owed their answers (§5.4 warns of exactly this race), so the close waits for the last
                    // of them; shutdown bounds the wait (GyroServer's drain).
                    if (0 == connection.answersOwed)
                    {
                        closeAfterPendingAnswers(connection.channel());
                    }
                    else
                    {
                        connection.closeWhenAnswered = true;
                    }
                }
            }
            case CommandCode.RE_AUTH, CommandCode.ABORT_SESSION ->
            {
                // Hop-by-Hop Identifiers are unique per connection only (RFC 6733 §3): an answer is matched against
                // the requests sent on the connection it came on.
                final OutstandingRequest request = connection.outstanding.remove(hopByHopId);
                if (null != request)
                {
                    final SessionRequest answer = SessionRequest.decode(frame, 0);
                    LOG.debug("{} answer {} for session {}", request.commandCode == CommandCode.RE_AUTH ? "RAA" : "ASA",
                        answer.resultCode(), request.sessionId);
                }
            }
            default ->
            {
                // RFC 6733 §6.2: an answer whose Hop-by-Hop Identifier matches nothing outstanding is discarded.
            }
        }
    }

    private void onCapabilitiesExchange(final DiameterConnection connection, final ByteBuf frame, final long now)
    {
        final Channel channel = connection.channel();
        if (!validator.validate(frame, 0))
        {
            counters.invalid++;
            counters.countAnswer(DiameterCounters.CMD_CER, validator.resultCode());
            channel.writeAndFlush(capabilitiesAnswer(channel, frame, validator.resultCode(), false, null,
                validator.failedAvp())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        final CapabilitiesExchange cer = CapabilitiesExchange.decode(frame, 0);
        final InetAddress address = connection.remoteAddress().getAddress();
        final DiameterPeer peer = peers.findPeer(cer.originHost(), address);
        final long resultCode;
        if (null == peer)
        {
            resultCode = ResultCode.UNKNOWN_PEER;
            LOG.info("refused Diameter peer {} from {}: not in the allow-list", cer.originHost(), address);
        }
        else if (!cer.supportsApplication(ApplicationIds.CREDIT_CONTROL))
        {
            resultCode = ResultCode.NO_COMMON_APPLICATION;
            LOG.info("refused Diameter peer {} from {}: no application in common (advertised {})",
                cer.originHost(), address, cer.advertisedApplications());
        }
        else
        {
            resultCode = securityResult(connection, cer);
        }
        // Inband TLS only where it is offered: a peer that also accepts NO_INBAND_SECURITY stays plain otherwise.
        final boolean startTls = ResultCode.SUCCESS == resultCode && null != tls && tls.inband() &&
            null == channel.pipeline().get(SslHandler.class) && cer.inbandSecurityIds().contains(DiameterTls.TLS);

        final ByteBuf out = capabilitiesAnswer(channel, frame, resultCode, startTls, null, null);
        counters.countAnswer(DiameterCounters.CMD_CER, resultCode);

        if (ResultCode.SUCCESS != resultCode)
        {
            channel.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (startTls)
        {
            // RFC 6733 §6.10 / RFC 3588 §2.1: the CEA goes out in clear, then the handshake starts. The CEA is in
            // the transport's buffer before the TLS handler joins the pipeline, so only what follows is encrypted.
            channel.writeAndFlush(out, channel.voidPromise());
            final SslHandler handler = tls.newHandler(channel);
            channel.pipeline().addFirst("tls", handler);
            final String peerHost = cer.originHost();
            handler.handshakeFuture().addListener(handshake ->
            {
                final String refusal = handshake.isSuccess() ? tls.refusal(handler, peerHost) :
                    "TLS handshake failed: " + handshake.cause();
                if (null != refusal)
                {
                    LOG.info("closing Diameter peer {} after inband TLS: {}", peerHost, refusal);
                    channel.close();
                }
            });
        }
        else
        {
            channel.write(out, channel.voidPromise());
        }
        connection.state = DiameterConnection.State.OPEN;
        connection.settings = peer;
        connection.peerHost = cer.originHost();
        connection.peerHostBytes = cer.originHost().getBytes(StandardCharsets.US_ASCII);
        connection.peerRealm = cer.originRealm();
        connection.peerSupports3gpp = cer.supportedVendorIds().contains((long)VendorId.TGPP) ||
            peer.supportedVendorIds().contains((long)VendorId.TGPP) && cer.supportedVendorIds().isEmpty();
        connection.watchdogDeadlineMs = now + watchdogInterval.next();
        if (cer.originStateId() >= 0 && OriginStates.RELEASE_REFUSED == originStates.observe(
            hash(connection.peerHostBytes, 0, connection.peerHostBytes.length), cer.originStateId(), releaseOrigin))
        {
            // The CER is answered all the same; the next request that carries the new value releases them.
            LOG.info("Diameter peer {} restarted, but the ring is full: its earlier sessions are released later",
                connection.peerHost);
        }
        final DiameterConnection replaced = registry.register(connection.peerHost, connection);
        if (null != replaced && replaced != connection)
        {
            // RFC 6733 §5.6 would reject the newcomer (R-Conn-CER in R-Open: R-Reject). It is kept instead: a peer
            // that reconnects usually does so because its old connection is dead to it, while this side may not
            // notice for 2 Tw (a half-open "zombie"). The old one is closed so that the peer has exactly one
            // connection (RFC 3539 §3.3: "a single persistent connection"), and RAR/ASR go on the new one.
            LOG.info("Diameter peer {} reconnected: closing its previous connection", connection.peerHost);
            replaced.channel().eventLoop().execute(() -> replaced.lane().closeReplaced(replaced));
        }
        LOG.info("Diameter peer {} (realm {}) connected from {}", connection.peerHost, connection.peerRealm, address);
    }

    /**
     * Close a connection whose peer opened a newer one (on the replaced connection's event loop). Answers already
     * written leave first; answers still in the ledger are dropped with it, and the peer's retransmissions on the new
     * connection get the recorded results.
     */
    void closeReplaced(final DiameterConnection connection)
    {
        if (DiameterConnection.State.CLOSING == connection.state || !connection.channel().isActive())
        {
            return;
        }
        connection.state = DiameterConnection.State.CLOSING;
        closeAfterPendingAnswers(connection.channel());
    }

    /**
     * TLS checks of a CER (RFC 6733 §13, §6.10): on a TLS connection the certificate must name the Origin-Host
     * when client authentication is on; on a plain one a peer that accepts only TLS needs inband TLS offered.
     */
    private long securityResult(final DiameterConnection connection, final CapabilitiesExchange cer)
    {
        final SslHandler handler = connection.channel().pipeline().get(SslHandler.class);
        if (null != handler)
        {
            final String refusal = tls.refusal(handler, cer.originHost());
            if (null != refusal)
            {
                LOG.info("refused Diameter peer {} from {}: {}", cer.originHost(), connection.remoteAddress(), refusal);
                return ResultCode.UNKNOWN_PEER;
            }
            return ResultCode.SUCCESS;
        }
        final List<Long> offered = cer.inbandSecurityIds();
        if (offered.contains(DiameterTls.TLS) && !(null != tls && tls.inband()) &&
            !offered.contains(DiameterTls.NO_INBAND_SECURITY))
        {
            LOG.info("refused Diameter peer {}: it accepts only inband TLS, which is not offered here",
                cer.originHost());
            return ResultCode.NO_COMMON_SECURITY;
        }
        return ResultCode.SUCCESS;
    }

    /**
     * This node's CEA (RFC 6733 §5.3.2) for any result: refusals get the same {Host-IP-Address}, {Vendor-Id} and
     * {Product-Name} as a success, so that every CEA, 5xxx included, follows the CEA grammar (§7.1.5).
     */
    private ByteBuf capabilitiesAnswer(
        final Channel channel,
        final ByteBuf cer,
        final long resultCode,
        final boolean startTls,
        final String errorMessage,
        final FailedAvp failedAvp)
    {
        echo.capture(cer, 0, reader);
        final ByteBuf out = channel.alloc().ioBuffer(256);
        final byte[] localAddress = ((java.net.InetSocketAddress)channel.localAddress()).getAddress().getAddress();
        new CapabilitiesExchange(node.originHost(), node.originRealm(), List.of(localAddress), node.vendorId(),
            node.productName(), node.originStateId(), List.of((long)VendorId.TGPP),
            List.of(ApplicationIds.CREDIT_CONTROL), List.of(), List.of(),
            startTls ? List.of(DiameterTls.TLS) : List.of(), DiameterNode.FIRMWARE_REVISION, resultCode, errorMessage)
            .encodeAnswer(encoder.wrap(out), echo, failedAvp, cer);
        return out;
    }

    /**
     * A DWR is validated like any request (RFC 6733 §5.5.1 grammar, §7: a request in error is answered with its
     * Result-Code and Failed-AVP), and answered in every case: PROTOCOLS.md's "always answer a DWR" is about the
     * answer never being withheld, under load or otherwise (RFC 3539 §3.4). An invalid DWR gets a DWA with the error
     * (the E bit for 3xxx, §7.1.3) and changes nothing else: the connection stays open, and Tw was reset on receipt.
     */
    private void onWatchdogRequest(final DiameterConnection connection, final ByteBuf frame)
    {
        final boolean valid = validator.validate(frame, 0);
        final long resultCode = valid ? ResultCode.SUCCESS : validator.resultCode();
        if (!valid)
        {
            counters.invalid++;
            LOG.debug("invalid DWR from Diameter peer {}: answered {}", connection.peerHost, resultCode);
        }
        echo.capture(frame, 0, reader);
        final Channel channel = connection.channel();
        final ByteBuf out = channel.alloc().ioBuffer(128);
        new DeviceWatchdog(node.originHost(), node.originRealm(), node.originStateId(), resultCode)
            .encodeAnswer(encoder.wrap(out), echo, valid ? null : validator.failedAvp(), frame);
        counters.countAnswer(DiameterCounters.CMD_DWR, resultCode);
        counters.watchdogsAnswered++;
        channel.write(out, channel.voidPromise());
    }

    /**
     * A DPR is validated like any request (RFC 6733 §5.4.1 grammar; an unknown AVP with the M bit is 5001, §4.1), and
     * an invalid one gets a DPA with the error and its Failed-AVP (the E bit for 3xxx, §7.1.3). The connection goes to
     * Closing all the same: the DPR states the peer's intent to disconnect by its command alone, and the peer closes on
     * receiving any DPA, whatever its Result-Code (§5.4.2 "Upon receipt of this message, the transport connection is
     * shut down"; §5.6: Closing, Rcv-DPA, Disc). Staying open and registered would route RAR/ASR to a connection that
     * is about to go. Disconnect-Cause only says whether to reconnect (§5.4.3), which a server never does.
     */
    private void onDisconnectPeerRequest(final DiameterConnection connection, final ByteBuf frame, final long now)
    {
        final boolean valid = validator.validate(frame, 0);
        final long resultCode = valid ? ResultCode.SUCCESS : validator.resultCode();
        if (valid)
        {
            LOG.info("Diameter peer {} sent DPR (cause {}): answering and waiting for it to close",
                connection.peerHost, DisconnectPeer.decode(frame, 0).disconnectCause());
        }
        else
        {
            counters.invalid++;
            LOG.info("Diameter peer {} sent an invalid DPR: answering {} and waiting for it to close",
                connection.peerHost, resultCode);
        }
        echo.capture(frame, 0, reader);
        final Channel channel = connection.channel();
        final ByteBuf out = channel.alloc().ioBuffer(256);
        new DisconnectPeer(node.originHost(), node.originRealm(), -1, resultCode)
            .encodeAnswer(encoder.wrap(out), echo, valid ? null : validator.failedAvp(), frame);
        counters.countAnswer(DiameterCounters.CMD_DPR, resultCode);
        channel.write(out, channel.voidPromise());
        // RFC 6733 §5.4: the DPR sender closes the transport; we close too if it does not within one Tw.
        connection.state = DiameterConnection.State.CLOSING;
        connection.closingSinceMs = now;
        registry.remove(connection.peerHost, connection);
    }

    private void onCreditControlRequest(final DiameterConnection connection, final ByteBuf frame, final long now)
    {
        // Ingress for the handling-time histogram: validation and decoding count too.
        final long ingressNanos = System.nanoTime();
        // One walk validates and decodes (CreditControlRequestDecoder#validateAndWrap).
        if (!ccr.validateAndWrap(validator, frame, 0))
        {
            counters.countRequest(DiameterCounters.CMD_CCR);
            answerValidationFailure(connection, frame);
            return;
        }
        requestCommand = DiameterCounters.commandIndex(CommandCode.CREDIT_CONTROL, ccr.ccRequestType());
        counters.countRequest(requestCommand);

        // Routing checks (RFC 6733 §6.1): we are the final destination or the request is not for us. §6.1.4: a
        // request is local when Destination-Host names this host, whatever its Destination-Realm; the realm decides
        // only when Destination-Host is absent.
        if (ccr.hasDestinationHost())
        {
            if (!DiameterIdentities.equalsIgnoreCase(frame, ccr.destinationHostOffset(), ccr.destinationHostLength(),
                originHost))
            {
                answerError(connection, frame, ResultCode.UNABLE_TO_DELIVER, true,
                    "Destination-Host is not this server");
                return;
            }
        }
        else if (!realmServed(frame, ccr.destinationRealmOffset(), ccr.destinationRealmLength()))
        {
            answerError(connection, frame, ResultCode.REALM_NOT_SERVED, true, "Destination-Realm is not served here");
            return;
        }
        if (ccr.routeRecordContains(originHost))
        {
            answerError(connection, frame, ResultCode.LOOP_DETECTED, true, "this server is already in Route-Record");
            return;
        }

        final long originHostKey = hash(frame, ccr.originHostOffset(), ccr.originHostLength());
        final long cacheKey = AnswerCache.key(originHostKey, header.endToEndId());
        final int recorded = answerCache.find(cacheKey, now);
        if (recorded >= 0)
        {
            ccr.captureEcho(echo, reader);
            final Channel channel = connection.channel();
            final ByteBuf out = channel.alloc().ioBuffer(256);
            answerCache.writeRecorded(recorded, echo, out);
            counters.duplicates++;
            counters.countAnswer(requestCommand, DiameterCounters.CACHED_ANSWER);
            channel.write(out, channel.voidPromise());
            return;
        }

        if (ccr.originStateId() >= 0 &&
            OriginStates.RELEASE_REFUSED == originStates.observe(originHostKey, ccr.originStateId(), releaseOrigin))
        {
            // The restart's release must reach the ring before any request of the new incarnation (OriginStates).
            shed(connection, frame);
            return;
        }

        final int type = ccr.ccRequestType();
        final Priority priority = CcRequestType.TERMINATION_REQUEST == type ? Priority.TERMINATION :
            CcRequestType.UPDATE_REQUEST == type ? Priority.UPDATE : Priority.NEW_SESSION;
        if (0 == freeCount || !ledger.admits(priority))
        {
            shed(connection, frame);
            return;
        }

        final PendingRequest request = pending[freePending[--freeCount]];
        prepare(request, connection, frame, originHostKey, ingressNanos);
        current = request;
        currentNowMs = now;
        if (!ledger.tryPublish(priority, translator, this))
        {
            release(request);
            shed(connection, frame);
            return;
        }
        counters.creditControlRequests++;
    }

    private void prepare(
        final PendingRequest request,
        final DiameterConnection connection,
        final ByteBuf frame,
        final long originHostKey,
        final long ingressNanos)
    {
        ccr.captureEcho(request.echo, reader);
        request.connection = connection;
        request.connectionId = connection.id();
        connection.answersOwed++;
        request.originHostKey = originHostKey;
        request.receivedNanos = ingressNanos;
        request.ccRequestType = ccr.ccRequestType();
        request.ccRequestNumber = ccr.ccRequestNumber();
        request.requestedAction = ccr.requestedAction() >= 0 ? ccr.requestedAction() : RequestedAction.DIRECT_DEBITING;

        final int msccCount = Math.min(ccr.msccCount(), LedgerLimits.MAX_SERVICES);
        if (msccCount > 0)
        {
            request.commandLevelUnits = false;
            request.ensureServices(msccCount);
            request.serviceCount = msccCount;
            for (int i = 0; i < msccCount; i++)
            {
                final MultipleServicesCreditControlDecoder mscc = ccr.mscc(i);
                request.ratingGroups[i] = mscc.ratingGroup();
                request.serviceIdentifiers[i] = mscc.serviceIdentifier();
            }
        }
        else if (ccr.requestedServiceUnit().isPresent() || ccr.usedServiceUnit().isPresent() ||
            CcRequestType.EVENT_REQUEST == ccr.ccRequestType())
        {
            // RSU/USU at command level (RFC 4006 §5.1.1 single-service): rated on the default rating group.
            request.commandLevelUnits = true;
            request.serviceCount = 1;
            request.ratingGroups[0] = settings.defaultRatingGroup();
            request.serviceIdentifiers[0] = ccr.serviceIdentifier();
        }
        else
        {
            request.commandLevelUnits = false;
            request.serviceCount = 0;
        }
    }

    private void release(final PendingRequest request)
    {
        final DiameterConnection connection = request.connection;
        request.clear();
        freePending[freeCount++] = request.index;
        if (null != connection && 0 == --connection.answersOwed && connection.closeWhenAnswered)
        {
            // The answer was written (or dropped) just before: the close follows it onto the wire.
            closeAfterPendingAnswers(connection.channel());
        }
    }

    private void shed(final DiameterConnection connection, final ByteBuf frame)
    {
        counters.shed++;
        answerError(connection, frame, ResultCode.TOO_BUSY, true, null);
    }

    /**
     * RFC 6733 §8.16: a higher Origin-State-Id means the origin restarted and lost its sessions; release what they
     * held. Called by {@link OriginStates} under the origin's lock, before the request that revealed the restart is
     * published, so neither that request's session nor any later one of the new incarnation is touched.
     */
    private boolean publishOriginRelease(final long originKey, final long previousState, final long newState)
    {
        releaseOriginKey = originKey;
        releaseOriginBoundary = 0;
        currentNowMs = clock.time();
        if (!ledger.tryPublish(Priority.TERMINATION, releaseOriginTranslator, this))
        {
            return false;
        }
        LOG.info("Diameter origin restarted (Origin-State-Id {} -> {}): releasing its earlier sessions",
            previousState, newState);
        return true;
    }

    /**
     * Publish the continuations of origin releases that wait (the ledger releases at most a bounded number of sessions
     * per command; each continuation carries the first command's boundary, so it never reaches a session opened after
     * that command). A full ring leaves them for the next drain or timer tick.
     */
    private void publishReleases()
    {
        long[] release;
        while (null != (release = releasesToPublish.peek()))
        {
            releaseOriginKey = release[0];
            releaseOriginBoundary = release[1];
            currentNowMs = clock.time();
            if (!ledger.tryPublish(Priority.TERMINATION, releaseOriginTranslator, this))
            {
                return;
            }
            releasesToPublish.poll();
        }
    }

    private void answerValidationFailure(final DiameterConnection connection, final ByteBuf frame)
    {
        counters.invalid++;
        final int resultCode = validator.resultCode();
        echo.capture(frame, 0, reader);
        final Channel channel = connection.channel();
        final ByteBuf out = channel.alloc().ioBuffer(256);
        if (!validator.isProtocolError() && CommandCode.CREDIT_CONTROL == header.commandCode() &&
            ccaGrammarPossible(frame))
        {
            // Permanent failures use the command's own answer with the E bit clear (RFC 6733 §7.1.5).
            ccaErrorEncoder.begin(out, echo, resultCode, originHost, originRealm, ccr.ccRequestType(),
                ccr.ccRequestNumber());
            validator.failedAvp().writeTo(ccaErrorEncoder.encoder(), frame);
            ccaErrorEncoder.finish();
        }
        else
        {
            // 3xxx always set the E bit (§7.1.3). A 5xxx whose command's own answer cannot be built (a command
            // other than CCR, a CCR without the values its CCA must echo) takes the E bit and the generic grammar
            // instead, which §7.1.5 allows so that the answer still follows a grammar (§7.2).
            errorAnswer.write(out, echo, resultCode, true, originHost, originRealm, null, validator.failedAvp(), frame);
        }
        counters.countAnswer(requestCommand, resultCode);
        channel.write(out, channel.voidPromise());
    }

    /**
     * Whether a refused CCR still gives the CCA its fixed part (RFC 4006 §3.2: {@code <Session-Id>},
     * {CC-Request-Type}, {CC-Request-Number}, echoed): present, and not the AVP refused for its length (a value of
     * the wrong length reads as 0, which was never sent).
     */
    private boolean ccaGrammarPossible(final ByteBuf frame)
    {
        ccr.wrap(frame, 0);
        if (!echo.hasSessionId() || ccr.ccRequestType() < 0 || ccr.ccRequestNumber() < 0)
        {
            return false;
        }
        final FailedAvp failed = validator.failedAvp();
        if (ResultCode.INVALID_AVP_LENGTH != validator.resultCode() || 0 != failed.parentCount() ||
            failed.isCopy() || 0 != failed.vendorId())
        {
            return true;
        }
        return AvpCode.SESSION_ID != failed.code() && AvpCode.CC_REQUEST_TYPE != failed.code() &&
            AvpCode.CC_REQUEST_NUMBER != failed.code();
    }

    private void answerError(
        final DiameterConnection connection,
        final ByteBuf frame,
        final int resultCode,
        final boolean errorBit,
        final String message)
    {
        echo.capture(frame, 0, reader);
        final Channel channel = connection.channel();
        final ByteBuf out = channel.alloc().ioBuffer(128);
        errorAnswer.write(out, echo, resultCode, errorBit, originHost, originRealm, message, null, frame);
        counters.countAnswer(requestCommand, resultCode);
        channel.write(out, channel.voidPromise());
    }

    private boolean realmServed(final ByteBuf frame, final int offset, final int length)
    {
        for (final byte[] realm : servedRealms)
        {
            if (DiameterIdentities.equalsIgnoreCase(frame, offset, length, realm))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * FNV-1a 64-bit over octets: a stable key for Origin-Host values (also the ledger's origin key).
     *
     * @param buffer holding the octets.
     * @param offset of the first octet.
     * @param length number of octets.
     * @return the hash.
     */
    static long hash(final ByteBuf buffer, final int offset, final int length)
    {
        long hash = 0xcbf2_9ce4_8422_2325L;
        for (int i = 0; i < length; i++)
        {
            hash ^= buffer.getByte(offset + i) & 0xFF;
            hash *= 0x0100_0000_01b3L;
        }
        return hash;
    }

    static long hash(final byte[] octets, final int offset, final int length)
    {
        long hash = 0xcbf2_9ce4_8422_2325L;
        for (int i = 0; i < length; i++)
        {
            hash ^= octets[offset + i] & 0xFF;
            hash *= 0x0100_0000_01b3L;
        }
        return hash;
    }

    @Override
    public void onReply(final LedgerCommand command)
    {
        if (RELEASE_ORIGIN_TOKEN == command.replyToken)
        {
            if (LedgerResult.LIMIT_EXCEEDED == command.result &&
                !releaseContinuations.offer(new long[] {command.originKey, command.requestNumber}))
            {
                LOG.warn("too many origin releases at once: the rest of origin {} is left to supervision",
                    command.originKey);
            }
            return;
        }
        final PendingRequest request = pending[(int)command.replyToken];
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
        long[] continuation;
        while (null != (continuation = releaseContinuations.poll()))
        {
            releasesToPublish.add(continuation);
        }
        publishReleases();
        final long now = clock.time();
        PendingRequest request;
        while (null != (request = replies.poll()))
        {
            final DiameterConnection connection = request.connection;
            final Channel channel = connection.channel();
            if (connection.id() == request.connectionId && channel.isActive())
            {
                final ByteBuf out = channel.alloc().ioBuffer(256);
                final int start = out.writerIndex();
                final int length = responder.encode(out, request, connection);
                answerCache.put(AnswerCache.key(request.originHostKey, request.echo.endToEndId()), out, start,
                    length - request.echo.proxyInfoLength(), now);
                counters.countAnswer(DiameterCounters.commandIndex(CommandCode.CREDIT_CONTROL, request.ccRequestType),
                    ResultCodes.of(request.result));
                channel.write(out, channel.voidPromise());
                markForFlush(connection);
                counters.ccrHandlingTime.record(request.ccRequestType, System.nanoTime() - request.receivedNanos);
            }
            else
            {
                counters.droppedReplies++;
            }
            release(request);
        }
        for (int i = 0; i < toFlushCount; i++)
        {
            toFlush[i].channel().flush();
            toFlush[i] = null;
        }
        toFlushCount = 0;
    }

    private void markForFlush(final DiameterConnection connection)
    {
        for (int i = 0; i < toFlushCount; i++)
        {
            if (toFlush[i] == connection)
            {
                return;
            }
        }
        toFlush[toFlushCount++] = connection;
    }

    /**
     * Timers of RFC 6733 §5.6.1 (CER wait), RFC 3539 §3.4 (watchdog) and the wait for RAA/ASA, driven by the
     * injected clock: production calls this every second from the event loop; tests call it after moving the
     * clock.
     */
    public void onTick()
    {
        publishReleases();
        final long now = clock.time();
        final long tw = settings.watchdogIntervalMs();
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final DiameterConnection connection = connections.get(i);
            final Channel channel = connection.channel();
            switch (connection.state)
            {
                case WAIT_CER ->
                {
                    if (now - connection.connectedAtMs >= settings.cerTimeoutMs())
                    {
                        LOG.info("no CER from {} within {} ms: closing", channel.remoteAddress(),
                            settings.cerTimeoutMs());
                        channel.close();
                    }
                }
                case OPEN ->
                {
                    if (now >= connection.watchdogDeadlineMs)
                    {
                        onWatchdogExpired(connection, now);
                    }
                }
                case CLOSING ->
                {
                    if (connection.closingSinceMs >= 0 && now - connection.closingSinceMs >= tw)
                    {
                        channel.close();
                    }
                }
            }
        }
        expireOutstanding(now);
    }

    /**
     * RFC 3539 §3.4.1: Tw expired, so nothing was received since it was last set (every message received resets it,
     * [2]). No DWR pending: send one. A DWR pending: SUSPECT the first time ([3]: a client would fail over, a server
     * has nowhere to send the peer's requests), DOWN and closed the second ([4]: "at least twice without a response").
     */
    private void onWatchdogExpired(final DiameterConnection connection, final long now)
    {
        if (!connection.watchdogPending)
        {
            sendWatchdog(connection, now);
        }
        else if (!connection.watchdogSuspect)
        {
            connection.watchdogSuspect = true;
            connection.watchdogDeadlineMs = now + watchdogInterval.next();
            LOG.info("Diameter peer {} did not answer its watchdog within Tw: suspect", connection.peerHost);
        }
        else
        {
            counters.watchdogFailures++;
            LOG.info("Diameter peer {} missed two watchdog intervals: closing", connection.peerHost);
            connection.channel().close();
        }
    }

    private void sendWatchdog(final DiameterConnection connection, final long now)
    {
        final Channel channel = connection.channel();
        final int hopByHopId = connection.nextHopByHopId();
        final ByteBuf out = channel.alloc().ioBuffer(128);
        new DeviceWatchdog(node.originHost(), node.originRealm(), node.originStateId(), -1)
            .encodeRequest(encoder.wrap(out), hopByHopId, nextEndToEndId());
        // RFC 3539 §3.4.1 [2]: "On sending a watchdog request, Tw is reset."
        connection.watchdogPending = true;
        connection.watchdogDeadlineMs = now + watchdogInterval.next();
        connection.watchdogHopByHopId = hopByHopId;
        counters.watchdogsSent++;
        channel.writeAndFlush(out, channel.voidPromise());
    }

    /**
     * Send an RAR or ASR on a connection of this lane (RFC 4006 §5.5, RFC 6733 §8.5). Called on the event loop.
     *
     * @param connection  where the session's requests came from.
     * @param commandCode {@link CommandCode#RE_AUTH} or {@link CommandCode#ABORT_SESSION}.
     * @param sessionId   the session.
     * @param destinationHost  the session's Origin-Host.
     * @param destinationRealm the session's Origin-Realm.
     * @param ratingGroup RAR scope, or -1 for the whole session.
     */
    public void sendServerRequest(
        final DiameterConnection connection,
        final int commandCode,
        final byte[] sessionId,
        final String destinationHost,
        final String destinationRealm,
        final long ratingGroup)
    {
        final Channel channel = connection.channel();
        if (DiameterConnection.State.OPEN != connection.state || !channel.isActive())
        {
            counters.serverRequestsFailed++;
            return;
        }
        final int hopByHopId = connection.nextHopByHopId();
        final ByteBuf out = channel.alloc().ioBuffer(256);
        new SessionRequest(commandCode, sessionId, node.originHost(), node.originRealm(), destinationHost,
            destinationRealm, ApplicationIds.CREDIT_CONTROL, 0, ratingGroup, -1)
            .encodeRequest(encoder.wrap(out), hopByHopId, nextEndToEndId());
        connection.outstanding.put(hopByHopId, new OutstandingRequest(commandCode,
            new String(sessionId, StandardCharsets.UTF_8), clock.time()));
        counters.serverRequestsSent++;
        channel.writeAndFlush(out, channel.voidPromise());
    }

    private void expireOutstanding(final long now)
    {
        for (int i = 0; i < connections.size(); i++)
        {
            final Int2ObjectHashMap<OutstandingRequest> outstanding = connections.get(i).outstanding;
            if (outstanding.isEmpty())
            {
                continue;
            }
            final Int2ObjectHashMap<OutstandingRequest>.EntryIterator entries = outstanding.entrySet().iterator();
            while (entries.hasNext())
            {
                entries.next();
                final OutstandingRequest request = entries.getValue();
                if (now - request.sentAtMs >= settings.serverRequestTimeoutMs())
                {
                    counters.serverRequestsFailed++;
                    LOG.info("no answer to {} for session {} within {} ms",
                        request.commandCode == CommandCode.RE_AUTH ? "RAR" : "ASR", request.sessionId,
                        settings.serverRequestTimeoutMs());
                    entries.remove();
                }
            }
        }
    }

    /**
     * Send DPR to every open peer of this lane (clean shutdown, RFC 6733 §5.4).
     */
    public void disconnectPeers()
    {
        for (final DiameterConnection connection : connections)
        {
            if (DiameterConnection.State.OPEN == connection.state)
            {
                final Channel channel = connection.channel();
                final ByteBuf out = channel.alloc().ioBuffer(128);
                final int hopByHopId = connection.nextHopByHopId();
                new DisconnectPeer(node.originHost(), node.originRealm(), 0, -1)
                    .encodeRequest(encoder.wrap(out), hopByHopId, nextEndToEndId());
                connection.disconnectSent = true;
                connection.disconnectHopByHopId = hopByHopId;
                connection.state = DiameterConnection.State.CLOSING;
                connection.closingSinceMs = clock.time();
                channel.writeAndFlush(out, channel.voidPromise());
            }
        }
    }

    /** RFC 6733 §3: locally unique for 4 minutes across the whole server (see {@code DiameterServer}). */
    private int nextEndToEndId()
    {
        return endToEndIds.incrementAndGet();
    }

    /** An RAR or ASR this server sent, waiting for its answer on the connection it went out on. */
    record OutstandingRequest(int commandCode, String sessionId, long sentAtMs)
    {
    }

    /** Fills a ring slot from the CCR being processed: primitives and copied octets only. */
    private final class CcrTranslator implements EventTranslatorOneArg<LedgerCommand, DiameterLane>
    {
        @Override
        public void translateTo(final LedgerCommand command, final long sequence, final DiameterLane lane)
        {
            final PendingRequest request = current;
            final ByteBuf frame = ccr.buffer();
            command.reset();
            command.timestampMs = currentNowMs;
            command.replyLane = replyLane;
            command.replyToken = request.index;
            command.type = commandType(request);
            command.requestNumber = request.ccRequestNumber;
            command.originKey = request.originHostKey;
            final int sessionIdLength = Math.min(ccr.sessionIdLength(), LedgerLimits.MAX_SESSION_KEY_LENGTH);
            frame.getBytes(ccr.sessionIdOffset(), command.sessionKey, 0, sessionIdLength);
            command.sessionKeyLength = sessionIdLength;
            copyIdentities(command, frame);
            if (CcRequestType.INITIAL_REQUEST == request.ccRequestType ||
                CcRequestType.EVENT_REQUEST == request.ccRequestType)
            {
                writeSessionContext(command, request, frame);
            }
            copyServices(command, request);
        }

        private CommandType commandType(final PendingRequest request)
        {
            return switch (request.ccRequestType)
            {
                case CcRequestType.INITIAL_REQUEST -> CommandType.RESERVE;
                case CcRequestType.UPDATE_REQUEST -> CommandType.UPDATE;
                case CcRequestType.TERMINATION_REQUEST -> CommandType.TERMINATE;
                default -> switch (request.requestedAction)
                {
                    case RequestedAction.REFUND_ACCOUNT -> CommandType.REFUND;
                    case RequestedAction.CHECK_BALANCE -> CommandType.CHECK_BALANCE;
                    case RequestedAction.PRICE_ENQUIRY -> CommandType.PRICE_ENQUIRY;
                    default -> CommandType.DIRECT_DEBIT;
                };
            };
        }

        private void copyIdentities(final LedgerCommand command, final ByteBuf frame)
        {
            int count = 0;
            for (int i = 0; i < ccr.subscriptionIdCount() && count < LedgerLimits.MAX_IDENTITIES; i++)
            {
                final int type = ccr.subscriptionIdType(i);
                final int length = ccr.subscriptionIdDataLength(i);
                if (type < SubscriptionIdType.END_USER_E164 || type > SubscriptionIdType.END_USER_PRIVATE ||
                    length > LedgerLimits.MAX_IDENTITY_LENGTH)
                {
                    continue;
                }
                // Subscription-Id-Type values 0-4 are the ledger's IdentityType values (E164, IMSI, SIP_URI, NAI,
                // PRIVATE), by design.
                command.identityType[count] = type;
                frame.getBytes(ccr.subscriptionIdDataOffset(i), command.identity[count], 0, length);
                command.identityLength[count] = length;
                count++;
            }
            if (0 == count && ccr.hasUserName() && ccr.userNameLength() <= LedgerLimits.MAX_IDENTITY_LENGTH)
            {
                command.identityType[0] = SubscriptionIdType.END_USER_NAI;
                frame.getBytes(ccr.userNameOffset(), command.identity[0], 0, ccr.userNameLength());
                command.identityLength[0] = ccr.userNameLength();
                count = 1;
            }
            command.identityCount = count;
        }

        private void writeSessionContext(final LedgerCommand command, final PendingRequest request, final ByteBuf frame)
        {
            final byte[] context = command.sessionContext;
            final DiameterConnection connection = request.connection;
            int position = SessionContext.begin(context);
            position = SessionContext.put(context, position, SessionContext.PEER_HOST, connection.peerHostBytes, 0,
                connection.peerHostBytes.length);
            position = SessionContext.put(context, position, SessionContext.ORIGIN_HOST, frame,
                ccr.originHostOffset(), ccr.originHostLength());
            position = SessionContext.put(context, position, SessionContext.ORIGIN_REALM, frame,
                ccr.originRealmOffset(), ccr.originRealmLength());
            int msisdn = -1;
            int imsi = -1;
            for (int i = 0; i < ccr.subscriptionIdCount(); i++)
            {
                if (msisdn < 0 && SubscriptionIdType.END_USER_E164 == ccr.subscriptionIdType(i))
                {
                    msisdn = i;
                }
                else if (imsi < 0 && SubscriptionIdType.END_USER_IMSI == ccr.subscriptionIdType(i))
                {
                    imsi = i;
                }
            }
            if (msisdn >= 0)
            {
                position = SessionContext.put(context, position, SessionContext.MSISDN, frame,
                    ccr.subscriptionIdDataOffset(msisdn), ccr.subscriptionIdDataLength(msisdn));
            }
            if (imsi >= 0)
            {
                position = SessionContext.put(context, position, SessionContext.IMSI, frame,
                    ccr.subscriptionIdDataOffset(imsi), ccr.subscriptionIdDataLength(imsi));
            }
            else
            {
                position = SessionContext.put(context, position, SessionContext.IMSI, frame, ccr.imsiOffset(),
                    ccr.imsiLength());
            }
            if (ccr.chargingId() >= 0)
            {
                position = SessionContext.putInt(context, position, SessionContext.CHARGING_ID, ccr.chargingId());
            }
            position = SessionContext.put(context, position, SessionContext.APN, frame, ccr.calledStationIdOffset(),
                ccr.calledStationIdLength());
            position = SessionContext.put(context, position, SessionContext.SGSN_MCC_MNC, frame,
                ccr.sgsnMccMncOffset(), ccr.sgsnMccMncLength());
            position = SessionContext.put(context, position, SessionContext.RAT_TYPE, frame, ccr.ratTypeOffset(),
                ccr.ratTypeLength());
            position = SessionContext.put(context, position, SessionContext.SERVICE_CONTEXT_ID, frame,
                ccr.serviceContextIdOffset(), ccr.serviceContextIdLength());
            if (ccr.hasUserName())
            {
                position = SessionContext.put(context, position, SessionContext.USER_NAME, frame,
                    ccr.userNameOffset(), ccr.userNameLength());
            }
            command.sessionContextLength = position;
        }

        private void copyServices(final LedgerCommand command, final PendingRequest request)
        {
            final TariffDirectory directory = tariffs;
            command.serviceCount = request.serviceCount;
            if (request.commandLevelUnits)
            {
                final int unitType = directory.unitType(request.ratingGroups[0]);
                final ServiceRequest service = command.services[0];
                service.reset();
                service.ratingGroup = request.ratingGroups[0];
                service.serviceIdentifier = request.serviceIdentifiers[0];
                service.requestedUnits = units(ccr.requestedServiceUnit(), unitType, true);
                service.usedUnits = units(ccr.usedServiceUnit(), unitType, false);
                if (CcRequestType.EVENT_REQUEST == request.ccRequestType &&
                    ServiceRequest.NONE == service.requestedUnits)
                {
                    service.requestedUnits = 0;
                }
                return;
            }
            for (int i = 0; i < request.serviceCount; i++)
            {
                final MultipleServicesCreditControlDecoder mscc = ccr.mscc(i);
                final ServiceRequest service = command.services[i];
                service.reset();
                service.ratingGroup = mscc.ratingGroup();
                service.serviceIdentifier = mscc.serviceIdentifier();
                final int unitType = directory.unitType(mscc.ratingGroup());
                service.requestedUnits = units(mscc.requested(), unitType, true);
                service.usedUnits = units(mscc.used(), unitType, false);
                service.reportingReason = mscc.effectiveReportingReason();
            }
        }

        /**
         * Units of the tariff's kind out of an RSU or USU (RFC 4006 §8.17-8.19): octets as CC-Total-Octets, or
         * input plus output when only those are sent; seconds as CC-Time; events as CC-Service-Specific-Units.
         * An absent AVP is {@link ServiceRequest#NONE}. An RSU or USU without units of that kind and with none of
         * any other kind (empty, or only zero counts) asks for the default (RSU) or reports nothing (USU: zero; one
         * event for an events tariff). One counting units only of other kinds is {@link ServiceRequest#UNRATABLE}
         * and answered 5031 (RFC 4006 §9.2): a USU's usage happened and cannot be rated, which must not read as
         * free; an RSU asks in a unit type the server does not support for this service, which RFC 4006 §8.18 has
         * it treat as an invalid AVP (the RSU of a one-time event is the amount to debit, refund or price; that of a
         * session, e.g. only CC-Money, asks for a quota a default grant in the tariff's unit would not answer).
         */
        private long units(final ServiceUnits units, final int unitType, final boolean requested)
        {
            if (!units.isPresent())
            {
                return ServiceRequest.NONE;
            }
            // Consulted only where the tariff's own kind is absent, so any non-zero count is of another kind.
            final boolean otherKindsOnly = 0 != units.timeSeconds() || 0 != units.volumeOctets() ||
                0 != units.serviceSpecificUnits() || 0 != units.moneyValueDigits();
            final long otherKinds = otherKindsOnly ? ServiceRequest.UNRATABLE : 0;
            switch (unitType)
            {
                case UnitType.SECONDS:
                    return units.has(ServiceUnits.TIME) ? units.timeSeconds() : otherKinds;
                case UnitType.EVENTS:
                    return units.has(ServiceUnits.SERVICE_SPECIFIC_UNITS) ? units.serviceSpecificUnits() :
                        otherKindsOnly ? ServiceRequest.UNRATABLE : requested ? 0 : 1;
                case UnitType.OCTETS:
                    return units.hasVolume() ? Math.max(0, units.volumeOctets()) : otherKinds;
                default:
                    // No tariff: the ledger answers RATING_FAILED; pass whatever was reported.
                    return units.hasVolume() ? units.volumeOctets() : units.has(ServiceUnits.TIME) ?
                        units.timeSeconds() : units.serviceSpecificUnits();
            }
        }
    }

    /** Fills a RELEASE_ORIGIN_SESSIONS slot. */
    private final class ReleaseOriginTranslator implements EventTranslatorOneArg<LedgerCommand, DiameterLane>
    {
        @Override
        public void translateTo(final LedgerCommand command, final long sequence, final DiameterLane lane)
        {
            command.reset();
            command.type = CommandType.RELEASE_ORIGIN_SESSIONS;
            command.timestampMs = currentNowMs;
            command.originKey = releaseOriginKey;
            command.requestNumber = releaseOriginBoundary;
            command.replyLane = replyLane;
            command.replyToken = RELEASE_ORIGIN_TOKEN;
        }
    }

    @Override
    public String toString()
    {
        return "DiameterLane{" + index + ", connections=" + connections.size() + ", pending=" + pendingCount() + "}";
    }

    /**
     * A peer connection as metrics see it.
     *
     * @param peerHost Origin-Host from its CER, or null before CER.
     * @param state    {@code wait_cer}, {@code open} or {@code closing}.
     */
    public record PeerStatus(String peerHost, String state)
    {
    }

    /**
     * The lane's connections and their states, read on its event loop (metrics scrape; waits for the loop).
     *
     * @return one entry per connection.
     */
    public List<PeerStatus> peerStatuses()
    {
        final List<PeerStatus> statuses = new ArrayList<>();
        for (final DiameterConnection connection : connections())
        {
            statuses.add(new PeerStatus(connection.peerHost,
                connection.state.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return statuses;
    }

    /**
     * The lane's connections, copied on its event loop (for tests and the admin view).
     *
     * @return a copy of the list.
     */
    List<DiameterConnection> connections()
    {
        if (eventLoop.inEventLoop())
        {
            return new ArrayList<>(connections);
        }
        return eventLoop.submit(() -> new ArrayList<>(connections)).syncUninterruptibly().getNow();
    }

}
