package io.gyro.server.admin;

import io.gyro.server.test.TestServer;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API cannot be made to hold file descriptors without end: connections beyond admin.max-connections are
 * closed as they are accepted, and a connection quiet for admin.idle-timeout is closed by the clock-driven timer
 * (a slow-loris client), while one whose request is being answered is not. Each closure is counted.
 */
@Timeout(60)
class AdminConnectionLimitsIntegrationTest
{
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: gyro\r\n\r\n";

    @TempDir
    Path dataDir;
    private TestServer server;

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            server.close();
        }
    }

    private Socket connect() throws IOException
    {
        final Socket socket = new Socket("127.0.0.1", server.adminAddress().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Send a keep-alive request and read its whole answer: the server has this connection open. */
    private static String statusLine(final Socket socket, final String request) throws IOException
    {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        return readAnswer(socket);
    }

    /** Read one whole answer (head and Content-Length body) and return its status line. */
    private static String readAnswer(final Socket socket) throws IOException
    {
        final InputStream in = socket.getInputStream();
        final StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n"))
        {
            final int c = in.read();
            if (c < 0)
            {
                return "closed after " + head;
            }
            head.append((char)c);
        }
        final java.util.regex.Matcher length =
            java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (length.find())
        {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    /** @return true when the server closes the connection without answering a request sent at once. */
    private static boolean closedUnanswered(final Socket socket, final String request) throws IOException
    {
        try
        {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return socket.getInputStream().read() < 0;
        }
        catch (final SocketTimeoutException stillOpen)
        {
            return false;
        }
        catch (final IOException reset)
        {
            return true;
        }
    }

    /** @return true when the server closed the connection (end of stream) without answering. */
    private static boolean closedByServer(final Socket socket) throws IOException
    {
        try
        {
            return socket.getInputStream().read() < 0;
        }
        catch (final SocketTimeoutException stillOpen)
        {
            return false;
        }
    }

    /**
     * Send octets and wait until the admin server has taken them in (its received-octets counter), so that the clock
     * moves only after the server stamped them.
     */
    private void sendAndSettle(final Socket socket, final String octets) throws Exception
    {
        final double before = received();
        socket.getOutputStream().write(octets.getBytes(StandardCharsets.US_ASCII));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received() < before + octets.length())
        {
            assertTrue(System.nanoTime() < deadline, "the admin server did not read " + octets.length() + " octets");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private double received()
    {
        return server.server().metrics().registry().get("gyro.admin.received").counter().count();
    }

    private double closed(final String reason)
    {
        final Counter counter = server.server().metrics().registry().find("gyro.admin.connections.closed")
            .tag("reason", reason).counter();
        return null == counter ? 0 : counter.count();
    }

    @Test
    void shouldCloseConnectionsBeyondTheCapAsTheyAreAccepted() throws Exception
    {
        server = TestServer.aServer(dataDir).withAdmin().with("admin.max-connections=2").start();
        try (Socket first = connect(); Socket second = connect())
        {
            assertEquals("HTTP/1.1 200 OK", statusLine(first, HEALTH));
            assertEquals("HTTP/1.1 200 OK", statusLine(second, HEALTH));
            try (Socket third = connect())
            {
                assertTrue(closedUnanswered(third, HEALTH), "the third connection is closed, its request unanswered");
            }
            assertEquals(1.0, closed("over_cap"));
            assertEquals("HTTP/1.1 200 OK", statusLine(first, HEALTH), "the two within the cap are served on");
        }
    }

    @Test
    void shouldCloseAConnectionIdleForTheTimeoutAndKeepABusyOne() throws Exception
    {
        server = TestServer.aServer(dataDir).withAdmin().with("admin.idle-timeout=30s").start();
        try (Socket idle = connect(); Socket active = connect(); Socket partial = connect())
        {
            assertEquals("HTTP/1.1 200 OK", statusLine(idle, HEALTH));
            assertEquals("HTTP/1.1 200 OK", statusLine(active, HEALTH));
            sendAndSettle(partial, "GET /health HTTP/1.1\r\n");
            server.advance(20_000);
            assertEquals("HTTP/1.1 200 OK", statusLine(active, HEALTH));
            server.advance(9_999);
            assertEquals(0.0, closed("idle"));
            server.advance(1);
            assertTrue(closedByServer(idle), "30 s without traffic");
            assertTrue(closedByServer(partial), "a request head begun 30 s ago and never finished");
            assertEquals(2.0, closed("idle"));
            assertEquals("HTTP/1.1 200 OK", statusLine(active, HEALTH), "10 s since its last request: kept");
        }
    }

    @Test
    void shouldCloseAConnectionWhoseRequestHeadIsDribbledForLongerThanTheTimeout() throws Exception
    {
        server = TestServer.aServer(dataDir).withAdmin().with("admin.idle-timeout=60s").start();
        try (Socket slow = connect())
        {
            sendAndSettle(slow, "GET /he");
            server.advance(20_000);
            sendAndSettle(slow, "alth HTTP");
            server.advance(20_000);
            sendAndSettle(slow, "/1.1\r\nHost: gyro\r\n");
            server.advance(19_000);
            assertEquals(0.0, closed("idle"), "59 s after its first octet the head may still come");
            server.advance(1_000);
            assertTrue(closedByServer(slow), "60 s after its first octet, although the last came 20 s ago");
            assertEquals(1.0, closed("idle"));
        }
    }

    @Test
    void shouldKeepAConnectionWhileItsRequestIsAnsweredHoweverLongItTakes() throws Exception
    {
        server = TestServer.aServer(dataDir).withAdmin().with("admin.idle-timeout=30s").start();
        final CountDownLatch resume = new CountDownLatch(1);
        try (Socket busy = connect())
        {
            server.server().ledger().holdRepliesUntil(resume);
            // The ledger holds its answers (as with a large import), so server.advance, which waits for the
            // ledger's Tick, cannot be used: the clock moves and only the admin timer runs.
            sendAndSettle(busy, "GET /api/v1/subscribers/491700000001 HTTP/1.1\r\nHost: gyro\r\n" +
                "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\n\r\n");
            server.clock().advance(45_000);
            server.server().adminServer().runTimers();
            assertEquals(0.0, closed("idle"), "45 s without traffic, but its request is being answered");
            resume.countDown();
            server.server().ledger().holdRepliesUntil(null);
            final String status = readAnswer(busy);
            assertTrue(status.startsWith("HTTP/1.1 "), status);
            // The server stamps the answer when its write completes, which may be after the clock's next move: the
            // connection is closed 30 s after the answer at the earliest, and 59 s after this point at the latest.
            server.advance(29_000);
            assertEquals(0.0, closed("idle"), "29 s after the answer was sent");
            server.advance(30_000);
            assertTrue(closedByServer(busy));
            assertEquals(1.0, closed("idle"));
        }
        finally
        {
            resume.countDown();
        }
    }
}
