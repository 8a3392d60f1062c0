package io.gyro.simulator.pgw;

import io.gyro.protocol.diameter.DiameterFrameDecoder;
import io.gyro.protocol.diameter.DiameterHeaderFlyweight;
import io.gyro.protocol.diameter.DiameterValidator;
import io.gyro.protocol.diameter.base.SessionRequest;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.CcRequestType;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.simulator.verify.BalanceSource;
import io.gyro.simulator.verify.SubscriberBalance;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small online charging system for tests, built on the protocol module: answers CER, DWR and DPR; validates every
 * CCR against the dictionary; grants from an in-memory balance model that charges like the real server
 * ({@code ceil(session total / quantum) x price} per session and rating group, reservations held while a session
 * is open, Final-Unit-Indication when the grant is the last the balance allows, per-MSCC 4012 when nothing is
 * left); can shed the next CCRs with 3004 and send RAR and ASR on command. Loopback, port 0, one event loop.
 */
public final class FakeOcs implements BalanceSource, AutoCloseable
{
    /**
     * A tariff of the fake.
     *
     * @param unitKind     {@link ServiceUnits} kind granted.
     * @param quantum      units per quantum.
     * @param priceMinor   price per started quantum.
     * @param defaultGrant units granted to an empty RSU.
     */
    public record FakeTariff(int unitKind, long quantum, long priceMinor, long defaultGrant)
    {
        long cost(final long units)
        {
            return units <= 0 ? 0 : ((units - 1) / quantum + 1) * priceMinor;
        }
    }

    /** Called on the server's event loop after each CCA is written. */
    public interface Hook
    {
        /**
         * @param ocs        the server.
         * @param ccr        the request answered.
         * @param resultCode command-level Result-Code of the answer.
         */
        void afterAnswer(FakeOcs ocs, Ccr ccr, long resultCode);
    }

    private static final class Account
    {
        long balanceMinor;
        long reservedMinor;
    }

    private static final class Session
    {
        String msisdn;
        Channel channel;
        String originHost;
        long usedUnits;
        long chargedMinor;
        long reservedMinor;
    }

    private final Map<Long, FakeTariff> tariffs = new HashMap<>();
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private final List<Ccr> received = new ArrayList<>();
    private final List<String> invalid = new ArrayList<>();
    private final Map<Integer, CompletableFuture<Long>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger crashAt = new AtomicInteger(-1);
    private final AtomicInteger hopByHop = new AtomicInteger(0x7000_0000);
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final DiameterDictionary dictionary = DiameterDictionary.standard();
    private volatile Hook hook;
    private Channel server;

    /** Tariffs of the bundled demo configuration: RG 10 data, 20 voice, 30 events. */
    public FakeOcs()
    {
        tariffs.put(10L, new FakeTariff(ServiceUnits.TOTAL_OCTETS, 1_048_576, 100, 10 * 1_048_576));
        tariffs.put(20L, new FakeTariff(ServiceUnits.TIME, 1, 100, 300));
        tariffs.put(30L, new FakeTariff(ServiceUnits.SERVICE_SPECIFIC_UNITS, 1, 500, 1));
    }

