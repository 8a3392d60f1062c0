package io.gyro.server.diameter;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.base.DisconnectPeer;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.ResultCode;
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
import java.nio.file.Path;
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
        final ByteBuf dpa = Unpooled.buffer();
        final ByteBuf dpr = Unpooled.buffer();
        new DisconnectPeer("gyro.localdomain", "localdomain", 0, -1).encodeRequest(new DiameterEncoder().wrap(dpr),
            4242, 4242);
        new DisconnectPeer("pgw1.test.example", "test.example", -1, ResultCode.SUCCESS)
            .encodeAnswer(new DiameterEncoder().wrap(dpa), new RequestEcho().capture(dpr, 0, new AvpReader()));
        final byte[] answer = client.send(concat(wrongRealm, ByteBufUtil.getBytes(dpa))).get(10, TimeUnit.SECONDS);
        assertEquals(ResultCode.REALM_NOT_SERVED, resultCode(answer));
        assertTrue(client.awaitClosed());
        assertEquals(0, counters().connectionErrors);
    }
}
