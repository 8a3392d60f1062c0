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
                assertEquals(-1, third.getInputStream().read(), "the third connection is closed unanswered");
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
            // When the server reads these octets is not known here (at 0 s or as late as 20 s): it is judged at 50 s.
            partial.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            server.advance(20_000);
            assertEquals("HTTP/1.1 200 OK", statusLine(active, HEALTH));
            server.advance(10_000);
            assertTrue(closedByServer(idle), "30 s without traffic");
            server.advance(10_000);
            assertEquals("HTTP/1.1 200 OK", statusLine(active, HEALTH), "20 s since its last request: kept");
            server.advance(10_000);
            assertTrue(closedByServer(partial), "a request head dribbled and never finished is idle too");
            assertEquals(2.0, closed("idle"));
            assertEquals("HTTP/1.1 200 OK", statusLine(active, HEALTH), "10 s since its last request: kept");
        }
    }
}
