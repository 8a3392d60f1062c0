package io.gyro.simulator;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Netty transport choice ({@code --transport auto|epoll|nio}): native epoll when available (fewer copies and
 * syscalls, precise sub-millisecond timers for the pacing tick), NIO otherwise.
 *
 * @param epoll true for the native epoll transport.
 */
public record Transports(boolean epoll)
{
    /**
     * @param choice {@code auto}, {@code epoll} or {@code nio}.
     * @return the transport.
     */
    public static Transports choose(final String choice)
    {
        return switch (choice)
        {
            case "nio" -> new Transports(false);
            case "epoll" ->
            {
                if (!Epoll.isAvailable())
                {
                    throw new IllegalStateException("--transport epoll: native epoll unavailable: " + Epoll.unavailabilityCause());
                }
                yield new Transports(true);
            }
            default -> new Transports(Epoll.isAvailable());
        };
    }

    /** @return the I/O handler factory of the transport. */
    public IoHandlerFactory ioHandlerFactory()
    {
        return epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /**
     * @param threads event loops.
     * @return a group of that many event loops.
     */
    public MultiThreadIoEventLoopGroup newGroup(final int threads)
    {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory());
    }

    /** @return the TCP client channel class. */
    public Class<? extends SocketChannel> socketChannel()
    {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** @return the UDP channel class. */
    public Class<? extends DatagramChannel> datagramChannel()
    {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** @return {@code epoll} or {@code nio}. */
    public String name()
    {
        return epoll ? "epoll" : "nio";
    }
}
