package io.gyro.simulator.pgw;

import io.gyro.protocol.diameter.DiameterFrameDecoder;
import io.gyro.simulator.SimulatorOptions;
import io.gyro.simulator.TrafficEngine;
import io.gyro.simulator.Transports;
import io.gyro.simulator.report.ConnectionStats;
import io.gyro.simulator.report.ProtocolLabels;
import io.gyro.simulator.verify.ExpectedCharges;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.concurrent.NanoClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Many PGWs: {@code --connections} Diameter peers spread round-robin over {@code --threads} event loops, the
 * concurrent sessions and the request count split evenly between them.
 */
public final class DiameterEngine implements TrafficEngine
{
    /** Longest wait for each DPA and close at the end. */
    public static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Outbound buffer water marks: above the high mark the pacer stops writing to the connection (and its requests
     * get later, which the from-intended latency shows). 1 MiB is ~3,000 CCRs, milliseconds of traffic.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final SimulatorOptions options;
    private final ExpectedCharges charges;
    private final NanoClock clock;
    private final MessageTrace trace;
    private final long runId;
    private final Transports transports;
    private final List<PgwConnection> connections = new ArrayList<>();
    private final List<ConnectionStats> stats = new ArrayList<>();
    private final List<ScheduledFuture<?>> tickers = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private EventLoopGroup group;
    private CompletableFuture<Void> completion;
    private boolean closed;

    /**
     * @param options concluded options.
     * @param charges where sessions' costs go.
     * @param clock   the run's clock.
     * @param trace   message trace, or null.
     * @param runId   seconds since the epoch at the start of the run (Session-Id high part).
     */
    public DiameterEngine(
        final SimulatorOptions options,
        final ExpectedCharges charges,
        final NanoClock clock,
        final MessageTrace trace,
        final long runId)
    {
        this.options = options;
        this.charges = charges;
        this.clock = clock;
        this.trace = trace;
        this.runId = runId;
        this.transports = Transports.choose(options.transport());
        for (int i = 0; i < options.connections(); i++)
        {
            stats.add(new ConnectionStats(4));
        }
    }

    /**
     * @param total  a total to split.
     * @param parts  number of parts.
     * @param index  part wanted.
     * @return {@code total / parts}, plus one for the first {@code total % parts} parts.
     */
    static long share(final long total, final int parts, final int index)
    {
        return total / parts + (index < total % parts ? 1 : 0);
    }

    @Override
    public ProtocolLabels labels()
    {
        return new DiameterLabels();
    }

    @Override
    public List<ConnectionStats> stats()
    {
        return stats;
    }

    /** @return the transport in use. */
    public Transports transports()
    {
        return transports;
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
        final List<ChannelFuture> connects = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++)
        {
            final long quota = options.count() > 0 ? share(options.count(), options.connections(), i) : Long.MAX_VALUE;
            final PgwConnection connection = new PgwConnection(i, options,
                (int)share(options.sessions(), options.connections(), i), quota, runId, charges, stats.get(i), clock, trace);
            connections.add(connection);
            final Bootstrap bootstrap = new Bootstrap()
                .group(loops.get(i % loops.size()))
                .channel(transports.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<>()
                {
                    @Override
                    protected void initChannel(final Channel channel)
                    {
                        channel.pipeline().addLast(new DiameterFrameDecoder(), connection);
                    }
                });
            if (options.reconnect())
            {
                connection.reconnectWith(() -> bootstrap.connect(options.host(), options.port()));
            }
            connects.add(bootstrap.connect(options.host(), options.port()));
        }
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < connects.size(); i++)
        {
            final ChannelFuture connect = connects.get(i);
            if (!connect.await(Math.max(1, (deadlineNs - System.nanoTime()) / 1_000_000)) || !connect.isSuccess())
            {
                throw new IllegalStateException("cannot connect " + connections.get(i).originHost() + " to " +
                    options.host() + ":" + options.port() + ": " +
                    (null == connect.cause() ? "timed out" : connect.cause().toString()), connect.cause());
            }
            channels.add(connect.channel());
        }
        for (final PgwConnection connection : connections)
        {
            try
            {
                connection.capabilities().get(Math.max(1, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (final ExecutionException ex)
            {
                throw new IllegalStateException("capabilities exchange failed: " + ex.getCause().getMessage(), ex.getCause());
            }
            catch (final TimeoutException ex)
            {
                throw new IllegalStateException(connection.originHost() + ": no CEA within " + timeout, ex);
            }
        }
        final List<CompletableFuture<Void>> drained = new ArrayList<>();
        for (final PgwConnection connection : connections)
        {
            drained.add(connection.drained());
        }
        completion = CompletableFuture.allOf(drained.toArray(new CompletableFuture<?>[0]));
    }

    @Override
    public void start(final long startNs)
    {
        final long tickNs = options.tick().toNanos();
        final List<EventLoop> loops = new ArrayList<>();
        for (final PgwConnection connection : connections)
        {
            if (!loops.contains(connection.eventLoop()))
            {
                loops.add(connection.eventLoop());
            }
        }
        for (final EventLoop loop : loops)
        {
            final List<PgwConnection> members = new ArrayList<>();
            for (final PgwConnection connection : connections)
            {
                if (connection.eventLoop() == loop)
                {
                    members.add(connection);
                }
            }
            loop.execute(() ->
            {
                for (final PgwConnection connection : members)
                {
                    connection.start(startNs);
                }
            });
            tickers.add(loop.scheduleAtFixedRate(new ConnectionGroup(members, clock), tickNs, tickNs, TimeUnit.NANOSECONDS));
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
        for (final PgwConnection connection : connections)
        {
            connection.eventLoop().execute(connection::beginDrain);
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
        final List<PgwConnection> open = new ArrayList<>();
        for (final PgwConnection connection : connections)
        {
            if (connection.isActive())
            {
                open.add(connection);
                connection.eventLoop().execute(connection::disconnect);
            }
        }
        final long deadlineNs = System.nanoTime() + DISCONNECT_TIMEOUT.toNanos();
        for (final PgwConnection connection : open)
        {
            try
            {
                connection.closed().get(Math.max(1, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (final TimeoutException | ExecutionException ex)
            {
                System.err.println(connection.originHost() + ": no DPA, closing");
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (final ScheduledFuture<?> ticker : tickers)
        {
            ticker.cancel(false);
        }
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
