package io.gyro.simulator.bras;

import io.gyro.protocol.radius.RadiusAttributeIterator;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusAuthenticators;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.protocol.radius.RadiusPacketDescriptor;
import io.gyro.protocol.radius.RadiusPacketEncoder;
import io.gyro.protocol.radius.RadiusPacketFlyweight;
import io.gyro.protocol.radius.RadiusSecret;
import io.gyro.simulator.verify.BalanceSource;
import io.gyro.simulator.verify.SubscriberBalance;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A RADIUS server for tests, built on the protocol module's codec: authentication and accounting on loopback UDP
 * ports, every request's authenticators checked, Access-Accept with Message-Authenticator first, Session-Timeout,
 * Acct-Interim-Interval and a Class; accounting charged from cumulative counters (the delta against the last
 * record, per started MiB of the session total); Disconnect-Request sent to the NAS on command.
 */
public final class FakeRadiusServer implements BalanceSource, AutoCloseable
{
    static final RadiusSecret SECRET = RadiusSecret.ofUtf8("testing123");
    static final long MIB = 1_048_576;
    static final long PRICE_MINOR = 100;

    /**
     * One Accounting-Request as received.
     *
     * @param statusType      Acct-Status-Type.
     * @param acctSessionId   Acct-Session-Id.
     * @param userName        User-Name.
     * @param inputOctets     64-bit input counter, -1 when absent.
     * @param outputOctets    64-bit output counter, -1 when absent.
     * @param inputGigawords  Acct-Input-Gigawords, -1 when absent.
     * @param sessionTime     Acct-Session-Time, -1 when absent.
     * @param terminateCause  Acct-Terminate-Cause, -1 when absent.
     * @param classValue      the Class echoed, or null.
     */
    public record Accounting(
        int statusType,
        String acctSessionId,
        String userName,
        long inputOctets,
        long outputOctets,
        long inputGigawords,
        long sessionTime,
        long terminateCause,
        String classValue)
    {
    }

    /** Called on the server's event loop after each Accounting-Response. */
    public interface Hook
    {
        /**
         * @param server     the server.
         * @param accounting the request answered.
         */
        void afterAccounting(FakeRadiusServer server, Accounting accounting);
    }

    private static final class Session
    {
        String msisdn;
        long chargedMinor;
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private final List<Accounting> accounting = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<Integer, CompletableFuture<Integer>> pending = new HashMap<>();
    private final AtomicInteger identifiers = new AtomicInteger();
    private final long sessionTimeoutSeconds;
    private volatile Hook hook;
    private Channel auth;
    private Channel acct;
    private int classes;
    private int rejects;

    /**
     * @param sessionTimeoutSeconds Session-Timeout put in every Access-Accept.
     */
    public FakeRadiusServer(final long sessionTimeoutSeconds)
    {
        this.sessionTimeoutSeconds = sessionTimeoutSeconds;
    }

    /**
     * @return this, listening.
     * @throws InterruptedException when interrupted.
     */
    public FakeRadiusServer start() throws InterruptedException
    {
        auth = bind(new Handler(false));
        acct = bind(new Handler(true));
        return this;
    }

    private Channel bind(final Handler handler) throws InterruptedException
    {
        return new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(handler)
            .bind("127.0.0.1", 0).sync().channel();
    }

    /** @return authentication port. */
    public int authPort()
    {
        return ((InetSocketAddress)auth.localAddress()).getPort();
    }

    /** @return accounting port. */
    public int acctPort()
    {
        return ((InetSocketAddress)acct.localAddress()).getPort();
    }

    /**
     * @param first        first MSISDN.
     * @param count        subscribers.
     * @param balanceMinor opening balance of each.
     * @return this.
     */
    public synchronized FakeRadiusServer accounts(final long first, final int count, final long balanceMinor)
    {
        for (int i = 0; i < count; i++)
        {
            balances.put(Long.toString(first + i), balanceMinor);
        }
        return this;
    }

    /** @param hook called after each accounting answer. */
    public void hook(final Hook hook)
    {
        this.hook = hook;
    }

