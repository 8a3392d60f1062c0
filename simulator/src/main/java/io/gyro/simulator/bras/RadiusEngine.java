package io.gyro.simulator.bras;

import io.gyro.protocol.radius.RadiusSecret;
import io.gyro.simulator.SimulatorOptions;
import io.gyro.simulator.TrafficEngine;
import io.gyro.simulator.Transports;
import io.gyro.simulator.report.ConnectionStats;
import io.gyro.simulator.report.ProtocolLabels;
import io.gyro.simulator.verify.ExpectedCharges;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.concurrent.NanoClock;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Many BRASes: {@code --connections} NASes, each with a connected UDP socket to the authentication port and one
 * to the accounting port, spread round-robin over {@code --threads} event loops, plus one CoA listener for them
 * all. RADIUS has no connection handshake, so {@link #connect} only opens the sockets.
 */
public final class RadiusEngine implements TrafficEngine
{
    /** Socket buffers: a burst of a few thousand datagrams must not be dropped by the kernel on loopback. */
    static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final SimulatorOptions options;
    private final ExpectedCharges charges;
    private final NanoClock clock;
    private final Transports transports;
    private final List<BrasConnection> brases = new ArrayList<>();
    private final List<ConnectionStats> stats = new ArrayList<>();
    private final ConnectionStats coaStats = new ConnectionStats(4);
    private final List<Channel> channels = new ArrayList<>();
    private final List<ScheduledFuture<?>> tickers = new ArrayList<>();
    private EventLoopGroup group;
    private Channel coaChannel;
    private CompletableFuture<Void> completion;
    private boolean closed;

    /**
     * @param options concluded options.
     * @param charges where sessions' costs go.
     * @param clock   the run's clock.
     */
    public RadiusEngine(final SimulatorOptions options, final ExpectedCharges charges, final NanoClock clock)
    {
        this.options = options;
        this.charges = charges;
        this.clock = clock;
        this.transports = Transports.choose(options.transport());
        for (int i = 0; i < options.connections(); i++)
        {
            stats.add(new ConnectionStats(4));
        }
        stats.add(coaStats);
    }

    @Override
    public ProtocolLabels labels()
    {
        return new RadiusLabels();
    }

    @Override
    public List<ConnectionStats> stats()
    {
        return stats;
    }

    /** @return the port the CoA listener is bound to (useful with {@code --coa-port 0}). */
    public int coaPort()
    {
        return ((InetSocketAddress)coaChannel.localAddress()).getPort();
    }

    private Bootstrap datagram(final EventLoop loop, final ChannelHandler handler)
    {
        return new Bootstrap()
            .group(loop)
            .channel(transports.datagramChannel())
            .option(io.netty.channel.ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
            .option(io.netty.channel.ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
            .handler(handler);
    }

    @Override
    public void connect(final Duration timeout) throws Exception
    {
        group = transports.newGroup(options.threads());
        final List<EventLoop> loops = new ArrayList<>();
        for (final EventExecutor executor : group)
        {
            loops.add((EventLoop)executor);
        }
        final InetSocketAddress local = new InetSocketAddress(options.host().startsWith("127.") ? options.host() :
            "127.0.0.1", 0);
        final List<ChannelFuture> futures = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++)
        {
            final long quota = options.count() > 0 ? share(options.count(), options.connections(), i) : Long.MAX_VALUE;
            final BrasConnection bras = new BrasConnection(i, options,
                (int)share(options.sessions(), options.connections(), i), quota, charges, stats.get(i), clock);
            brases.add(bras);
            final EventLoop loop = loops.get(i % loops.size());
            futures.add(datagram(loop, bras.authPort())
                .connect(new InetSocketAddress(options.host(), options.port()), local));
            futures.add(datagram(loop, bras.acctPort())
                .connect(new InetSocketAddress(options.host(), options.acctPort()), local));
        }
        final ChannelFuture coa = datagram(loops.get(0), new CoaListener(brases, RadiusSecret.ofUtf8(options.radiusSecret()),
            coaStats)).bind(local.getAddress(), options.coaPort());
        futures.add(coa);
        for (final ChannelFuture future : futures)
        {
            if (!future.await(timeout.toMillis()) || !future.isSuccess())
            {
                throw new IllegalStateException("cannot open RADIUS socket: " +
                    (null == future.cause() ? "timed out" : future.cause().toString()), future.cause());
            }
            channels.add(future.channel());
        }
        coaChannel = coa.channel();
        final List<CompletableFuture<Void>> drained = new ArrayList<>();
        for (final BrasConnection bras : brases)
        {
            drained.add(bras.drained());
        }
        completion = CompletableFuture.allOf(drained.toArray(new CompletableFuture<?>[0]));
    }

    static long share(final long total, final int parts, final int index)
    {
        return total / parts + (index < total % parts ? 1 : 0);
    }

    @Override
    public void start(final long startNs)
    {
        final long tickNs = options.tick().toNanos();
        final List<EventLoop> loops = new ArrayList<>();
        for (final BrasConnection bras : brases)
        {
            if (!loops.contains(bras.eventLoop()))
            {
                loops.add(bras.eventLoop());
            }
        }
        for (final EventLoop loop : loops)
        {
            final List<BrasConnection> members = new ArrayList<>();
            for (final BrasConnection bras : brases)
            {
                if (bras.eventLoop() == loop)
                {
                    members.add(bras);
                }
            }
            loop.execute(() -> members.forEach(bras -> bras.start(startNs)));
            final BrasConnection[] tick = members.toArray(new BrasConnection[0]);
            tickers.add(loop.scheduleAtFixedRate(() ->
            {
                final long nowNs = clock.nanoTime();
                for (final BrasConnection bras : tick)
                {
                    bras.onTick(nowNs);
                }
            }, tickNs, tickNs, TimeUnit.NANOSECONDS));
        }
    }

    @Override
    public CompletableFuture<Void> completion()
    {
        return completion;
    }

    @Override
    public void stop()
    {
        for (final BrasConnection bras : brases)
        {
            bras.eventLoop().execute(bras::beginDrain);
        }
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final ScheduledFuture<?> ticker : tickers)
        {
            ticker.cancel(false);
        }
        final List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (final BrasConnection bras : brases)
        {
            final CompletableFuture<Void> done = new CompletableFuture<>();
            closing.add(done);
            try
            {
                bras.eventLoop().execute(() ->
                {
                    bras.close();
                    done.complete(null);
                });
            }
            catch (final RuntimeException | Error notConnected)
            {
                done.complete(null);
            }
        }
        CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0])).orTimeout(5, TimeUnit.SECONDS)
            .exceptionally(error -> null).join();
        for (final Channel channel : channels)
        {
            channel.close().awaitUninterruptibly();
        }
        if (null != group)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }
}
