package io.gyro.simulator.pgw;

import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.CcRequestType;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.ReportingReason;
import io.gyro.protocol.diameter.dictionary.RequestedAction;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.TerminationCause;
import io.gyro.simulator.SimulatorOptions;
import io.gyro.simulator.SimulatorRunner;
import io.gyro.simulator.SubscriberRange;
import io.gyro.simulator.TrafficMix;
import io.gyro.simulator.report.Counter;
import io.gyro.simulator.report.FinalReport;
import io.gyro.simulator.test.MiniJson;
import io.gyro.simulator.verify.VerificationResult;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator against {@link FakeOcs} over loopback: whole runs through {@link SimulatorRunner}, from the
 * capabilities exchange to the verified report. Bounded by request count, so no assertion depends on timing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiameterRunIntegrationTest
{
    private static final long MSISDN = 491_700_000_000L;
    private static final long IMSI = 262_010_000_000_000L;
    private static final long MIB = 1_048_576;
    private static final long DEMO_BALANCE = 1_000_000;

    @TempDir
    Path reportDir;

    private FakeOcs ocs;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startServer() throws InterruptedException
    {
        ocs = new FakeOcs().start();
    }

    @AfterEach
    void stopServer() throws InterruptedException
    {
        ocs.close();
    }

    private SimulatorOptions options(final int subscribers)
    {
        return new SimulatorOptions()
            .port(ocs.port())
            .connections(2)
            .sessions(4)
            .window(2)
            .subscribers(new SubscriberRange(MSISDN, IMSI, subscribers))
            .reportDir(reportDir)
            .tick(Duration.ofMillis(1))
            .quiet(true)
            .verify(true);
    }

    private SimulatorRunner.Outcome run(final SimulatorOptions options)
    {
        final SimulatorRunner.Outcome outcome = new SimulatorRunner(options.conclude(), ocs, SystemNanoClock.INSTANCE,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run();
        assertTrue(ocs.invalid().isEmpty(), "every CCR passes dictionary validation: " + ocs.invalid());
        return outcome;
    }

    private static Map<String, List<Ccr>> bySession(final List<Ccr> ccrs)
    {
        final Map<String, List<Ccr>> sessions = new LinkedHashMap<>();
        for (final Ccr ccr : ccrs)
        {
            sessions.computeIfAbsent(ccr.sessionId(), id -> new ArrayList<>()).add(ccr);
        }
        return sessions;
    }

    @Test
    void shouldRunSessionsFromInitialThroughUpdatesToTerminationAndVerifyBalances()
    {
        ocs.accounts(MSISDN, 10, DEMO_BALANCE);

        final SimulatorRunner.Outcome outcome = run(options(10).count(40).updates(2));

        assertEquals(SimulatorRunner.EXIT_OK, outcome.exitCode(), () -> outcome.report() + err);
        final List<Ccr> ccrs = ocs.received();
        assertEquals(outcome.summary().totalSent(), ccrs.size());
        assertEquals(outcome.summary().totalSent(), outcome.summary().totalAnswered());
        assertTrue(ocs.openSessions().isEmpty(), "every session terminated: " + ocs.openSessions());
        final Map<String, List<Ccr>> sessions = bySession(ccrs);
        assertTrue(sessions.size() >= 10, "sessions " + sessions.size());
        int complete = 0;
        for (final List<Ccr> session : sessions.values())
        {
            final Ccr initial = session.get(0);
            assertEquals(CcRequestType.INITIAL_REQUEST, initial.type());
            assertEquals(0, initial.number());
            assertEquals(10, initial.ratingGroup());
            assertTrue(initial.hasRsu() && initial.rsuEmpty(), "CCR-I asks with an empty RSU");
            assertFalse(initial.hasUsu());
            assertNotNull(initial.msisdn());
            assertEquals(Long.parseLong(initial.msisdn()) - MSISDN, Long.parseLong(initial.imsi()) - IMSI,
                "MSISDN and IMSI name the same subscriber");
            final Ccr last = session.get(session.size() - 1);
            assertEquals(CcRequestType.TERMINATION_REQUEST, last.type());
            assertFalse(last.hasRsu(), "CCR-T carries no RSU");
            assertTrue(last.hasUsu(), "CCR-T reports the final usage");
            assertEquals(ReportingReason.FINAL, last.msccReportingReason());
            assertEquals(TerminationCause.DIAMETER_LOGOUT, last.terminationCause());
            assertTrue(session.size() <= 4, "at most I, 2 x U, T");
            for (int i = 1; i < session.size() - 1; i++)
            {
                final Ccr update = session.get(i);
                assertEquals(CcRequestType.UPDATE_REQUEST, update.type());
                assertEquals(i, update.number());
                assertTrue(update.hasRsu() && update.rsuEmpty() && update.hasUsu());
                assertTrue(update.usedUnits() >= 5 * MIB && update.usedUnits() <= 10 * MIB,
                    "usage 0.5..1.0 of the 10 MiB grant: " + update.usedUnits());
                assertTrue((update.usedKinds() & ServiceUnits.TOTAL_OCTETS) != 0);
            }
            assertEquals(session.size() - 1, last.number());
            if (4 == session.size())
            {
                complete++;
            }
        }
        assertTrue(complete >= 8, "most sessions ran the whole I, U, U, T shape: " + complete);
        final VerificationResult verification = outcome.verification();
        assertTrue(verification.passed(), outcome.report());
        assertEquals(10, verification.subscribersChecked());
        assertEquals(10, verification.subscribersCharged(), "every subscriber was used and charged");
        assertTrue(verification.expectedChargeMinor() > 0);
        assertEquals(sessions.size(), verification.sessionsStarted());
        assertEquals(sessions.size(), verification.sessionsOpened(), "every CCR-I answered 2001");
        assertEquals(0, outcome.summary().counter(Counter.SESSIONS_LEFT_OPEN));
    }

    @Test
    void shouldReconnectAfterALostConnectionAndResendWhatWasInFlightWithTheTFlag()
    {
        ocs.accounts(MSISDN, 10, DEMO_BALANCE);
        ocs.crashOnCcr(7);

        final SimulatorRunner.Outcome outcome = run(options(10).count(40).updates(2).reconnect(true));

        assertEquals(SimulatorRunner.EXIT_OK, outcome.exitCode(), () -> outcome.report() + err);
        final List<Ccr> ccrs = ocs.received();
        final Ccr lost = ccrs.get(6);
        assertFalse(lost.retransmitted());
        final Ccr again = ccrs.subList(7, ccrs.size()).stream()
            .filter(ccr -> ccr.sessionId().equals(lost.sessionId()) && ccr.number() == lost.number())
            .findFirst().orElseThrow(() -> new AssertionError("the lost request was never sent again"));
        assertTrue(again.retransmitted(), "sent again with the T flag (RFC 6733 section 3)");
        assertEquals(lost.endToEndId(), again.endToEndId(), "the same End-to-End Identifier");
        assertEquals(lost.type(), again.type());
        assertEquals(lost.usedUnits(), again.usedUnits(), "the same report");
        assertTrue(outcome.summary().counter(Counter.RECONNECTS) >= 1);
        assertTrue(outcome.summary().counter(Counter.RETRANSMISSIONS) >= 1);
        assertEquals(0, outcome.summary().lostAnswers(), "every request answered in the end");
        assertEquals(0, outcome.summary().counter(Counter.SESSIONS_UNCERTAIN));
        assertTrue(ocs.openSessions().isEmpty(), "every session terminated: " + ocs.openSessions());
        assertTrue(outcome.verification().passed(), outcome.report());
        assertTrue(outcome.report().contains("reconnects"), outcome.report());
    }

    @Test
    void shouldWriteReportFilesThatHdrHistogramAndJsonReadersAccept() throws Exception
    {
        ocs.accounts(MSISDN, 10, DEMO_BALANCE);

        final SimulatorRunner.Outcome outcome = run(options(10).count(24));

        assertEquals(SimulatorRunner.EXIT_OK, outcome.exitCode(), outcome.report());
        final Object json = MiniJson.parse(Files.readString(reportDir.resolve(FinalReport.SUMMARY_JSON)));
        assertEquals(Boolean.TRUE, MiniJson.at(json, "passed"));
        assertEquals("diameter", MiniJson.at(json, "mode"));
        assertEquals(outcome.summary().totalSent(), MiniJson.at(json, "requests.sent"));
        assertEquals(outcome.summary().totalAnswered(), MiniJson.at(json, "requests.answered"));
        assertEquals(outcome.summary().totalAnswered(), MiniJson.at(json, "resultCodes.2001"));
        assertEquals(outcome.summary().sent(DiameterLabels.INITIAL), MiniJson.at(json, "requests.byType.CCR-I.sent"));
        assertEquals(outcome.summary().totalAnswered(), MiniJson.at(json, "latencyMicros.count"));
        final double p50 = (Double)MiniJson.at(json, "latencyMicros.p50");
        final double p99 = (Double)MiniJson.at(json, "latencyMicros.p99");
        assertTrue(p50 > 0 && p99 >= p50, "p50 " + p50 + " p99 " + p99);
        assertEquals(Boolean.TRUE, MiniJson.at(json, "verification.passed"));
        assertEquals((long)outcome.verification().subscribersChecked(), MiniJson.at(json, "verification.subscribersChecked"));
        assertTrue(outcome.verification().subscribersChecked() > 0);

        final HistogramLogReader reader = new HistogramLogReader(reportDir.resolve(FinalReport.LATENCY_HLOG).toFile());
        long logged = 0;
        int intervals = 0;
        EncodableHistogram interval;
        while (null != (interval = reader.nextIntervalHistogram()))
        {
            logged += ((Histogram)interval).getTotalCount();
            intervals++;
        }
        reader.close();
        assertEquals(outcome.summary().totalAnswered(), logged, "the .hlog holds every answer once");
        assertEquals(outcome.summary().intervals(), intervals);

        final List<String> hgrm = Files.readAllLines(reportDir.resolve(FinalReport.LATENCY_HGRM));
        assertTrue(hgrm.get(0).trim().startsWith("Value"), hgrm.get(0));
        assertTrue(hgrm.stream().anyMatch(line -> line.contains("#[Max")), "the .hgrm has its footer");
        assertTrue(hgrm.stream().anyMatch(line -> line.contains("Total count") &&
            line.contains(Long.toString(outcome.summary().totalAnswered()))));
        final String svg = Files.readString(reportDir.resolve(FinalReport.LATENCY_SVG));
        assertTrue(svg.startsWith("<svg") && svg.contains("<path"), "a plot with a curve");
        assertTrue(Files.readString(reportDir.resolve(FinalReport.REPORT_TXT)).contains("RESULT: PASSED"));
    }

    @Test
    void shouldFailVerificationAndListTheSubscriberWhenTheServerBalanceDiffers() throws Exception
    {
        ocs.accounts(MSISDN, 10, DEMO_BALANCE);
        final String victim = Long.toString(MSISDN + 3);
        ocs.hook((server, ccr, resultCode) ->
        {
            if (victim.equals(ccr.msisdn()) && CcRequestType.INITIAL_REQUEST == ccr.type())
            {
                server.adjust(victim, -7);
            }
        });

        final SimulatorRunner.Outcome outcome = run(options(10).count(40));

        assertEquals(SimulatorRunner.EXIT_FAILED, outcome.exitCode());
        final VerificationResult verification = outcome.verification();
        assertFalse(verification.passed());
        assertEquals(1, verification.differences().size(), verification.differences().toString());
        final VerificationResult.Difference difference = verification.differences().get(0);
        assertEquals(victim, difference.msisdn());
        assertEquals(-7, difference.deltaMinor());
        assertEquals(DEMO_BALANCE - difference.chargedMinor(), difference.expectedMinor());
        assertTrue(Files.readString(reportDir.resolve(FinalReport.VERIFICATION_TXT)).contains(victim));
        assertTrue(outcome.report().contains("RESULT: FAILED"));
        final Object json = MiniJson.parse(Files.readString(reportDir.resolve(FinalReport.SUMMARY_JSON)));
        assertEquals(Boolean.FALSE, MiniJson.at(json, "passed"));
        assertEquals(Boolean.FALSE, MiniJson.at(json, "verification.passed"));
    }

    @Test
    void shouldFailVerificationWhenMoneyMovesOnASubscriberTheRunNeverUsed() throws Exception
    {
        // One PGW session per connection (window 1, 4 requests each: I, U, U, T), so only subscribers 0 and 1 are
        // used, while the opening read covers 0..7. The fake books 7 minor units on subscriber 7 instead.
        ocs.accounts(MSISDN, 10, DEMO_BALANCE);
        final String bystander = Long.toString(MSISDN + 7);
        ocs.hook((server, ccr, resultCode) ->
        {
            if (Long.toString(MSISDN).equals(ccr.msisdn()) && CcRequestType.INITIAL_REQUEST == ccr.type())
            {
                server.adjust(bystander, -7);
            }
        });

        final SimulatorRunner.Outcome outcome = run(options(10).sessions(2).window(1).count(8).updates(2));

        assertEquals(SimulatorRunner.EXIT_FAILED, outcome.exitCode(), outcome.report());
        final VerificationResult verification = outcome.verification();
        assertEquals(VerificationResult.Status.FAILED, verification.status());
        assertEquals(8, verification.subscribersChecked(), "every subscriber whose opening balance was read");
        assertEquals(List.of(), verification.differences(), "the subscribers the run used add up");
        assertEquals(1, verification.untouchedChanged().size(), verification.untouchedChanged().toString());
        assertEquals(bystander, verification.untouchedChanged().get(0).msisdn());
        assertEquals(-7, verification.untouchedChanged().get(0).deltaMinor());
        assertTrue(outcome.report().contains("untouched by the run, but changed"), outcome.report());
        assertTrue(Files.readString(reportDir.resolve(FinalReport.VERIFICATION_TXT)).contains(bystander));
    }

    @Test
    void shouldNotPassVerificationWhenTheServerShedEveryInitialRequest() throws Exception
    {
        // Every CCR-I answered 3004: nothing opens, nothing is charged, every balance stays as it was. That is also
        // what a perfect run expecting nothing looks like, so it must not read as PASSED.
        ocs.accounts(MSISDN, 10, DEMO_BALANCE);
        ocs.answerBusy(Integer.MAX_VALUE);

        final SimulatorRunner.Outcome outcome = run(options(10).count(20));

        assertEquals(SimulatorRunner.EXIT_FAILED, outcome.exitCode(), outcome.report());
        assertEquals(0, outcome.summary().lostAnswers(), "the run itself was clean");
        assertEquals(20L, outcome.summary().resultCodes().get((int)ResultCode.TOO_BUSY));
        final VerificationResult verification = outcome.verification();
        assertEquals(VerificationResult.Status.VACUOUS, verification.status(), outcome.report());
        assertEquals(20, verification.sessionsStarted());
        assertEquals(0, verification.sessionsOpened());
        assertEquals(0, verification.expectedChargeMinor());
        assertTrue(verification.differences().isEmpty() && verification.untouchedChanged().isEmpty());
        assertTrue(outcome.report().contains("RESULT: FAILED (verification vacuous: the server opened only 0 of 20 " +
            "sessions"), outcome.report());
        final Object json = MiniJson.parse(Files.readString(reportDir.resolve(FinalReport.SUMMARY_JSON)));
        assertEquals(Boolean.FALSE, MiniJson.at(json, "passed"));
        assertEquals("VACUOUS", MiniJson.at(json, "verification.status"));
    }

    @Test
    void shouldStopAtTheLastGrantAfterFinalUnitIndicationAndStopTheServiceOnCreditLimit()
    {
        // 350 minor buys 3 MiB of the 10 MiB default grant: a final grant with FUI; afterwards 50 minor buys nothing.
        ocs.account(Long.toString(MSISDN), 350);

        final SimulatorRunner.Outcome outcome = run(new SimulatorOptions()
            .port(ocs.port()).connections(1).sessions(1).window(1).count(4).updates(2)
            .subscribers(new SubscriberRange(MSISDN, IMSI, 1)).reportDir(reportDir).quiet(true).verify(true));

        assertEquals(SimulatorRunner.EXIT_OK, outcome.exitCode(), outcome.report());
        final List<List<Ccr>> sessions = new ArrayList<>(bySession(ocs.received()).values());
        assertEquals(2, sessions.size());
        final List<Ccr> last = sessions.get(0);
        assertEquals(2, last.size(), "after FUI no CCR-U, straight to CCR-T: " + last);
        assertEquals(CcRequestType.TERMINATION_REQUEST, last.get(1).type());
        assertEquals(3 * MIB, last.get(1).usedUnits(), "the final grant is used up");
        final List<Ccr> noCredit = sessions.get(1);
        assertEquals(2, noCredit.size(), "4012 on the only service: CCR-T at once: " + noCredit);
        assertEquals(CcRequestType.TERMINATION_REQUEST, noCredit.get(1).type());
        assertEquals(0, noCredit.get(1).msccCount(), "nothing left to report");
        assertEquals(1, outcome.summary().counter(Counter.FINAL_UNITS));
        assertEquals(1, outcome.summary().counter(Counter.SERVICE_STOPPED));
        assertEquals(1L, outcome.summary().serviceResultCodes().get((int)ResultCode.CREDIT_LIMIT_REACHED));
        assertTrue(outcome.verification().passed(), outcome.report());
        assertEquals(50, ocs.balance(Long.toString(MSISDN)).balanceMinor());
    }

    @Test
    void shouldCountShedRequestsWithoutRetryingThem()
    {
        ocs.accounts(MSISDN, 10, DEMO_BALANCE);
        ocs.answerBusy(3);

        final SimulatorRunner.Outcome outcome = run(options(10).count(30));

        assertEquals(SimulatorRunner.EXIT_OK, outcome.exitCode(), outcome.report());
        assertEquals(3L, outcome.summary().resultCodes().get((int)ResultCode.TOO_BUSY));
        final List<Ccr> ccrs = ocs.received();
        final Map<String, List<Ccr>> sessions = bySession(ccrs);
        for (int i = 0; i < 3; i++)
        {
            final List<Ccr> shed = sessions.get(ccrs.get(i).sessionId());
            assertEquals(1, shed.size(), "a shed CCR-I is not retried and opens nothing: " + shed);
        }
        assertTrue(outcome.report().contains("3004"));
        assertTrue(outcome.verification().passed(), outcome.report());
    }

    @Test
    void shouldAnswerReAuthWithSuccessThenReportWithForcedReauthorisation() throws Exception
    {
        ocs.accounts(MSISDN, 10, DEMO_BALANCE);
        final AtomicReference<String> target = new AtomicReference<>();
        final CompletableFuture<Long> raa = new CompletableFuture<>();
        ocs.hook((server, ccr, resultCode) ->
        {
            if (CcRequestType.INITIAL_REQUEST == ccr.type() && target.compareAndSet(null, ccr.sessionId()))
            {
                server.send(CommandCode.RE_AUTH, ccr.sessionId()).whenComplete((code, error) -> raa.complete(code));
            }
        });

        final SimulatorRunner.Outcome outcome = run(options(10).count(30).updates(3));

        assertEquals(ResultCode.SUCCESS, raa.get(10, TimeUnit.SECONDS));
        final List<Ccr> session = ocs.received(target.get());
        assertTrue(session.stream().anyMatch(ccr -> CcRequestType.UPDATE_REQUEST == ccr.type() &&
            ReportingReason.FORCED_REAUTHORISATION == ccr.msccReportingReason() && ccr.hasRsu()),
            "a CCR-U with Reporting-Reason FORCED_REAUTHORISATION follows the RAR: " + session);
        assertEquals(CcRequestType.TERMINATION_REQUEST, session.get(session.size() - 1).type());
        assertEquals(1, outcome.summary().counter(Counter.SERVER_REAUTH));
        assertEquals(1, outcome.summary().counter(Counter.SERVER_TRIGGERED_REQUESTS));
        assertEquals(SimulatorRunner.EXIT_OK, outcome.exitCode(), outcome.report());
    }

    @Test
    void shouldAnswerAbortWithSuccessThenTerminateTheSession() throws Exception
    {
        ocs.accounts(MSISDN, 10, DEMO_BALANCE);
        final AtomicReference<String> target = new AtomicReference<>();
        final CompletableFuture<Long> asa = new CompletableFuture<>();
        ocs.hook((server, ccr, resultCode) ->
        {
            if (CcRequestType.INITIAL_REQUEST == ccr.type() && target.compareAndSet(null, ccr.sessionId()))
            {
                server.send(CommandCode.ABORT_SESSION, ccr.sessionId()).whenComplete((code, error) -> asa.complete(code));
            }
        });

        final SimulatorRunner.Outcome outcome = run(options(10).count(30).updates(3));

        assertEquals(ResultCode.SUCCESS, asa.get(10, TimeUnit.SECONDS));
        final List<Ccr> session = ocs.received(target.get());
        final Ccr last = session.get(session.size() - 1);
        assertEquals(CcRequestType.TERMINATION_REQUEST, last.type());
        assertEquals(TerminationCause.DIAMETER_ADMINISTRATIVE, last.terminationCause());
        assertTrue(session.size() <= 3, "at most the CCR-U already in flight before the CCR-T: " + session);
        assertEquals(1, outcome.summary().counter(Counter.SERVER_ABORT));
        assertEquals(SimulatorRunner.EXIT_OK, outcome.exitCode(), outcome.report());
        assertTrue(outcome.verification().passed());
    }

    @Test
    void shouldMixDataVoiceAndEventChargingAndStillConserveMoney()
    {
        ocs.accounts(MSISDN, 20, DEMO_BALANCE);

        final SimulatorRunner.Outcome outcome = run(options(20).count(120).mix(TrafficMix.parse("data=1,voice=1,event=1")));

        assertEquals(SimulatorRunner.EXIT_OK, outcome.exitCode(), outcome.report());
        final List<Ccr> ccrs = ocs.received();
        assertTrue(ccrs.stream().anyMatch(ccr -> 20 == ccr.ratingGroup() && ccr.hasUsu() &&
            (ccr.usedKinds() & ServiceUnits.TIME) != 0), "voice reports CC-Time on rating group 20");
        final List<Ccr> events = ccrs.stream().filter(ccr -> CcRequestType.EVENT_REQUEST == ccr.type()).toList();
        assertFalse(events.isEmpty());
        for (final Ccr event : events)
        {
            assertEquals(30, event.ratingGroup());
            assertEquals(RequestedAction.DIRECT_DEBITING, event.requestedAction());
            assertEquals(1, event.requestedUnits());
            assertEquals(0, event.number());
            assertEquals(1, ocs.received(event.sessionId()).size(), "an event is one request");
        }
        assertTrue(outcome.verification().passed(), outcome.report());
    }

    @Test
    void shouldReportUnknownSubscribersAsAVerificationFailure()
    {
        ocs.accounts(MSISDN, 5, DEMO_BALANCE);

        final SimulatorRunner.Outcome outcome = run(options(10).count(40));

        assertEquals(SimulatorRunner.EXIT_FAILED, outcome.exitCode());
        assertTrue(outcome.summary().resultCodes().get((int)ResultCode.USER_UNKNOWN) >= 5);
        final List<String> unknown = new ArrayList<>(outcome.verification().unknown());
        unknown.sort(null);
        assertEquals(List.of("491700000005", "491700000006", "491700000007", "491700000008", "491700000009"), unknown);
        assertTrue(outcome.verification().differences().isEmpty(), "known subscribers still add up");
    }
}
