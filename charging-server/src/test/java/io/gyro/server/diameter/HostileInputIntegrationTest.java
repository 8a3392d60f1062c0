package io.gyro.server.diameter;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.DiameterFramingError;
import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.base.DisconnectPeer;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.AdminClient;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.TestServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile Diameter peers over loopback: what they send is bounded, counted and refused, and honest peers are
 * served meanwhile.
 */
@Timeout(60)
class HostileInputIntegrationTest
{
    private static final String MSISDN = "491700000001";

    @TempDir
    Path dataDir;
    private TestServer server;
    private DiameterTestClient client;

    @AfterEach
    void stop()
    {
        if (null != client)
        {
            client.close();
        }
        if (null != server)
        {
            server.close();
        }
    }

    private DiameterCounters counters()
    {
        return server.server().diameter().lanes().get(0).counters();
    }

    private static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static long resultCode(final byte[] answer)
    {
        final AvpReader reader = new AvpReader().wrapMessage(Unpooled.wrappedBuffer(answer), 0);
        assertTrue(reader.find(AvpCode.RESULT_CODE, 0));
        return reader.uint32();
    }

    /** Found by CreditControlFuzzTest: the answer written before damaged framing was dropped with the connection. */
    @Test
    void shouldDeliverTheAnswersOfEarlierRequestsBeforeClosingForDamagedFraming() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        client.cer();
        final byte[] wrongRealm = Ccr.initial("hostile;1").msisdn(MSISDN).mscc(10).destinationRealm("elsewhere")
            .bytes(client);
        final byte[] damagedAnswerHeader = new byte[20];
        damagedAnswerHeader[0] = 2; // version 2, and the R bit clear: nothing to answer, only to close
        // One write, so that both arrive in one read: the 3003 answer is written, then the framing is found damaged.
        final byte[] answer = client.send(concat(wrongRealm, damagedAnswerHeader)).get(10, TimeUnit.SECONDS);
        assertEquals(ResultCode.REALM_NOT_SERVED, resultCode(answer));
        assertTrue(client.awaitClosed());
        assertEquals(1, counters().framingErrors);
        assertEquals(0, counters().connectionErrors, "a close the server chose is not a connection error");
    }

    @Test
    void shouldDeliverTheAnswersOfEarlierRequestsBeforeClosingOnTheDisconnectPeerAnswer() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        client.cer();
        final byte[] wrongRealm = Ccr.initial("hostile;2").msisdn(MSISDN).mscc(10).destinationRealm("elsewhere")
            .bytes(client);
        // The server says goodbye (as on shutdown); only the answer to its own DPR closes the connection.
        final DiameterLane lane = server.server().diameter().lanes().get(0);
        lane.eventLoop().submit(lane::disconnectPeers).sync();
        final ByteBuf dpr = Unpooled.wrappedBuffer(client.nextServerRequest());
        assertEquals(282, dpr.getUnsignedMedium(5));
        final ByteBuf dpa = Unpooled.buffer();
        new DisconnectPeer("pgw1.test.example", "test.example", -1, ResultCode.SUCCESS)
            .encodeAnswer(new DiameterEncoder().wrap(dpa), new RequestEcho().capture(dpr, 0, new AvpReader()));
        final byte[] answer = client.send(concat(wrongRealm, ByteBufUtil.getBytes(dpa))).get(10, TimeUnit.SECONDS);
        dpa.release();
        assertEquals(ResultCode.REALM_NOT_SERVED, resultCode(answer));
        assertTrue(client.awaitClosed());
        assertEquals(0, counters().connectionErrors);
    }

    @Test
    void shouldDiscardADisconnectPeerAnswerToARequestNeverSent() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        client.cer();
        final ByteBuf dpr = Unpooled.buffer();
        final ByteBuf dpa = Unpooled.buffer();
        new DisconnectPeer("gyro.localdomain", "localdomain", 0, -1).encodeRequest(new DiameterEncoder().wrap(dpr),
            4242, 4242);
        new DisconnectPeer("pgw1.test.example", "test.example", -1, ResultCode.SUCCESS)
            .encodeAnswer(new DiameterEncoder().wrap(dpa), new RequestEcho().capture(dpr, 0, new AvpReader()));
        client.sendRaw(ByteBufUtil.getBytes(dpa));
        dpr.release();
        dpa.release();
        // RFC 6733 §3: an answer with an unknown Hop-by-Hop Identifier is discarded; it closes nothing.
        assertEquals(ResultCode.SUCCESS,
            Ccr.initial("hostile;3").msisdn(MSISDN).mscc(10).send(client).resultCode());
        assertTrue(client.isOpen());
    }

    private void awaitServerSideConnections(final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.server().diameter().lanes().get(0).connections().size() != count)
        {
            assertTrue(System.nanoTime() < deadline, "the server registered " + count + " connection(s)");
            Thread.onSpinWait();
        }
    }

    private String metrics() throws Exception
    {
        final AdminClient.Reply reply = new AdminClient(server.adminAddress(), null).get("/metrics");
        assertEquals(200, reply.status());
        return reply.body();
    }

    @Test
    void shouldRefuseAnOversizedMessageFromItsHeaderAndCountItInTheMetrics() throws Exception
    {
        server = TestServer.aServer(dataDir).withAdmin().start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        client.cer();
        // A CCR header announcing 1 MiB (over the default 64 KiB): refused from the header, nothing buffered.
        final byte[] ccr = Ccr.initial("hostile;big").msisdn(MSISDN).mscc(10).bytes(client);
        ccr[1] = 0x10;
        ccr[2] = 0;
        ccr[3] = 0;
        final byte[] answer = client.send(ccr).get(10, TimeUnit.SECONDS);
        assertEquals(ResultCode.INVALID_MESSAGE_LENGTH, resultCode(answer));
        assertTrue(client.awaitClosed());
        assertEquals(1, counters().framingErrorsByReason[DiameterFramingError.Reason.TOO_LONG.ordinal()]);
        assertTrue(metrics().contains("gyro_diameter_framing_errors_total{reason=\"too_long\"} 1.0"));
    }

    @Test
    void shouldRefuseDeepGroupedNestingAndKeepServingTheConnection() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        client.cer();
        final byte[] ccr = Ccr.initial("hostile;deep").msisdn(MSISDN).mscc(10).bytes(client);
        final int depth = 1_000;
        final ByteBuf nested = Unpooled.buffer();
        nested.writeBytes(ccr);
        for (int i = 0; i < depth; i++)
        {
            nested.writeInt(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL);
            nested.writeInt(0x4000_0000 | (depth - i) * 8);
        }
        nested.setMedium(1, nested.readableBytes());
        final byte[] answer = client.request(ByteBufUtil.getBytes(nested));
        assertNotEquals(ResultCode.SUCCESS, resultCode(answer), "nesting deeper than the validator's limit");
        assertEquals(1, counters().invalid);
        assertTrue(client.isOpen(), "a message refused by validation does not cost the connection");
        assertEquals(ResultCode.SUCCESS,
            Ccr.initial("hostile;after-deep").msisdn(MSISDN).mscc(10).send(client).resultCode());
    }

    /** A raw connection from {@code localAddress}; returns true when the server closed it at once. */
    private boolean refusedFrom(final String localAddress, final List<Socket> sockets) throws Exception
    {
        final Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(server.diameterAddress(), 10_000);
        socket.setSoTimeout(10_000);
        // Send a CER: an admitted connection answers it, a refused one was closed before reading it.
        final ByteBuf out = Unpooled.buffer();
        new CapabilitiesExchange("flood-" + sockets.size() + ".test.example", "test.example",
            List.of(new byte[] {127, 0, 0, 1}), 0, "flood", -1, List.of(), List.of(4L), List.of(), List.of(),
            List.of(), -1, -1, null).encodeRequest(new DiameterEncoder().wrap(out), sockets.size(), sockets.size());
        try
        {
            socket.getOutputStream().write(ByteBufUtil.getBytes(out));
            return socket.getInputStream().read() < 0;
        }
        catch (final IOException reset)
        {
            return true;
        }
    }

    @Test
    void shouldRefuseConnectionsBeyondTheLimitsAtAcceptAndKeepServingTheAdmitted() throws Exception
    {
        server = TestServer.aServer(dataDir).withAdmin()
            .with("diameter.max-connections=3").with("diameter.max-connections-per-address=2").start();
        final List<Socket> sockets = new ArrayList<>();
        try
        {
            client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
            assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
            assertFalse(refusedFrom("127.0.0.1", sockets), "second connection from 127.0.0.1");
            assertTrue(refusedFrom("127.0.0.1", sockets), "third from 127.0.0.1: per-address limit");
            assertFalse(refusedFrom("127.0.0.2", sockets), "third connection in all, from elsewhere");
            assertTrue(refusedFrom("127.0.0.3", sockets), "fourth in all: overall limit");

            final ConnectionLimits limits = server.server().diameter().connectionLimits();
            assertEquals(1, limits.refused(ConnectionLimits.Refusal.MAX_CONNECTIONS_PER_ADDRESS));
            assertEquals(1, limits.refused(ConnectionLimits.Refusal.MAX_CONNECTIONS));
            final String metrics = metrics();
            assertTrue(metrics.contains(
                "gyro_diameter_connections_refused_total{reason=\"max_connections_per_address\"} 1.0"), metrics);
            assertTrue(metrics.contains("gyro_diameter_connections_refused_total{reason=\"max_connections\"} 1.0"));
            assertEquals(ResultCode.SUCCESS,
                Ccr.initial("hostile;admitted").msisdn(MSISDN).mscc(10).send(client).resultCode());

            // A closed connection frees its place.
            sockets.get(0).close();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (limits.open() > 2)
            {
                assertTrue(System.nanoTime() < deadline, "the server counted the close");
                Thread.onSpinWait();
            }
            assertFalse(refusedFrom("127.0.0.1", sockets), "room again after a close");
        }
        finally
        {
            for (final Socket socket : sockets)
            {
                socket.close();
            }
        }
    }

    /** Slow-loris after CER: a partial frame never completes, so no DWA can come and the watchdog closes it. */
    @Test
    void shouldClosePeerThatDribblesAPartialFrameAfterTwoWatchdogIntervals() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=30s").start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        client.cer();
        final byte[] ccr = Ccr.initial("hostile;loris").msisdn(MSISDN).mscc(10).bytes(client);
        client.sendRaw(Arrays.copyOf(ccr, 24));
        server.advance(32_000);
        client.nextServerRequest(); // the DWR; the client's DWA only lengthens the partial frame
        client.sendRaw(Arrays.copyOfRange(ccr, 24, 30));
        assertTrue(client.isOpen());
        server.advance(32_000);
        server.advance(32_000);
        assertTrue(client.awaitClosed());
        assertEquals(1, counters().watchdogFailures);
    }

    /** Slow-loris before CER: a connection that dribbles a partial CER is closed at the CER timeout. */
    @Test
    void shouldCloseConnectionThatDribblesAPartialCerAtTheCerTimeout() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.cer-timeout=10s").start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        awaitServerSideConnections(1);
        client.sendRaw(new byte[] {1, 0, 1, 0, (byte)0x80, 0, 1, 1});
        server.advance(6_000);
        client.sendRaw(new byte[] {0, 0, 0, 0});
        assertTrue(client.isOpen());
        server.advance(5_000);
        assertTrue(client.awaitClosed());
        awaitServerSideConnections(0);
    }
}
