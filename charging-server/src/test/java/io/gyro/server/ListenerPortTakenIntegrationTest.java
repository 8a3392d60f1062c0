package io.gyro.server;

import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A port that is already taken (a second server started by mistake, another daemon on 8080) stops the start with a
 * message naming the listener, the address and the configuration key to change. Found in the session 8 operator
 * review: the server said only "bind(..) failed with error(-98): Address already in use".
 */
@Timeout(60)
class ListenerPortTakenIntegrationTest
{
    @TempDir
    Path dataDir;

    private static String message(final TestServer server)
    {
        return assertThrows(Exception.class, server::start).getMessage();
    }

    @Test
    void shouldNameTheAdminListenerWhosePortIsTaken() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final int port = taken.getLocalPort();
            final String message = message(TestServer.aServer(dataDir).withAdmin().with("admin.port=" + port));
            assertEquals("the admin API cannot listen on 127.0.0.1:" + port + " (admin.bind-address, admin.port)",
                message.substring(0, message.indexOf(')') + 1));
            assertTrue(message.contains("Address already in use"), message);
        }
    }

    @Test
    void shouldNameTheDiameterListenerWhosePortIsTaken() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final int port = taken.getLocalPort();
            final String message = message(TestServer.aServer(dataDir).with("diameter.port=" + port));
            assertEquals("Diameter cannot listen on 127.0.0.1:" + port + " (diameter.bind-address, diameter.port)",
                message.substring(0, message.indexOf(')') + 1));
            assertTrue(message.contains("Address already in use"), message);
        }
    }

    @Test
    void shouldNameTheRadiusListenerWhosePortIsTaken() throws Exception
    {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            final int port = taken.getLocalPort();
            final String message = message(TestServer.aServer(dataDir).with("radius.enabled=true")
                .with("radius.acct-port=" + port));
            assertEquals("RADIUS accounting cannot listen on 127.0.0.1:" + port +
                " (radius.bind-address, radius.acct-port)", message.substring(0, message.indexOf(')') + 1));
        }
    }
}
