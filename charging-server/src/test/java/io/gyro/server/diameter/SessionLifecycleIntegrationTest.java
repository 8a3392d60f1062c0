package io.gyro.server.diameter;

import io.gyro.ledger.AccountView;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerResult;
import io.gyro.protocol.diameter.AvpReadError;
import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.base.SessionRequest;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.Cca;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;
import static io.gyro.server.test.BundledTariffs.DATA_DEFAULT_GRANT;
import static io.gyro.server.test.BundledTariffs.DATA_PRICE_MINOR;
import static io.gyro.server.test.BundledTariffs.DATA_QUANTUM;
import static io.gyro.server.test.BundledTariffs.POOR_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Sessions over time (issue 4): retransmissions never charge twice, supervision releases what a silent session
 * held, sessions survive a restart, and the server speaks first with RAR and ASR.
 */
@Timeout(60)
class SessionLifecycleIntegrationTest
{
    private static final long MIB = 1L << 20;
    private static final String SUBSCRIBER = "491700000002";
    private static final long OPENING_MINOR = 1_000_000;

    @TempDir
    Path dataDir;
    private TestServer server;
    private DiameterTestClient client;

    @BeforeEach
    void start() throws Exception
    {
        // Clock jumps of many minutes would otherwise judge a watchdog answer still in flight as missed.
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=1h").start();
        connect();
    }

    private void connect() throws Exception
    {
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
    }

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

    private static boolean sameExceptHopByHop(final byte[] a, final byte[] b)
    {
        if (a.length != b.length)
        {
            return false;
        }
        final byte[] x = a.clone();
        final byte[] y = b.clone();
        Arrays.fill(x, 12, 16, (byte)0);
        Arrays.fill(y, 12, 16, (byte)0);
        return Arrays.equals(x, y);
    }

