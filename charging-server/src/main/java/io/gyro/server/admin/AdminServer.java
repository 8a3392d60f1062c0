package io.gyro.server.admin;

import io.gyro.config.model.AdminConfiguration;
import io.gyro.config.model.Secret;
import io.gyro.server.net.Transports;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin HTTP(S) listener: one Netty event loop, HTTP/1.1 with keep-alive, bodies up to
 * {@link #MAX_BODY_BYTES}. Checks the bearer token (constant-time) on every route but the open ones, routes,
 * and writes each response when its future completes (handlers never block the event loop).
 */
public final class AdminServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** The methods of RFC 9110 §9.3 and PATCH (RFC 5789): the {@code method} label's values, "other" for the rest. */
    private static final Set<String> KNOWN_METHODS =
        Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    /**
     * Largest request body: an import of about 500,000 CSV rows (~64 bytes each) in one request; larger files go
     * through {@code gyro import} on the server machine.
     */
    public static final int MAX_BODY_BYTES = 32 << 20;
    /** Seconds a client should wait after a 503 (the ring drains in milliseconds; a second is plenty). */
    static final String RETRY_AFTER_SECONDS = "1";

    private final AdminConfiguration configuration;
    private final Router router;
    private final Secret token;
    private final MeterRegistry meters;
    private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();
    private final EventLoopGroup group;
    private final EpochClock clock;
    /** Open connections; touched only on the admin event loop (the group has one). */
    private final List<ConnectionGuard> connections = new ArrayList<>();
    private final Counter closedOverCap;
    private final Counter closedIdle;
    private final Counter receivedBytes;
    /** The size of {@link #connections}, readable from any thread (the gauge). */
    private final AtomicInteger openConnections = new AtomicInteger();
    private Channel serverChannel;

    /**
     * @param configuration admin settings (address, token, TLS).
     * @param api           the routes.
     * @param meters        registry for {@code gyro_admin_requests_total} and
     *                      {@code gyro_admin_connections_closed_total}.
     * @param clock         the time idle connections are judged by.
     */
    public AdminServer(
        final AdminConfiguration configuration, final AdminApi api, final MeterRegistry meters, final EpochClock clock)
    {
        this.configuration = configuration;
        this.router = api.router();
        this.token = configuration.token();
        this.meters = meters;
        this.clock = clock;
        this.group = Transports.newGroup(1, "gyro-admin");
        this.closedOverCap = closedCounter("over_cap");
        this.closedIdle = closedCounter("idle");
        this.receivedBytes = Counter.builder("gyro.admin.received")
            .baseUnit("bytes")
            .description("Octets received on admin API connections")
            .register(meters);
        Gauge.builder("gyro.admin.connections", openConnections, AtomicInteger::get)
            .description("Admin API connections open")
            .register(meters);
    }

    private Counter closedCounter(final String reason)
    {
        // One HELP line per family in the exposition: it names both reasons.
        return Counter.builder("gyro.admin.connections.closed")
            .tag("reason", reason)
            .description("Admin API connections the server closed, by reason (over_cap: accepted beyond " +
                "admin.max-connections; idle: no traffic for admin.idle-timeout)")
            .register(meters);
    }

    /**
     * Bind.
     *
     * @param runTimers true to close idle connections every second on the admin event loop; false in tests, which
     *                  call {@link #runTimers()} after moving their clock.
     * @return the bound address.
     * @throws Exception when the port is taken or the key store cannot be read.
     */
    public InetSocketAddress start(final boolean runTimers) throws Exception
    {
        final SslContext ssl = configuration.tls().enabled() ? sslContext() : null;
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(Transports.serverChannelClass(group))
            .option(ChannelOption.SO_REUSEADDR, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    if (null != ssl)
                    {
                        channel.pipeline().addLast(ssl.newHandler(channel.alloc()));
                    }
                    channel.pipeline().addFirst(new ConnectionGuard());
                    channel.pipeline().addLast(new HttpServerCodec(), new EarlyAuthorization(),
                        new HttpObjectAggregator(MAX_BODY_BYTES), new Handler());
                }
            });
        final InetSocketAddress address = new InetSocketAddress(configuration.bindAddress(), configuration.port());
        serverChannel = Transports.bound(bootstrap.bind(address), "the admin API", address,
            "admin.bind-address, admin.port");
        if (runTimers)
        {
            group.next().scheduleAtFixedRate(this::closeIdle, 1, 1, TimeUnit.SECONDS);
        }
        final InetSocketAddress bound = (InetSocketAddress)serverChannel.localAddress();
        LOG.info("admin API listening on {}://{}:{}", null == ssl ? "http" : "https",
            bound.getAddress().getHostAddress(), bound.getPort());
        return bound;
    }

    private SslContext sslContext() throws Exception
    {
        final KeyStore keyStore = KeyStore.getInstance("PKCS12");
        final char[] password = configuration.tls().keyStorePassword().reveal().toCharArray();
        try (InputStream in = Files.newInputStream(configuration.tls().keyStore()))
        {
            keyStore.load(in, password);
        }
        final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        return SslContextBuilder.forServer(keys).build();
    }

    @Override
    public void close()
    {
        if (null != serverChannel)
        {
            serverChannel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Close the connections idle at the clock's current time, and wait. For tests with an adjustable clock.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    public void runTimers() throws InterruptedException
    {
        group.next().submit(this::closeIdle).sync();
    }

    private void closeIdle()
    {
        try
        {
            final long now = clock.time();
            for (int i = connections.size() - 1; i >= 0; i--)
            {
                final ConnectionGuard connection = connections.get(i);
                if (connection.isIdleAt(now))
                {
                    closedIdle.increment();
                    LOG.debug("admin connection from {} idle or slow: closing", connection.channel.remoteAddress());
                    connection.channel.close();
                }
            }
        }
        catch (final RuntimeException ex)
        {
            // A scheduled task that throws is never run again: log and keep the timer alive.
            LOG.warn("closing idle admin connections failed", ex);
        }
    }

    private void count(final String requestMethod, final String route, final int status)
    {
        // Any token is a method to the HTTP decoder (RFC 9110 §9.1): label values come from a fixed set only.
        final String method = KNOWN_METHODS.contains(requestMethod) ? requestMethod : "other";
        final String key = method + ' ' + route + ' ' + status;
        requestCounters.computeIfAbsent(key, k -> Counter.builder("gyro.admin.requests")
            .tag("method", method)
            .tag("route", route)
            .tag("status", Integer.toString(status))
            .description("Admin API requests, by route template and status")
            .register(meters)).increment();
    }

    /**
     * First in every pipeline: refuses a connection beyond {@code admin.max-connections} as it is accepted, and
     * stamps each read and write so that {@link #closeIdle} can close a connection quiet for {@code admin.idle-timeout}.
     * A request head must also arrive whole within that time of its first octet, however it is dribbled, so a client
     * without the token cannot hold the slots (and lock out /health and /metrics) by sending a byte now and then; a
     * body only follows a head that passed {@link EarlyAuthorization}, and its reads count as activity. A request
     * being answered keeps its connection until the answer is sent: the ledger may take a while with a large import,
     * and cutting it would lose the answer, not the work.
     */
    private final class ConnectionGuard extends ChannelDuplexHandler
    {
        private static final long NO_HEAD = -1;

        private Channel channel;
        private long lastActivityMs;
        /** When the first octet of a request head not yet complete arrived, or {@link #NO_HEAD}. */
        private long headStartedMs = NO_HEAD;
        private boolean awaitingHead = true;
        private boolean refused;
        private int requestsInProgress;

        @Override
        public void channelActive(final ChannelHandlerContext ctx)
        {
            channel = ctx.channel();
            if (connections.size() >= configuration.maxConnections())
            {
                refused = true;
                closedOverCap.increment();
                LOG.debug("admin connection from {} refused: {} already open", channel.remoteAddress(),
                    connections.size());
                ctx.close();
                return;
            }
            connections.add(this);
            openConnections.set(connections.size());
            lastActivityMs = clock.time();
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            connections.remove(this);
            openConnections.set(connections.size());
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object message)
        {
            if (refused)
            {
                // Octets that arrived with the refused connection: nothing may be served on it.
                ReferenceCountUtil.release(message);
                return;
            }
            lastActivityMs = clock.time();
            if (awaitingHead && NO_HEAD == headStartedMs)
            {
                headStartedMs = lastActivityMs;
            }
            final int octets = message instanceof ByteBuf buffer ? buffer.readableBytes() : 0;
            ctx.fireChannelRead(message);
            // Counted once the pipeline has handled them, so that a reader of the counter knows they were taken in.
            receivedBytes.increment(octets);
        }

        /** A request head was decoded: its body, if any, is judged by activity alone. */
        void headReceived()
        {
            awaitingHead = false;
            headStartedMs = NO_HEAD;
        }

        /** The request was answered: whatever arrives next starts another head. */
        void requestAnswered()
        {
            requestsInProgress--;
            lastActivityMs = clock.time();
            awaitingHead = true;
        }

        @Override
        public void write(final ChannelHandlerContext ctx, final Object message, final ChannelPromise promise)
        {
            lastActivityMs = clock.time();
            ctx.write(message, promise);
        }

        boolean isIdleAt(final long nowMs)
        {
            final long timeoutMs = configuration.idleTimeoutMs();
            return NO_HEAD != headStartedMs && nowMs - headStartedMs >= timeoutMs ||
                0 == requestsInProgress && nowMs - lastActivityMs >= timeoutMs;
        }
    }

    /**
     * Judges a request with a body on its head, before {@link HttpObjectAggregator} would buffer up to
     * {@link #MAX_BODY_BYTES} of it: without the token (on any route but the open ones, unknown routes included) it is
     * answered 401 at once and the connection closed, and its body is discarded as it arrives. Requests without a
     * body go on to {@link Handler}, which answers them as before (404 for an unknown route).
     */
    private final class EarlyAuthorization extends ChannelInboundHandlerAdapter
    {
        private boolean discarding;

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object message)
        {
            if (message instanceof HttpRequest request)
            {
                ctx.pipeline().get(ConnectionGuard.class).headReceived();
                discarding = false;
                if (hasBody(request) && !authorized(request.headers().get(HttpHeaderNames.AUTHORIZATION)))
                {
                    final Router.Match match = matchOrNull(request);
                    if (null == match || !match.route().open())
                    {
                        discarding = true;
                        ReferenceCountUtil.release(message);
                        final String route = null == match ? "unmatched" : match.route().template();
                        count(request.method().name(), route, 401);
                        final ApiResponse response = unauthorized();
                        final FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                            HttpResponseStatus.UNAUTHORIZED, Unpooled.wrappedBuffer(response.body()));
                        http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
                        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
                        response.headers().forEach((name, value) -> http.headers().set(name, value));
                        http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                        ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
                        return;
                    }
                }
            }
            else if (discarding && message instanceof HttpContent)
            {
                ReferenceCountUtil.release(message);
                return;
            }
            ctx.fireChannelRead(message);
        }

        /** The route, or null when none matches, the method is not allowed or the path does not decode. */
        private Router.Match matchOrNull(final HttpRequest request)
        {
            try
            {
                return router.match(request.method().name(), segments(new QueryStringDecoder(request.uri()).rawPath()));
            }
            catch (final ApiException | IllegalArgumentException ex)
            {
                return null;
            }
        }

        private boolean hasBody(final HttpRequest request)
        {
            return HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request);
        }
    }

    private static ApiResponse unauthorized()
    {
        return ApiResponses.error(401, null, "missing or wrong bearer token (Authorization: Bearer <admin.token>)")
            .withHeader("WWW-Authenticate", "Bearer realm=\"gyro\"");
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            final boolean keepAlive = HttpUtil.isKeepAlive(request);
            final String method = request.method().name();
            final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String routeLabel = "unmatched";
            CompletableFuture<ApiResponse> response;
            try
            {
                if (!request.decoderResult().isSuccess())
                {
                    throw ApiException.badRequest(null, "malformed HTTP request");
                }
                final List<String> segments;
                final String path;
                final Map<String, List<String>> parameters;
                try
                {
                    segments = segments(uri.rawPath());
                    path = uri.path();
                    parameters = uri.parameters();
                }
                catch (final IllegalArgumentException ex)
                {
                    throw ApiException.badRequest(null, "malformed percent-encoding in the request target");
                }
                final Router.Match match = router.match(method, segments);
                if (null == match)
                {
                    throw ApiException.notFound("no such resource: " + path);
                }
                routeLabel = match.route().template();
                if (!match.route().open() && !authorized(request.headers().get(HttpHeaderNames.AUTHORIZATION)))
                {
                    response = CompletableFuture.completedFuture(unauthorized());
                }
                else
                {
                    final byte[] body = ByteBufUtil.getBytes(request.content());
                    final ApiRequest apiRequest = new ApiRequest(method, path, match.pathParams(),
                        parameters, request.headers().get(HttpHeaderNames.CONTENT_TYPE),
                        request.headers().get("Idempotency-Key"), body);
                    response = match.route().handler().handle(apiRequest);
                }
            }
            catch (final RuntimeException ex)
            {
                response = CompletableFuture.failedFuture(ex);
            }
            final String route = routeLabel;
            final ConnectionGuard guard = ctx.pipeline().get(ConnectionGuard.class);
            guard.requestsInProgress++;
            response.whenComplete((result, error) -> ctx.channel().eventLoop().execute(() ->
                write(ctx, method, route, keepAlive, result, error).addListener(sent -> guard.requestAnswered())));
        }

        /** @return completes when the answer is sent (or cannot be). */
        private ChannelFuture write(
            final ChannelHandlerContext ctx,
            final String method,
            final String route,
            final boolean keepAlive,
            final ApiResponse result,
            final Throwable error)
        {
            final ApiResponse response = null != error ? ApiResponses.fromError(unwrap(error), method, route) : result;
            count(method, route, response.status());
            final FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
            if (null != response.contentType())
            {
                http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
            }
            http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
            response.headers().forEach((name, value) -> http.headers().set(name, value));
            if (keepAlive)
            {
                http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                return ctx.writeAndFlush(http);
            }
            return ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            LOG.debug("admin connection from {} closed after an error", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    private static Throwable unwrap(final Throwable error)
    {
        Throwable cause = error;
        while (cause instanceof CompletionException && null != cause.getCause())
        {
            cause = cause.getCause();
        }
        return cause;
    }

    private boolean authorized(final String authorization)
    {
        if (null == authorization || !authorization.regionMatches(true, 0, "Bearer ", 0, 7))
        {
            return false;
        }
        return token.matches(authorization.substring(7).trim());
    }

    private static List<String> segments(final String rawPath)
    {
        final List<String> segments = new ArrayList<>();
        final String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        for (final String raw : path.split("/", -1))
        {
            // A '+' in a path is a plus, not a space (RFC 3986); decodeComponent follows form encoding.
            segments.add(QueryStringDecoder.decodeComponent(raw.replace("+", "%2B")));
        }
        if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty())
        {
            segments.remove(segments.size() - 1);
        }
        return segments;
    }
}