    /** @return accounting requests, in order. */
    public synchronized List<Accounting> accounting()
    {
        return new ArrayList<>(accounting);
    }

    /** @return Access-Rejects sent (to subscribers without an account). */
    public synchronized int rejects()
    {
        return rejects;
    }

    /** @return requests that failed a check. */
    public synchronized List<String> problems()
    {
        return new ArrayList<>(problems);
    }

    /** @return accounting sessions not stopped. */
    public synchronized List<String> openSessions()
    {
        return new ArrayList<>(sessions.keySet());
    }

    @Override
    public synchronized SubscriberBalance balance(final String msisdn)
    {
        final Long balance = balances.get(msisdn);
        return null == balance ? null : new SubscriberBalance(balance, 0, balance, 4);
    }

    /**
     * Send a Disconnect-Request (RFC 5176) to the NAS.
     *
     * @param acctSessionId the session.
     * @param coaPort       the NAS's CoA port on 127.0.0.1.
     * @return the response Code and, in the high bits, its Error-Cause (code | cause << 8).
     */
    public CompletableFuture<Integer> disconnect(final String acctSessionId, final int coaPort)
    {
        final int identifier = identifiers.incrementAndGet() & 0xFF;
        final CompletableFuture<Integer> answer = new CompletableFuture<>();
        synchronized (this)
        {
            pending.put(identifier, answer);
        }
        acct.eventLoop().execute(() ->
        {
            final byte[] id = acctSessionId.getBytes(StandardCharsets.US_ASCII);
            final ByteBuf buffer = acct.alloc().buffer(64);
            new RadiusPacketEncoder(new RadiusAuthenticators()).start(buffer, RadiusCode.DISCONNECT_REQUEST, identifier)
                .putBytes(RadiusAttributeType.ACCT_SESSION_ID, id, 0, id.length)
                .finishRequest(SECRET);
            synchronized (this)
            {
                disconnectAuthenticators.put(identifier, copyAuthenticator(buffer));
            }
            acct.writeAndFlush(new DatagramPacket(buffer, new InetSocketAddress("127.0.0.1", coaPort)));
        });
        return answer;
    }

    private final Map<Integer, byte[]> disconnectAuthenticators = new HashMap<>();

    private static byte[] copyAuthenticator(final ByteBuf packet)
    {
        final byte[] authenticator = new byte[RadiusPacketDescriptor.AUTHENTICATOR_LENGTH];
        packet.getBytes(packet.readerIndex() + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, authenticator);
        return authenticator;
    }

