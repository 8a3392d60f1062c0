package io.gyro.server.diameter;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterHeaderFlyweight;
import io.gyro.protocol.diameter.DiameterValidator;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.base.DeviceWatchdog;
import io.gyro.protocol.diameter.base.DisconnectPeer;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.Cca;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.TestServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The RFC 6733 peer layer over loopback: capabilities exchange and the allow-list, requests before CER,
 * watchdog both ways on the injected clock, DPR, routing checks, malformed input and damaged framing.
 */
@Timeout(60)
class PeerLayerIntegrationTest
{
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

    private DiameterTestClient connect(final String originHost) throws Exception
    {
        client = new DiameterTestClient(originHost).connect(server.diameterAddress());
        return client;
    }

    @Test
    void shouldAdvertiseCreditControlInCea() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        final CapabilitiesExchange cea = connect("pgw1.test.example").cer();
        assertEquals(ResultCode.SUCCESS, cea.resultCode());
        assertEquals("gyro.localdomain", cea.originHost());
        assertEquals("localdomain", cea.originRealm());
        assertEquals(List.of(4L), cea.authApplicationIds());
        assertTrue(cea.supportedVendorIds().contains(10415L));
        assertEquals("Gyro", cea.productName());
        assertTrue(cea.originStateId() > 0);
        assertEquals(1, server.server().peers().size());
    }

    @Test
    void shouldKeepAReconnectingPeersNewConnectionAndCloseItsOldOne() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.io-threads=2").start();
        final DiameterTestClient old = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        try
        {
            assertEquals(ResultCode.SUCCESS, old.cer().resultCode());
            assertEquals(ResultCode.SUCCESS, connect("pgw1.test.example").cer().resultCode(),
                "the newcomer is accepted: the old connection may be a half-open zombie");
            assertTrue(old.awaitClosed(), "the peer keeps exactly one connection");
            assertEquals(1, server.server().peers().size());
            assertTrue(client.isOpen());
            assertEquals(ResultCode.SUCCESS,
                Ccr.initial("re;1").msisdn("491700000001").mscc(10).send(client).resultCode());
            final DiameterConnection registered = server.server().peers().find("pgw1.test.example");
            assertNotNull(registered);
            assertEquals(DiameterConnection.State.OPEN, registered.state());
        }
        finally
        {
            old.close();
        }
    }

    @Test
    void shouldRefuseUnknownPeerWith3010AndClose() throws Exception
    {
        server = TestServer.aServer(dataDir)
            .with("diameter.peers[0].origin-host=pgw-allowed.test.example").start();
        final CapabilitiesExchange cea = connect("intruder.test.example").cer();
        assertEquals(ResultCode.UNKNOWN_PEER, cea.resultCode());
        assertTrue(client.awaitClosed());
    }

    @Test
    void shouldRefusePeerWithoutCommonApplicationWith5010() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        final CapabilitiesExchange cea = connect("pgw1.test.example").cer(List.of(16777238L), -1);
        assertEquals(ResultCode.NO_COMMON_APPLICATION, cea.resultCode());
        assertTrue(client.awaitClosed());
    }

    @Test
    void shouldAcceptRelayApplication() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        assertEquals(ResultCode.SUCCESS, connect("dra.test.example").cer(List.of(0xFFFF_FFFFL), -1).resultCode());
    }

    @Test
    void shouldCloseConnectionOnRequestBeforeCer() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example");
        client.send(Ccr.initial("s;1").msisdn("491700000001").mscc(10).bytes(client));
        assertTrue(client.awaitClosed());
    }

    @Test
    void shouldCloseConnectionOnAnswerBeforeCer() throws Exception
    {
        // RFC 6733 §5.6.1: any message other than a CER first closes the connection, answers included.
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example");
        client.sendRaw(answerToAServerRequest((echo, encoder) -> new DeviceWatchdog("pgw1.test.example",
            "test.example", -1, ResultCode.SUCCESS).encodeAnswer(encoder, echo)));
        assertTrue(client.awaitClosed(), "a DWA before CER");
        client.close();

        connect("pgw2.test.example");
        client.sendRaw(answerToAServerRequest((echo, encoder) -> new io.gyro.protocol.diameter.base.SessionRequest(
            258, "s;1".getBytes(java.nio.charset.StandardCharsets.UTF_8), "pgw2.test.example", "test.example", null,
            null, 4, -1, -1, ResultCode.SUCCESS).encodeAnswer(encoder, echo)));
        assertTrue(client.awaitClosed(), "an RAA before CER");
    }

    /** The octets of an answer that {@code writer} builds from the echo of a request the server might have sent. */
    private static byte[] answerToAServerRequest(
        final java.util.function.BiConsumer<RequestEcho, DiameterEncoder> writer)
    {
        final ByteBuf request = Unpooled.buffer();
        final ByteBuf answer = Unpooled.buffer();
        try
        {
            new DeviceWatchdog("gyro.localdomain", "localdomain", -1, -1)
                .encodeRequest(new DiameterEncoder().wrap(request), 0x1234, 0x5678);
            writer.accept(new RequestEcho().capture(request, 0, new AvpReader()), new DiameterEncoder().wrap(answer));
            return io.netty.buffer.ByteBufUtil.getBytes(answer);
        }
        finally
        {
            request.release();
            answer.release();
        }
    }

    @Test
    void shouldCloseSilentConnectionAfterCerTimeout() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.cer-timeout=10s").start();
        connect("pgw1.test.example");
        awaitServerSideConnections(1);
        server.advance(5_000);
        assertTrue(client.isOpen());
        server.advance(6_000);
        assertTrue(client.awaitClosed());
    }

    @Test
    void shouldAnswerWatchdogs() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();
        final DeviceWatchdog dwa = client.dwr();
        assertEquals(ResultCode.SUCCESS, dwa.resultCode());
        assertEquals("gyro.localdomain", dwa.originHost());
    }

    @Test
    void shouldSendWatchdogAfterSilenceAndCloseAfterTwoMissedIntervals() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=30s").start();
        connect("pgw1.test.example").cer();
        client.answerWatchdogs(false);

        server.advance(20_000);
        assertNull(client.pollServerRequest(), "no DWR before Tw (30 s, at most 2 s jitter)");
        server.advance(13_000);
        final byte[] dwr = client.nextServerRequest();
        assertEquals(280, Unpooled.wrappedBuffer(dwr).getUnsignedMedium(5));

        server.advance(33_000);
        assertTrue(client.isOpen(), "one missed interval makes the peer suspect, not down");
        server.advance(33_000);
        assertTrue(client.awaitClosed(), "two missed intervals close the peer (RFC 3539)");
    }

    @Test
    void shouldKeepAPeerThatSendsTrafficOpenThoughItLeavesADwrUnanswered() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=30s").start();
        connect("pgw1.test.example").cer();
        client.answerWatchdogs(false);
        server.advance(33_000);
        assertEquals(280, Unpooled.wrappedBuffer(client.nextServerRequest()).getUnsignedMedium(5));

        // RFC 3539 §3.4.1 [2]: any message received resets Tw, so with traffic every 10 s (under Tw - 2 s) the
        // timer never expires and the unanswered DWR never makes the peer suspect or down.
        for (int i = 0; i < 8; i++)
        {
            assertEquals(ResultCode.SUCCESS, client.dwr().resultCode());
            server.advance(10_000);
            assertTrue(client.isOpen(), "closed after " + (i + 1) + " answered requests");
        }
        assertNull(client.pollServerRequest(), "no second DWR while traffic flows and the first is pending");

        assertEquals(ResultCode.SUCCESS, client.dwr().resultCode());
        server.advance(33_000);
        assertTrue(client.isOpen(), "Tw expired once with the DWR pending: suspect, not down");
        server.advance(33_000);
        assertTrue(client.awaitClosed(), "twice without a response: down (RFC 3539 §3.4.1 [4])");
    }

    @Test
    void shouldResetTheWatchdogAfterADwaSoThatTheNextSilenceStartsAfresh() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=30s").start();
        connect("pgw1.test.example").cer();
        client.answerWatchdogs(false);
        server.advance(33_000);
        final byte[] first = client.nextServerRequest();
        server.advance(33_000);
        assertTrue(client.isOpen(), "suspect");
        client.answer(dwaFor(first));
        assertEquals(ResultCode.SUCCESS, client.dwr().resultCode(), "orders the DWA before the clock moves");

        server.advance(33_000);
        assertEquals(280, Unpooled.wrappedBuffer(client.nextServerRequest()).getUnsignedMedium(5),
            "back to OKAY: a new DWR after Tw of silence");
        server.advance(33_000);
        assertTrue(client.isOpen(), "one missed interval after the new DWR");
    }

    @Test
    void shouldKeepPeerThatAnswersWatchdogs() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=30s").start();
        connect("pgw1.test.example").cer();
        client.answerWatchdogs(false);
        for (int i = 0; i < 5; i++)
        {
            server.advance(33_000);
            final byte[] dwr = client.nextServerRequest();
            client.answer(dwaFor(dwr));
            // A round trip of our own orders the DWA before the next clock move (same connection, same loop).
            assertEquals(ResultCode.SUCCESS, client.dwr().resultCode());
        }
        server.advance(33_000);
        assertNotNull(client.nextServerRequest());
        assertTrue(client.isOpen());
    }

    @Test
    void shouldAnswerDisconnectPeerRequest() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();
        final DisconnectPeer dpa = client.dpr();
        assertEquals(ResultCode.SUCCESS, dpa.resultCode());
        server.advance(31_000);
        assertTrue(client.awaitClosed(), "the DPR sender should close; the server closes after one Tw if it does not");
    }

    private DiameterCounters counters()
    {
        return server.server().diameter().lanes().get(0).counters();
    }

    private long answersCounted(final int command, final long resultCode)
    {
        return counters().answersByCommandAndResult[
            command * DiameterCounters.RESULT_SLOTS + DiameterCounters.resultIndex(resultCode)];
    }

    /** Result-Code, E bit and Application-Id of an answer: "5001 - 0". */
    private static String outcome(final byte[] answer)
    {
        final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight().wrap(Unpooled.wrappedBuffer(answer), 0);
        final AvpReader reader = new AvpReader().wrapMessage(Unpooled.wrappedBuffer(answer), 0);
        assertTrue(reader.find(AvpCode.RESULT_CODE, 0), "Result-Code");
        return reader.uint32() + (header.isError() ? " E " : " - ") + header.applicationId();
    }

    private static boolean hasFailedAvp(final byte[] answer)
    {
        return new AvpReader().wrapMessage(Unpooled.wrappedBuffer(answer), 0).find(AvpCode.FAILED_AVP, 0);
    }

    private static String originHostOf(final byte[] answer)
    {
        final AvpReader reader = new AvpReader().wrapMessage(Unpooled.wrappedBuffer(answer), 0);
        assertTrue(reader.find(AvpCode.ORIGIN_HOST, 0), "Origin-Host");
        return reader.utf8();
    }

    @Test
    void shouldAnswerAnInvalidDwrWithItsErrorAndFailedAvpAndStayOpen() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();

        // RFC 6733 §4.1: an unknown AVP with the M bit is 5001, in the DWA's own grammar (E bit clear, §7.1.5).
        final byte[] unknownMandatory = client.request(encoder ->
        {
            encoder.header(0x80, 280, 0, client.nextHopByHop(), client.nextEndToEnd());
            encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw1.test.example");
            encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "test.example");
            encoder.uint32(99_999, FLAG_MANDATORY, 0, 7);
            encoder.finish();
        });
        assertEquals("5001 - 0", outcome(unknownMandatory));
        assertArrayEquals(new byte[] {0, 1, (byte)0x86, (byte)0x9F, 0x40, 0, 0, 12, 0, 0, 0, 7},
            failedAvpContent(unknownMandatory), "the unknown AVP (99999) itself");
        assertEquals("gyro.localdomain", originHostOf(unknownMandatory));
        assertFollowsGrammar(unknownMandatory);

        // §5.5.1 {Origin-Realm}: 5005 with a zero-filled example of the missing AVP (§7.1.5).
        final byte[] missingRealm = client.request(encoder ->
        {
            encoder.header(0x80, 280, 0, client.nextHopByHop(), client.nextEndToEnd());
            encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw1.test.example");
            encoder.finish();
        });
        assertEquals("5005 - 0", outcome(missingRealm));
        assertArrayEquals(new byte[] {0, 0, 1, 0x28, 0x40, 0, 0, 8}, failedAvpContent(missingRealm),
            "Origin-Realm (296), zero-filled");
        assertFollowsGrammar(missingRealm);

        // §3: DWR is not proxiable, so the P bit is 3008, a protocol error with the E bit (§7.1.3).
        final byte[] proxiable = client.request(encoder ->
        {
            encoder.header(0xC0, 280, 0, client.nextHopByHop(), client.nextEndToEnd());
            encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw1.test.example");
            encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "test.example");
            encoder.finish();
        });
        assertEquals("3008 E 0", outcome(proxiable));
        assertFalse(hasFailedAvp(proxiable), "a header error has no Failed-AVP");
        assertFollowsGrammar(proxiable);

        assertEquals(ResultCode.SUCCESS, client.dwr().resultCode(), "the connection keeps serving");
        assertTrue(client.isOpen());
        assertEquals(3, counters().invalid);
        assertEquals(4, counters().watchdogsAnswered);
        assertEquals(1, answersCounted(DiameterCounters.CMD_DWR, ResultCode.AVP_UNSUPPORTED));
        assertEquals(1, answersCounted(DiameterCounters.CMD_DWR, ResultCode.MISSING_AVP));
        assertEquals(1, answersCounted(DiameterCounters.CMD_DWR, ResultCode.INVALID_HDR_BITS));
        assertEquals(1, answersCounted(DiameterCounters.CMD_DWR, ResultCode.SUCCESS));
    }

    @Test
    void shouldAnswerADprWithoutDisconnectCauseWith5005AndStillClose() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();
        final byte[] dpa = client.request(encoder ->
        {
            encoder.header(0x80, 282, 0, client.nextHopByHop(), client.nextEndToEnd());
            encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw1.test.example");
            encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "test.example");
            encoder.finish();
        });
        assertEquals("5005 - 0", outcome(dpa));
        assertArrayEquals(new byte[] {0, 0, 1, 0x11, 0x40, 0, 0, 12, 0, 0, 0, 0}, failedAvpContent(dpa),
            "Disconnect-Cause (273), zero-filled");
        assertEquals("gyro.localdomain", originHostOf(dpa));
        assertFollowsGrammar(dpa);
        assertEquals(1, counters().invalid);
        assertEquals(1, answersCounted(DiameterCounters.CMD_DPR, ResultCode.MISSING_AVP));

        // The peer closes on any DPA (RFC 6733 §5.4.2); the server is in Closing and closes after one Tw if the peer
        // does not. A connection left open would instead get a DWR after Tw, which this client answers.
        server.advance(31_000);
        assertTrue(client.awaitClosed(), "an invalid DPR still ends the connection");
    }

    @Test
    void shouldAnswerADprWithAnUnknownMandatoryAvpWith5001() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();
        final byte[] dpa = client.request(encoder ->
        {
            encoder.header(0x80, 282, 0, client.nextHopByHop(), client.nextEndToEnd());
            encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw1.test.example");
            encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "test.example");
            encoder.int32(AvpCode.DISCONNECT_CAUSE, FLAG_MANDATORY, 0, 2);
            encoder.uint32(99_999, FLAG_MANDATORY, 0, 7);
            encoder.finish();
        });
        assertEquals("5001 - 0", outcome(dpa));
        assertArrayEquals(new byte[] {0, 1, (byte)0x86, (byte)0x9F, 0x40, 0, 0, 12, 0, 0, 0, 7},
            failedAvpContent(dpa), "the unknown AVP (99999) itself");
        assertFollowsGrammar(dpa);
        assertEquals(1, counters().invalid);
        assertEquals(1, answersCounted(DiameterCounters.CMD_DPR, ResultCode.AVP_UNSUPPORTED));
        server.advance(31_000);
        assertTrue(client.awaitClosed());
    }

    @Test
    void shouldAnswerSessionCommandsByTheApplicationInTheirHeader() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();
        // STR in application 4: served, but credit control ends sessions with CCR-T (RFC 4006 §5.4): 3001.
        final byte[] str = client.request(encoder -> sessionRequest(encoder, 275, 4));
        assertEquals("3001 E 4", outcome(str));
        assertFalse(hasFailedAvp(str), "a header error has no Failed-AVP");
        // RAR and ASR belong to application 4, but an OCS only sends them (RFC 4006 §5.5): 3001 for a received one.
        assertEquals("3001 E 4", outcome(client.request(encoder -> sessionRequest(encoder, 258, 4))));
        assertEquals("3001 E 4", outcome(client.request(encoder -> sessionRequest(encoder, 274, 4))));
        // An application not served: 3007, for a known command and an unknown one alike.
        assertEquals("3007 E 16777238", outcome(client.request(encoder -> sessionRequest(encoder, 275, 16_777_238L))));
        assertEquals("3007 E 16777238",
            outcome(client.request(encoder -> sessionRequest(encoder, 8_388_620, 16_777_238L))));
        assertTrue(client.isOpen());
    }

    /** A complete STR, RAR or ASR request (RFC 6733 §8.3.1, §8.4.1, §8.5.1) with the header's application. */
    private void sessionRequest(final DiameterEncoder encoder, final int commandCode, final long applicationId)
    {
        encoder.header(0xC0, commandCode, applicationId, client.nextHopByHop(), client.nextEndToEnd());
        encoder.utf8(AvpCode.SESSION_ID, FLAG_MANDATORY, 0, "pgw1.test.example;1;" + commandCode);
        encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw1.test.example");
        encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "test.example");
        encoder.utf8(AvpCode.DESTINATION_REALM, FLAG_MANDATORY, 0, "localdomain");
        encoder.utf8(AvpCode.DESTINATION_HOST, FLAG_MANDATORY, 0, "gyro.localdomain");
        encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, applicationId);
        if (275 == commandCode)
        {
            encoder.int32(AvpCode.TERMINATION_CAUSE, FLAG_MANDATORY, 0, 1);
        }
        if (258 == commandCode)
        {
            encoder.int32(AvpCode.RE_AUTH_REQUEST_TYPE, FLAG_MANDATORY, 0, 0);
        }
        encoder.finish();
    }

    @Test
    void shouldApplyRoutingChecks() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();

        final Cca wrongHost = Ccr.initial("r;1").msisdn("491700000001").mscc(10)
            .destinationHost("other-ocs.localdomain").send(client);
        assertEquals(ResultCode.UNABLE_TO_DELIVER, wrongHost.resultCode());
        assertTrue(wrongHost.isError());

        final Cca wrongRealm = Ccr.initial("r;2").msisdn("491700000001").mscc(10)
            .destinationRealm("elsewhere.example").send(client);
        assertEquals(ResultCode.REALM_NOT_SERVED, wrongRealm.resultCode());
        assertTrue(wrongRealm.isError());

        final Cca loop = Ccr.initial("r;3").msisdn("491700000001").mscc(10)
            .with(encoder -> encoder.utf8(AvpCode.ROUTE_RECORD, FLAG_MANDATORY, 0, "gyro.localdomain")).send(client);
        assertEquals(ResultCode.LOOP_DETECTED, loop.resultCode());
        final Cca loopAnyCase = Ccr.initial("r;3b").msisdn("491700000001").mscc(10)
            .with(encoder -> encoder.utf8(AvpCode.ROUTE_RECORD, FLAG_MANDATORY, 0, "Gyro.LocalDomain")).send(client);
        assertEquals(ResultCode.LOOP_DETECTED, loopAnyCase.resultCode(), "the path names us whatever the case");

        final Cca ourHostAnyCase = Ccr.initial("r;4").msisdn("491700000001").mscc(10)
            .destinationHost("GYRO.localdomain").send(client);
        assertEquals(ResultCode.SUCCESS, ourHostAnyCase.resultCode(), "DiameterIdentity compares case-insensitively");

        final Cca ourHostOtherRealm = Ccr.initial("r;5").msisdn("491700000001").mscc(10)
            .destinationHost("gyro.localdomain").destinationRealm("other.example").send(client);
        assertEquals(ResultCode.SUCCESS, ourHostOtherRealm.resultCode(),
            "RFC 6733 §6.1.4: Destination-Host naming this server makes the request local, whatever the realm");
        assertFalse(ourHostOtherRealm.isError());
    }

    @Test
    void shouldAnswerMissingAvpWithFailedAvp() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();
        final byte[] answer = client.request(encoder ->
        {
            encoder.header(0xC0, 272, 4, client.nextHopByHop(), client.nextEndToEnd());
            encoder.utf8(AvpCode.SESSION_ID, FLAG_MANDATORY, 0, "m;1");
            encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw1.test.example");
            encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "test.example");
            encoder.utf8(AvpCode.DESTINATION_REALM, FLAG_MANDATORY, 0, "localdomain");
            encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, 4);
            encoder.int32(AvpCode.CC_REQUEST_TYPE, FLAG_MANDATORY, 0, 1);
            encoder.uint32(AvpCode.CC_REQUEST_NUMBER, FLAG_MANDATORY, 0, 0);
            encoder.finish();
        });
        final Cca cca = Cca.decode(answer);
        assertEquals(ResultCode.MISSING_AVP, cca.resultCode());
        assertFalse(cca.isError(), "5xxx in the CCA's own grammar: E bit clear (RFC 6733 §7.1.5)");
        assertArrayEquals(new byte[] {0, 0, 1, (byte)0xCD, 0x40, 0, 0, 8}, failedAvpContent(answer),
            "Service-Context-Id (461), zero-filled");
        assertEquals("m;1", cca.sessionId());
        assertEquals(1, cca.ccRequestType());
        assertFollowsGrammar(answer);
    }

    @Test
    void shouldAnswerInTheGenericGrammarWhenTheCcaCannotEchoWhatItMust() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();
        // Without CC-Request-Number there is nothing for the CCA's {CC-Request-Number} to echo.
        final byte[] answer = client.request(encoder ->
        {
            encoder.header(0xC0, 272, 4, client.nextHopByHop(), client.nextEndToEnd());
            encoder.utf8(AvpCode.SESSION_ID, FLAG_MANDATORY, 0, "m;2");
            encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw1.test.example");
            encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "test.example");
            encoder.utf8(AvpCode.DESTINATION_REALM, FLAG_MANDATORY, 0, "localdomain");
            encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, 4);
            encoder.utf8(AvpCode.SERVICE_CONTEXT_ID, FLAG_MANDATORY, 0, "32251@3gpp.org");
            encoder.int32(AvpCode.CC_REQUEST_TYPE, FLAG_MANDATORY, 0, 1);
            encoder.finish();
        });
        final Cca cca = Cca.decode(answer);
        assertEquals(ResultCode.MISSING_AVP, cca.resultCode());
        assertTrue(cca.isError(), "E bit: the generic answer grammar of RFC 6733 §7.2");
        assertEquals("m;2", cca.sessionId());
        assertArrayEquals(new byte[] {0, 0, 1, (byte)0x9F, 0x40, 0, 0, 12, 0, 0, 0, 0}, failedAvpContent(answer),
            "CC-Request-Number (415), zero-filled");
        assertFollowsGrammar(answer);
        assertTrue(client.isOpen());
    }

    /** A CER's header and the AVPs every CER of these tests has, from pgw1.test.example (RFC 6733 §5.3.1). */
    private void beginCer(final DiameterEncoder encoder)
    {
        encoder.header(0x80, 257, 0, client.nextHopByHop(), client.nextEndToEnd());
        encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw1.test.example");
        encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "test.example");
        encoder.address(AvpCode.HOST_IP_ADDRESS, FLAG_MANDATORY, 0, new byte[] {127, 0, 0, 1});
        encoder.uint32(AvpCode.VENDOR_ID, FLAG_MANDATORY, 0, 0);
    }

    @Test
    void shouldAnswerAnInvalidCerWithAWholeCeaAndClose() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example");
        final byte[] answer = client.request(encoder ->
        {
            beginCer(encoder);
            encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, 4);
            encoder.finish();
        });
        final CapabilitiesExchange cea = CapabilitiesExchange.decode(Unpooled.wrappedBuffer(answer), 0);
        assertEquals(ResultCode.MISSING_AVP, cea.resultCode());
        assertFalse(new DiameterHeaderFlyweight().wrap(Unpooled.wrappedBuffer(answer), 0).isError());
        assertEquals(1, cea.hostIpAddresses().size(), "RFC 6733 §5.3.2: 1*{Host-IP-Address}");
        assertEquals("Gyro", cea.productName());
        assertTrue(cea.vendorId() >= 0);
        assertArrayEquals(new byte[] {0, 0, 1, 13, 0, 0, 0, 8}, failedAvpContent(answer),
            "Product-Name (269, M bit never set), zero-filled");
        assertFollowsGrammar(answer);
        assertTrue(client.awaitClosed());
    }

    @Test
    void shouldAnswerACerWithAProtocolErrorWithAWholeCeaAndTheErrorBit() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw2.test.example");
        final ByteBuf request = Unpooled.buffer();
        new CapabilitiesExchange("pgw2.test.example", "test.example", List.of(new byte[] {127, 0, 0, 1}), 0,
            "gyro-test", -1, List.of(), List.of(4L), List.of(), List.of(), List.of(), -1, -1, null)
            .encodeRequest(new DiameterEncoder().wrap(request), client.nextHopByHop(), client.nextEndToEnd());
        request.setByte(4, 0xC0); // P bit on a CER, which is not proxiable: 3008
        final byte[] refused = client.request(io.netty.buffer.ByteBufUtil.getBytes(request));
        final CapabilitiesExchange cea = CapabilitiesExchange.decode(Unpooled.wrappedBuffer(refused), 0);
        assertEquals(ResultCode.INVALID_HDR_BITS, cea.resultCode());
        assertTrue(new DiameterHeaderFlyweight().wrap(Unpooled.wrappedBuffer(refused), 0).isError());
        assertEquals(1, cea.hostIpAddresses().size());
        assertFollowsGrammar(refused);
        assertTrue(client.awaitClosed());
    }

    @Test
    void shouldRefuseAVendorSpecificApplicationIdWithBothApplicationIds() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example");
        final byte[] answer = client.request(encoder ->
        {
            beginCer(encoder);
            encoder.utf8(AvpCode.PRODUCT_NAME, 0, 0, "x");
            encoder.beginGroup(AvpCode.VENDOR_SPECIFIC_APPLICATION_ID, FLAG_MANDATORY, 0);
            encoder.uint32(AvpCode.VENDOR_ID, FLAG_MANDATORY, 0, 10415);
            encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, 4);
            encoder.uint32(AvpCode.ACCT_APPLICATION_ID, FLAG_MANDATORY, 0, 3);
            encoder.endGroup();
            encoder.finish();
        });
        // RFC 6733 §6.11: exactly one of the two; both is 5009 with both in the Failed-AVP.
        assertEquals(ResultCode.AVP_OCCURS_TOO_MANY_TIMES,
            CapabilitiesExchange.decode(Unpooled.wrappedBuffer(answer), 0).resultCode());
        final byte[] failed = failedAvpContent(answer);
        final AvpReader vendorSpecific = new AvpReader().wrap(Unpooled.wrappedBuffer(failed), 0, failed.length);
        assertTrue(vendorSpecific.next());
        assertEquals(AvpCode.VENDOR_SPECIFIC_APPLICATION_ID, vendorSpecific.code());
        final AvpReader ids = new AvpReader().wrapGroup(vendorSpecific);
        assertTrue(ids.next());
        assertEquals(AvpCode.AUTH_APPLICATION_ID, ids.code());
        assertTrue(ids.next());
        assertEquals(AvpCode.ACCT_APPLICATION_ID, ids.code());
        assertFalse(ids.next());
        assertFollowsGrammar(answer);
        assertTrue(client.awaitClosed());
        assertEquals(0, server.server().peers().size(), "no peer was opened");
    }

    @Test
    void shouldRefuseARepeatedCerWithACea5012AndKeepTheConnection() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        assertEquals(ResultCode.SUCCESS, connect("pgw1.test.example").cer().resultCode());
        final byte[] answer = client.request(encoder -> new CapabilitiesExchange("pgw1.test.example", "test.example",
            List.of(new byte[] {127, 0, 0, 1}), 0, "gyro-test", -1, List.of(), List.of(4L), List.of(), List.of(),
            List.of(), -1, -1, null).encodeRequest(encoder, client.nextHopByHop(), client.nextEndToEnd()));
        final CapabilitiesExchange cea = CapabilitiesExchange.decode(Unpooled.wrappedBuffer(answer), 0);
        assertEquals(ResultCode.UNABLE_TO_COMPLY, cea.resultCode());
        assertFalse(new DiameterHeaderFlyweight().wrap(Unpooled.wrappedBuffer(answer), 0).isError());
        assertEquals(1, cea.hostIpAddresses().size());
        assertEquals(List.of(4L), cea.authApplicationIds());
        assertFollowsGrammar(answer);
        assertEquals(ResultCode.SUCCESS,
            Ccr.initial("again;1").msisdn("491700000001").mscc(10).send(client).resultCode(), "still open");
    }

    @Test
    void shouldAnswerAServedCommandThatFailsValidationWithTheErrorBit() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();
        // STR without Termination-Cause: the server does not build STAs, so 5005 goes in the generic grammar.
        final byte[] answer = client.request(encoder ->
        {
            encoder.header(0xC0, 275, 0, client.nextHopByHop(), client.nextEndToEnd());
            encoder.utf8(AvpCode.SESSION_ID, FLAG_MANDATORY, 0, "st;1");
            encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw1.test.example");
            encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "test.example");
            encoder.utf8(AvpCode.DESTINATION_REALM, FLAG_MANDATORY, 0, "localdomain");
            encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, 4);
            encoder.finish();
        });
        final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight().wrap(Unpooled.wrappedBuffer(answer), 0);
        assertTrue(header.isError());
        final AvpReader reader = new AvpReader().wrapMessage(Unpooled.wrappedBuffer(answer), 0);
        assertTrue(reader.find(AvpCode.RESULT_CODE, 0));
        assertEquals(ResultCode.MISSING_AVP, reader.uint32());
        assertFollowsGrammar(answer);
    }

    /**
     * The answer passes the dictionary's rules: its command's answer grammar, or RFC 6733 §7.2 with the E bit. The
     * Failed-AVP's content is left out: it holds the offending AVP, nested in bare parent headers (§7.5), so it is
     * no valid instance of them by nature.
     */
    static void assertFollowsGrammar(final byte[] answer)
    {
        final ByteBuf in = Unpooled.wrappedBuffer(answer);
        final ByteBuf out = Unpooled.buffer();
        try
        {
            final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight().wrap(in, 0);
            final DiameterEncoder encoder = new DiameterEncoder().wrap(out);
            encoder.header(in.getUnsignedByte(4), header.commandCode(), header.applicationId(), header.hopByHopId(),
                header.endToEndId());
            final AvpReader reader = new AvpReader().wrapMessage(in, 0);
            while (reader.next())
            {
                if (AvpCode.FAILED_AVP == reader.code() && 0 == reader.vendorId())
                {
                    encoder.beginGroup(AvpCode.FAILED_AVP, FLAG_MANDATORY, 0);
                    encoder.zeroFilled(1_000_000, 0, 0, 0); // an unknown AVP without the M bit: ignored
                    encoder.endGroup();
                }
                else
                {
                    encoder.raw(in, reader.avpOffset(), reader.paddedLength());
                }
            }
            assertEquals(io.gyro.protocol.diameter.AvpReadError.NONE, reader.error());
            encoder.finish();
            final DiameterValidator grammar =
                new DiameterValidator(DiameterDictionary.standard(), new long[] {4}, 256);
            assertTrue(grammar.validate(out, 0), "answer grammar: Result-Code " + grammar.resultCode());
        }
        finally
        {
            out.release();
        }
    }

    @Test
    void shouldAnswerUnknownCommandWith3001() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();
        final byte[] answer = client.request(encoder ->
        {
            encoder.header(0xC0, 8_388_620, 4, client.nextHopByHop(), client.nextEndToEnd());
            encoder.utf8(AvpCode.SESSION_ID, FLAG_MANDATORY, 0, "x;1");
            encoder.finish();
        });
        final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight().wrap(Unpooled.wrappedBuffer(answer), 0);
        assertTrue(header.isError());
        final AvpReader reader = new AvpReader().wrapMessage(Unpooled.wrappedBuffer(answer), 0);
        assertTrue(reader.find(AvpCode.RESULT_CODE, 0));
        assertEquals(ResultCode.COMMAND_UNSUPPORTED, reader.uint32());
    }

    @Test
    void shouldAnswerDamagedFramingAndCloseOnlyThatConnection() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        final DiameterTestClient healthy = new DiameterTestClient("pgw2.test.example").connect(server.diameterAddress());
        try
        {
            healthy.cer();
            connect("pgw1.test.example").cer();
            final byte[] ccr = Ccr.initial("f;1").msisdn("491700000001").mscc(10).bytes(client);
            final byte[] damaged = Arrays.copyOf(ccr, ccr.length);
            damaged[3] = (byte)(damaged[3] + 2); // length no longer a multiple of 4
            final var answer = client.send(damaged);
            final byte[] bytes = answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
            final Cca cca = Cca.decode(bytes);
            assertEquals(ResultCode.INVALID_MESSAGE_LENGTH, cca.resultCode());
            assertTrue(cca.isError(), "no CCA can be built from a header: the generic grammar (RFC 6733 §7.1.5)");
            assertFollowsGrammar(bytes);
            assertTrue(client.awaitClosed());

            assertEquals(ResultCode.SUCCESS,
                Ccr.initial("f;2").msisdn("491700000001").mscc(10).send(healthy).resultCode());
        }
        finally
        {
            healthy.close();
        }
    }

    @Test
    void shouldAnswer5014WithAFailedAvpWhenFewerOctetsThanAnAvpHeaderFollowTheLastAvp() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();
        final byte[] ccr = Ccr.initial("tr;1").msisdn("491700000001").mscc(10).bytes(client);
        final byte[] longer = Arrays.copyOf(ccr, ccr.length + 4);
        Unpooled.wrappedBuffer(longer).setMedium(1, longer.length);
        final byte[] answer = client.request(longer);
        final Cca cca = Cca.decode(answer);
        assertEquals(ResultCode.INVALID_AVP_LENGTH, cca.resultCode());
        // RFC 6733 §7.1.5: the incomplete header padded with zeros to the minimum AVP header length.
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 8}, failedAvpContent(answer));
        assertTrue(client.isOpen(), "an AVP error is answered; only damaged framing closes");
    }

    /** The octets inside the answer's Failed-AVP. */
    static byte[] failedAvpContent(final byte[] answer)
    {
        final AvpReader reader = new AvpReader().wrapMessage(Unpooled.wrappedBuffer(answer), 0);
        assertTrue(reader.find(AvpCode.FAILED_AVP, 0), "Failed-AVP present");
        final byte[] content = new byte[reader.dataLength()];
        reader.copyData(content, 0, content.length);
        return content;
    }

    @Test
    void shouldRefuseSessionIdLongerThan256Octets() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();
        final Cca answer = Ccr.initial("s".repeat(257)).msisdn("491700000001").mscc(10).send(client);
        assertEquals(ResultCode.INVALID_AVP_VALUE, answer.resultCode());
        assertTrue(answer.hasFailedAvp());
    }

    @Test
    void shouldRefuseMoreThan32Mscc() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        connect("pgw1.test.example").cer();
        final Ccr ccr = Ccr.initial("big;1").msisdn("491700000001");
        for (int i = 0; i < 33; i++)
        {
            ccr.mscc(10 + i);
        }
        assertEquals(ResultCode.AVP_OCCURS_TOO_MANY_TIMES, ccr.send(client).resultCode());
    }

    /** The server learns of a connection on its own event loop; wait for that before moving the clock. */
    private void awaitServerSideConnections(final int count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (server.server().diameter().lanes().get(0).connections().size() < count)
        {
            if (System.nanoTime() > deadline)
            {
                fail("the server did not register the connection");
            }
            Thread.onSpinWait();
        }
    }

    static byte[] dwaFor(final byte[] request)
    {
        final ByteBuf in = Unpooled.wrappedBuffer(request);
        final RequestEcho echo = new RequestEcho().capture(in, 0, new AvpReader());
        final ByteBuf out = Unpooled.buffer();
        new DeviceWatchdog("pgw1.test.example", "test.example", -1, ResultCode.SUCCESS)
            .encodeAnswer(new DiameterEncoder().wrap(out), echo);
        return io.netty.buffer.ByteBufUtil.getBytes(out);
    }

    static byte[] raaFor(final byte[] request, final long resultCode)
    {
        final ByteBuf in = Unpooled.wrappedBuffer(request);
        final RequestEcho echo = new RequestEcho().capture(in, 0, new AvpReader());
        final ByteBuf out = Unpooled.buffer();
        new io.gyro.protocol.diameter.base.SessionRequest(in.getUnsignedMedium(5), null, "pgw1.test.example",
            "test.example", null, null, 4, -1, -1, resultCode).encodeAnswer(new DiameterEncoder().wrap(out), echo);
        return io.netty.buffer.ByteBufUtil.getBytes(out);
    }
}
