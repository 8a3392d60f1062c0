package io.gyro.server.diameter;

import io.gyro.ledger.testing.FaultInjectingJournal;
import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.base.DisconnectPeer;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.Cca;
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

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shutdown as an operator sees it (SIGTERM): the server sends DPR to its peers and must still answer the requests
 * they sent before it, including those the ledger has not answered yet when the peer's DPA arrives. Found driving
 * the simulator against a server stopped with SIGTERM: requests in flight lost their answers because the DPA
 * closed the connection at once.
 */
@Timeout(60)
class ShutdownDrainIntegrationTest
{
    private static final String MSISDN = "491700000001";

    @TempDir
    Path dataDir;
    private TestServer server;
    private DiameterTestClient client;
    /** A held journal write, released after every test so that a failed assertion cannot hang the server's close. */
    private final CountDownLatch hang = new CountDownLatch(1);

    @AfterEach
    void stop()
    {
        hang.countDown();
        if (null != client)
        {
            client.close();
        }
        if (null != server)
        {
            server.close();
        }
    }

    @Test
    void shouldAnswerRequestsStillInTheLedgerBeforeClosingOnTheDisconnectPeerAnswer() throws Exception
    {
        server = TestServer.aServer(dataDir).withJournalFaults().start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
        final FaultInjectingJournal disk = server.journalFaults();
        final DiameterLane lane = server.server().diameter().lanes().get(0);

        // The CCR-I reaches the ledger, whose journal write is held: its answer is owed.
        disk.holdUntil(hang);
        final CompletableFuture<byte[]> owed =
            client.send(Ccr.initial("drain;1").msisdn(MSISDN).mscc(10).bytes(client));
        assertTrue(FaultInjectingJournal.await(() -> disk.attempts() > disk.appended()), "the append hangs");

        // Shutdown says goodbye; the peer answers the DPR while its CCR-I is still unanswered.
        lane.eventLoop().submit(lane::disconnectPeers).sync();
        final ByteBuf dpr = Unpooled.wrappedBuffer(client.nextServerRequest());
        final ByteBuf dpa = Unpooled.buffer();
        new DisconnectPeer("pgw1.test.example", "test.example", -1, ResultCode.SUCCESS)
            .encodeAnswer(new DiameterEncoder().wrap(dpa), new RequestEcho().capture(dpr, 0, new AvpReader()));
        client.sendRaw(ByteBufUtil.getBytes(dpa));
        dpa.release();
        // The DPA has been read once the lane marks the connection (or, wrongly, closes it).
        assertTrue(FaultInjectingJournal.await(() -> !client.isOpen() ||
            lane.connections().stream().anyMatch(connection -> connection.closeWhenAnswered)), "the server read the DPA");
        assertTrue(client.isOpen(), "the connection stays open while an answer is owed");
        assertFalse(owed.isDone());

        disk.holdUntil(null);
        hang.countDown();
        assertEquals(ResultCode.SUCCESS,
            Cca.decode(owed.get(DiameterTestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS)).resultCode());
        assertTrue(client.awaitClosed(), "closed once the owed answer left");
        assertEquals(0, lane.counters().droppedReplies);
        assertEquals(0, lane.counters().connectionErrors);
    }

    @Test
    void shouldCloseAtOnceOnTheDisconnectPeerAnswerWhenNothingIsOwed() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
        assertEquals(ResultCode.SUCCESS, Ccr.initial("drain;2").msisdn(MSISDN).mscc(10).send(client).resultCode());
        final DiameterLane lane = server.server().diameter().lanes().get(0);
        lane.eventLoop().submit(lane::disconnectPeers).sync();
        final ByteBuf dpr = Unpooled.wrappedBuffer(client.nextServerRequest());
        final ByteBuf dpa = Unpooled.buffer();
        new DisconnectPeer("pgw1.test.example", "test.example", -1, ResultCode.SUCCESS)
            .encodeAnswer(new DiameterEncoder().wrap(dpa), new RequestEcho().capture(dpr, 0, new AvpReader()));
        client.sendRaw(ByteBufUtil.getBytes(dpa));
        dpa.release();
        assertTrue(client.awaitClosed());
        assertEquals(0, lane.counters().droppedReplies);
    }
}
