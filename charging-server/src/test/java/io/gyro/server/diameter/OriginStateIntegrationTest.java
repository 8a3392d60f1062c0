package io.gyro.server.diameter;

import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterHeaderDescriptor;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;
import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Origin-State-Id (RFC 6733 §8.16) over loopback: one table for the whole server, whatever event loop a connection
 * landed on, and only a higher value counts as a restart (review-base finding 1).
 */
@Timeout(60)
class OriginStateIntegrationTest
{
    private static final String SUBSCRIBER = "491700000003";

    @TempDir
    Path dataDir;
    private TestServer server;
    private final List<DiameterTestClient> clients = new ArrayList<>();

    @AfterEach
    void stop()
    {
        clients.forEach(DiameterTestClient::close);
        if (null != server)
        {
            server.close();
        }
    }

    private DiameterTestClient connect(final String host) throws Exception
    {
        final DiameterTestClient client = new DiameterTestClient(host).connect(server.diameterAddress());
        clients.add(client);
        assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
        return client;
    }

    private static Consumer<DiameterEncoder> originStateId(final long value)
    {
        return encoder -> encoder.uint32(AvpCode.ORIGIN_STATE_ID, FLAG_MANDATORY, 0, value);
    }

    private TestServer twoLanes() throws Exception
    {
        return TestServer.aServer(dataDir).with("diameter.io-threads=2").with("diameter.watchdog-interval=1h").start();
    }

    /** Connections are spread over the event loops round-robin: the test needs one on each. */
    private void assertOnePerLane()
    {
        for (final DiameterLane lane : server.server().diameter().lanes())
        {
            assertEquals(1, lane.connections().size(), lane.toString());
        }
    }

    private int laneHoldingOneConnection()
    {
        final List<DiameterLane> lanes = server.server().diameter().lanes();
        for (int i = 0; i < lanes.size(); i++)
        {
            if (1 == lanes.get(i).connections().size())
            {
                return i;
            }
        }
        throw new AssertionError("no lane holds the connection");
    }

    @Test
    void shouldNumberTheServersOwnRequestsUniquelyAcrossEventLoops() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.io-threads=2").with("diameter.watchdog-interval=30s")
            .start();
        final DiameterTestClient first = connect("dra1.test.example");
        final DiameterTestClient second = connect("dra2.test.example");
        assertOnePerLane();

