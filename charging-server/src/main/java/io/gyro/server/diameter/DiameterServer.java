package io.gyro.server.diameter;

import io.gyro.config.model.DiameterConfiguration;
import io.gyro.protocol.diameter.DiameterFrameDecoder;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.server.ledger.LedgerGateway;
import io.gyro.server.net.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

/**
 * The Diameter TCP listener (RFC 6733 §2.1, default port 3868): one {@link DiameterLane} per event loop, native
 * epoll where available and NIO otherwise. Several peers at once, each with its own connection.
 */
public final class DiameterServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(DiameterServer.class);
    /** Outbound bytes queued per connection before it stops being read (back-pressure). */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    /** How often lane timers run in production: watchdog and CER deadlines are checked at this resolution. */
    public static final long TIMER_PERIOD_MS = 1_000;

    private final EventLoopGroup group;
    private final List<DiameterLane> lanes = new ArrayList<>();
    private final Map<EventExecutor, DiameterLane> laneByLoop = new IdentityHashMap<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final int maxMessageLength;
    private final DiameterTls tls;
    private final ConnectionLimits limits;
    private Channel serverChannel;
    private Channel tlsServerChannel;

    /**
     * Create the event loops and their lanes; lanes register with the ledger gateway here, so this must happen
     * before the ledger starts delivering replies.
     *
     * @param ioThreads  number of event loops.
     * @param node       our identity.
     * @param settings   Diameter options.
     * @param dictionary AVP and command definitions.
     * @param peers      allow-list.
     * @param registry   open peers by host.
     * @param ledger     ring gateway.
     * @param clock      injected time.
     * @param tariffs    tariff view.
     * @param tls        TLS setup, or null without TLS.
     */
    public DiameterServer(
        final int ioThreads,
        final DiameterNode node,
        final DiameterSettings settings,
        final DiameterDictionary dictionary,
        final DiameterConfiguration peers,
        final PeerRegistry registry,
        final LedgerGateway ledger,
        final EpochClock clock,
        final TariffDirectory tariffs,
        final DiameterTls tls)
    {
        this.maxMessageLength = settings.maxMessageLength();
        this.tls = tls;
        this.limits = new ConnectionLimits(peers.maxConnections(), peers.maxConnectionsPerAddress());
        this.group = Transports.newGroup(ioThreads, "gyro-diameter");
        final OriginStates originStates = new OriginStates();
        final SplittableRandom random = WatchdogInterval.seededRandom();
        // RFC 6733 §3: End-to-End Identifiers unique per originator, so one sequence for every lane: the high 12 bits
        // from the start time, the low 20 a counter. Lanes seeded alike in one millisecond would repeat each other.
        final AtomicInteger endToEndIds = new AtomicInteger((int)(System.currentTimeMillis() << 20));
        int index = 0;
        for (final EventExecutor executor : group)
        {
            final DiameterLane lane = new DiameterLane(index++, (EventLoop)executor, node, settings, dictionary,
                peers, registry, ledger, clock, tariffs, tls, originStates, random.split(), endToEndIds);
            lanes.add(lane);
            laneByLoop.put(executor, lane);
        }
    }

    /**
     * Bind and accept.
     *
     * @param address     where to listen (port 0 picks a free port).
     * @param runTimers   true to run lane timers every second on the real clock; tests pass false and call
     *                    {@link #runTimers()}.
     * @return the bound address.
     * @throws InterruptedException if interrupted while binding.
     */
    public InetSocketAddress start(final InetSocketAddress address, final boolean runTimers) throws InterruptedException
    {
        serverChannel = Transports.bound(bootstrap(false).bind(address), "Diameter", address,
            "diameter.bind-address, diameter.port");
        if (runTimers)
        {
            for (final DiameterLane lane : lanes)
            {
                timers.add(lane.eventLoop().scheduleAtFixedRate(lane::onTick, TIMER_PERIOD_MS, TIMER_PERIOD_MS,
                    TimeUnit.MILLISECONDS));
            }
        }
        final InetSocketAddress bound = (InetSocketAddress)serverChannel.localAddress();
        LOG.info("Diameter listening on {} ({} event loop{}, {})", bound, lanes.size(), lanes.size() == 1 ? "" : "s",
            Transports.name(group));
        return bound;
    }

    /**
     * Listen for Diameter over TLS from the first byte (RFC 6733 §2.1, port 5658).
     *
     * @param address where to listen.
     * @return the bound address.
     * @throws InterruptedException if interrupted while binding.
     */
    public InetSocketAddress startTls(final InetSocketAddress address) throws InterruptedException
    {
        tlsServerChannel = Transports.bound(bootstrap(true).bind(address), "Diameter over TLS", address,
            "diameter.bind-address, diameter.tls.port");
        final InetSocketAddress bound = (InetSocketAddress)tlsServerChannel.localAddress();
        LOG.info("Diameter over TLS listening on {}", bound);
        return bound;
    }

    private ServerBootstrap bootstrap(final boolean withTls)
    {
        return new ServerBootstrap()
            .group(group)
            .channel(Transports.serverChannelClass(group))
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    final InetAddress address = channel.remoteAddress().getAddress();
                    final ConnectionLimits.Refusal refusal = limits.tryAcquire(address);
                    if (null != refusal)
                    {
                        refuse(channel, refusal);
                        return;
                    }
                    channel.closeFuture().addListener(closed -> limits.release(address));
                    final DiameterLane lane = laneByLoop.get(channel.eventLoop());
                    if (withTls)
                    {
                        channel.pipeline().addLast("tls", tls.newHandler(channel));
                    }
                    channel.pipeline().addLast(new DiameterFrameDecoder(maxMessageLength), lane.newConnection());
                }
            });
    }

    /** A flood must not become a log flood: one line for the 1st, 2nd, 4th, 8th ... refusal of each kind. */
    private void refuse(final SocketChannel channel, final ConnectionLimits.Refusal refusal)
    {
        final long count = limits.refused(refusal);
        if (Long.bitCount(count) == 1)
        {
            LOG.warn("refused Diameter connection from {}: {} reached ({} refused so far)", channel.remoteAddress(),
                refusal == ConnectionLimits.Refusal.MAX_CONNECTIONS ? "diameter.max-connections" :
                "diameter.max-connections-per-address", count);
        }
        channel.close();
    }

    /** @return the connection caps and their refusal counts. */
    public ConnectionLimits connectionLimits()
    {
        return limits;
    }

    /**
     * Run every lane's timers once on its own event loop and wait (tests, with an adjustable clock).
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    public void runTimers() throws InterruptedException
    {
        for (final DiameterLane lane : lanes)
        {
            lane.eventLoop().submit(lane::onTick).sync();
        }
    }

    /** @return the lanes, one per event loop. */
    public List<DiameterLane> lanes()
    {
        return lanes;
    }

    /**
     * Swap the tariff view on every lane.
     *
     * @param directory the new view.
     */
    public void tariffs(final TariffDirectory directory)
    {
        for (final DiameterLane lane : lanes)
        {
            lane.tariffs(directory);
        }
    }

    /**
     * Stop accepting and tell every peer we are going (DPR, RFC 6733 §5.4), without closing their connections yet:
     * answers still in flight can leave.
     *
     * @throws InterruptedException if interrupted.
     */
    public void stopAccepting() throws InterruptedException
    {
        for (final ScheduledFuture<?> timer : timers)
        {
            timer.cancel(false);
        }
        if (null != serverChannel)
        {
            serverChannel.close().sync();
        }
        if (null != tlsServerChannel)
        {
            tlsServerChannel.close().sync();
        }
        for (final DiameterLane lane : lanes)
        {
            lane.eventLoop().submit(lane::disconnectPeers).sync();
        }
    }

    @Override
    public void close()
    {
        for (final ScheduledFuture<?> timer : timers)
        {
            timer.cancel(false);
        }
        if (null != serverChannel)
        {
            serverChannel.close().syncUninterruptibly();
        }
        if (null != tlsServerChannel)
        {
            tlsServerChannel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
