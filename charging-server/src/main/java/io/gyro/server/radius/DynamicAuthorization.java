package io.gyro.server.radius;

import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusAuthenticators;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.protocol.radius.RadiusPacketDescriptor;
import io.gyro.protocol.radius.RadiusPacketEncoder;
import io.gyro.protocol.radius.RadiusPacketFlyweight;
import io.gyro.protocol.radius.RadiusPacketValidator;
import io.gyro.protocol.radius.RadiusValidationResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Dynamic Authorization Client of RFC 5176: sends Disconnect-Request and CoA-Request to a NAS's CoA port and
 * matches their ACK/NAK. Each request is encoded once (Message-Authenticator first, then the Request
 * Authenticator, RFC 5176 §3.4) and retransmitted unchanged, same Identifier and source port (§2.3), on the
 * RFC 5080 §2.2.1 schedule: RT = IRT·(1+RAND), then 2·RT·(1+RAND) capped at MRT, RAND uniform in ±0.1, given up
 * after MRC transmissions or MRD. An Identifier is not reused toward a NAS while its request is outstanding;
 * with 256 in flight to one NAS, further requests wait in a bounded queue (PROTOCOLS.md pitfall 16).
 * <p>
 * Replay protection without IPsec (RFC 5176 §6.3): every request carries Event-Timestamp, the time of its first
 * transmission (a retransmission is the same packet, §2.3), and an ACK/NAK whose Event-Timestamp is more than
 * {@link #EVENT_TIMESTAMP_WINDOW_SECONDS} away from the clock is silently discarded and counted.
 * <p>
 * Runs on the lane's event loop only; time comes from the injected clock and moves through {@link #onTick}.
 * Requests are rare (balance exhausted, operator action, top-up), so this path may allocate.
 */
final class DynamicAuthorization
{
    private static final Logger LOG = LoggerFactory.getLogger(DynamicAuthorization.class);
    /** Identifiers per destination: one octet (RFC 2865 §3). */
    private static final int IDENTIFIERS = 256;
    /** Requests waiting for an Identifier toward one NAS; past this they fail (counted). */
    static final int MAX_QUEUED_PER_NAS = 4096;
    /** RFC 5080 §2.2.1: RAND is uniformly distributed between -0.1 and +0.1. */
    private static final double JITTER = 0.1;
    /** A request encodes well below this (identification attributes, one quota VSA). */
    private static final int INITIAL_PACKET_CAPACITY = 256;
    /**
     * How far a reply's Event-Timestamp may be from the clock, either way (RFC 5176 §6.3 leaves the window to the
     * implementation; five minutes is the usual NAS default and covers clocks kept by NTP).
     */
    static final long EVENT_TIMESTAMP_WINDOW_SECONDS = 300;
    private static final long MS_PER_SECOND = 1000;

    /** What identifies a session to its NAS (RFC 5176 §3: NAS and session identification attributes). */
    static final class Target
    {
        NasClient client;
        InetAddress nasAddress;
        long nasIpAddress = -1;
        byte[] nasIdentifier;
        byte[] userName;
        byte[] acctSessionId;
        /** For logs: the Acct-Session-Id or the ledger key as text. */
        String label;
    }

    private static final class Outstanding
    {
        int code;
        Destination destination;
        Target target;
        int unitType;
        long grantedUnits;
        long sessionUsedUnits;
        int identifier = -1;
        byte[] packet;
        final byte[] authenticator = new byte[RadiusPacketDescriptor.AUTHENTICATOR_LENGTH];
        long firstSentMs;
        long nextSendMs;
        long timeoutMs;
        int transmissions;
    }

    private static final class Destination
    {
        final InetSocketAddress address;
        final Outstanding[] byIdentifier = new Outstanding[IDENTIFIERS];
        final ArrayDeque<Outstanding> queue = new ArrayDeque<>();
        int nextIdentifier;
        int inFlight;

        Destination(final InetSocketAddress address)
        {
            this.address = address;
        }
    }

    private final RadiusSettings settings;
    private final RadiusCounters counters;
    private final EpochClock clock;
    private final RadiusPacketEncoder encoder;
    private final RadiusAuthenticators authenticators;
    private final RadiusPacketFlyweight reply = new RadiusPacketFlyweight();
    private final SplittableRandom random;
    private final Map<InetAddress, Destination> destinations = new HashMap<>();
    private final List<Outstanding> outstanding = new ArrayList<>();
    private Channel channel;

    DynamicAuthorization(
        final RadiusSettings settings,
        final RadiusCounters counters,
        final EpochClock clock,
        final RadiusAuthenticators authenticators,
        final RadiusPacketEncoder encoder,
        final long seed)
    {
        this.settings = settings;
        this.counters = counters;
        this.clock = clock;
        this.authenticators = authenticators;
        this.encoder = encoder;
        this.random = new SplittableRandom(seed);
    }

    void channel(final Channel channel)
    {
        this.channel = channel;
    }

    /** @return requests sent and not yet answered or given up, plus those waiting for an Identifier. */
    int outstandingCount()
    {
        int queued = 0;
        for (final Destination destination : destinations.values())
        {
            queued += destination.queue.size();
        }
        return outstanding.size() + queued;
    }

    /**
     * End a session in the NAS (RFC 5176 §3.1).
     *
     * @param target the session.
     * @return false when it could not be sent (counted).
     */
    boolean disconnect(final Target target)
    {
        return submit(RadiusCode.DISCONNECT_REQUEST, target, 0, 0, 0);
    }

    /**
     * Give a session a new quota (RFC 5176 §3.2).
     *
     * @param target           the session.
     * @param unitType         unit of the grant.
     * @param grantedUnits     units just reserved.
     * @param sessionUsedUnits units the session used so far (whole-session limits add them).
     * @return false when it could not be sent (counted).
     */
    boolean changeQuota(final Target target, final int unitType, final long grantedUnits, final long sessionUsedUnits)
    {
        return submit(RadiusCode.COA_REQUEST, target, unitType, grantedUnits, sessionUsedUnits);
    }

    private boolean submit(
        final int code, final Target target, final int unitType, final long grantedUnits, final long sessionUsedUnits)
    {
        if (null == channel || null == target.client || null == target.nasAddress)
        {
            counters.dynamicAuthorizationFailures++;
            LOG.info("cannot send {} for session {}: NAS or its address unknown", RadiusCode.name(code), target.label);
            return false;
        }
        final Destination destination = destinations.computeIfAbsent(target.nasAddress,
            address -> new Destination(new InetSocketAddress(address, settings.coaPort())));
        final Outstanding request = new Outstanding();
        request.code = code;
        request.destination = destination;
        request.target = target;
        request.unitType = unitType;
        request.grantedUnits = grantedUnits;
        request.sessionUsedUnits = sessionUsedUnits;
        if (destination.inFlight == IDENTIFIERS)
        {
            if (destination.queue.size() >= MAX_QUEUED_PER_NAS)
            {
                counters.dynamicAuthorizationFailures++;
                LOG.warn("too many {} waiting for NAS {}: dropped for session {}", RadiusCode.name(code),
                    destination.address, target.label);
                return false;
            }
            destination.queue.add(request);
            return true;
        }
        send(request, clock.time());
        return true;
    }

    private void send(final Outstanding request, final long nowMs)
    {
        final Destination destination = request.destination;
        int identifier = destination.nextIdentifier;
        while (null != destination.byIdentifier[identifier])
        {
            identifier = (identifier + 1) & 0xFF;
        }
        destination.nextIdentifier = (identifier + 1) & 0xFF;
        destination.byIdentifier[identifier] = request;
        destination.inFlight++;
        request.identifier = identifier;
        request.packet = encode(request, nowMs);
        System.arraycopy(request.packet, RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, request.authenticator, 0,
            RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
        request.firstSentMs = nowMs;
        request.timeoutMs = jittered(settings.coaInitialTimeoutMs());
        request.nextSendMs = Math.min(nowMs + request.timeoutMs, nowMs + settings.coaMaxDurationMs());
        request.transmissions = 1;
        outstanding.add(request);
        if (RadiusCode.DISCONNECT_REQUEST == request.code)
        {
            counters.disconnectRequests++;
        }
        else
        {
            counters.coaRequests++;
        }
        LOG.info("{} to {} for session {}", RadiusCode.name(request.code), destination.address, request.target.label);
        transmit(request);
    }

    private byte[] encode(final Outstanding request, final long nowMs)
    {
        final Target target = request.target;
        final ByteBuf buffer = Unpooled.buffer(INITIAL_PACKET_CAPACITY);
        try
        {
            encoder.start(buffer, request.code, request.identifier).putMessageAuthenticator();
            if (target.nasIpAddress >= 0)
            {
                encoder.putInt(RadiusAttributeType.NAS_IP_ADDRESS, (int)target.nasIpAddress);
            }
            putBytes(RadiusAttributeType.NAS_IDENTIFIER, target.nasIdentifier);
            putBytes(RadiusAttributeType.USER_NAME, target.userName);
            putBytes(RadiusAttributeType.ACCT_SESSION_ID, target.acctSessionId);
            if (RadiusCode.COA_REQUEST == request.code)
            {
                target.client.vendor().putQuota(encoder, request.unitType, request.grantedUnits,
                    request.sessionUsedUnits);
            }
            // RFC 5176 §6.3: SHOULD be included where IPsec does not protect against replays; RFC 2869 §5.3: Unix
            // seconds, an unsigned 32-bit value.
            encoder.putInt(RadiusAttributeType.EVENT_TIMESTAMP, (int)(nowMs / MS_PER_SECOND));
            encoder.finishRequest(target.client.secret());
            final byte[] bytes = new byte[buffer.readableBytes()];
            buffer.getBytes(buffer.readerIndex(), bytes);
            return bytes;
        }
        finally
        {
            buffer.release();
        }
    }

    private void putBytes(final int type, final byte[] value)
    {
        if (null != value && value.length > 0)
        {
            encoder.putBytes(type, value, 0, Math.min(value.length, RadiusPacketDescriptor.MAX_ATTRIBUTE_VALUE_LENGTH));
        }
    }

    private void transmit(final Outstanding request)
    {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(request.packet), request.destination.address),
            channel.voidPromise());
    }

    private long jittered(final long timeoutMs)
    {
        return Math.max(1, Math.round(timeoutMs * (1 + random.nextDouble(-JITTER, JITTER))));
    }

    /**
     * A datagram on the CoA socket: a Disconnect/CoA ACK or NAK.
     *
     * @param packet the datagram; not retained.
     * @return the reason it was dropped, or null when it answered a request.
     */
    RadiusDropReason onReply(final DatagramPacket packet)
    {
        final ByteBuf content = packet.content();
        final int offset = content.readerIndex();
        final RadiusValidationResult valid = RadiusPacketValidator.validate(content, offset, content.readableBytes());
        if (RadiusValidationResult.OK != valid)
        {
            return RadiusDropReason.of(valid);
        }
        reply.wrap(content, offset, content.readableBytes());
        final int code = reply.code();
        final Destination destination = destinations.get(packet.sender().getAddress());
        final Outstanding request = null == destination ? null : destination.byIdentifier[reply.identifier()];
        if (null == request || !answers(request.code, code))
        {
            return RadiusCode.isResponse(code) ? RadiusDropReason.UNMATCHED_REPLY : RadiusDropReason.WRONG_PORT;
        }
        if (!authenticators.verifyResponse(content, offset, request.authenticator, 0,
            request.target.client.secret()))
        {
            return RadiusDropReason.BAD_REPLY_AUTHENTICATOR;
        }
        final long nowMs = clock.time();
        if (reply.countAttributes(RadiusAttributeType.EVENT_TIMESTAMP) > 0 &&
            !isCurrent(reply.unsignedInt(RadiusAttributeType.EVENT_TIMESTAMP, -1), nowMs))
        {
            // RFC 5176 §6.3: not current (or not a 4-octet Time), so silently discarded; the request stays outstanding
            // and is retransmitted.
            return RadiusDropReason.STALE_REPLY;
        }
        if (RadiusCode.DISCONNECT_ACK == code || RadiusCode.COA_ACK == code)
        {
            counters.dynamicAuthorizationAcks++;
            LOG.info("{} from {} for session {}", RadiusCode.name(code), destination.address, request.target.label);
        }
        else
        {
            // RFC 5176 §3.5: Error-Cause says why; 503 Session-Context-Not-Found means the session is gone already.
            final long errorCause = reply.unsignedInt(RadiusAttributeType.ERROR_CAUSE, 0);
            counters.dynamicAuthorizationNaks++;
            counters.lastErrorCause = errorCause;
            LOG.info("{} from {} for session {}: Error-Cause {}", RadiusCode.name(code), destination.address,
                request.target.label, errorCause);
        }
        finish(request, nowMs);
        return null;
    }

    /**
     * @param eventTimestamp a reply's Event-Timestamp in Unix seconds, or -1 when it is malformed.
     */
    private static boolean isCurrent(final long eventTimestamp, final long nowMs)
    {
        return eventTimestamp >= 0 && Math.abs(nowMs / MS_PER_SECOND - eventTimestamp) <= EVENT_TIMESTAMP_WINDOW_SECONDS;
    }

    private static boolean answers(final int requestCode, final int replyCode)
    {
        return RadiusCode.DISCONNECT_REQUEST == requestCode ?
            RadiusCode.DISCONNECT_ACK == replyCode || RadiusCode.DISCONNECT_NAK == replyCode :
            RadiusCode.COA_ACK == replyCode || RadiusCode.COA_NAK == replyCode;
    }

    private void finish(final Outstanding request, final long nowMs)
    {
        outstanding.remove(request);
        final Destination destination = request.destination;
        destination.byIdentifier[request.identifier] = null;
        destination.inFlight--;
        final Outstanding waiting = destination.queue.poll();
        if (null != waiting)
        {
            send(waiting, nowMs);
        }
    }

    /**
     * Retransmit what is due and give up on what ran out of transmissions or time.
     *
     * @param nowMs the injected clock's time.
     */
    void onTick(final long nowMs)
    {
        for (int i = outstanding.size() - 1; i >= 0 && i < outstanding.size(); i--)
        {
            final Outstanding request = outstanding.get(i);
            if (nowMs < request.nextSendMs)
            {
                continue;
            }
            if (request.transmissions >= settings.coaMaxTransmissions() ||
                nowMs - request.firstSentMs >= settings.coaMaxDurationMs())
            {
                counters.dynamicAuthorizationTimeouts++;
                LOG.info("no answer to {} from {} for session {} after {} transmissions", RadiusCode.name(request.code),
                    request.destination.address, request.target.label, request.transmissions);
                finish(request, nowMs);
                continue;
            }
            request.timeoutMs = jittered(Math.min(2 * request.timeoutMs, settings.coaMaxTimeoutMs()));
            request.nextSendMs = Math.min(nowMs + request.timeoutMs, request.firstSentMs + settings.coaMaxDurationMs());
            request.transmissions++;
            counters.dynamicAuthorizationRetransmissions++;
            transmit(request);
        }
    }

    /**
     * @param bytes octets, possibly null.
     * @return them as text for logs, or null.
     */
    static String text(final byte[] bytes)
    {
        return null == bytes ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