        // Each lane sends a DWR to its quiet peer (Tw 30 s, jitter at most 2 s). RFC 6733 §3: End-to-End Identifiers
        // are unique per originator, whichever event loop sends.
        server.advance(33_000);
        final int firstId = Unpooled.wrappedBuffer(first.nextServerRequest()).getInt(DiameterHeaderDescriptor.END_TO_END_OFFSET);
        final int secondId = Unpooled.wrappedBuffer(second.nextServerRequest()).getInt(DiameterHeaderDescriptor.END_TO_END_OFFSET);
        assertNotEquals(firstId, secondId);
        assertEquals(1, Math.abs(firstId - secondId), "one sequence for the whole server");
    }

    @Test
    void shouldReleaseEarlierSessionsWhenTheRestartArrivesOnAnotherEventLoop() throws Exception
    {
        server = twoLanes();
        final DiameterTestClient first = connect("pgw1.test.example");
        assertEquals(ResultCode.SUCCESS, Ccr.initial("osi;1").msisdn(SUBSCRIBER).mscc(10).with(originStateId(7))
            .send(first).resultCode());
        final long heldBySession = server.account(SUBSCRIBER).reservedMinor();
        assertTrue(heldBySession > 0);

        final int firstLane = laneHoldingOneConnection();
        final DiameterTestClient second = connect("pgw1.test.example");
        // The first connection is closed as the peer's second replaces it; the second is on the other loop.
        assertEquals(1, server.server().diameter().lanes().get(1 - firstLane).connections().size());
        assertEquals(ResultCode.SUCCESS, Ccr.initial("osi;2").msisdn(SUBSCRIBER).mscc(10).with(originStateId(8))
            .send(second).resultCode());

        // The release is in the ring before the CCR that revealed the restart, so its answer orders this read.
        assertEquals(heldBySession, server.account(SUBSCRIBER).reservedMinor(), "only the new session holds");
        // Review C5: a release that charged what it held would keep reserved right; only the balance shows it.
        Invariants.assertCharged(server, SUBSCRIBER, DEMO_OPENING_MINOR, 0, 0);
        assertEquals(ResultCode.UNKNOWN_SESSION_ID, Ccr.update("osi;1", 1).msisdn(SUBSCRIBER)
            .usedOctets(10, 1000).with(originStateId(8)).send(second).resultCode());
        // The released session is a tombstone: late usage is still charged, one started MiB (as at supervision).
        Invariants.assertCharged(server, SUBSCRIBER, DEMO_OPENING_MINOR, 0, dataChargeMinor(1000));
    }

    @Test
    void shouldNotReleaseSessionsOfTheNewIncarnationWhenALaneThatSawOnlyTheOldValueSeesTheNewOne() throws Exception
    {
        server = twoLanes();
        final DiameterTestClient dra1 = connect("dra1.test.example");
        final DiameterTestClient dra2 = connect("dra2.test.example");
        assertOnePerLane();
        assertEquals(ResultCode.SUCCESS, Ccr.initial("pgw9;1").originHost("pgw9.test.example").msisdn(SUBSCRIBER)
            .mscc(10).with(originStateId(7)).send(dra1).resultCode());
        assertEquals(ResultCode.SUCCESS, Ccr.initial("pgw9;2").originHost("pgw9.test.example").msisdn(SUBSCRIBER)
            .mscc(10).with(originStateId(7)).send(dra2).resultCode());

        // pgw9 restarts; its first new request goes through dra2, which releases pgw9;1 and pgw9;2.
        assertEquals(ResultCode.SUCCESS, Ccr.initial("pgw9;3").originHost("pgw9.test.example").msisdn(SUBSCRIBER)
            .mscc(10).with(originStateId(8)).send(dra2).resultCode());
        // Its next request for the new session goes through dra1, whose loop saw only the value 7.
        assertEquals(ResultCode.SUCCESS, Ccr.update("pgw9;3", 1).originHost("pgw9.test.example").msisdn(SUBSCRIBER)
            .usedOctets(10, 1000).with(originStateId(8)).send(dra1).resultCode(), "the new session lives on");
        Invariants.assertCharged(server, SUBSCRIBER, DEMO_OPENING_MINOR, 0, dataChargeMinor(1000));
        assertEquals(ResultCode.UNKNOWN_SESSION_ID, Ccr.update("pgw9;1", 1).originHost("pgw9.test.example")
            .msisdn(SUBSCRIBER).usedOctets(10, 1000).with(originStateId(8)).send(dra1).resultCode());
        assertEquals(ResultCode.UNKNOWN_SESSION_ID, Ccr.update("pgw9;2", 1).originHost("pgw9.test.example")
            .msisdn(SUBSCRIBER).usedOctets(10, 1000).with(originStateId(8)).send(dra2).resultCode());
        // Three reports of 1000 octets, each its own started MiB: the live one and the two tombstones' late usage;
        // the two releases themselves charged nothing.
        Invariants.assertCharged(server, SUBSCRIBER, DEMO_OPENING_MINOR, 0, 3 * dataChargeMinor(1000));
    }

    @Test
    void shouldIgnoreALowerOriginStateIdAndKeepSessionsOpenedUnderTheCurrentOne() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=1h").start();
        final DiameterTestClient pgw = connect("pgw1.test.example");
        assertEquals(ResultCode.SUCCESS, Ccr.initial("low;1").msisdn(SUBSCRIBER).mscc(10).with(originStateId(7))
            .send(pgw).resultCode());
        assertEquals(ResultCode.SUCCESS, Ccr.initial("low;2").msisdn(SUBSCRIBER).mscc(10).with(originStateId(8))
            .send(pgw).resultCode());
        // A late request of the old incarnation (value 7) must not lower what is known ...
        assertEquals(ResultCode.UNKNOWN_SESSION_ID, Ccr.update("low;1", 1).msisdn(SUBSCRIBER).usedOctets(10, 1000)
            .with(originStateId(7)).send(pgw).resultCode(), "released by the restart");
        // Released, not charged: only the 1000 octets reported late to the tombstone (one started MiB).
        Invariants.assertCharged(server, SUBSCRIBER, DEMO_OPENING_MINOR, 0, dataChargeMinor(1000));
        // ... so the next request under the current value is no new restart.
        assertEquals(ResultCode.SUCCESS, Ccr.initial("low;3").msisdn(SUBSCRIBER).mscc(10).with(originStateId(8))
            .send(pgw).resultCode());
        assertEquals(ResultCode.SUCCESS, Ccr.update("low;2", 1).msisdn(SUBSCRIBER).usedOctets(10, 1000)
            .with(originStateId(8)).send(pgw).resultCode(), "opened under the current value: still open");
        assertEquals(2, server.account(SUBSCRIBER).openSessions());
        Invariants.assertCharged(server, SUBSCRIBER, DEMO_OPENING_MINOR, 0, 2 * dataChargeMinor(1000));
    }
}
