package io.gyro.server.test;

import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterFrameDecoder;
import io.gyro.protocol.diameter.DiameterFramingError;
import io.gyro.protocol.diameter.DiameterHeaderFlyweight;
import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.base.DeviceWatchdog;
import io.gyro.protocol.diameter.base.DisconnectPeer;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A raw Diameter peer for tests, built on Gyro's protocol module (STYLE.md §7, Artio's FixConnection): sends
 * requests as bytes, matches answers by Hop-by-Hop Identifier, and queues what the server sends on its own
 * (DWR, RAR, ASR, DPR) for the test to inspect and answer. Every message is copied to a byte array, so tests
 * own no Netty buffers. Loopback only.
 */
public final class DiameterTestClient implements AutoCloseable
{
    /** Longest wait for anything in a test; far above any answer time, never a latency assertion. */
    public static final long TIMEOUT_SECONDS = 10;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ConcurrentHashMap<Integer, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<byte[]> serverRequests = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicInteger hopByHop = new AtomicInteger(1000);
    private final AtomicInteger endToEnd = new AtomicInteger(500_000);
    private final java.util.Queue<Integer> answerOrder = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final String originHost;
    private Channel channel;
    private volatile boolean answerWatchdogs = true;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param originHost this peer's Origin-Host.
     */
    public DiameterTestClient(final String originHost)
    {
        this.originHost = originHost;
    }

    /**
     * @param server where the server listens.
     * @return this, connected (no CER sent yet).
     * @throws InterruptedException if interrupted.
     */
    public DiameterTestClient connect(final InetSocketAddress server) throws InterruptedException
    {
        return connect(server, null);
    }