    @Override
    public void close() throws InterruptedException
    {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket>
    {
        private final boolean accountingPort;
        private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
        private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(authenticators);
        private final RadiusPacketFlyweight packet = new RadiusPacketFlyweight();
        private final RadiusAttributeIterator attributes = new RadiusAttributeIterator();

        Handler(final boolean accountingPort)
        {
            this.accountingPort = accountingPort;
        }

        private String string(final int type)
        {
            return packet.findFirst(type, attributes) ? attributes.stringValue() : null;
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final DatagramPacket datagram)
        {
            final ByteBuf content = datagram.content();
            final int offset = content.readerIndex();
            packet.wrap(content, offset, content.readableBytes());
            final int code = packet.code();
            if (RadiusCode.DISCONNECT_ACK == code || RadiusCode.DISCONNECT_NAK == code)
            {
                final byte[] requestAuthenticator;
                final CompletableFuture<Integer> answer;
                synchronized (FakeRadiusServer.this)
                {
                    requestAuthenticator = disconnectAuthenticators.remove(packet.identifier());
                    answer = pending.remove(packet.identifier());
                }
                if (null == answer || !authenticators.verifyResponse(content, offset, requestAuthenticator, 0, SECRET))
                {
                    synchronized (FakeRadiusServer.this)
                    {
                        problems.add("bad or unexpected Disconnect answer " + code);
                    }
                    return;
                }
                answer.complete(code | (int)packet.unsignedInt(RadiusAttributeType.ERROR_CAUSE, 0) << 8);
                return;
            }
            if (!authenticators.verifyRequest(content, offset, SECRET))
            {
                synchronized (FakeRadiusServer.this)
                {
                    problems.add("request failed authentication: code " + code);
                }
                return;
            }
            final byte[] requestAuthenticator = new byte[RadiusPacketDescriptor.AUTHENTICATOR_LENGTH];
            packet.copyAuthenticator(requestAuthenticator, 0);
            final ByteBuf reply = ctx.alloc().buffer(128);
            if (!accountingPort && RadiusCode.ACCESS_REQUEST == code)
            {
                final String user = string(RadiusAttributeType.USER_NAME);
                final boolean known;
                synchronized (FakeRadiusServer.this)
                {
                    known = balances.containsKey(user);
                    if (!packet.hasAttribute(RadiusAttributeType.MESSAGE_AUTHENTICATOR) ||
                        !packet.hasAttribute(RadiusAttributeType.USER_PASSWORD))
                    {
                        problems.add("Access-Request without Message-Authenticator or User-Password");
                    }
                }
                if (known)
                {
                    final byte[] classValue = ("gyro-class-" + (++classes)).getBytes(StandardCharsets.US_ASCII);
                    encoder.startWithMessageAuthenticator(reply, RadiusCode.ACCESS_ACCEPT, packet.identifier())
                        .putInt(RadiusAttributeType.SESSION_TIMEOUT, (int)sessionTimeoutSeconds)
                        .putInt(RadiusAttributeType.ACCT_INTERIM_INTERVAL, 300)
                        .putBytes(RadiusAttributeType.CLASS, classValue, 0, classValue.length);
                }
                else
                {
                    synchronized (FakeRadiusServer.this)
                    {
                        rejects++;
                    }
                    encoder.startWithMessageAuthenticator(reply, RadiusCode.ACCESS_REJECT, packet.identifier());
                }
                encoder.finishResponse(requestAuthenticator, 0, SECRET);
                ctx.writeAndFlush(new DatagramPacket(reply, datagram.sender()));
                return;
            }
            if (!accountingPort || RadiusCode.ACCOUNTING_REQUEST != code)
            {
                reply.release();
                return;
            }
            final Accounting record = new Accounting(
                (int)packet.unsignedInt(RadiusAttributeType.ACCT_STATUS_TYPE, -1),
                string(RadiusAttributeType.ACCT_SESSION_ID),
                string(RadiusAttributeType.USER_NAME),
                packet.acctInputOctets64(),
                packet.acctOutputOctets64(),
                packet.unsignedInt(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, -1),
                packet.unsignedInt(RadiusAttributeType.ACCT_SESSION_TIME, -1),
                packet.unsignedInt(RadiusAttributeType.ACCT_TERMINATE_CAUSE, -1),
                string(RadiusAttributeType.CLASS));
            synchronized (FakeRadiusServer.this)
            {
                accounting.add(record);
                if (BrasConnection.STATUS_START == record.statusType())
                {
                    final Session session = new Session();
                    session.msisdn = record.userName();
                    sessions.put(record.acctSessionId(), session);
                }
                else
                {
                    final Session session = BrasConnection.STATUS_STOP == record.statusType() ?
                        sessions.remove(record.acctSessionId()) : sessions.get(record.acctSessionId());
                    if (null == session)
                    {
                        problems.add("accounting for an unknown session " + record);
                    }
                    else
                    {
                        final long total = record.inputOctets() + record.outputOctets();
                        final long charged = total <= 0 ? 0 : ((total - 1) / MIB + 1) * PRICE_MINOR;
                        balances.merge(session.msisdn, -(charged - session.chargedMinor), Long::sum);
                        session.chargedMinor = charged;
                    }
                }
            }
            encoder.start(reply, RadiusCode.ACCOUNTING_RESPONSE, packet.identifier())
                .finishResponse(requestAuthenticator, 0, SECRET);
            ctx.writeAndFlush(new DatagramPacket(reply, datagram.sender()));
            final Hook current = hook;
            if (null != current)
            {
                current.afterAccounting(FakeRadiusServer.this, record);
            }
        }
    }
}
