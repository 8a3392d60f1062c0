package io.gyro.server.radius;

import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static io.gyro.server.radius.RadiusLane.ACCT_START;
import static io.gyro.server.test.BundledTariffs.DATA_DEFAULT_GRANT;
import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on the RADIUS sockets (issue 5): truncated packets, attribute lengths of 0, 1 or past the end, unknown
 * Codes, Codes a port does not serve, oversized datagrams, strangers, forged authenticators. Each is dropped
 * silently and counted by reason, and the server keeps answering everyone else.
 */
@Timeout(60)
class RadiusBadInputIntegrationTest
{
    private static final String ALICE = "491700000008";

    @TempDir
    Path dataDir;
    private TestServer server;
    private RadiusTestNas nas;
    private int sessions;

    @BeforeEach
    void start() throws Exception
    {
        nas = new RadiusTestNas();
        server = TestServer.aServer(dataDir)
            .with("radius.enabled=true")
            .with("radius.coa-port=" + nas.coaPort())
            .with("radius.clients[0].address=127.0.0.1/32")
            .start();
    }

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            // Nothing dropped reached the ledger, in money: no charge, and only the probes' Starts hold a grant.
            Invariants.assertCharged(server, ALICE, DEMO_OPENING_MINOR, 0, 0);
            assertEquals(sessions, server.account(ALICE).openSessions(), "only the probes opened sessions");
            assertEquals(sessions * dataChargeMinor(DATA_DEFAULT_GRANT), server.account(ALICE).reservedMinor(),
                "one default data grant held per probe");
            server.close();
        }
        nas.close();
    }

    private RadiusCounters counters()
    {
        return server.server().radius().counters();
    }

    /** A good request answered proves the server still serves, and that everything sent before was handled. */
    private void assertStillAnswering() throws Exception
    {
        final RadiusTestNas.Request start = nas.accounting(ACCT_START, "still-" + sessions++, ALICE);
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.exchange(start, server.radiusAcctAddress()).code());
    }

    private void sendToAcct(final byte[] packet) throws Exception
    {
        nas.send(packet, server.radiusAcctAddress());
    }

    private static byte[] header(final int code, final int length, final int size)
    {
        final byte[] packet = new byte[size];
        packet[0] = (byte)code;
        packet[1] = 42;
        packet[2] = (byte)(length >>> 8);
        packet[3] = (byte)length;
        return packet;
    }

    @Test
    void shouldDropMalformedPacketsByReasonAndKeepAnswering() throws Exception
    {
        final int accounting = RadiusCode.ACCOUNTING_REQUEST;
        sendToAcct(new byte[10]);
        sendToAcct(header(accounting, 100, 40));
        sendToAcct(header(accounting, 19, 20));
        sendToAcct(header(accounting, 5000, 30));
        final byte[] zeroLength = header(accounting, 24, 24);
        zeroLength[20] = RadiusAttributeType.USER_NAME;
        sendToAcct(zeroLength);
        final byte[] oneLength = header(accounting, 24, 24);
        oneLength[20] = RadiusAttributeType.USER_NAME;
        oneLength[21] = 1;
        sendToAcct(oneLength);
        final byte[] overrun = header(accounting, 30, 30);
        overrun[20] = RadiusAttributeType.USER_NAME;
        overrun[21] = 50;
        sendToAcct(overrun);
        sendToAcct(header(99, 20, 20));
        sendToAcct(new byte[5000]);
        assertStillAnswering();

        assertEquals(2, counters().dropped(RadiusDropReason.TRUNCATED));
        assertEquals(1, counters().dropped(RadiusDropReason.LENGTH_TOO_SMALL));
        assertEquals(1, counters().dropped(RadiusDropReason.LENGTH_OVER_MAX));
        assertEquals(2, counters().dropped(RadiusDropReason.ATTRIBUTE_LENGTH_INVALID));
        assertEquals(1, counters().dropped(RadiusDropReason.ATTRIBUTE_OVERRUN));
        assertEquals(1, counters().dropped(RadiusDropReason.UNKNOWN_CODE));
        assertEquals(1, counters().dropped(RadiusDropReason.OVERSIZED));
        assertEquals(9, counters().droppedTotal());
        assertEquals(1, counters().accountingResponses);
    }

    @Test
    void shouldDropCodesAPortDoesNotServe() throws Exception
    {
        nas.send(nas.accounting(ACCT_START, "wrong-port", ALICE).encode(), server.radiusAuthAddress());
        sendToAcct(nas.access(ALICE).pap("gyro-demo").encode());
        sendToAcct(nas.new Request(RadiusCode.COA_REQUEST).string(RadiusAttributeType.USER_NAME, ALICE).encode());
        sendToAcct(nas.new Request(RadiusCode.ACCOUNTING_RESPONSE).encode());
        assertStillAnswering();
        assertEquals(4, counters().dropped(RadiusDropReason.WRONG_PORT));
        assertEquals(0, counters().accessRequests);
    }

    @Test
    void shouldDropStrangersAndForgedAuthenticators() throws Exception
    {
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0)))
        {
            final byte[] packet = nas.accounting(ACCT_START, "stranger", ALICE).encode();
            stranger.send(new DatagramPacket(packet, packet.length, server.radiusAcctAddress()));
        }
        try (RadiusTestNas forger = new RadiusTestNas("wrong-secret"))
        {
            forger.send(forger.accounting(ACCT_START, "forged", ALICE).encode(), server.radiusAcctAddress());
            forger.send(forger.access(ALICE).pap("gyro-demo").messageAuthenticator().encode(),
                server.radiusAuthAddress());
        }
        final byte[] tampered = nas.accounting(ACCT_START, "tampered", ALICE).encode();
        tampered[tampered.length - 1] ^= 1;
        sendToAcct(tampered);
        nas.send(nas.access(ALICE).pap("gyro-demo").bytes(RadiusAttributeType.EAP_MESSAGE, new byte[] {2, 1, 0, 4})
            .encode(), server.radiusAuthAddress());
        assertStillAnswering();

        assertEquals(1, counters().dropped(RadiusDropReason.UNKNOWN_CLIENT));
        assertEquals(2, counters().dropped(RadiusDropReason.BAD_AUTHENTICATOR));
        assertEquals(1, counters().dropped(RadiusDropReason.BAD_MESSAGE_AUTHENTICATOR));
        assertEquals(1, counters().dropped(RadiusDropReason.MISSING_MESSAGE_AUTHENTICATOR));
        assertEquals(1, counters().accountingStarts, "only the good Start reached the ledger");
    }

    @Test
    void shouldDropAnAccessRequestWhoseProxyStatesCouldNotBeEchoedWithin4096Octets() throws Exception
    {
        final RadiusTestNas.Request request = nas.access(ALICE).pap("gyro-demo");
        for (int i = 0; i < 15; i++)
        {
            request.bytes(RadiusAttributeType.PROXY_STATE, new byte[253]);
        }
        request.bytes(RadiusAttributeType.PROXY_STATE, new byte[150]);
        final byte[] packet = request.encode();
        assertTrue(packet.length <= 4096, "a legal request");
        nas.send(packet, server.radiusAuthAddress());
        assertStillAnswering();
        assertEquals(1, counters().dropped(RadiusDropReason.RESPONSE_TOO_LARGE));
        assertEquals(1_000, server.account(ALICE).reservedMinor(), "only the accounting session holds a reservation");
    }

    @Test
    void shouldDropEveryMutationOfASignedRequestAndKeepAnswering() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(5080);
        final byte[] original = nas.accounting(ACCT_START, "mutated", ALICE).octets(123, 456).encode();
        int sent = 0;
        for (int burst = 0; burst < 20; burst++)
        {
            for (int i = 0; i < 50; i++)
            {
                final byte[] mutated;
                if (random.nextBoolean())
                {
                    mutated = original.clone();
                    mutated[random.nextInt(mutated.length)] ^= (byte)(1 + random.nextInt(255));
                }
                else
                {
                    mutated = Arrays.copyOf(original, random.nextInt(original.length));
                }
                sendToAcct(mutated);
                sent++;
            }
            // Bursts small enough for the socket buffer; the answer also proves the burst was handled.
            assertStillAnswering();
        }
        assertEquals(sent, counters().droppedTotal());
        assertEquals(20, counters().accountingStarts);
    }
}