    /**
     * Connect, speaking TLS from the first byte when a context is given (RFC 6733 port 5658).
     *
     * @param server where the server listens.
     * @param tls    client TLS context, or null for plain TCP.
     * @return this, connected (and the handshake done).
     * @throws InterruptedException if interrupted.
     */
    public DiameterTestClient connect(final InetSocketAddress server, final SslContext tls)
        throws InterruptedException
    {
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    if (null != tls)
                    {
                        // Peer host given so that the client verifies the server's certificate names it.
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), server.getHostString(),
                            server.getPort()));
                    }
                    ch.pipeline().addLast(new DiameterFrameDecoder(), new Handler());
                }
            })
            .connect(server).sync().channel();
        channel.closeFuture().addListener(future -> closed.complete(null));
        if (null != tls)
        {
            channel.pipeline().get(SslHandler.class).handshakeFuture().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        return this;
    }

    /**
     * Start TLS on an open plain connection, after a CEA that accepted Inband-Security-Id TLS.
     *
     * @param tls client TLS context.
     * @return true when the handshake succeeded.
     * @throws InterruptedException if interrupted.
     */
    public boolean startTls(final SslContext tls) throws InterruptedException
    {
        final InetSocketAddress server = (InetSocketAddress)channel.remoteAddress();
        final SslHandler handler = tls.newHandler(channel.alloc(), server.getHostString(), server.getPort());
        channel.eventLoop().submit(() -> channel.pipeline().addFirst("tls", handler)).sync();
        return handler.handshakeFuture().await(TIMEOUT_SECONDS, TimeUnit.SECONDS) &&
            handler.handshakeFuture().isSuccess();
    }

    /**
     * @return true when the TLS handshake of a TLS connection succeeded.
     */
    public boolean isTlsEstablished()
    {
        final SslHandler handler = null == channel ? null : channel.pipeline().get(SslHandler.class);
        return null != handler && handler.handshakeFuture().isSuccess();
    }

    /** @return this peer's Origin-Host. */
    public String originHost()
    {
        return originHost;
    }

    /** @return a fresh Hop-by-Hop Identifier. */
    public int nextHopByHop()
    {
        return hopByHop.incrementAndGet();
    }

    /** @return a fresh End-to-End Identifier. */
    public int nextEndToEnd()
    {
        return endToEnd.incrementAndGet();
    }

    /**
     * @param answer whether to answer the server's DWRs automatically (true by default).
     */
    public void answerWatchdogs(final boolean answer)
    {
        this.answerWatchdogs = answer;
    }

    /**
     * Exchange capabilities advertising credit control and 3GPP.
     *
     * @return the CEA.
     * @throws Exception on timeout.
     */
    public CapabilitiesExchange cer() throws Exception
    {
        return cer(List.of(ApplicationIds.CREDIT_CONTROL), -1);
    }

    /**
     * @param authApplicationIds applications to advertise.
     * @param originStateId      Origin-State-Id, or -1 to leave it out.
     * @return the CEA.
     * @throws Exception on timeout.
     */
    public CapabilitiesExchange cer(final List<Long> authApplicationIds, final long originStateId) throws Exception
    {
        return cer(authApplicationIds, originStateId, List.of());
    }

    /**
     * @param authApplicationIds applications to advertise.
     * @param originStateId      Origin-State-Id, or -1 to leave it out.
     * @param inbandSecurityIds  Inband-Security-Id values to offer (0 none, 1 TLS).
     * @return the CEA.
     * @throws Exception on timeout.
     */
    public CapabilitiesExchange cer(
        final List<Long> authApplicationIds, final long originStateId, final List<Long> inbandSecurityIds)
        throws Exception
    {
        final CapabilitiesExchange cer = new CapabilitiesExchange(originHost, "test.example",
            List.of(new byte[] {127, 0, 0, 1}), 0, "gyro-test", originStateId, List.of((long)VendorId.TGPP),
            authApplicationIds, List.of(), List.of(), inbandSecurityIds, -1, -1, null);
        final byte[] answer = request(encoder -> cer.encodeRequest(encoder, nextHopByHop(), nextEndToEnd()));
        return CapabilitiesExchange.decode(Unpooled.wrappedBuffer(answer), 0);
    }

    /**
     * @return the DWA.
     * @throws Exception on timeout.
     */
    public DeviceWatchdog dwr() throws Exception
    {
        final byte[] answer = request(encoder -> new DeviceWatchdog(originHost, "test.example", -1, -1)
            .encodeRequest(encoder, nextHopByHop(), nextEndToEnd()));
        return DeviceWatchdog.decode(Unpooled.wrappedBuffer(answer), 0);
    }

    /**
     * @return the DPA.
     * @throws Exception on timeout.
     */
    public DisconnectPeer dpr() throws Exception
    {
        final byte[] answer = request(encoder -> new DisconnectPeer(originHost, "test.example", 0, -1)
            .encodeRequest(encoder, nextHopByHop(), nextEndToEnd()));
        return DisconnectPeer.decode(Unpooled.wrappedBuffer(answer), 0);
    }

    /**
     * Send a request written by {@code writer} and wait for its answer.
     *
     * @param writer writes one request with a fresh Hop-by-Hop Identifier (read back from the written header).
     * @return the answer's octets.
     * @throws Exception on timeout.
     */
    public byte[] request(final Consumer<DiameterEncoder> writer) throws Exception
    {
        final ByteBuf out = Unpooled.buffer();
        writer.accept(new DiameterEncoder().wrap(out));
        return request(ByteBufUtil.getBytes(out));
    }

    /**
     * Send a request as octets and wait for its answer.
     *
     * @param request the whole message.
     * @return the answer's octets.
     * @throws Exception on timeout.
     */
    public byte[] request(final byte[] request) throws Exception
    {
        return send(request).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Send a request without waiting.
     *
     * @param request the whole message.
     * @return completed with the answer.
     */
    public CompletableFuture<byte[]> send(final byte[] request)
    {
        final int hopByHopId = Unpooled.wrappedBuffer(request).getInt(12);
        final CompletableFuture<byte[]> answer = new CompletableFuture<>();
        pending.put(hopByHopId, answer);
        channel.writeAndFlush(Unpooled.wrappedBuffer(request));
        return answer;
    }

    /**
     * Send raw octets (damaged framing, garbage) and wait until they are written to the socket: a write queued from
     * the test thread could otherwise leave after octets the client's event loop writes meanwhile (an automatic DWA),
     * and the server would see them in another order than the test meant.
     *
     * @param bytes what to send.
     */
    public void sendRaw(final byte[] bytes)
    {
        writeAndWait(bytes);
    }

    /**
     * @return the next request the server sent on its own, waiting for it.
     * @throws InterruptedException if interrupted.
     */
    public byte[] nextServerRequest() throws InterruptedException
    {
        final byte[] request = serverRequests.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (null == request)
        {
            throw new AssertionError("the server sent no request within " + TIMEOUT_SECONDS + " s");
        }
        return request;
    }

    /** @return the next server request if one is queued, else null. */
    public byte[] pollServerRequest()
    {
        return serverRequests.poll();
    }

    /**
     * Answer a server request (RAR, ASR ...) with octets the test wrote.
     *
     * @param answer the whole answer.
     */
    public void answer(final byte[] answer)
    {
        writeAndWait(answer);
    }

    /** A failed write (the server already closed) is not an error here: the test asserts on what the server did. */
    private void writeAndWait(final byte[] bytes)
    {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).awaitUninterruptibly(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * @return true when the server closed the connection within the timeout.
     * @throws InterruptedException if interrupted.
     */
    public boolean awaitClosed() throws InterruptedException
    {
        try
        {
            closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        }
        catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex)
        {
            return false;
        }
    }

    /** @return true while the connection is open. */
    public boolean isOpen()
    {
        return null != channel && channel.isActive();
    }

    /** @return Hop-by-Hop Identifiers of the answers received, in arrival order. */
    public List<Integer> answerOrder()
    {
        return List.copyOf(answerOrder);
    }

    /**
     * Vanish without DPR: reset the connection (SO_LINGER 0, so the server sees an RST, as when a PGW crashes or a
     * link breaks), then release the client's threads.
     */
    public void vanish()
    {
        if (null != channel)
        {
            channel.config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
        }
        close();
    }

    @Override
    public void close()
    {
        if (!closing.compareAndSet(false, true))
        {
            return;
        }
        if (null != channel)
        {
            channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<Object>
    {
        private final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight();

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final Object message)
        {
            if (message instanceof DiameterFramingError)
            {
                ctx.close();
                return;
            }
            final ByteBuf frame = (ByteBuf)message;
            final byte[] bytes = ByteBufUtil.getBytes(frame);
            header.wrap(frame, 0);
            if (header.isRequest())
            {
                if (280 == header.commandCode() && answerWatchdogs)
                {
                    final io.gyro.protocol.diameter.RequestEcho echo = new io.gyro.protocol.diameter.RequestEcho()
                        .capture(frame, 0, new io.gyro.protocol.diameter.AvpReader());
                    final ByteBuf out = ctx.alloc().buffer();
                    new DeviceWatchdog(originHost, "test.example", -1, 2001)
                        .encodeAnswer(new DiameterEncoder().wrap(out), echo);
                    ctx.writeAndFlush(out);
                }
                serverRequests.add(bytes);
                return;
            }
            answerOrder.add(header.hopByHopId());
            final CompletableFuture<byte[]> answer = pending.remove(header.hopByHopId());
            if (null != answer)
            {
                answer.complete(bytes);
            }
        }
    }
}
