package io.gyro.server.admin;

import io.gyro.server.test.AdminClient;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A client without the token cannot make the admin server buffer a request body: the token is checked on the
 * request head, before up to {@link AdminServer#MAX_BODY_BYTES} would be aggregated.
 */
@Timeout(60)
class AdminHostileInputIntegrationTest
{
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

    private String exchangeHead(final String head) throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", server.adminAddress().getPort()))
        {
            socket.setSoTimeout(10_000);
            // Announce a 30 MB body and send one octet of it: only the head can be judged.
            socket.getOutputStream().write((head + "{").getBytes(StandardCharsets.US_ASCII));
            final InputStream in = socket.getInputStream();
            final String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertFalse(response.isEmpty(), "an answer before the body, then the connection closed");
            return response;
        }
    }

    @Test
    void shouldRefuseAnUnauthenticatedBodyFromItsHeadWithoutBufferingIt() throws Exception
    {
        server = TestServer.aServer(dataDir).withAdmin().start();
        final String response = exchangeHead("POST /api/v1/subscribers HTTP/1.1\r\nHost: gyro\r\n" +
            "Authorization: Bearer wrong-token-0123456789\r\nContent-Type: application/json\r\n" +
            "Content-Length: 30000000\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 401"), response);
        assertTrue(response.contains("bearer token"), response);

        final String unknownRoute = exchangeHead("PUT /api/v1/nowhere HTTP/1.1\r\nHost: gyro\r\n" +
            "Content-Length: 30000000\r\n\r\n");
        assertTrue(unknownRoute.startsWith("HTTP/1.1 401"), unknownRoute);

        // Authorized requests and bodiless ones are served as before.
        final AdminClient admin = new AdminClient(server.adminAddress(), TestServer.ADMIN_TOKEN);
        assertEquals(201, admin.post("/api/v1/subscribers", "{\"msisdn\": \"491705550001\", \"balance\": \"1.00\"}")
            .status());
        assertEquals(404, new AdminClient(server.adminAddress(), null).get("/api/v1/nowhere").status());
        assertEquals(401, new AdminClient(server.adminAddress(), null).get("/api/v1/tariffs").status());
        assertEquals(200, new AdminClient(server.adminAddress(), null).get("/health").status());
    }

    private String exchange(final String request) throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", server.adminAddress().getPort()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            final byte[] buffer = new byte[8192];
            final int read = socket.getInputStream().read(buffer);
            return read < 0 ? "<closed without a response>" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void shouldAnswerMalformedTargetsAndBodiesWith400AndAnyMethodWithoutANewLabel() throws Exception
    {
        server = TestServer.aServer(dataDir).withAdmin().start();
        final String badEscape = exchange("GET /api/v1/subscribers/%zz HTTP/1.1\r\nHost: gyro\r\n\r\n");
        assertTrue(badEscape.startsWith("HTTP/1.1 400"), badEscape);
        assertTrue(badEscape.contains("percent-encoding"), badEscape);

        // Without the token, a body to a route that refuses the method, or to a target that does not decode, is
        // answered 401 before the body, not dropped without an answer.
        for (final String head : new String[] {"POST /health", "PUT /api/v1/subscribers/%zz"})
        {
            final String answer = exchange(head + " HTTP/1.1\r\nHost: gyro\r\nContent-Length: 2\r\n\r\n{}");
            assertTrue(answer.startsWith("HTTP/1.1 401"), head + ": " + answer);
        }

        final AdminClient admin = new AdminClient(server.adminAddress(), TestServer.ADMIN_TOKEN);
        final AdminClient.Reply farFuture = admin.post("/api/v1/subscribers/491700000003/buckets",
            "{\"unit\": \"events\", \"units\": 1, \"expiresAt\": \"+300000000-01-01T00:00:00Z\"}");
        assertEquals(400, farFuture.status(), farFuture.body());
        assertEquals("expiresAt", farFuture.json().get("field").asText());

        for (int i = 0; i < 20; i++)
        {
            exchange("M" + i + " /health HTTP/1.1\r\nHost: gyro\r\n\r\n");
        }
        final String metrics = admin.get("/metrics").body();
        assertFalse(metrics.contains("method=\"M1\""), "an invented method is no label value of its own");
        assertTrue(metrics.contains("gyro_admin_requests_total{method=\"other\","), metrics);
    }
}
