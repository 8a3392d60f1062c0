package io.gyro.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;

/**
 * Native epoll where available (DEPENDENCIES.md §1: {@code Epoll.isAvailable()} is true here), NIO otherwise;
 * {@code -Dgyro.transport=nio} forces NIO.
 */
public final class Transports
{
    private static final boolean EPOLL = Epoll.isAvailable() && !"nio".equals(System.getProperty("gyro.transport"));

    private Transports()
    {
    }

    /**
     * Wait for a bind; when the address cannot be had (a port taken by another process, an address not on this
     * host), fail with a message naming the listener, the address and the configuration keys to change, rather
     * than the bare "bind(..) failed: Address already in use" an operator cannot place.
     *
     * @param bind     the bind in progress.
     * @param listener what listens, e.g. "the admin API".
     * @param address  the address asked for.
     * @param keys     the configuration keys that set it.
     * @return the bound channel.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static Channel bound(
        final ChannelFuture bind, final String listener, final InetSocketAddress address, final String keys)
        throws InterruptedException
    {
        bind.await();
        if (!bind.isSuccess())
        {
            throw new IllegalStateException(listener + " cannot listen on " + address.getAddress().getHostAddress() +
                ":" + address.getPort() + " (" + keys + "): " + bind.cause().getMessage(), bind.cause());
        }
        return bind.channel();
    }

    /**
     * @param threads event loops.
     * @param name    thread name prefix.
     * @return a new group.
     */
    public static EventLoopGroup newGroup(final int threads, final String name)
    {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
            EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * @param group a group made by {@link #newGroup}.
     * @return the server socket channel class that fits it.
     */
    public static Class<? extends ServerChannel> serverChannelClass(final EventLoopGroup group)
    {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * @param group a group made by {@link #newGroup}.
     * @return the datagram channel class that fits it.
     */
    public static Class<? extends DatagramChannel> datagramChannelClass(final EventLoopGroup group)
    {
        return EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /**
     * @param group a group made by {@link #newGroup}.
     * @return "epoll" or "nio", for logs.
     */
    public static String name(final EventLoopGroup group)
    {
        return EPOLL ? "epoll" : "nio";
    }
}