    /**
     * @return this, listening on 127.0.0.1 and an ephemeral port.
     * @throws InterruptedException when interrupted.
     */
    public FakeOcs start() throws InterruptedException
    {
        server = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<>()
            {
                @Override
                protected void initChannel(final Channel channel)
                {
                    channel.pipeline().addLast(new DiameterFrameDecoder(), new Handler());
                }
            })
            .bind("127.0.0.1", 0).sync().channel();
        return this;
    }

    /** @return the listening port. */
    public int port()
    {
        return ((InetSocketAddress)server.localAddress()).getPort();
    }

    /**
     * @param msisdn       subscriber.
     * @param balanceMinor opening balance.
     * @return this.
     */
    public synchronized FakeOcs account(final String msisdn, final long balanceMinor)
    {
        accounts.computeIfAbsent(msisdn, key -> new Account()).balanceMinor = balanceMinor;
        return this;
    }

    /**
     * @param firstMsisdn  first subscriber.
     * @param count        subscribers.
     * @param balanceMinor each one's opening balance.
     * @return this.
     */
    public FakeOcs accounts(final long firstMsisdn, final int count, final long balanceMinor)
    {
        for (int i = 0; i < count; i++)
        {
            account(Long.toString(firstMsisdn + i), balanceMinor);
        }
        return this;
    }

    /**
     * Move money behind the simulator's back (a server bug, for the verification tests).
     *
     * @param msisdn     subscriber.
     * @param deltaMinor added to the balance.
     */
    public synchronized void adjust(final String msisdn, final long deltaMinor)
    {
        accounts.get(msisdn).balanceMinor += deltaMinor;
    }

    /** @param count next CCRs to answer with 3004 DIAMETER_TOO_BUSY. */
    public void answerBusy(final int count)
    {
        busy.set(count);
    }

    /**
     * Behave like a server that dies while a request is in flight: the {@code count}-th CCR from now is received but
     * never answered, and its connection is closed at once.
     *
     * @param count 1 for the next CCR.
     */
    public void crashOnCcr(final int count)
    {
        crashAt.set(count);
    }

    /** @param hook called after each CCA, or null. */
    public void hook(final Hook hook)
    {
        this.hook = hook;
    }

    /** @return every CCR received, in order. */
    public synchronized List<Ccr> received()
    {
        return new ArrayList<>(received);
    }

    /**
     * @param sessionId a session.
     * @return its CCRs, in order.
     */
    public synchronized List<Ccr> received(final String sessionId)
    {
        final List<Ccr> out = new ArrayList<>();
        for (final Ccr ccr : received)
        {
            if (ccr.sessionId().equals(sessionId))
            {
                out.add(ccr);
            }
        }
        return out;
    }

    /** @return CCRs the dictionary validation refused, with the reason. */
    public synchronized List<String> invalid()
    {
        return new ArrayList<>(invalid);
    }

    /** @return sessions still open. */
    public synchronized List<String> openSessions()
    {
        return new ArrayList<>(sessions.keySet());
    }

    @Override
    public synchronized SubscriberBalance balance(final String msisdn)
    {
        final Account account = accounts.get(msisdn);
        return null == account ? null : new SubscriberBalance(account.balanceMinor, account.reservedMinor,
            account.balanceMinor - account.reservedMinor, 4);
    }

    /**
     * Send a RAR (or ASR) for an open session from the server's event loop.
     *
     * @param commandCode {@link CommandCode#RE_AUTH} or {@link CommandCode#ABORT_SESSION}.
     * @param sessionId   the session.
     * @return the answer's Result-Code.
     */
    public CompletableFuture<Long> send(final int commandCode, final String sessionId)
    {
        final Session session;
        synchronized (this)
        {
            session = sessions.get(sessionId);
        }
        if (null == session)
        {
            return CompletableFuture.failedFuture(new IllegalStateException("no open session " + sessionId));
        }
        final CompletableFuture<Long> answer = new CompletableFuture<>();
        final int hbh = hopByHop.incrementAndGet();
        pending.put(hbh, answer);
        session.channel.eventLoop().execute(() -> session.channel.writeAndFlush(DiameterTestMessages.sessionRequest(
            session.channel.alloc(), commandCode, sessionId, session.originHost, hbh)));
        return answer;
    }

    @Override
    public void close() throws InterruptedException
    {
        if (null != server)
        {
            server.close().sync();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private final class Handler extends ChannelInboundHandlerAdapter
    {
        private final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight();
        private final DiameterValidator validator =
            new DiameterValidator(dictionary, new long[] {ApplicationIds.CREDIT_CONTROL}, 256);
        private boolean crashed;

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            if (!(msg instanceof ByteBuf buffer))
            {
                ctx.close();
                return;
            }
            try
            {
                header.wrap(buffer, buffer.readerIndex());
                if (!header.isRequest())
                {
                    if (CommandCode.RE_AUTH == header.commandCode() || CommandCode.ABORT_SESSION == header.commandCode())
                    {
                        final CompletableFuture<Long> answer = pending.remove(header.hopByHopId());
                        if (null != answer)
                        {
                            answer.complete(SessionRequest.decode(buffer, buffer.readerIndex()).resultCode());
                        }
                    }
                    return;
                }
                switch (header.commandCode())
                {
                    case CommandCode.CAPABILITIES_EXCHANGE ->
                        ctx.writeAndFlush(DiameterTestMessages.cea(ctx.alloc(), buffer, ResultCode.SUCCESS));
                    case CommandCode.DEVICE_WATCHDOG -> ctx.writeAndFlush(DiameterTestMessages.dwa(ctx.alloc(), buffer));
                    case CommandCode.DISCONNECT_PEER -> ctx.writeAndFlush(DiameterTestMessages.dpa(ctx.alloc(), buffer));
                    case CommandCode.CREDIT_CONTROL -> onCreditControl(ctx, buffer);
                    default -> ctx.writeAndFlush(
                        DiameterTestMessages.protocolError(ctx.alloc(), buffer, ResultCode.COMMAND_UNSUPPORTED));
                }
            }
            finally
            {
                buffer.release();
            }
        }

        private void onCreditControl(final ChannelHandlerContext ctx, final ByteBuf buffer)
        {
            final Ccr ccr = Ccr.decode(buffer, buffer.readerIndex());
            final boolean valid = validator.validate(buffer, buffer.readerIndex());
            synchronized (FakeOcs.this)
            {
                received.add(ccr);
                if (!valid)
                {
                    invalid.add(ccr + ": " + validator.resultCode());
                }
            }
            if (crashed)
            {
                // A dead server processes nothing more of what it had read.
                return;
            }
            if (1 == crashAt.getAndUpdate(n -> n > 0 ? n - 1 : n))
            {
                crashed = true;
                ctx.close();
                return;
            }
            if (busy.getAndUpdate(n -> Math.max(0, n - 1)) > 0)
            {
                ctx.writeAndFlush(DiameterTestMessages.protocolError(ctx.alloc(), buffer, ResultCode.TOO_BUSY));
                after(ccr, ResultCode.TOO_BUSY);
                return;
            }
            final ByteBuf answer;
            synchronized (FakeOcs.this)
            {
                answer = charge(ctx, buffer, ccr);
            }
            ctx.writeAndFlush(answer);
            after(ccr, null == answer ? -1 : lastResultCode);
        }

        private long lastResultCode;

        private void after(final Ccr ccr, final long resultCode)
        {
            final Hook current = hook;
            if (null != current)
            {
                current.afterAnswer(FakeOcs.this, ccr, resultCode);
            }
        }

        private ByteBuf answer(
            final ChannelHandlerContext ctx, final ByteBuf request, final long resultCode, final long serviceResult,
            final int unitKind, final long granted, final boolean finalUnits)
        {
            lastResultCode = resultCode;
            return DiameterTestMessages.cca(ctx.alloc(), request, resultCode, serviceResult, unitKind, granted,
                finalUnits);
        }

        private ByteBuf charge(final ChannelHandlerContext ctx, final ByteBuf request, final Ccr ccr)
        {
            final FakeTariff tariff = tariffs.get(ccr.ratingGroup());
            final int kind = null == tariff ? ServiceUnits.TOTAL_OCTETS : tariff.unitKind();
            switch (ccr.type())
            {
                case CcRequestType.INITIAL_REQUEST ->
                {
                    final Account account = null == ccr.msisdn() ? null : accounts.get(ccr.msisdn());
                    if (null == account)
                    {
                        return answer(ctx, request, ResultCode.USER_UNKNOWN, -1, kind, -1, false);
                    }
                    final Session session = new Session();
                    session.msisdn = ccr.msisdn();
                    session.channel = ctx.channel();
                    session.originHost = ccr.originHost();
                    sessions.put(ccr.sessionId(), session);
                    return grant(ctx, request, account, session, tariff, kind);
                }
                case CcRequestType.UPDATE_REQUEST ->
                {
                    final Session session = sessions.get(ccr.sessionId());
                    if (null == session)
                    {
                        return answer(ctx, request, ResultCode.UNKNOWN_SESSION_ID, -1, kind, -1, false);
                    }
                    final Account account = accounts.get(session.msisdn);
                    commit(account, session, tariff, ccr);
                    return grant(ctx, request, account, session, tariff, kind);
                }
                case CcRequestType.TERMINATION_REQUEST ->
                {
                    final Session session = sessions.remove(ccr.sessionId());
                    if (null == session)
                    {
                        return answer(ctx, request, ResultCode.UNKNOWN_SESSION_ID, -1, kind, -1, false);
                    }
                    final Account account = accounts.get(session.msisdn);
                    commit(account, session, tariff, ccr);
                    account.reservedMinor -= session.reservedMinor;
                    return answer(ctx, request, ResultCode.SUCCESS, -1, kind, -1, false);
                }
                default ->
                {
                    final Account account = null == ccr.msisdn() ? null : accounts.get(ccr.msisdn());
                    if (null == account)
                    {
                        return answer(ctx, request, ResultCode.USER_UNKNOWN, -1, kind, -1, false);
                    }
                    final long cost = tariff.cost(ccr.requestedUnits());
                    if (account.balanceMinor - account.reservedMinor < cost)
                    {
                        return answer(ctx, request, ResultCode.SUCCESS, ResultCode.CREDIT_LIMIT_REACHED, kind, -1, false);
                    }
                    account.balanceMinor -= cost;
                    return answer(ctx, request, ResultCode.SUCCESS, ResultCode.SUCCESS, kind, ccr.requestedUnits(), false);
                }
            }
        }

        private void commit(final Account account, final Session session, final FakeTariff tariff, final Ccr ccr)
        {
            if (null == tariff || !ccr.hasUsu())
            {
                return;
            }
            session.usedUnits += ccr.usedUnits();
            final long charged = tariff.cost(session.usedUnits);
            account.balanceMinor -= charged - session.chargedMinor;
            session.chargedMinor = charged;
        }

        private ByteBuf grant(
            final ChannelHandlerContext ctx, final ByteBuf request, final Account account, final Session session,
            final FakeTariff tariff, final int kind)
        {
            account.reservedMinor -= session.reservedMinor;
            session.reservedMinor = 0;
            if (null == tariff)
            {
                return answer(ctx, request, ResultCode.SUCCESS, ResultCode.RATING_FAILED, kind, -1, false);
            }
            final long available = account.balanceMinor - account.reservedMinor;
            final long affordableUnits = available / tariff.priceMinor() * tariff.quantum();
            final long granted = Math.min(tariff.defaultGrant(), affordableUnits);
            if (granted <= 0)
            {
                return answer(ctx, request, ResultCode.SUCCESS, ResultCode.CREDIT_LIMIT_REACHED, kind, -1, false);
            }
            session.reservedMinor = tariff.cost(granted);
            account.reservedMinor += session.reservedMinor;
            return answer(ctx, request, ResultCode.SUCCESS, ResultCode.SUCCESS, kind, granted,
                granted < tariff.defaultGrant());
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            cause.printStackTrace();
            ctx.close();
        }
    }
}
