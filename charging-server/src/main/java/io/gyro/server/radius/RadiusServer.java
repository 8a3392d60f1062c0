package io.gyro.server.radius;

import io.gyro.config.model.GyroConfiguration;
import io.gyro.config.model.RadiusConfiguration;
import io.gyro.protocol.radius.RadiusPacketDescriptor;
import io.gyro.server.diameter.TariffDirectory;
import io.gyro.server.ledger.LedgerGateway;
import io.gyro.server.net.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The RADIUS listeners (RFC 2865 §3 authentication, default port 1812; RFC 2866 §3 accounting, default 1813) and
 * the socket Disconnect/CoA-Requests leave from (RFC 5176), all on one event loop served by one
 * {@link RadiusLane}. Native epoll where available, NIO otherwise.
 * <p>
 * Also the door for the ledger's notifications about RADIUS sessions: called on the ledger thread, they copy what
 * they need and continue on the lane's event loop.
 */
public final class RadiusServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RadiusServer.class);
    /** How often the lane's Disconnect/CoA timers run in production: RFC 5080 timers are whole seconds. */
    public static final long TIMER_PERIOD_MS = 100;
    /**
     * Receive buffer per datagram: one octet more than the largest legal packet (RFC 2865 §3: 4096), so a longer
     * datagram shows as oversized instead of being silently cut to a valid-looking length.
     */
    static final int RECEIVE_BUFFER_OCTETS = RadiusPacketDescriptor.MAX_PACKET_LENGTH + 1;
    /**
     * Kernel socket receive buffer asked for: a burst of 4 MiB / ~100 octets = 40,000 requests waits there while
     * the loop is busy (the kernel may grant less, capped by net.core.rmem_max).
     */
    static final int SOCKET_RECEIVE_BUFFER_BYTES = 4 << 20;
    /**
     * Datagrams read by one recvmmsg(2) with native epoll: 16 saves 15 system calls per busy read while a shared
     * 64 KiB receive buffer stays small; NIO reads one datagram per call.
     */
    static final int DATAGRAMS_PER_READ = 16;

    private final RadiusConfiguration configuration;
    private final EventLoopGroup group;
    private final RadiusLane lane;
    private Channel authChannel;
    private Channel acctChannel;
    private Channel coaChannel;
    private ScheduledFuture<?> timer;

    /**
     * Create the event loop and the lane; the lane registers with the ledger gateway here, so this must happen
     * before the ledger starts delivering replies.
     *
     * @param configuration the validated configuration.
     * @param ledger        ring gateway.
     * @param clock         injected time.
     * @param tariffs       unit of each rating group.
     */
    public RadiusServer(
        final GyroConfiguration configuration,
        final LedgerGateway ledger,
        final EpochClock clock,
        final TariffDirectory tariffs)
    {
        this.configuration = configuration.radius();
        this.group = Transports.newGroup(1, "gyro-radius");
        this.lane = new RadiusLane(group.next(), RadiusSettings.from(configuration),
            new NasClients(this.configuration.clients()), ledger, clock, tariffs);
    }

    /**
     * Bind the authentication, accounting and CoA sockets.
     *
     * @param runTimers true to run the Disconnect/CoA timers on the real clock; tests pass false and call
     *                  {@link #runTimers()}.
     * @throws InterruptedException if interrupted while binding.
     */
    public void start(final boolean runTimers) throws InterruptedException
    {
        final String bindAddress = configuration.bindAddress();
        authChannel = bind(RadiusLane.AUTH, new InetSocketAddress(bindAddress, configuration.authPort()),
            "RADIUS authentication", "radius.bind-address, radius.auth-port");
        acctChannel = bind(RadiusLane.ACCT, new InetSocketAddress(bindAddress, configuration.acctPort()),
            "RADIUS accounting", "radius.bind-address, radius.acct-port");
        coaChannel = bind(RadiusLane.COA, new InetSocketAddress(bindAddress, 0),
            "RADIUS Disconnect/CoA (an ephemeral port)", "radius.bind-address");
        if (runTimers)
        {
            timer = lane.eventLoop().scheduleAtFixedRate(lane::onTick, TIMER_PERIOD_MS, TIMER_PERIOD_MS,
                TimeUnit.MILLISECONDS);
        }
        LOG.info("RADIUS listening on {} (authentication) and {} (accounting), Disconnect/CoA from {} ({})",
            authAddress(), acctAddress(), coaAddress(), Transports.name(group));
    }

    private Channel bind(final int socket, final InetSocketAddress address, final String listener, final String keys)
        throws InterruptedException
    {
        final Class<? extends DatagramChannel> channelClass = Transports.datagramChannelClass(group);
        final Bootstrap bootstrap = new Bootstrap()
            .group(lane.eventLoop())
            .channel(channelClass)
            .option(ChannelOption.SO_RCVBUF, SOCKET_RECEIVE_BUFFER_BYTES)
            .handler(new DatagramHandler(lane, socket));
        if (EpollDatagramChannel.class == channelClass)
        {
            // Each datagram lands in its own RECEIVE_BUFFER_OCTETS slice of one buffer (recvmmsg).
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, RECEIVE_BUFFER_OCTETS)
                .option(ChannelOption.RECVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(RECEIVE_BUFFER_OCTETS * DATAGRAMS_PER_READ));
        }
        else
        {
            bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER_OCTETS));
        }
        return Transports.bound(bootstrap.bind(address), listener, address, keys);
    }

    /** @return where Access-Requests are received. */
    public InetSocketAddress authAddress()
    {
        return (InetSocketAddress)authChannel.localAddress();
    }

    /** @return where Accounting-Requests are received. */
    public InetSocketAddress acctAddress()
    {
        return (InetSocketAddress)acctChannel.localAddress();
    }

    /** @return where Disconnect/CoA-Requests leave from (their ACK/NAK come back here). */
    public InetSocketAddress coaAddress()
    {
        return (InetSocketAddress)coaChannel.localAddress();
    }

    /** @return the lane. */
    public RadiusLane lane()
    {
        return lane;
    }

    /** @return the lane's counters (written on its event loop, readable anywhere). */
    public RadiusCounters counters()
    {
        return lane.counters();
    }

    /** @return requests waiting for the ledger. */
    public int pendingCount()
    {
        return lane.pendingCount();
    }

    /**
     * Run the lane's timers once on its event loop and wait (tests, with an adjustable clock).
     *
     * @throws InterruptedException if interrupted.
     */
    public void runTimers() throws InterruptedException
    {
        lane.eventLoop().submit(lane::onTick).sync();
    }

    /**
     * Run a task on the lane's event loop and wait: tests read counters consistently this way.
     *
     * @param task what to run.
     * @throws InterruptedException if interrupted.
     */
    public void onEventLoop(final Runnable task) throws InterruptedException
    {
        lane.eventLoop().submit(task).sync();
    }

    /**
     * Swap the tariff view after a tariff change.
     *
     * @param directory the new view.
     */
    public void tariffs(final TariffDirectory directory)
    {
        lane.tariffs(directory);
    }

    /**
     * @param sessionKey    a ledger session key.
     * @param keyLength     its length.
     * @return true when the session is a RADIUS one.
     */
    public static boolean isRadiusSession(final byte[] sessionKey, final int keyLength)
    {
        return RadiusSessionKeys.isRadius(sessionKey, keyLength);
    }

    /**
     * The ledger ended a RADIUS session (operator, blocked or deleted account): send Disconnect-Request. Called on
     * the ledger thread; the arrays are copied.
     *
     * @param sessionKey           session key.
     * @param keyLength            its length.
     * @param sessionContext       session context.
     * @param contextLength        its length.
     */
    public void abortSession(
        final byte[] sessionKey, final int keyLength, final byte[] sessionContext, final int contextLength)
    {
        final byte[] key = Arrays.copyOf(sessionKey, keyLength);
        final byte[] context = Arrays.copyOf(sessionContext, contextLength);
        execute(() -> lane.onAbort(key, context));
    }

    /**
     * Credit arrived for a RADIUS session that ran short: reserve again and push the quota by CoA. Called on the
     * ledger thread; the arrays are copied.
     *
     * @param sessionKey       session key.
     * @param keyLength        its length.
     * @param sessionContext   session context.
     * @param contextLength    its length.
     * @param ratingGroups     starved rating groups.
     * @param ratingGroupCount valid entries.
     */
    public void reauthorize(
        final byte[] sessionKey,
        final int keyLength,
        final byte[] sessionContext,
        final int contextLength,
        final long[] ratingGroups,
        final int ratingGroupCount)
    {
        final byte[] key = Arrays.copyOf(sessionKey, keyLength);
        final byte[] context = Arrays.copyOf(sessionContext, contextLength);
        // A RADIUS session is charged under its NAS's one rating group.
        final long ratingGroup = ratingGroupCount > 0 ? ratingGroups[0] : -1;
        if (ratingGroup >= 0)
        {
            execute(() -> lane.onReauthorize(key, context, ratingGroup));
        }
    }

    /** Hand work to the lane; during shutdown the loop may refuse it, which must never reach the ledger thread. */
    private void execute(final Runnable task)
    {
        try
        {
            lane.eventLoop().execute(task);
        }
        catch (final RejectedExecutionException ex)
        {
            LOG.info("RADIUS event loop stopped: a Disconnect/CoA for an ended or topped-up session is not sent");
        }
    }

    /**
     * Stop receiving requests; the CoA socket stays open until {@link #close()} so answers already in flight and
     * Disconnect/CoA replies still arrive.
     *
     * @throws InterruptedException if interrupted.
     */
    public void stopAccepting() throws InterruptedException
    {
        if (null != timer)
        {
            timer.cancel(false);
        }
        if (null != authChannel)
        {
            authChannel.close().sync();
        }
        if (null != acctChannel)
        {
            acctChannel.close().sync();
        }
    }

    @Override
    public void close()
    {
        if (null != timer)
        {
            timer.cancel(false);
        }
        for (final Channel channel : new Channel[] {authChannel, acctChannel, coaChannel})
        {
            if (null != channel)
            {
                channel.close().syncUninterruptibly();
            }
        }
        if (!lane.eventLoop().isShuttingDown())
        {
            lane.eventLoop().submit(lane::releasePending).syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Hands each datagram of one socket to the lane; one instance per socket. */
    private static final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket>
    {
        private final RadiusLane lane;
        private final int socket;

        DatagramHandler(final RadiusLane lane, final int socket)
        {
            this.lane = lane;
            this.socket = socket;
        }

        @Override
        public void handlerAdded(final ChannelHandlerContext ctx)
        {
            // On the event loop at registration, before the first read.
            lane.channel(socket, ctx.channel());
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final DatagramPacket datagram)
        {
            lane.onDatagram(socket, datagram);
        }

        @Override
        public void channelReadComplete(final ChannelHandlerContext ctx)
        {
            lane.flush();
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            // UDP has no connection to close: log and keep serving everyone else.
            LOG.warn("RADIUS socket {}: {}", ctx.channel().localAddress(), cause.toString());
        }

        @Override
        public boolean isSharable()
        {
            return false;
        }
    }
}