    @Test
    void shouldAnswerRetransmissionWithRecordedAnswerAndChargeOnce() throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.initial("rt;1").msisdn(SUBSCRIBER).mscc(10).send(client).resultCode());
        final int endToEnd = client.nextEndToEnd();
        final byte[] first = client.request(Ccr.update("rt;1", 1).msisdn(SUBSCRIBER).usedOctets(10, 2 * MIB)
            .bytes(client, client.nextHopByHop(), endToEnd));
        final byte[] retransmitted = client.request(Ccr.update("rt;1", 1).msisdn(SUBSCRIBER).usedOctets(10, 2 * MIB)
            .retransmissionOf(endToEnd).bytes(client));
        assertTrue(sameExceptHopByHop(first, retransmitted), "(Origin-Host, End-to-End) duplicate: same answer");

        // Same CC-Request-Number with a new End-to-End Identifier: the ledger's recorded result, nothing charged.
        final Cca again = Ccr.update("rt;1", 1).msisdn(SUBSCRIBER).usedOctets(10, 2 * MIB).send(client);
        assertEquals(ResultCode.SUCCESS, again.resultCode());
        assertEquals(Cca.decode(first).mscc().granted().totalOctets(), again.mscc().granted().totalOctets());

        final Cca older = Ccr.update("rt;1", 0).msisdn(SUBSCRIBER).usedOctets(10, 2 * MIB).send(client);
        assertEquals(ResultCode.UNABLE_TO_COMPLY, older.resultCode(), "a lower CC-Request-Number is out of sequence");

        assertEquals(ResultCode.SUCCESS,
            Ccr.terminate("rt;1", 2).msisdn(SUBSCRIBER).finalOctets(10, 0).send(client).resultCode());
        final AccountView account = server.account(SUBSCRIBER);
        assertEquals(OPENING_MINOR - 2 * 100, account.balanceMinor(), "2 MiB charged once");
        Invariants.assertCharged(server, SUBSCRIBER, OPENING_MINOR, 0, dataChargeMinor(2 * MIB));
    }

    @Test
    void shouldAnswerRetransmissionFromTheCacheWithItsOwnProxyInfos() throws Exception
    {
        final int endToEnd = client.nextEndToEnd();
        final byte[] first = client.request(Ccr.initial("pi;1").msisdn(SUBSCRIBER).mscc(10)
            .with(proxyInfo("dra1.test.example", "state-A")).bytes(client, client.nextHopByHop(), endToEnd));
        assertEquals(List.of("dra1.test.example=state-A"), proxyInfos(first));

        // RFC 6733 §3, §6.2: after failover another agent resends it with Proxy-State of its own, then a third
        // path adds two agents; each copy is answered with what it carried, in order, and nothing charged twice.
        final byte[] viaOtherAgent = client.request(Ccr.initial("pi;1").msisdn(SUBSCRIBER).mscc(10)
            .with(proxyInfo("dra2.test.example", "state-B")).retransmissionOf(endToEnd).bytes(client));
        assertEquals(List.of("dra2.test.example=state-B"), proxyInfos(viaOtherAgent));
        final byte[] viaTwoAgents = client.request(Ccr.initial("pi;1").msisdn(SUBSCRIBER).mscc(10)
            .with(proxyInfo("dra3.test.example", "state-C")).with(proxyInfo("dra4.test.example", "state-D"))
            .retransmissionOf(endToEnd).bytes(client));
        assertEquals(List.of("dra3.test.example=state-C", "dra4.test.example=state-D"), proxyInfos(viaTwoAgents));
        final byte[] direct = client.request(Ccr.initial("pi;1").msisdn(SUBSCRIBER).mscc(10)
            .retransmissionOf(endToEnd).bytes(client));
        assertEquals(List.of(), proxyInfos(direct));

        for (final byte[] answer : List.of(viaOtherAgent, viaTwoAgents, direct))
        {
            assertWellFramed(answer);
            assertArrayEquals(beforeProxyInfos(first), beforeProxyInfos(answer), "the same answer otherwise");
        }
        assertEquals(3, server.server().diameter().lanes().get(0).counters().duplicates, "from the answer cache");
        assertEquals(1, server.account(SUBSCRIBER).openSessions());
        Invariants.assertCharged(server, SUBSCRIBER, OPENING_MINOR, 0, 0);
        assertEquals(DATA_DEFAULT_GRANT / DATA_QUANTUM * DATA_PRICE_MINOR, server.account(SUBSCRIBER).reservedMinor(),
            "one grant held, not four");
    }

    private static Consumer<DiameterEncoder> proxyInfo(final String host, final String state)
    {
        return encoder ->
        {
            encoder.beginGroup(AvpCode.PROXY_INFO, FLAG_MANDATORY, 0);
            encoder.utf8(AvpCode.PROXY_HOST, FLAG_MANDATORY, 0, host);
            encoder.octets(AvpCode.PROXY_STATE, FLAG_MANDATORY, 0, state.getBytes(StandardCharsets.US_ASCII));
            encoder.endGroup();
        };
    }

    private static List<String> proxyInfos(final byte[] message)
    {
        final List<String> found = new ArrayList<>();
        final AvpReader reader = new AvpReader().wrapMessage(Unpooled.wrappedBuffer(message), 0);
        while (reader.find(AvpCode.PROXY_INFO, 0))
        {
            final AvpReader group = new AvpReader().wrapGroup(reader);
            String host = null;
            String state = null;
            while (group.next())
            {
                if (AvpCode.PROXY_HOST == group.code())
                {
                    host = group.utf8();
                }
                else if (AvpCode.PROXY_STATE == group.code())
                {
                    state = group.utf8();
                }
            }
            found.add(host + "=" + state);
        }
        return found;
    }

    /** The Message Length covers exactly the AVPs, and every AVP is well framed. */
    private static void assertWellFramed(final byte[] message)
    {
        assertEquals(message.length, Unpooled.wrappedBuffer(message).getUnsignedMedium(1));
        final AvpReader reader = new AvpReader().wrapMessage(Unpooled.wrappedBuffer(message), 0);
        int end = 20;
        while (reader.next())
        {
            end = reader.avpOffset() + reader.paddedLength();
        }
        assertEquals(AvpReadError.NONE, reader.error());
        assertEquals(message.length, end);
    }

    /** The octets before the first Proxy-Info, with Hop-by-Hop and Message Length cleared. */
    private static byte[] beforeProxyInfos(final byte[] message)
    {
        final AvpReader reader = new AvpReader().wrapMessage(Unpooled.wrappedBuffer(message), 0);
        final int end = reader.find(AvpCode.PROXY_INFO, 0) ? reader.avpOffset() : message.length;
        final byte[] prefix = Arrays.copyOf(message, end);
        Arrays.fill(prefix, 1, 4, (byte)0);
        Arrays.fill(prefix, 12, 16, (byte)0);
        return prefix;
    }

    @Test
    void shouldReleaseSilentSessionAtSupervisionAndStillChargeLateTermination() throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.initial("tcc;1").msisdn(SUBSCRIBER).mscc(10).send(client).resultCode());
        assertTrue(server.account(SUBSCRIBER).reservedMinor() > 0);

        server.advance(600_000);
        assertTrue(server.account(SUBSCRIBER).reservedMinor() > 0, "never released at the validity time itself");
        server.advance(601_000);
        assertEquals(0, server.account(SUBSCRIBER).reservedMinor(), "released after 2 x Validity-Time of silence");
        assertEquals(OPENING_MINOR, server.account(SUBSCRIBER).balanceMinor(), "released, not charged");

        final Cca late = Ccr.terminate("tcc;1", 1).msisdn(SUBSCRIBER).finalOctets(10, 3 * MIB).send(client);
        assertEquals(ResultCode.SUCCESS, late.resultCode(), "usage within 10 minutes of the release is charged");
        assertEquals(OPENING_MINOR - 3 * 100, server.account(SUBSCRIBER).balanceMinor());

        assertEquals(ResultCode.SUCCESS, Ccr.initial("tcc;2").msisdn(SUBSCRIBER).mscc(10).send(client).resultCode());
        server.advance(1_201_000);
        final Cca update = Ccr.update("tcc;2", 1).msisdn(SUBSCRIBER).usedOctets(10, MIB).send(client);
        assertEquals(ResultCode.UNKNOWN_SESSION_ID, update.resultCode(), "CCR-U after the release: 5002");
        assertEquals(OPENING_MINOR - 4 * 100, server.account(SUBSCRIBER).balanceMinor(), "but its usage is charged");
        Invariants.assertCharged(server, SUBSCRIBER, OPENING_MINOR, 0, dataChargeMinor(3 * MIB) + dataChargeMinor(MIB));
    }

    @Test
    void shouldContinueSessionsAcrossRestart() throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.initial("rs;1").msisdn(SUBSCRIBER).mscc(10).send(client).resultCode());
        final Cca beforeRestart = Ccr.update("rs;1", 1).msisdn(SUBSCRIBER).usedOctets(10, 5 * MIB).send(client);
        assertEquals(ResultCode.SUCCESS, beforeRestart.resultCode());
        client.close();
        server.stop();

        server.start();
        connect();
        final Cca retransmittedAfterRestart = Ccr.update("rs;1", 1).msisdn(SUBSCRIBER).usedOctets(10, 5 * MIB)
            .send(client);
        assertEquals(ResultCode.SUCCESS, retransmittedAfterRestart.resultCode(), "the journaled answer");
        assertEquals(beforeRestart.mscc().granted().totalOctets(),
            retransmittedAfterRestart.mscc().granted().totalOctets());
        assertEquals(ResultCode.SUCCESS,
            Ccr.terminate("rs;1", 2).msisdn(SUBSCRIBER).finalOctets(10, MIB).send(client).resultCode());
        assertEquals(OPENING_MINOR - 6 * 100, server.account(SUBSCRIBER).balanceMinor());
        assertEquals(0, server.account(SUBSCRIBER).reservedMinor());
        Invariants.assertCharged(server, SUBSCRIBER, OPENING_MINOR, 0, dataChargeMinor(5 * MIB + MIB));
    }

    @Test
    void shouldSendReAuthRequestAfterTopUpOfStarvedSession() throws Exception
    {
        final String poor = "491709999991";
        final Cca initial = Ccr.initial("rar;1").msisdn(poor).mscc(10).send(client);
        assertEquals(0, initial.mscc().finalUnitAction(), "final units");
        // Two MSCCs keep the CCR-U at 2001 (a sole failing MSCC would end the session, RFC 4006 §7).
        final Cca exhausted = Ccr.update("rar;1", 1).msisdn(poor).usedOctets(10, 5 * MIB).mscc(30).send(client);
        assertEquals(ResultCode.SUCCESS, exhausted.resultCode());
        assertEquals(ResultCode.CREDIT_LIMIT_REACHED, exhausted.msccs().get(0).resultCode());

        assertEquals(LedgerResult.SUCCESS, server.ledger(command ->
        {
            command.type = CommandType.TOP_UP;
            command.addIdentity(IdentityType.E164, poor);
            command.amountMinor = 100_000;
        }).result());

        final byte[] rar = client.nextServerRequest();
        final SessionRequest request = SessionRequest.decode(Unpooled.wrappedBuffer(rar), 0);
        assertEquals(CommandCode.RE_AUTH, request.commandCode());
        assertEquals("rar;1", new String(request.sessionId(), StandardCharsets.UTF_8));
        assertEquals("pgw1.test.example", request.destinationHost());
        assertEquals("test.example", request.destinationRealm());
        assertEquals(4, request.authApplicationId());
        assertEquals(0, request.reAuthRequestType(), "AUTHORIZE_ONLY");
        client.answer(PeerLayerIntegrationTest.raaFor(rar, ResultCode.LIMITED_SUCCESS));

        final Cca reauthorized = Ccr.update("rar;1", 2).msisdn(poor)
            .mscc(10, new ServiceUnits().markPresent(), null)
            .with(encoder -> { }).send(client);
        assertEquals(ResultCode.SUCCESS, reauthorized.mscc().resultCode());
        assertEquals(10 * MIB, reauthorized.mscc().granted().totalOctets());
        // The 5 MiB it used cost all of its 0.0500; the new grant is held, not charged.
        Invariants.assertCharged(server, poor, POOR_OPENING_MINOR, 100_000, dataChargeMinor(5 * MIB));
    }

    @Test
    void shouldAbortSessionsOfBlockedAccount() throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.initial("asr;1").msisdn(SUBSCRIBER).mscc(10).send(client).resultCode());
        assertEquals(LedgerResult.SUCCESS, server.ledger(command ->
        {
            command.type = CommandType.BLOCK_ACCOUNT;
            command.addIdentity(IdentityType.E164, SUBSCRIBER);
        }).result());

        final byte[] asr = client.nextServerRequest();
        final SessionRequest request = SessionRequest.decode(Unpooled.wrappedBuffer(asr), 0);
        assertEquals(CommandCode.ABORT_SESSION, request.commandCode());
        assertEquals("asr;1", new String(request.sessionId(), StandardCharsets.UTF_8));
        client.answer(PeerLayerIntegrationTest.raaFor(asr, ResultCode.SUCCESS));

        final Cca terminate = Ccr.terminate("asr;1", 1).msisdn(SUBSCRIBER).finalOctets(10, MIB).send(client);
        assertEquals(ResultCode.SUCCESS, terminate.resultCode(), "the final usage is still committed");
        final Cca blocked = Ccr.initial("asr;2").msisdn(SUBSCRIBER).mscc(10).send(client);
        assertEquals(ResultCode.END_USER_SERVICE_DENIED, blocked.resultCode());
        Invariants.assertCharged(server, SUBSCRIBER, OPENING_MINOR, 0, dataChargeMinor(MIB));
    }

    @Test
    void shouldMatchAnAnswerOnlyOnTheConnectionItsRequestWentOutOn() throws Exception
    {
        final DiameterTestClient other = new DiameterTestClient("pgw2.test.example").connect(server.diameterAddress());
        try
        {
            assertEquals(ResultCode.SUCCESS, other.cer().resultCode());
            assertEquals(ResultCode.SUCCESS,
                Ccr.initial("asr;9").msisdn(SUBSCRIBER).mscc(10).send(client).resultCode());
            assertEquals(LedgerResult.SUCCESS, server.ledger(command ->
            {
                command.type = CommandType.BLOCK_ACCOUNT;
                command.addIdentity(IdentityType.E164, SUBSCRIBER);
            }).result());
            final byte[] asr = client.nextServerRequest();

            // Another peer answers with the ASR's Hop-by-Hop Identifier: unknown on its connection, so discarded
            // (RFC 6733 §3); a round trip orders it before the clock moves.
            other.answer(PeerLayerIntegrationTest.raaFor(asr, ResultCode.SUCCESS));
            assertEquals(ResultCode.SUCCESS, other.dwr().resultCode());
            final DiameterCounters counters = server.server().diameter().lanes().get(0).counters();
            assertEquals(0, counters.serverRequestsFailed);
            server.advance(DiameterSettings.DEFAULT_SERVER_REQUEST_TIMEOUT_MS + 1_000);
            assertEquals(1, counters.serverRequestsFailed, "the ASR is still unanswered on its own connection");
            assertTrue(other.isOpen());
        }
        finally
        {
            other.close();
        }
    }

    @Test
    void shouldReleaseSessionsOfRestartedOrigin() throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.initial("osi;1").msisdn(SUBSCRIBER).mscc(10)
            .with(encoder -> encoder.uint32(AvpCode.ORIGIN_STATE_ID, FLAG_MANDATORY, 0, 7)).send(client).resultCode());
        final long heldByFirst = server.account(SUBSCRIBER).reservedMinor();
        assertTrue(heldByFirst > 0);

        assertEquals(ResultCode.SUCCESS, Ccr.initial("osi;2").msisdn(SUBSCRIBER).mscc(10)
            .with(encoder -> encoder.uint32(AvpCode.ORIGIN_STATE_ID, FLAG_MANDATORY, 0, 8)).send(client).resultCode());
        assertEquals(heldByFirst, server.account(SUBSCRIBER).reservedMinor(),
            "the restarted origin's earlier session was released; only the new one holds money");
        assertEquals(ResultCode.UNKNOWN_SESSION_ID,
            Ccr.update("osi;1", 1).msisdn(SUBSCRIBER).usedOctets(10, 0).send(client).resultCode());
        // Review C5: a release that charged the reservation would keep reserved right; the balance would not.
        Invariants.assertCharged(server, SUBSCRIBER, OPENING_MINOR, 0, 0);
    }
}
