package io.gyro.server.radius;

import io.gyro.protocol.radius.RadiusCode;
import io.gyro.server.test.AdminClient;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static io.gyro.server.radius.RadiusLane.ACCT_INTERIM_UPDATE;
import static io.gyro.server.radius.RadiusLane.ACCT_START;
import static io.gyro.server.radius.RadiusLane.ACCT_STOP;
import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flood of junk datagrams on both RADIUS ports, from a configured NAS (wrong sizes, garbage, forged or damaged
 * requests) and from a stranger, while a real NAS runs an accounting session through the ledger in between: every
 * junk datagram is dropped and counted, none reaches the ledger, and every real request is answered.
 */
@Timeout(120)
class RadiusFloodIntegrationTest
{
    private static final String ALICE = "491700000008";
    /** Datagrams per burst: small enough for the default socket receive buffer, so the kernel drops none. */
    private static final int BURST = 50;
    private static final int BURSTS = 100;

    @TempDir
    Path dataDir;
    private TestServer server;
    private RadiusTestNas nas;

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            Invariants.assertCountersConsistent(server, ALICE);
            server.close();
        }
        if (null != nas)
        {
            nas.close();
        }
    }

    private byte[] junk(final SplittableRandom random, final byte[] signed)
    {
        switch (random.nextInt(4))
        {
            case 0 ->
            {
                // Random octets of any size up to past the 4096-octet maximum.
                final byte[] bytes = new byte[random.nextInt(4_200)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 1 ->
            {
                // A plausible header (Accounting-Request, consistent Length) over garbage attributes.
                final byte[] bytes = new byte[20 + random.nextInt(200)];
                random.nextBytes(bytes);
                bytes[0] = RadiusCode.ACCOUNTING_REQUEST;
                bytes[2] = (byte)(bytes.length >>> 8);
                bytes[3] = (byte)bytes.length;
                return bytes;
            }
            case 2 ->
            {
                // A signed request with one octet changed: its authenticator no longer verifies.
                final byte[] bytes = signed.clone();
                bytes[4 + random.nextInt(bytes.length - 4)] ^= (byte)(1 + random.nextInt(255));
                return bytes;
            }
            default ->
            {
                // A signed request cut short.
                final byte[] bytes = new byte[random.nextInt(signed.length)];
                System.arraycopy(signed, 0, bytes, 0, bytes.length);
                return bytes;
            }
        }
    }

    @Test
    void shouldDropAndCountAFloodOfJunkWhileARealNasIsAnswered() throws Exception
    {
        nas = new RadiusTestNas();
        server = TestServer.aServer(dataDir).withAdmin()
            .with("radius.enabled=true")
            .with("radius.coa-port=" + nas.coaPort())
            .with("radius.clients[0].address=127.0.0.1/32")
            .start();
        final RadiusCounters counters = server.server().radius().counters();
        final SplittableRandom random = new SplittableRandom(2865);
        final byte[] signed = nas.accounting(ACCT_START, "victim", ALICE).octets(1, 2).encode();
        final InetSocketAddress[] ports = {server.radiusAuthAddress(), server.radiusAcctAddress()};

        assertEquals(RadiusCode.ACCOUNTING_RESPONSE,
            nas.exchange(nas.accounting(ACCT_START, "real", ALICE), server.radiusAcctAddress()).code());
        int junk = 0;
        int strangers = 0;
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0)))
        {
            for (int burst = 1; burst <= BURSTS; burst++)
            {
                for (int i = 0; i < BURST; i++)
                {
                    final byte[] datagram = junk(random, signed);
                    final InetSocketAddress port = ports[random.nextInt(2)];
                    if (0 == i % 10)
                    {
                        stranger.send(new DatagramPacket(datagram, datagram.length, port));
                        // The size is checked first: an oversized datagram counts as oversized, whoever sent it.
                        strangers += datagram.length <= 4_096 ? 1 : 0;
                    }
                    else
                    {
                        nas.send(datagram, port);
                    }
                    junk++;
                }
                // The real NAS between bursts: answered, and its answer shows the burst before it was handled.
                final RadiusTestNas.Request interim =
                    nas.accounting(ACCT_INTERIM_UPDATE, "real", ALICE).octets(burst * 1_000L, burst * 2_000L);
                assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.exchange(interim, server.radiusAcctAddress()).code());
            }
        }
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.exchange(
            nas.accounting(ACCT_STOP, "real", ALICE).octets(200_000, 400_000), server.radiusAcctAddress()).code());

        assertEquals(junk, counters.droppedTotal(), "every junk datagram dropped and counted");
        assertEquals(strangers, counters.dropped(RadiusDropReason.UNKNOWN_CLIENT));
        assertEquals(1, counters.accountingStarts, "no junk reached the ledger");
        assertEquals(BURSTS, counters.accountingInterims);
        assertEquals(1, counters.accountingStops);
        assertEquals(0, counters.accessRequests);
        final String metrics = new AdminClient(server.adminAddress(), null).get("/metrics").body();
        assertTrue(metrics.contains("gyro_radius_drops_total{reason=\"unknown_client\"} " + strangers + ".0"),
            metrics);
        assertEquals(0, server.account(ALICE).reservedMinor(), "the real session closed");
        // In money too: the real session's counters end at 600 000 octets, rounded up once over the session to one
        // started MiB; junk that reached the ledger, or a report charged twice, would show here.
        Invariants.assertCharged(server, ALICE, DEMO_OPENING_MINOR, 0, dataChargeMinor(200_000 + 400_000));
    }
}
