package io.gyro.server.diameter;

import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerResult;
import io.gyro.server.test.TestServer;
import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Mode;
import org.jdiameter.api.Peer;
import org.jdiameter.api.PeerState;
import org.jdiameter.api.PeerTable;
import org.jdiameter.api.Request;
import org.jdiameter.api.Session;
import org.jdiameter.api.SessionFactory;
import org.jdiameter.api.Stack;
import org.jdiameter.client.api.controller.IPeer;
import org.jdiameter.client.impl.StackImpl;
import org.jdiameter.client.impl.helpers.XMLConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Interop with an independent Diameter client stack over loopback: jdiameter 1.7.1 (RestComm; AGPL, test scope
 * only) as the PGW. CER/CEA and DPR/DPA come from its own peer state machine, DWR from its idle timer; it sends
 * CCR-I/U/T with MSCC and an EVENT, and receives and answers an RAR.
 */
@Timeout(90)
class JdiameterClientInteropTest
{
    private static final long MIB = 1L << 20;
    private static final String SUBSCRIBER = "491700000042";

    @TempDir
    Path dataDir;
    private TestServer server;
    private Stack stack;
    private SessionFactory sessions;

    @BeforeEach
    void start(final org.junit.jupiter.api.TestInfo test) throws Exception
    {
        // jdiameter sends DWR after IacTimeOut of silence; only the watchdog test wants that soon.
        final String idleTimeoutMs = test.getTestMethod().orElseThrow().getName().contains("Watchdog") ? "1000" : "60000";
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=1h").start();
        final String xml;
        try (InputStream in = getClass().getResourceAsStream("/jdiameter-client.xml"))
        {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                .replace("PORT", Integer.toString(server.diameterAddress().getPort()))
                .replace("IAC_TIMEOUT", idleTimeoutMs);
        }
        stack = new StackImpl();
        sessions = stack.init(new XMLConfiguration(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        // Generous: on a loaded 2-core box jdiameter's first connection and CER can take several seconds.
        stack.start(Mode.ALL_PEERS, 30, TimeUnit.SECONDS);
        awaitPeersOpen();
    }

    /**
     * jdiameter's start returns when its peer state machine reaches OKAY, but its router also wants the peer's
     * connection marked valid, which another of its threads does a moment later; in between the first request is
     * refused ("Unable to find valid connection to peer"), as happened once on a loaded CI machine. Wait for what
     * the router checks.
     */
    private void awaitPeersOpen() throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        final java.util.List<Peer> peers = stack.unwrap(PeerTable.class).getPeerTable();
        assertFalse(peers.isEmpty(), "jdiameter has the configured peer");
        for (final Peer peer : peers)
        {
            while (PeerState.OKAY != peer.getState(PeerState.class) || !((IPeer)peer).hasValidConnection())
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("jdiameter's peer " + peer.getUri() + " did not open: " +
                        peer.getState(PeerState.class));
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    @AfterEach
    void stop() throws Exception
    {
        if (null != stack)
        {
            try
            {
                stack.stop(2, TimeUnit.SECONDS, 0);
            }
            finally
            {
                stack.destroy();
            }
        }
        if (null != server)
        {
            server.close();
        }
    }

    private Request ccr(final Session session, final int type, final int number)
    {
        return ccr(session, type, number, SUBSCRIBER);
    }

    private Request ccr(final Session session, final int type, final int number, final String msisdn)
    {
        // Routed by realm: jdiameter names the peer by its configured address, not by its Origin-Host.
        final Request request = session.createRequest(272, ApplicationId.createByAuthAppId(4), "localdomain");
        final AvpSet avps = request.getAvps(); // jdiameter adds Auth-Application-Id from the ApplicationId
        avps.addAvp(Avp.SERVICE_CONTEXT_ID, "32251@3gpp.org", true, false, false);
        avps.addAvp(Avp.CC_REQUEST_TYPE, type, true, false);
        avps.addAvp(Avp.CC_REQUEST_NUMBER, number, true, false);
        final AvpSet subscription = avps.addGroupedAvp(Avp.SUBSCRIPTION_ID, true, false);
        subscription.addAvp(Avp.SUBSCRIPTION_ID_TYPE, 0, true, false);
        subscription.addAvp(Avp.SUBSCRIPTION_ID_DATA, msisdn, true, false, false);
        return request;
    }

    private static AvpSet mscc(final Request request, final long ratingGroup, final long usedOctets, final boolean rsu)
    {
        final AvpSet mscc = request.getAvps().addGroupedAvp(Avp.MULTIPLE_SERVICES_CREDIT_CONTROL, true, false);
        if (rsu)
        {
            mscc.addGroupedAvp(Avp.REQUESTED_SERVICE_UNIT, true, false);
        }
        if (usedOctets >= 0)
        {
            mscc.addGroupedAvp(Avp.USED_SERVICE_UNIT, true, false)
                .addAvp(Avp.CC_TOTAL_OCTETS, usedOctets, true, false, false);
        }
        mscc.addAvp(Avp.RATING_GROUP, ratingGroup, true, false, true);
        return mscc;
    }

    private static Answer send(final Session session, final Request request) throws Exception
    {
        return (Answer)session.send(request, 5, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldServeJdiameterClientSessions() throws Exception
    {
        final Session session = sessions.getNewSession();
        final Request initial = ccr(session, 1, 0);
        mscc(initial, 10, -1, true);
        final Answer initialAnswer = send(session, initial);
        assertEquals(2001, initialAnswer.getResultCode().getUnsigned32());
        final AvpSet granted = initialAnswer.getAvps().getAvp(Avp.MULTIPLE_SERVICES_CREDIT_CONTROL).getGrouped();
        assertEquals(10 * MIB, granted.getAvp(Avp.GRANTED_SERVICE_UNIT).getGrouped()
            .getAvp(Avp.CC_TOTAL_OCTETS).getUnsigned64());
        assertEquals(600, granted.getAvp(Avp.VALIDITY_TIME).getUnsigned32());

        final Request update = ccr(session, 2, 1);
        mscc(update, 10, 2 * MIB, true);
        assertEquals(2001, send(session, update).getResultCode().getUnsigned32());

        final Request terminate = ccr(session, 3, 2);
        mscc(terminate, 10, MIB, false);
        final Answer terminateAnswer = send(session, terminate);
        assertEquals(2001, terminateAnswer.getResultCode().getUnsigned32());
        assertEquals(1_000_000 - 3 * 100, server.account(SUBSCRIBER).balanceMinor());

        final Session event = sessions.getNewSession();
        final Request debit = ccr(event, 4, 0);
        debit.getAvps().addAvp(Avp.REQUESTED_ACTION, 0, true, false);
        final AvpSet eventMscc = debit.getAvps().addGroupedAvp(Avp.MULTIPLE_SERVICES_CREDIT_CONTROL, true, false);
        eventMscc.addGroupedAvp(Avp.REQUESTED_SERVICE_UNIT, true, false)
            .addAvp(Avp.CC_SERVICE_SPECIFIC_UNITS, 1L, true, false, false);
        eventMscc.addAvp(Avp.RATING_GROUP, 30L, true, false, true);
        assertEquals(2001, send(event, debit).getResultCode().getUnsigned32());
        assertEquals(1_000_000 - 3 * 100 - 500, server.account(SUBSCRIBER).balanceMinor());
    }

    @Test
    void shouldDeliverReAuthRequestToJdiameterClient() throws Exception
    {
        final String poor = "491709999991";
        final Session session = sessions.getNewSession();
        final CompletableFuture<Request> rar = new CompletableFuture<>();
        session.setRequestListener(request ->
        {
            rar.complete(request);
            return request.createAnswer(2002);
        });
        final Request initial = ccr(session, 1, 0, poor);
        mscc(initial, 10, -1, true);
        assertEquals(2001, send(session, initial).getResultCode().getUnsigned32(), "final units granted");

        assertEquals(LedgerResult.SUCCESS, server.ledger(command ->
        {
            command.type = CommandType.TOP_UP;
            command.addIdentity(IdentityType.E164, poor);
            command.amountMinor = 100_000;
        }).result());
        final Request received = rar.get(10, TimeUnit.SECONDS);
        assertEquals(258, received.getCommandCode());
        assertEquals(session.getSessionId(), received.getSessionId());
        assertEquals(0, received.getAvps().getAvp(Avp.RE_AUTH_REQUEST_TYPE).getInteger32());
    }

    @Test
    void shouldAnswerJdiameterWatchdogs() throws Exception
    {
        final DiameterLane lane = server.server().diameter().lanes().get(0);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        // jdiameter sends DWR after IacTimeOut (1 s) of silence on its own timer.
        while (lane.counters().watchdogsAnswered == 0 && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
        }
        assertTrue(lane.counters().watchdogsAnswered > 0, "the server answered jdiameter's DWR");
        assertEquals(1, server.server().peers().size());
        assertNotNull(server.server().peers().find("jdiameter-pgw.test.example"),
            () -> "peers: " + server.server().peers().connections());
    }
}
