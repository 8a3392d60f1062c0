package io.gyro.simulator.pgw;

import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterFrameDecoder;
import io.gyro.protocol.diameter.DiameterHeaderFlyweight;
import io.gyro.protocol.diameter.base.DeviceWatchdog;
import io.gyro.protocol.diameter.base.SessionRequest;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.CcRequestType;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.ReportingReason;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.TerminationCause;
import io.gyro.simulator.SimulatorOptions;
import io.gyro.simulator.SubscriberRange;
import io.gyro.simulator.report.ConnectionStats;
import io.gyro.simulator.report.Counter;
import io.gyro.simulator.report.RunReporter;
import io.gyro.simulator.report.RunSummary;
import io.gyro.simulator.verify.ExpectedCharges;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One PGW connection driven by hand through an {@link EmbeddedChannel} and an adjustable clock: every message and
 * every instant is the test's choice, so the state machine and the latency accounting are checked exactly, with
 * no sockets and no timing.
 */
class PgwConnectionTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MIB = 1_048_576;
    private static final SubscriberRange RANGE = new SubscriberRange(491_700_000_000L, 262_010_000_000_000L, 10);

    private final CachedNanoClock clock = new CachedNanoClock();
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private final ConnectionStats stats = new ConnectionStats(4);
    private ExpectedCharges charges;
    private PgwConnection connection;
    private EmbeddedChannel channel;

    private void connect(final UnaryOperator<SimulatorOptions> tune)
    {
        final SimulatorOptions options = tune.apply(new SimulatorOptions().connections(1).sessions(1).rate(1000)
            .updates(1).subscribers(RANGE)).conclude();
        charges = new ExpectedCharges(RANGE);
        connection = new PgwConnection(0, options, options.sessions(), Long.MAX_VALUE, 1_700_000_000L, charges, stats,
            clock, null);
        clock.update(0);
        channel = new EmbeddedChannel(new DiameterFrameDecoder(), connection);
        final ByteBuf cer = channel.readOutbound();
        assertEquals(CommandCode.CAPABILITIES_EXCHANGE, header(cer).commandCode());
        channel.writeInbound(DiameterTestMessages.cea(alloc, cer, ResultCode.SUCCESS));
        cer.release();
        assertTrue(connection.capabilities().isDone());
    }

    @AfterEach
    void close()
    {
        ByteBuf left;
        while (null != (left = channel.readOutbound()))
        {
            left.release();
        }
        channel.finishAndReleaseAll();
    }

    private static DiameterHeaderFlyweight header(final ByteBuf buffer)
    {
        return new DiameterHeaderFlyweight().wrap(buffer, buffer.readerIndex());
    }

    private ByteBuf sent()
    {
        final ByteBuf buffer = channel.readOutbound();
        assertTrue(null != buffer, "a message was sent");
        return buffer;
    }

    private Ccr sentCcr(final List<ByteBuf> keep)
    {
        final ByteBuf buffer = sent();
        keep.add(buffer);
        return Ccr.decode(buffer, buffer.readerIndex());
    }

    private void answer(final ByteBuf ccr, final long grantedOctets, final boolean finalUnits)
    {
        final Ccr request = Ccr.decode(ccr, ccr.readerIndex());
        final ByteBuf cca = CcRequestType.TERMINATION_REQUEST == request.type() ?
            DiameterTestMessages.cca(alloc, ccr, ResultCode.SUCCESS, -1, 0, -1, false) :
            DiameterTestMessages.cca(alloc, ccr, ResultCode.SUCCESS, ResultCode.SUCCESS, ServiceUnits.TOTAL_OCTETS,
                grantedOctets, finalUnits);
        channel.writeInbound(cca);
    }

    private static void releaseAll(final List<ByteBuf> buffers)
    {
        for (final ByteBuf buffer : buffers)
        {
            buffer.release();
            assertEquals(0, buffer.refCnt());
        }
        buffers.clear();
    }

    private RunSummary summary(final long endNs)
    {
        try (RunReporter reporter = new RunReporter(List.of(stats), new DiameterLabels(), null, null))
        {
            reporter.start(0, 0);
            return reporter.finish(endNs);
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static void assertEquivalent(final Histogram histogram, final long expectedNs, final long actualNs)
    {
        assertTrue(histogram.valuesAreEquivalent(expectedNs, actualNs), "expected ~" + expectedNs + " ns, was " + actualNs);
    }

    @Test
    void shouldMeasureLatencyFromTheIntendedSendTimeWhenTheServerHoldsUpTheSchedule()
    {
        connect(options -> options);
        final List<ByteBuf> keep = new ArrayList<>();

        connection.start(0);
        final Ccr initial = sentCcr(keep);
        assertEquals(CcRequestType.INITIAL_REQUEST, initial.type());

        // The server takes 5 ms; CCR-U was due at 1 ms, so it leaves late, at 5 ms, carrying its intended time.
        clock.update(5 * MS);
        answer(keep.get(0), 10 * MIB, false);
        final Ccr update = sentCcr(keep);
        assertEquals(CcRequestType.UPDATE_REQUEST, update.type());

        clock.update(6 * MS);
        answer(keep.get(1), 10 * MIB, false);
        final Ccr termination = sentCcr(keep);
        assertEquals(CcRequestType.TERMINATION_REQUEST, termination.type());

        clock.update(6 * MS + 500_000);
        answer(keep.get(2), 0, false);
        final Ccr nextSession = sentCcr(keep);
        assertEquals(CcRequestType.INITIAL_REQUEST, nextSession.type(), "the slot starts its next session, also late");
        assertFalse(nextSession.sessionId().equals(initial.sessionId()));
        releaseAll(keep);

        final RunSummary summary = summary(7 * MS);
        final Histogram initialTimes = summary.responseTime(DiameterLabels.INITIAL);
        final Histogram updateTimes = summary.responseTime(DiameterLabels.UPDATE);
        final Histogram terminationTimes = summary.responseTime(DiameterLabels.TERMINATION);
        assertEquivalent(initialTimes, 5 * MS, initialTimes.getMaxValue());
        assertEquivalent(updateTimes, 5 * MS, updateTimes.getMaxValue());
        assertEquivalent(terminationTimes, 4 * MS + 500_000, terminationTimes.getMaxValue());
        final Histogram service = summary.serviceTime();
        assertEquals(3, service.getTotalCount());
        assertEquivalent(service, 500_000, service.getMinValue());
        assertEquivalent(service, 5 * MS, service.getMaxValue());
        assertEquals(4 * MS, summary.counter(Counter.MAX_SEND_LAG_NS), "CCR-U and CCR-T each left 4 ms late");
        assertEquals(1, summary.counter(Counter.IN_FLIGHT), "the next session's CCR-I");
    }

    @Test
    void shouldSendEveryRequestThatCameDueSinceTheLastTick()
    {
        connect(options -> options.sessions(5));
        connection.start(0);
        releaseAll(new ArrayList<>(List.of(sent())));
        assertNull(channel.readOutbound(), "only the request due at 0 ms");

        clock.update(3 * MS + 100_000);
        connection.onTick(clock.nanoTime());
        final List<ByteBuf> keep = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            assertEquals(CcRequestType.INITIAL_REQUEST, sentCcr(keep).type());
        }
        assertNull(channel.readOutbound(), "requests due at 1, 2 and 3 ms; the one at 4 ms is not due");
        releaseAll(keep);
        assertEquals(4, stats.sentCount(DiameterLabels.INITIAL));
        assertEquals(2 * MS + 100_000, stats.get(Counter.MAX_SEND_LAG_NS), "the 1 ms request left at 3.1 ms");
    }

    @Test
    void shouldMeasureFromTheActualSendInClosedLoop()
    {
        connect(options -> options.rate(0).window(1));
        final List<ByteBuf> keep = new ArrayList<>();
        clock.update(10 * MS);
        connection.start(0);
        sentCcr(keep);
        clock.update(12 * MS);
        answer(keep.get(0), 10 * MIB, false);
        sentCcr(keep);
        releaseAll(keep);

        final RunSummary summary = summary(13 * MS);
        assertEquivalent(summary.responseTime(), 2 * MS, summary.responseTime().getMaxValue());
        assertEquals(0, summary.counter(Counter.MAX_SEND_LAG_NS));
    }

    @Test
    void shouldAnswerAReAuthThatCrossesTheInitialRequestAndReauthoriseRightAfterItsAnswer()
    {
        connect(options -> options);
        final List<ByteBuf> keep = new ArrayList<>();
        connection.start(0);
        final Ccr initial = sentCcr(keep);

        channel.writeInbound(DiameterTestMessages.sessionRequest(alloc, CommandCode.RE_AUTH, initial.sessionId(),
            connection.originHost(), 0x1234));
        final ByteBuf raa = sent();
        final SessionRequest decoded = SessionRequest.decode(raa, raa.readerIndex());
        assertEquals(CommandCode.RE_AUTH, decoded.commandCode());
        assertFalse(header(raa).isRequest());
        assertEquals(0x1234, header(raa).hopByHopId());
        assertEquals(ResultCode.SUCCESS, decoded.resultCode());
        raa.release();
        assertNull(channel.readOutbound(), "the CCR-I is still in flight: the re-authorisation waits for its answer");

        answer(keep.get(0), 10 * MIB, false);
        final Ccr forced = sentCcr(keep);
        assertEquals(CcRequestType.UPDATE_REQUEST, forced.type());
        assertEquals(ReportingReason.FORCED_REAUTHORISATION, forced.msccReportingReason());
        assertTrue(forced.hasRsu() && forced.rsuEmpty());
        assertTrue(forced.usedUnits() >= 5 * MIB && forced.usedUnits() <= 10 * MIB);
        assertEquals(1, stats.get(Counter.SERVER_TRIGGERED_REQUESTS), "sent at once, not when the pacer allowed");
        releaseAll(keep);
    }

    @Test
    void shouldReauthoriseAnOpenSessionAtOnce()
    {
        connect(options -> options.updates(3));
        final List<ByteBuf> keep = new ArrayList<>();
        connection.start(0);
        final Ccr initial = sentCcr(keep);
        answer(keep.get(0), 10 * MIB, false);
        assertNull(channel.readOutbound(), "the next CCR-U is due at 1 ms");

        channel.writeInbound(DiameterTestMessages.sessionRequest(alloc, CommandCode.RE_AUTH, initial.sessionId(),
            connection.originHost(), 7));
        sent().release();
        final Ccr forced = sentCcr(keep);
        assertEquals(CcRequestType.UPDATE_REQUEST, forced.type());
        assertEquals(ReportingReason.FORCED_REAUTHORISATION, forced.msccReportingReason());
        releaseAll(keep);
    }

    @Test
    void shouldAnswerAnAbortAndTerminateAfterTheUpdateInFlight()
    {
        connect(options -> options.updates(3));
        final List<ByteBuf> keep = new ArrayList<>();
        connection.start(0);
        final Ccr initial = sentCcr(keep);
        clock.update(MS);
        answer(keep.get(0), 10 * MIB, false);
        assertEquals(CcRequestType.UPDATE_REQUEST, sentCcr(keep).type());

        channel.writeInbound(DiameterTestMessages.sessionRequest(alloc, CommandCode.ABORT_SESSION, initial.sessionId(),
            connection.originHost(), 8));
        final ByteBuf asa = sent();
        assertEquals(ResultCode.SUCCESS, SessionRequest.decode(asa, asa.readerIndex()).resultCode());
        assertEquals(CommandCode.ABORT_SESSION, header(asa).commandCode());
        asa.release();

        answer(keep.get(1), 10 * MIB, false);
        final Ccr termination = sentCcr(keep);
        assertEquals(CcRequestType.TERMINATION_REQUEST, termination.type());
        assertEquals(TerminationCause.DIAMETER_ADMINISTRATIVE, termination.terminationCause());
        assertEquals(2, termination.number());
        releaseAll(keep);
    }

    @Test
    void shouldAnswerRequestsForUnknownSessionsWithUnknownSessionId()
    {
        connect(options -> options);
        channel.writeInbound(DiameterTestMessages.sessionRequest(alloc, CommandCode.RE_AUTH,
            "pgw1.sim.gyro;1700000000;0000000042;0000000", connection.originHost(), 9));
        final ByteBuf raa = sent();
        assertEquals(ResultCode.UNKNOWN_SESSION_ID, SessionRequest.decode(raa, raa.readerIndex()).resultCode());
        raa.release();
        assertEquals(1, stats.get(Counter.SERVER_UNKNOWN_SESSION));
    }

    @Test
    void shouldTerminateWithTheWholeFinalGrantAfterAFinalUnitIndication()
    {
        connect(options -> options.updates(5));
        final List<ByteBuf> keep = new ArrayList<>();
        connection.start(0);
        sentCcr(keep);
        clock.update(2 * MS);
        answer(keep.get(0), 3 * MIB, true);
        final Ccr next = sentCcr(keep);
        assertEquals(CcRequestType.TERMINATION_REQUEST, next.type(), "no CCR-U after the final grant");
        assertEquals(3 * MIB, next.usedUnits());
        assertEquals(1, stats.get(Counter.FINAL_UNITS));
        releaseAll(keep);
    }

    @Test
    void shouldStopTheServiceWhenItsMultipleServicesAnswerIsCreditLimitReached()
    {
        connect(options -> options.updates(5));
        final List<ByteBuf> keep = new ArrayList<>();
        connection.start(0);
        sentCcr(keep);
        clock.update(2 * MS);
        channel.writeInbound(DiameterTestMessages.cca(alloc, keep.get(0), ResultCode.SUCCESS,
            ResultCode.CREDIT_LIMIT_REACHED, ServiceUnits.TOTAL_OCTETS, -1, false));
        final Ccr next = sentCcr(keep);
        assertEquals(CcRequestType.TERMINATION_REQUEST, next.type());
        assertEquals(0, next.msccCount(), "the stopped service has nothing to report");
        assertEquals(1, stats.get(Counter.SERVICE_STOPPED));
        assertEquals(1, stats.serviceResultCodeCount((int)ResultCode.CREDIT_LIMIT_REACHED));
        releaseAll(keep);
    }

    @Test
    void shouldTimeOutUnansweredRequestsAndDropTheirLateAnswers()
    {
        connect(options -> options.timeout(Duration.ofSeconds(2)));
        final List<ByteBuf> keep = new ArrayList<>();
        connection.start(0);
        final Ccr initial = sentCcr(keep);

        clock.update(TimeUnit.SECONDS.toNanos(3));
        connection.onTick(clock.nanoTime());
        assertEquals(1, stats.get(Counter.TIMEOUTS));
        assertEquals(1, stats.get(Counter.SESSIONS_LEFT_OPEN), "the server may hold that session until its Tcc");
        assertTrue(charges.isUncertain(0));
        final Ccr next = sentCcr(keep);
        assertEquals(CcRequestType.INITIAL_REQUEST, next.type(), "the slot moves on to a new session");
        assertFalse(next.sessionId().equals(initial.sessionId()));

        answer(keep.get(0), 10 * MIB, false);
        assertEquals(1, stats.get(Counter.UNMATCHED_ANSWERS), "the late CCA finds no request");
        assertEquals(0, stats.answeredCount(DiameterLabels.INITIAL));
        releaseAll(keep);
    }

    @Test
    void shouldSendAWatchdogWhenIdleAndAnswerTheServers()
    {
        connect(options -> options.watchdog(Duration.ofSeconds(6)));
        clock.update(TimeUnit.SECONDS.toNanos(7));
        connection.onTick(clock.nanoTime());
        final ByteBuf dwr = sent();
        assertEquals(CommandCode.DEVICE_WATCHDOG, header(dwr).commandCode());
        assertTrue(header(dwr).isRequest());
        channel.writeInbound(DiameterTestMessages.dwa(alloc, dwr));
        dwr.release();
        assertEquals(1, stats.get(Counter.WATCHDOG_SENT));

        final ByteBuf serverDwr = alloc.buffer(128);
        new DeviceWatchdog(DiameterTestMessages.SERVER_HOST, DiameterTestMessages.SERVER_REALM, 1, -1)
            .encodeRequest(new DiameterEncoder().wrap(serverDwr), 77, 77);
        channel.writeInbound(serverDwr);
        final ByteBuf dwa = sent();
        assertFalse(header(dwa).isRequest());
        assertEquals(77, header(dwa).hopByHopId());
        assertEquals(ResultCode.SUCCESS, DeviceWatchdog.decode(dwa, dwa.readerIndex()).resultCode());
        dwa.release();
    }

    @Test
    void shouldDrainByTerminatingOpenSessionsAndStartingNoNewOnes()
    {
        connect(options -> options.rate(0).window(2).sessions(2).updates(5));
        final List<ByteBuf> keep = new ArrayList<>();
        connection.start(0);
        sentCcr(keep);
        sentCcr(keep);
        answer(keep.get(0), 10 * MIB, false);
        final Ccr update = sentCcr(keep);
        assertEquals(CcRequestType.UPDATE_REQUEST, update.type());

        connection.beginDrain();
        assertFalse(connection.drained().isDone());
        answer(keep.get(1), 10 * MIB, false);
        assertEquals(CcRequestType.TERMINATION_REQUEST, sentCcr(keep).type(), "open session 2 ends");
        answer(keep.get(2), 10 * MIB, false);
        assertEquals(CcRequestType.TERMINATION_REQUEST, sentCcr(keep).type(), "session 1 ends after its update");
        answer(keep.get(3), 0, false);
        answer(keep.get(4), 0, false);
        assertNull(channel.readOutbound(), "no new session after the drain");
        assertTrue(connection.drained().isDone());
        assertEquals(2, stats.get(Counter.SESSIONS_ENDED));
        assertEquals(0, stats.get(Counter.SESSIONS_LEFT_OPEN));
        releaseAll(keep);
    }
}
