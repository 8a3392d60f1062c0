package io.gyro.perf.load;

import io.gyro.server.net.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.gyro.protocol.diameter.DiameterFrameDecoder;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The machine's ceiling for the load run's traffic: a Diameter server that does nothing but frame each request
 * (the protocol module's {@link DiameterFrameDecoder}, as the real server does), answer CER/DWR/DPR minimally, and
 * echo one fixed CCA per CCR ({@link EchoHandler}). Run in its own JVM with the same flags as the server; Gyro's
 * rate is reported as a ratio to this one's. One event loop, like {@code diameter.io-threads} by default.
 * <pre>
 * java ... io.gyro.perf.load.EchoServer [--port P] [--io-threads N]
 * </pre>
 */
public final class EchoServer implements AutoCloseable
{
    /** What the server prints once it listens; the load run waits for it. */
    public static final String READY_MARKER = "gyro-echo listening on ";
    /** Accept backlog, as the Gyro server's listener. */
    static final int BACKLOG = 1024;

    private final EventLoopGroup group;
    private final Channel channel;

    private EchoServer(final EventLoopGroup group, final Channel channel)
    {
        this.group = group;
        this.channel = channel;
    }

    /**
     * @param address   where to listen; port 0 picks a free one.
     * @param ioThreads event loops.
     * @return the listening server.
     * @throws InterruptedException when interrupted while binding.
     */
    public static EchoServer start(final InetSocketAddress address, final int ioThreads) throws InterruptedException
    {
        final EventLoopGroup group = Transports.newGroup(ioThreads, "gyro-echo");
        try
        {
            final Channel channel = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverChannelClass(group))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>()
                {
                    @Override
                    protected void initChannel(final Channel child)
                    {
                        child.pipeline().addLast(new DiameterFrameDecoder(), new EchoHandler());
                    }
                })
                .bind(address).sync().channel();
            return new EchoServer(group, channel);
        }
        catch (final InterruptedException | RuntimeException ex)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw ex;
        }
    }

    /** @return the bound address. */
    public InetSocketAddress address()
    {
        return (InetSocketAddress)channel.localAddress();
    }

    @Override
    public void close()
    {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * @param args {@code --port P} (default 3868), {@code --io-threads N} (default 1).
     * @throws InterruptedException when interrupted.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        int port = 3868;
        int ioThreads = 1;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--io-threads" -> ioThreads = Integer.parseInt(args[++i]);
                default ->
                {
                    System.err.println("usage: EchoServer [--port P] [--io-threads N]");
                    System.exit(2);
                }
            }
        }
        final EchoServer server = start(new InetSocketAddress("127.0.0.1", port), ioThreads);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "gyro-echo-shutdown"));
        System.out.println(READY_MARKER + server.address().getAddress().getHostAddress() + ":" + server.address().getPort());
        System.out.flush();
        stopped.await();
    }
}
